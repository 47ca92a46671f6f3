/**
 * Where the contract runs: the embedded Prism mock, or a live upstream named
 * by environment variables. Missing configuration is reported before any I/O.
 */
import { printable } from '../core/sanitize.js';
import { httpUrlProblem } from '../core/url.js';

export type TargetKind = 'mock' | 'live';

export interface ContractTarget {
  readonly kind: TargetKind;
  /** Connect's base URL, e.g. https://api.mediaconnect.no/capi. */
  readonly baseUrl: string;
  /** The full token endpoint URL. */
  readonly tokenUrl: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** The `scope` token requests ask for; undefined: the spec's required scopes, '' none. */
  readonly scope?: string;
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

/** What a command line says, winning over the environment; and where the URLs default to. */
export interface TargetOverrides {
  readonly baseUrl?: string | undefined;
  readonly tokenUrl?: string | undefined;
  readonly scope?: string | undefined;
  readonly probeOrderId?: number | undefined;
  /** Used when neither a flag nor the environment names the URLs (the spec's servers, for drift). */
  readonly defaults?: { readonly baseUrl: string; readonly tokenUrl: string };
  /** Whether CONNECT_FULFILL_ORDER_ID is honoured. drift never fulfils. @default true */
  readonly allowFulfill?: boolean;
}

/** The environment the target is read from: `process.env` by default; declared without @types/node, which TypeScript 6+ does not load unasked. */
export type Environment = Readonly<Record<string, string | undefined>>;

function orderIdVar(env: Environment, name: string, problems: string[]): number | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  const value = Number(raw);
  if (!/^[1-9]\d*$/.test(raw) || !Number.isSafeInteger(value)) {
    problems.push(`${name} must be a positive integer order id, got ${printable(JSON.stringify(raw), 60)}`);
  }
  return value;
}

/**
 * The live target from CONNECT_* variables and the overrides; throws
 * TargetConfigError naming every missing or bad one, before any I/O.
 * CONNECT_SCOPE set to '' asks for no scope; unset, the spec's.
 */
export function liveTargetFromEnv(env: Environment = process.env, overrides: TargetOverrides = {}): ContractTarget {
  const problems: string[] = [];
  const need = (name: string, flag: string | undefined, fallback?: string): string => {
    const value = flag ?? (env[name] || fallback);
    if (!value) problems.push(`${name} is not set`);
    return value ?? '';
  };
  const baseUrl = need('CONNECT_BASE_URL', overrides.baseUrl, overrides.defaults?.baseUrl);
  const tokenUrl = need('CONNECT_TOKEN_URL', overrides.tokenUrl, overrides.defaults?.tokenUrl);
  const clientId = need('CONNECT_CLIENT_ID', undefined);
  const clientSecret = need('CONNECT_CLIENT_SECRET', undefined);
  for (const [name, value] of [
    ['CONNECT_BASE_URL', baseUrl],
    ['CONNECT_TOKEN_URL', tokenUrl],
  ] as const) {
    const problem = value ? httpUrlProblem(name, value) : undefined;
    if (problem) problems.push(problem);
  }
  const probeOrderId = overrides.probeOrderId ?? orderIdVar(env, 'CONNECT_PROBE_ORDER_ID', problems);
  const fulfillOrderId =
    overrides.allowFulfill === false ? undefined : orderIdVar(env, 'CONNECT_FULFILL_ORDER_ID', problems);
  const scope = overrides.scope ?? env.CONNECT_SCOPE;
  if (problems.length > 0) throw new TargetConfigError(problems);
  return {
    kind: 'live',
    baseUrl: baseUrl.replace(/\/+$/, ''),
    tokenUrl,
    clientId,
    clientSecret,
    ...(scope === undefined ? {} : { scope }),
    ...(probeOrderId === undefined ? {} : { probeOrderId }),
    ...(fulfillOrderId === undefined ? {} : { fulfillOrderId }),
  };
}
