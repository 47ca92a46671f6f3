/**
 * The package as another repo uses it: packed with `npm pack`, installed with
 * `npm ci` into a fresh project with only its production dependencies
 * (offline, from npm's cache), every entry point imported from ESM and
 * required from CommonJS, compiled with tsc --strict, run against the Prism
 * mock, checked by arethetypeswrong, its command run with npx. Its specs fed
 * to generators this project does not use: slow-tests/generators.test.ts
 * (`npm run test:slow`, run by .ci/run).
 */
import { execFile, spawn } from 'node:child_process';
import { open, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { INSTALL_LIFECYCLE } from '../../scripts/pack.js';
import { type ConsumerProject, consumerProject, packagedSpec } from '../helpers/consumer.js';
import { ESM_CONSUMER, MSW_OUTCOMES, mswConsumer } from '../helpers/consumer-code.js';

const exec = promisify(execFile);
let project: ConsumerProject | undefined;
let dir: string;
let env: Record<string, string>;
let packed: readonly { path: string }[];
let tsc: ConsumerProject['tsc'];
let installed: { scripts?: Record<string, string>; name: string; bin: unknown };
let npmWarnings: string;

beforeAll(async () => {
  // What the consumer's own code needs: a compiler, openapi-typescript, msw and vitest for the README's examples.
  project = await consumerProject(['typescript', 'openapi-typescript', '@types/node', 'msw', 'vitest']);
  ({ dir, env, packed, npmWarnings, tsc } = project);
  installed = JSON.parse(await readFile(join(dir, 'node_modules/connect-fulfillment/package.json'), 'utf8'));
}, 120_000);

afterAll(async () => {
  await project?.close();
});

describe('the packed package, in a fresh consumer project', () => {
  it("asks nothing of the consumer's npm: no lifecycle script in the installed manifest, no install-script line from npm", () => {
    expect(installed.name).toBe('connect-fulfillment');
    expect(installed.bin).toEqual({ 'connect-fulfillment': 'bin/connect-fulfillment.js' });
    expect(
      Object.keys(installed.scripts ?? {}).filter((s) => (INSTALL_LIFECYCLE as readonly string[]).includes(s)),
    ).toEqual([]);
    expect(installed).not.toHaveProperty('devDependencies');
    expect(installed).not.toHaveProperty('allowScripts');
    // npm 11.16+ names every dependency whose install scripts allowScripts does not cover; npm 12 names the blocked ones.
    expect(npmWarnings.split('\n').filter((l) => /install-scripts|allowScripts|prepare/i.test(l))).toEqual([]);
  });

  it('ships only what consumers need: no tests, reports, scripts or TypeScript sources', () => {
    const paths = packed.map((f) => f.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'package.json',
        'bin/connect-fulfillment.js',
        'dist/src/index.js',
        'dist/src/index.d.ts',
        'spec/connect-fulfillment.openapi.yaml',
        'generated/spec/connect-fulfillment.openapi.json',
        'CHANGELOG.md',
      ]),
    );
    expect(
      paths.filter((p) =>
        /^(test|contract-tests|reports|scripts|bench|docs|examples|src|\.ci)\/|\.test\.|\.map$|^generated\/.*\.ts$/.test(
          p,
        ),
      ),
    ).toEqual([]);
    // Nothing else: every file is under one of the published roots.
    expect(
      paths.filter(
        (p) =>
          !/^(dist\/src\/|dist\/generated\/|bin\/|spec\/[^/]+\.yaml$|generated\/spec\/|(package\.json|README\.md|CHANGELOG\.md|LICENSE)$)/.test(
            p,
          ),
      ),
    ).toEqual([]);
  });

  it('an ESM TypeScript file compiles under tsc --strict (nodenext) and runs against the Prism mock', async () => {
    await writeFile(join(dir, 'consumer.ts'), ESM_CONSUMER);
    await tsc(['--module', 'nodenext', '--moduleResolution', 'nodenext', '--outDir', 'out', 'consumer.ts']);
    const { stdout } = await exec(process.execPath, ['out/consumer.js'], { cwd: dir, env });
    expect(JSON.parse(stdout)).toEqual({
      status: 'OK',
      error: 'OutcomeUnknownError',
      retryAfter: null,
      title: 'Connect API - Fulfillment',
    });
  });

  it('connect-fulfillment/msw with msw 2: every outcome settles the client, no other process, tsc --strict', async () => {
    await writeFile(join(dir, 'msw-consumer.ts'), mswConsumer(2));
    await tsc(['--module', 'nodenext', '--moduleResolution', 'nodenext', '--outDir', 'out', 'msw-consumer.ts']);
    const { stdout } = await exec(process.execPath, ['out/msw-consumer.js'], { cwd: dir });
    expect(JSON.parse(stdout)).toEqual(MSW_OUTCOMES);
  });

  it("the README's msw example runs with vitest in the consumer project, and compiles under tsc --strict", async () => {
    const readme = await readFile('README.md', 'utf8');
    const section = readme.slice(readme.indexOf('## Testing your integration without a server'));
    const example = /```ts\n([\s\S]*?)```/.exec(section)![1]!;
    await writeFile(join(dir, 'readme.test.ts'), example);
    await tsc(['--module', 'nodenext', '--moduleResolution', 'nodenext', '--noEmit', 'readme.test.ts']);
    // The report goes to a file: vitest 5 also prints where it wrote it on stdout.
    await exec(
      process.execPath,
      [
        join(dir, 'node_modules/vitest/vitest.mjs'),
        'run',
        'readme.test.ts',
        '--reporter',
        'json',
        '--outputFile',
        'readme-vitest.json',
      ],
      { cwd: dir },
    ).catch((error: { stdout: string; stderr: string }) => {
      throw new Error(
        `vitest failed in the consumer project:\n${error.stdout.slice(0, 3000)}\n${error.stderr.slice(0, 3000)}`,
      );
    });
    const report = JSON.parse(await readFile(join(dir, 'readme-vitest.json'), 'utf8')) as {
      numPassedTests: number;
      numFailedTests: number;
    };
    expect(report).toMatchObject({ numPassedTests: 2, numFailedTests: 0 });
  });

  it('the same types resolve under moduleResolution bundler', async () => {
    await writeFile(join(dir, 'bundler.ts'), ESM_CONSUMER);
    await tsc(['--module', 'esnext', '--moduleResolution', 'bundler', '--noEmit', 'bundler.ts']);
  });

  it('a CommonJS file requires the package and makes the same call', async () => {
    await writeFile(
      join(dir, 'consumer.cjs'),
      `
const { createFulfillmentClient, ApiError } = require('connect-fulfillment');
const client = createFulfillmentClient({ clientId: 'consumer', clientSecret: 'consumer-secret', baseUrl: process.env.CONNECT_BASE_URL, tokenUrl: process.env.CONNECT_TOKEN_URL });
client.completeOrder({ orderId: 14 }).then((result) => console.log(JSON.stringify({ status: result.fulfillmentStatus, apiError: typeof ApiError })));
`,
    );
    const { stdout } = await exec(process.execPath, ['consumer.cjs'], { cwd: dir, env });
    expect(JSON.parse(stdout)).toEqual({ status: 'OK', apiError: 'function' });
  });

  it("openapi-typescript run on the packaged spec gives types the consumer's code compiles against", async () => {
    await exec(
      process.execPath,
      [
        join(dir, 'node_modules/openapi-typescript/bin/cli.js'),
        'node_modules/connect-fulfillment/spec/connect-fulfillment.openapi.yaml',
        '-o',
        'own-types.ts',
      ],
      { cwd: dir },
    );
    await writeFile(
      join(dir, 'own.ts'),
      `
import { createFulfillmentClient, type CompleteOrderResponse } from 'connect-fulfillment';
import type { paths } from './own-types.js';
type Body = paths['/v1/client/order/fulfillment']['post']['requestBody']['content']['application/json'];
type Ok = paths['/v1/client/order/fulfillment']['post']['responses'][200]['content']['application/json'];
const body: Body = { orderId: 14, callbackUrl: 'https://shop.example.com/cb' };
const client = createFulfillmentClient({ clientId: 'a', clientSecret: 'b' });
export const result: Promise<Ok> = client.completeOrder(body);
export const same: CompleteOrderResponse = null as unknown as Ok;
`,
    );
    await tsc(['--module', 'nodenext', '--moduleResolution', 'nodenext', '--noEmit', 'own.ts']);
  });

  it('npx connect-fulfillment --help runs from the consumer project', async () => {
    const { stdout } = await exec('npx', ['--no-install', 'connect-fulfillment', '--help'], {
      cwd: dir,
      env: { ...env, npm_config_offline: 'true' },
    });
    expect(stdout).toMatch(/^ {2}drift +probe a live upstream/m);
  });

  it('npx connect-fulfillment diff runs its worker from the installed package: the YAML spec against its JSON bundle', async () => {
    const { stdout } = await exec(
      'npx',
      [
        '--no-install',
        'connect-fulfillment',
        'diff',
        packagedSpec('connect-fulfillment'),
        'node_modules/connect-fulfillment/generated/spec/connect-fulfillment.openapi.json',
      ],
      { cwd: dir, env: { ...env, npm_config_offline: 'true' } },
    );
    expect(stdout).toContain('0 breaking, 0 warnings, 0 info');
  });
});

/** Every entry of package.json `exports`, each used once: from ESM by `import`, from CommonJS by `require`. */
const ENTRIES = (load: (specifier: string, json: boolean) => string) => `
const root = ${load('connect-fulfillment', false)};
const contract = ${load('connect-fulfillment/contract', false)};
const traffic = ${load('connect-fulfillment/traffic', false)};
const diff = ${load('connect-fulfillment/diff', false)};
const msw = ${load('connect-fulfillment/msw', false)};
const types = ${load('connect-fulfillment/types', false)};
const tokenTypes = ${load('connect-fulfillment/types/connectid-token', false)};
const validators = ${load('connect-fulfillment/validators', false)};
const spec = ${load('connect-fulfillment/spec/connect-fulfillment.openapi.json', true)};
const tokenSpec = ${load('connect-fulfillment/spec/connectid-token.openapi.json', true)};
const pkg = ${load('connect-fulfillment/package.json', true)};
const yaml = [
  'connect-fulfillment/spec/connect-fulfillment.openapi.yaml',
  'connect-fulfillment/spec/connectid-token.openapi.yaml',
].map((name) => fs.readFileSync(requireFrom(name), 'utf8').split('\\n')[0]);
const exchange = { operation: contract.specs['connect-fulfillment'].operations[0], response: contract.observe(200, {}, '') };
console.log(JSON.stringify({
  retry: root.decideRetry({ kind: 'response', status: 500 }, { attempt: 1, tokenRefreshed: false, options: root.defaultRetryOptions }).retry,
  check: contract.statusCodeConformance(exchange).length,
  traffic: traffic.classify({ method: 'POST', url: 'https://api.example.com/capi/v1/client/order/fulfillment' }, { baseUrl: 'https://api.example.com/capi', tokenUrl: 'https://id.example.com/token' })?.kind,
  sameRecorder: traffic.TrafficRecorder === contract.TrafficRecorder,
  diff: diff.diffSpecs(spec, spec).length,
  mswHandlers: msw.createConnectHandlers().length,
  typesModules: typeof types + typeof tokenTypes,
  validator: validators.completeOrderRequestBody({ orderId: 14 }),
  specs: [spec.info.title, tokenSpec.info.title],
  version: pkg.version,
  yaml,
}));
`;

describe('every entry point loads with only the production dependencies (and msw, the peer its entry names)', () => {
  const expected = {
    retry: false,
    check: 0,
    traffic: 'fulfillment',
    sameRecorder: true,
    diff: 0,
    mswHandlers: 2,
    typesModules: 'objectobject',
    validator: true,
    specs: ['Connect API - Fulfillment', 'ConnectID OAuth 2.0 token endpoint (client credentials)'],
    yaml: ['openapi: 3.1.0', 'openapi: 3.1.0'],
  };

  it('from ESM (import)', async () => {
    const code = `import fs from 'node:fs';\nimport { createRequire } from 'node:module';\nconst requireFrom = createRequire(import.meta.url).resolve;\n${ENTRIES(
      (s, json) => (json ? `(await import('${s}', { with: { type: 'json' } })).default` : `await import('${s}')`),
    )}`;
    await writeFile(join(dir, 'entries.mjs'), code);
    const { stdout } = await exec(process.execPath, ['entries.mjs'], { cwd: dir });
    expect(JSON.parse(stdout)).toMatchObject(expected);
  });

  it('from CommonJS (require)', async () => {
    const code = `const fs = require('node:fs');\nconst requireFrom = require.resolve;\n${ENTRIES((s) => `require('${s}')`)}`;
    await writeFile(join(dir, 'entries.cjs'), code);
    const { stdout } = await exec(process.execPath, ['--no-warnings', 'entries.cjs'], { cwd: dir });
    expect(JSON.parse(stdout)).toMatchObject(expected);
  });
});

describe('arethetypeswrong on the packed tarball', () => {
  it('finds no problem that docs/packaging.md does not explain', async () => {
    const tarball = (await readFile(join(dir, 'package.json'), 'utf8')).match(/file:\.\/([^"]+\.tgz)/)![1]!;
    // attw exits before a piped stdout drains; a file receives the whole report.
    const report = join(dir, 'attw.json');
    const out = await open(report, 'w');
    await new Promise((resolve) =>
      spawn(
        process.execPath,
        [join(process.cwd(), 'node_modules/@arethetypeswrong/cli/dist/index.js'), tarball, '--format', 'json'],
        {
          cwd: dir,
          stdio: ['ignore', out.fd, 'ignore'],
        },
      ).once('exit', resolve),
    );
    await out.close();
    const problems = (
      JSON.parse(await readFile(report, 'utf8')) as {
        analysis: { problems: { kind: string; entrypoint?: string; resolutionKind?: string }[] };
      }
    ).analysis.problems;
    const explained = await readFile('docs/packaging.md', 'utf8');
    const unexplained = problems.filter(
      (p) => !explained.includes(`| \`${p.kind}\` | \`${p.entrypoint}\` | ${p.resolutionKind} |`),
    );
    expect(unexplained).toEqual([]);
    expect(problems.length).toBeGreaterThan(0);
  });
});
