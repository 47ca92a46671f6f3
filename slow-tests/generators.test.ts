/**
 * The packaged specs fed to six generators this project does not use, as a
 * consumer repo would: each one's output compiles under tsc --strict against
 * what a consumer's code relies on (`typeProbe`), and three of the generated
 * clients get a token and complete an order on the Prism mock. A slow proof
 * (about a minute): `npm run test:slow`, run by .ci/run after `npm test`.
 */
import { execFile } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConsumerProject, consumerProject, packagedSpec } from '../test/helpers/consumer.js';

const exec = promisify(execFile);
let project: ConsumerProject | undefined;
let dir: string;
let env: Record<string, string>;
let prisms: ConsumerProject['prisms'];
let tsc: ConsumerProject['tsc'];

beforeAll(async () => {
  // The compiler, and the runtime of the zod client a generator writes.
  project = await consumerProject(['typescript', '@types/node', 'zod', '@zodios/core', 'axios']);
  ({ dir, env, prisms, tsc } = project);
}, 120_000);

afterAll(async () => {
  await project?.close();
});

/** A generator from this project's own node_modules, run in the consumer project over the packaged spec. */
const generate = (bin: string, args: string[]) =>
  exec(process.execPath, [join(process.cwd(), 'node_modules', bin), ...args], { cwd: dir });
const SPECS = ['connect-fulfillment', 'connectid-token'] as const;

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
