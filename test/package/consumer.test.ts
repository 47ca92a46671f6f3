/**
 * The package as another repo uses it: packed with `npm pack`, installed with
 * `npm ci` into a fresh project (offline, from npm's cache), compiled with
 * tsc --strict, run against the Prism mock, required from CommonJS, its spec
 * fed to openapi-typescript, its command run with npx.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPrism, type PrismServer } from '../../src/contract/prism.js';
import { installConsumer } from '../helpers/consumer.js';

const exec = promisify(execFile);
let dir: string;
let prisms: PrismServer[] = [];
let env: Record<string, string>;
let packed: { path: string }[];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cf-consumer-'));
  const [{ stdout }] = await Promise.all([
    exec('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir]),
    (async () => {
      prisms = await Promise.all([
        startPrism('spec/connect-fulfillment.openapi.yaml'),
        startPrism('spec/connectid-token.openapi.yaml'),
      ]);
    })(),
  ]);
  const [info] = JSON.parse(stdout) as { filename: string; files: { path: string }[] }[];
  packed = info!.files;
  await installConsumer(
    dir,
    join(dir, info!.filename),
    ['typescript', 'openapi-typescript', '@types/node'],
    process.cwd(),
  );
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

const ESM_CONSUMER = `
import { createFulfillmentClient, ConnectFulfillmentError, OutcomeUnknownError, RateLimitError, type CompleteOrderResponse } from 'connect-fulfillment';
import type { components } from 'connect-fulfillment/types';
import spec from 'connect-fulfillment/spec/connect-fulfillment.openapi.json' with { type: 'json' };

type Status = components['schemas']['FulfillmentStatus'];
const client = createFulfillmentClient({ clientId: 'consumer', clientSecret: 'consumer-secret', baseUrl: process.env.CONNECT_BASE_URL!, tokenUrl: process.env.CONNECT_TOKEN_URL! });
const result: CompleteOrderResponse = await client.completeOrder({ orderId: 14 });
const status: Status = result.fulfillmentStatus;
const error: ConnectFulfillmentError = new OutcomeUnknownError({ orderId: 14, reason: 'example' });
const retryAfter: number | undefined = (null as unknown as RateLimitError | null)?.retryAfterMs;
console.log(JSON.stringify({ status, error: error.name, retryAfter: retryAfter ?? null, title: spec.info.title }));
`;

describe('the packed package, in a fresh consumer project', () => {
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
});
