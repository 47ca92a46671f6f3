/**
 * The package as another repo uses it: packed with `npm pack`, installed with
 * `npm ci` into a fresh project with only its production dependencies
 * (offline, from npm's cache), every entry point imported from ESM and
 * required from CommonJS, compiled with tsc --strict, run against the Prism
 * mock, its specs fed to generators this project does not use, checked by
 * arethetypeswrong, its command run with npx.
 */
import { execFile, spawn } from 'node:child_process';
import { mkdir, mkdtemp, open, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPrism, type PrismServer } from '../../src/contract/prism.js';
import { INSTALL_LIFECYCLE, packRelease } from '../../scripts/pack.js';
import { installConsumer } from '../helpers/consumer.js';
import { ESM_CONSUMER, MSW_OUTCOMES, mswConsumer } from '../helpers/consumer-code.js';

const exec = promisify(execFile);
let dir: string;
let prisms: PrismServer[] = [];
let env: Record<string, string>;
let packed: { path: string }[];
let installed: { scripts?: Record<string, string>; name: string; bin: unknown };
let npmWarnings: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cf-consumer-'));
  const [pack] = await Promise.all([
    // npm test has built dist/ already; the release pack is what users install.
    packRelease({ root: process.cwd(), dest: dir, build: false }),
    (async () => {
      prisms = await Promise.all([
        startPrism('spec/connect-fulfillment.openapi.yaml'),
        startPrism('spec/connectid-token.openapi.yaml'),
      ]);
    })(),
  ]);
  packed = pack.result.files;
  npmWarnings = await installConsumer(
    dir,
    pack.tarball,
    // What the consumer's own code needs: a compiler, and the runtime of the zod client a generator writes.
    ['typescript', 'openapi-typescript', '@types/node', 'zod', '@zodios/core', 'axios', 'msw', 'vitest'],
    process.cwd(),
  );
  installed = JSON.parse(await readFile(join(dir, 'node_modules/connect-fulfillment/package.json'), 'utf8'));
  env = {
    ...(process.env as Record<string, string>),
    CONNECT_BASE_URL: prisms[0]!.url,
    CONNECT_TOKEN_URL: `${prisms[1]!.url}/token`,
  };
}, 120_000);

afterAll(async () => {
  await Promise.all(prisms.map((p) => p.close()));
  if (dir) await rm(dir, { recursive: true, force: true });
});

const tsc = (args: string[]) =>
  exec(
    process.execPath,
    [join(dir, 'node_modules/typescript/bin/tsc'), '--strict', '--skipLibCheck', '--target', 'es2022', ...args],
    { cwd: dir },
  );

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

/** A generator from this project's own node_modules, run in the consumer project over the packaged spec. */
const generate = (bin: string, args: string[]) =>
  exec(process.execPath, [join(process.cwd(), 'node_modules', bin), ...args], { cwd: dir });
const SPECS = ['connect-fulfillment', 'connectid-token'] as const;
const packagedSpec = (name: string) => `node_modules/connect-fulfillment/spec/${name}.openapi.yaml`;

/**
 * What a consumer's code relies on, written against the names every generator gives the components: each
 * `@ts-expect-error` fails the compile when a type degrades (to `unknown`, `any` or `string`). Enum types are
 * read through a template literal, which works for union types and TypeScript enums alike.
 */
const typeProbe = (fulfillment: string, token: string) => `
import type { CompleteOrderRequest, FulfillmentStatus, RetryAfter } from '${fulfillment}';
import type { TokenRequest } from '${token}';
export const request: CompleteOrderRequest = { orderId: 14, callbackUrl: 'https://shop.example.com/cb' };
// @ts-expect-error orderId is required
export const withoutId: CompleteOrderRequest = {};
// @ts-expect-error orderId is a number
export const textId: CompleteOrderRequest = { orderId: '14' };
export const retryAfter: RetryAfter = '120';
// @ts-expect-error Retry-After is a string
export const numericRetryAfter: RetryAfter = 120;
export const status: \`\${FulfillmentStatus}\` = 'OK';
// @ts-expect-error OK or ERROR only
export const otherStatus: \`\${FulfillmentStatus}\` = 'PENDING';
export const grant: \`\${TokenRequest['grant_type']}\` = 'client_credentials';
// @ts-expect-error client_credentials only
export const passwordGrant: \`\${TokenRequest['grant_type']}\` = 'password';
`;

describe('generators this project does not use, on the packaged specs', () => {
  it('openapi-typescript-codegen (fetch client): both specs compile under tsc --strict', async () => {
    for (const name of SPECS) {
      await generate('openapi-typescript-codegen/bin/index.js', [
        '--input',
        packagedSpec(name),
        '--output',
        `gen/codegen-${name}`,
        '--client',
        'fetch',
      ]);
    }
    const models = await readFile(join(dir, 'gen/codegen-connect-fulfillment/models/RetryAfter.ts'), 'utf8');
    expect(models).toContain('export type RetryAfter = string;');
    await writeFile(
      join(dir, 'gen/probe-codegen.ts'),
      typeProbe('./codegen-connect-fulfillment/index', './codegen-connectid-token/index'),
    );
    await tsc([
      'gen/probe-codegen.ts',
      '--module',
      'esnext',
      '--moduleResolution',
      'bundler',
      '--lib',
      'es2022,dom',
      '--noEmit',
      ...SPECS.map((n) => `gen/codegen-${n}/index.ts`),
    ]);
  });

  it('openapi-zod-client: both specs compile under tsc --strict, and the generated client completes an order on the mock', async () => {
    await mkdir(join(dir, 'gen'), { recursive: true });
    for (const name of SPECS)
      await generate('openapi-zod-client/bin.js', [packagedSpec(name), '-o', `gen/zod-${name}.ts`]);
    await writeFile(
      join(dir, 'gen/call.ts'),
      `import { createApiClient } from './zod-connect-fulfillment.js';
const api = createApiClient(process.env.CONNECT_BASE_URL!);
const result = await api.completeOrder({ orderId: 14 }, { headers: { Authorization: 'Bearer consumer' } });
console.log(JSON.stringify(result));
`,
    );
    await tsc([
      '--module',
      'nodenext',
      '--moduleResolution',
      'nodenext',
      '--outDir',
      'gen-out',
      'gen/zod-connectid-token.ts',
      'gen/call.ts',
    ]);
    const { stdout } = await exec(process.execPath, ['gen-out/call.js'], { cwd: dir, env });
    expect(JSON.parse(stdout)).toMatchObject({ fulfillmentStatus: expect.stringMatching(/^(OK|ERROR)$/) });
  });
});

/** tsc over generated code with module resolution a bundler would use (extensionless imports). */
const tscBundler = (files: string[], extra: string[] = []) =>
  tsc(['--module', 'esnext', '--moduleResolution', 'bundler', '--lib', 'es2022,dom', '--noEmit', ...extra, ...files]);

describe('more generators this project does not use, on the packaged specs (the README lists each command)', () => {
  it('@hey-api/openapi-ts (fetch client): both specs compile under tsc --strict, and its clients get a token and complete an order on the mock', async () => {
    // hey-api writes the import extensions the nearest tsconfig asks for: a Node ESM project's.
    const out = join(dir, 'hey');
    await mkdir(out, { recursive: true });
    await writeFile(
      join(out, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          skipLibCheck: true,
          target: 'es2022',
          module: 'nodenext',
          moduleResolution: 'nodenext',
          lib: ['es2022', 'dom'],
          outDir: 'js',
        },
      }),
    );
    const bin = join(process.cwd(), 'node_modules/@hey-api/openapi-ts/bin/run.js');
    for (const name of SPECS)
      await exec(process.execPath, [bin, '-i', join('..', packagedSpec(name)), '-o', name, '-s'], { cwd: out });
    await writeFile(join(out, 'probe.ts'), typeProbe('./connect-fulfillment/index.js', './connectid-token/index.js'));
    await writeFile(
      join(out, 'call.ts'),
      `import { client as tokenClient } from './connectid-token/client.gen.js';
import { requestToken } from './connectid-token/index.js';
import { client } from './connect-fulfillment/client.gen.js';
import { completeOrder } from './connect-fulfillment/index.js';
tokenClient.setConfig({ baseUrl: process.env.TOKEN_BASE_URL! });
client.setConfig({ baseUrl: process.env.CONNECT_BASE_URL! });
const token = await requestToken({
  body: { grant_type: 'client_credentials' },
  headers: { Authorization: 'Basic ' + btoa('consumer:consumer-secret') },
});
if (!token.data) throw new Error('no token: HTTP ' + token.response.status);
const order = await completeOrder({ body: { orderId: 14 }, headers: { Authorization: 'Bearer ' + token.data.access_token } });
console.log(JSON.stringify({ tokenType: token.data.token_type, order: order.data ?? null }));
`,
    );
    await exec(process.execPath, [join(dir, 'node_modules/typescript/bin/tsc'), '-p', out], { cwd: dir });
    const { stdout } = await exec(process.execPath, [join(out, 'js/call.js')], {
      cwd: dir,
      env: { ...env, TOKEN_BASE_URL: prisms[1]!.url },
    });
    expect(JSON.parse(stdout)).toMatchObject({
      tokenType: expect.stringMatching(/^bearer$/i),
      order: { fulfillmentStatus: expect.stringMatching(/^(OK|ERROR)$/) },
    });
  });

  it('orval (fetch client): both specs compile under tsc --strict', async () => {
    await mkdir(join(dir, 'gen'), { recursive: true });
    for (const name of SPECS)
      await generate('orval/dist/bin/orval.js', [
        '--input',
        packagedSpec(name),
        '--output',
        `gen/orval-${name}.ts`,
        '--client',
        'fetch',
      ]);
    await writeFile(
      join(dir, 'gen/probe-orval.ts'),
      typeProbe('./orval-connect-fulfillment', './orval-connectid-token'),
    );
    await tscBundler(['gen/probe-orval.ts', ...SPECS.map((n) => `gen/orval-${n}.ts`)]);
  });

  it('swagger-typescript-api (fetch client): both specs compile under tsc --strict', async () => {
    for (const name of SPECS)
      await generate('swagger-typescript-api/dist/cli.mjs', [
        'generate',
        '-p',
        packagedSpec(name),
        '-o',
        `gen/sta-${name}`,
      ]);
    await writeFile(
      join(dir, 'gen/probe-sta.ts'),
      typeProbe('./sta-connect-fulfillment/Api', './sta-connectid-token/Api'),
    );
    await tscBundler(['gen/probe-sta.ts', ...SPECS.map((n) => `gen/sta-${n}/Api.ts`)]);
  });

  it('kubb (types and zod schemas): both specs compile under tsc --strict', async () => {
    const from = (pkg: string) => pathToFileURL(join(process.cwd(), 'node_modules', pkg, 'dist/index.js')).href;
    await writeFile(
      join(dir, 'kubb.config.mjs'),
      `import { defineConfig } from '${from('@kubb/core')}';
import { pluginOas } from '${from('@kubb/plugin-oas')}';
import { pluginTs } from '${from('@kubb/plugin-ts')}';
import { pluginZod } from '${from('@kubb/plugin-zod')}';
export default defineConfig(${JSON.stringify(SPECS)}.map((name) => ({
  root: '.',
  input: { path: './node_modules/connect-fulfillment/spec/' + name + '.openapi.yaml' },
  output: { path: './gen/kubb-' + name, clean: true },
  plugins: [pluginOas(), pluginTs(), pluginZod()],
})));
`,
    );
    await generate('@kubb/cli/bin/kubb.cjs', ['generate', '--config', 'kubb.config.mjs']);
    await writeFile(
      join(dir, 'gen/probe-kubb.ts'),
      typeProbe('./kubb-connect-fulfillment/index.ts', './kubb-connectid-token/index.ts'),
    );
    // kubb's own output imports with .ts extensions; its users compile with allowImportingTsExtensions.
    await tscBundler(
      ['gen/probe-kubb.ts', ...SPECS.map((n) => `gen/kubb-${n}/index.ts`)],
      ['--allowImportingTsExtensions'],
    );
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
