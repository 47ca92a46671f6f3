/**
 * Each option is bound to its rule and its default in the registry
 * (src/cli/options.ts), and `read` is the one way a command takes a value.
 * Every rule names where the value came from (the flag, or the environment
 * variable), and a default written in the help is the one the command uses.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMAND_OPTIONS, type CliOption, endpoints, OPTION, read } from '../../src/cli/options.js';
import { UsageError } from '../../src/cli/usage.js';
import { DEFAULT_STABILITY_LEVEL } from '../../src/diff/lifecycle.js';
import { cli } from './run.js';

/** Options whose value is a file, checked by opening it (outArg, readBaseline, readHar), not by a rule. */
const FILES = new Set(['out', 'baseline', 'update-baseline', 'evidence', 'har']);
/** Taken as given: any text is a scope. */
const FREE_TEXT = new Set(['scope']);
/** complete's --callback-url: held to the client's own callback rules, which depend on --allow-private-callback-hosts. */
const CHECKED_BY_CLIENT: ReadonlySet<CliOption> = new Set([OPTION.callbackUrl]);

const valued: readonly CliOption[] = Object.values(OPTION).filter((o: CliOption) => o.type === 'string');
const BAD = 'bad value\u0001';

describe('the registry binds each option to its rule', () => {
  it('every option that takes a value has a rule, or is a file opened as it is used', () => {
    const unbound = valued
      .filter((o: CliOption) => !o.read && !FILES.has(o.flag) && !CHECKED_BY_CLIENT.has(o))
      .map((o) => o.flag);
    expect(unbound).toEqual([]);
  });

  it.each(valued.filter((o: CliOption) => o.read && !FREE_TEXT.has(o.flag)).map((o) => [o.flag, o] as const))(
    '--%s: a bad value is refused with one line that names the flag',
    (flag, option) => {
      const run = () => read(option as CliOption & { read: NonNullable<CliOption['read']> }, { [flag]: BAD }, {});
      expect(run).toThrow(UsageError);
      expect(run).toThrow(new RegExp(`^--${flag} `));
    },
  );

  it.each(valued.filter((o: CliOption) => o.read && o.env && !FREE_TEXT.has(o.flag)).map((o) => [o.env!, o] as const))(
    '%s: the variable stands in for the flag, held to the same rule, and is named',
    (variable, option) => {
      const run = () => read(option as CliOption & { read: NonNullable<CliOption['read']> }, {}, { [variable]: BAD });
      expect(run).toThrow(new RegExp(`^${variable} `));
    },
  );

  it('the flag wins over the variable, the variable over the default; an empty variable is unset', () => {
    const env = { CONNECT_BASE_URL: 'http://127.0.0.1:1/capi' };
    expect(endpoints({ 'base-url': 'http://127.0.0.1:2/capi' }, env).baseUrl).toBe('http://127.0.0.1:2/capi');
    expect(endpoints({}, env).baseUrl).toBe('http://127.0.0.1:1/capi');
    expect(endpoints({}, { CONNECT_BASE_URL: '' }).baseUrl).toBe(OPTION.baseUrl.default);
    expect(() => endpoints({}, { CONNECT_TOKEN_URL: 'ftp://x/token' })).toThrow(/^CONNECT_TOKEN_URL must be/);
  });

  it("CONNECT_SCOPE='' is a value (ask for no scope); unset, the spec's", () => {
    expect(read(OPTION.scope, {}, { CONNECT_SCOPE: '' })).toBe('');
    expect(read(OPTION.scope, {}, {})).toBeUndefined();
  });

  it("every option's default named in its help is the default it reads", () => {
    for (const list of Object.values(COMMAND_OPTIONS))
      for (const option of list as readonly CliOption[]) {
        if (option.default === undefined || typeof option.default === 'string') continue;
        const help = option.help.join(' ');
        const named = /default (\d+)[,)]/.exec(help)?.[1];
        if (named !== undefined) expect(Number(named), option.flag).toBe(option.default);
      }
    expect(read(OPTION.stabilityLevel, {}, {})).toBe(DEFAULT_STABILITY_LEVEL);
    expect(OPTION.stabilityLevel.help.join(' ')).toContain(`default ${DEFAULT_STABILITY_LEVEL}`);
  });
});

describe('diff judges from the stability level its help names, without the flag', () => {
  let dir: string;
  const spec = (level: string, required: boolean) => ({
    openapi: '3.1.0',
    info: { title: 'levels', version: '1' },
    paths: {
      '/orders': {
        post: {
          'x-stability-level': level,
          requestBody: {
            required: true,
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  properties: { id: { type: 'string' } },
                  ...(required ? { required: ['id'] } : {}),
                },
              },
            },
          },
          responses: { 200: { description: 'ok' } },
        },
      },
    },
  });
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cf-options-'));
    await writeFile(join(dir, 'old.json'), JSON.stringify(spec('alpha', false)));
    await writeFile(join(dir, 'new.json'), JSON.stringify(spec('alpha', true)));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('an alpha operation made stricter is not judged by default (beta and up, as oasdiff), and is with --stability-level draft', async () => {
    const old = join(dir, 'old.json');
    const next = join(dir, 'new.json');
    const byDefault = await cli(['diff', old, next, '--format', 'json']);
    expect(byDefault.code, byDefault.stderr).toBe(0);
    const all = await cli(['diff', old, next, '--format', 'json', '--stability-level', 'draft']);
    expect(all.code, all.stderr).toBe(1);
    expect(JSON.parse(all.stdout).changes.map((c: { id: string }) => c.id)).toContain(
      'request-property-became-required',
    );
  });
});
