/**
 * Where the contract runs: the embedded Prism mock, or a live upstream named
 * by environment variables. Missing configuration is reported before any I/O.
 */
export type TargetKind = 'mock' | 'live';

export interface ContractTarget {
  readonly kind: TargetKind;
  /** Connect's base URL, e.g. https://api.mediaconnect.no/capi. */
  readonly baseUrl: string;
  /** The full token endpoint URL. */
  readonly tokenUrl: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** An order id that does not exist: lets probes carry an id with no risk of fulfilling anything. */
  readonly probeOrderId?: number;
  /** An order to fulfil for real (sends a message to a customer). Only when named explicitly. */
  readonly fulfillOrderId?: number;
}

/** The live target's configuration is missing or malformed: the run cannot start. */
export class TargetConfigError extends Error {
  override readonly name = 'TargetConfigError' as const;
  constructor(readonly problems: readonly string[]) {
    super(`The live contract target is not configured:\n  ${problems.join('\n  ')}`);
  }
}

const orderIdVar = (env: NodeJS.ProcessEnv, name: string, problems: string[]): number | undefined => {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(value))
    problems.push(`${name} must be a positive integer order id, got ${JSON.stringify(raw)}`);
  return value;
};

/** Reads the live target from CONNECT_* variables; throws TargetConfigError naming every missing or bad one. */
export function liveTargetFromEnv(
  env: NodeJS.ProcessEnv = process.env,
  defaults: Partial<Pick<ContractTarget, 'baseUrl' | 'tokenUrl'>> = {},
): ContractTarget {
  const problems: string[] = [];
  const need = (name: string, fallback?: string): string => {
    const value = env[name] || fallback;
    if (!value) problems.push(`${name} is not set`);
    return value ?? '';
  };
  const baseUrl = need('CONNECT_BASE_URL', defaults.baseUrl);
  const tokenUrl = need('CONNECT_TOKEN_URL', defaults.tokenUrl);
  const clientId = need('CONNECT_CLIENT_ID');
  const clientSecret = need('CONNECT_CLIENT_SECRET');
  for (const [name, value] of [
    ['CONNECT_BASE_URL', baseUrl],
    ['CONNECT_TOKEN_URL', tokenUrl],
  ] as const) {
    if (value && !/^https?:\/\/[^/]/.test(value))
      problems.push(`${name} must be an absolute http(s) URL, got ${JSON.stringify(value)}`);
  }
  const probeOrderId = orderIdVar(env, 'CONNECT_PROBE_ORDER_ID', problems);
  const fulfillOrderId = orderIdVar(env, 'CONNECT_FULFILL_ORDER_ID', problems);
  if (problems.length > 0) throw new TargetConfigError(problems);
  return {
    kind: 'live',
    baseUrl: baseUrl.replace(/\/+$/, ''),
    tokenUrl,
    clientId,
    clientSecret,
    ...(probeOrderId === undefined ? {} : { probeOrderId }),
    ...(fulfillOrderId === undefined ? {} : { fulfillOrderId }),
  };
}
