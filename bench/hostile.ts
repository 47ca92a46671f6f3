/**
 * 6. Hostile input: peak memory and time of the real command (`node
 * bin/connect-fulfillment.js`, one process per run) against a server built to
 * hurt and against specs built to hurt, each beside a baseline run of the same
 * command against a well-behaved server or a plain spec. Peak RSS comes from
 * the process itself (process.resourceUsage().maxRSS, written on exit by a
 * preloaded module), so nothing of the bench is counted.
 */
import { execFile } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { stringify } from 'yaml';
import { type Hostility, startHostileServer } from '../test/fixtures/hostile-server.js';
import { aliasBombYaml, cliqueSpec, dagSpec, deepSpec, largeJsonSpec } from '../test/fixtures/hostile-specs.js';

const BIN = resolve('bin/connect-fulfillment.js');
const PRELOAD = new URL('./peak-rss.mjs', import.meta.url).pathname;
const LIMIT_MS = 60_000;

/** A generated text of about `bytes` bytes: `make` is called again with its size corrected once. */
function sizedTo(bytes: number, make: (bytes: number) => string): string {
  const first = make(bytes);
  return make(bytes * (bytes / first.length));
}

/** The large spec with one property's type changed: a breaking change for --format github to annotate. */
const changedLarge = (text: string) =>
  text.replace('"property5":{"type":"string","maxLength":5}', '"property5":{"type":"integer"}');

const mb = (text: string) => (text.length / 1e6).toFixed(1);

export interface Run {
  readonly name: string;
  readonly exitCode: number;
  readonly wallMs: number;
  readonly peakRssMiB: number;
  readonly stderrLines: number;
}

async function measure(name: string, args: string[], env: Record<string, string>, dir: string): Promise<Run> {
  const rssFile = join(dir, `rss-${Math.random().toString(36).slice(2)}`);
  const started = performance.now();
  const { code, stderr } = await new Promise<{ code: number; stderr: string }>((done) =>
    execFile(
      process.execPath,
      ['--import', PRELOAD, BIN, ...args],
      {
        cwd: dir,
        env: { ...process.env, ...env, PEAK_RSS_FILE: rssFile, NO_COLOR: '1' },
        timeout: LIMIT_MS,
        maxBuffer: 64 << 20,
      },
      (error, _stdout, stderr) =>
        done({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stderr: String(stderr) }),
    ),
  );
  const wallMs = performance.now() - started;
  const kb = Number(await readFile(rssFile, 'utf8').catch(() => 'NaN'));
  return {
    name,
    exitCode: code,
    wallMs,
    peakRssMiB: kb / 1024,
    stderrLines: stderr.split('\n').filter(Boolean).length,
  };
}

/** A HAR of `count` entries: a token, then fulfillments answered OK, every hundredth drifting. */
async function writeLargeHar(path: string, count: number): Promise<void> {
  const out = createWriteStream(path);
  const write = (text: string) =>
    new Promise<void>((resolve) => (out.write(text) ? resolve() : out.once('drain', () => resolve())));
  await write('{"log":{"version":"1.2","creator":{"name":"bench","version":"1"},"entries":[');
  for (let i = 0; i < count; i++) {
    const body =
      i % 100 === 99
        ? { status: 'OK', orderId: i, errorMessage: null }
        : { fulfillmentStatus: 'OK', orderId: i, errorMessage: null };
    const entry = {
      startedDateTime: '2026-11-27T00:00:00.000Z',
      time: 1,
      request: {
        method: 'POST',
        url: 'https://api.example.com/capi/v1/client/order/fulfillment',
        httpVersion: 'HTTP/1.1',
        headers: [
          { name: 'authorization', value: `Bearer token-${i % 7}` },
          { name: 'content-type', value: 'application/json' },
        ],
        postData: { mimeType: 'application/json', text: JSON.stringify({ orderId: i }) },
      },
      response: {
        status: 200,
        headers: [{ name: 'content-type', value: 'application/json' }],
        content: { mimeType: 'application/json', text: JSON.stringify(body) },
      },
    };
    await write(`${i === 0 ? '' : ','}${JSON.stringify(entry)}`);
  }
  await write(']}}');
  await new Promise<void>((resolve) => out.end(resolve));
}

export async function hostile(options: { quick: boolean }) {
  const dir = await mkdtemp(join(tmpdir(), 'cf-bench-hostile-'));
  const server = await startHostileServer({
    bombBytes: options.quick ? 64 << 20 : 1 << 30,
    hugeBytes: options.quick ? 50e6 : 200e6,
  });
  const credentials = { CONNECT_CLIENT_ID: 'bench-client', CONNECT_CLIENT_SECRET: 'bench-secret-value' };
  const complete = (token: Hostility, base: Hostility) =>
    measure(
      `complete: token ${token}, fulfillment ${base}`,
      [
        'complete',
        '--order-id',
        '14',
        '--yes',
        '--token-url',
        server.tokenUrl(token),
        '--base-url',
        server.baseUrl(base),
      ],
      credentials,
      dir,
    );
  const drift = (token: Hostility, base: Hostility) =>
    measure(
      `drift: token ${token}, fulfillment ${base}`,
      ['drift', '--token-url', server.tokenUrl(token), '--base-url', server.baseUrl(base)],
      { ...credentials, CONNECT_PROBE_ORDER_ID: '999999001' },
      dir,
    );
  const file = async (name: string, text: string) => {
    await writeFile(join(dir, name), text);
    return name;
  };
  const spec = await readFile(resolve('spec/connect-fulfillment.openapi.yaml'), 'utf8');
  // Just under the 32 MiB cap, where the most memory is allowed in: JSON, and the same document as YAML.
  const nearCap = options.quick ? 4e6 : 32.5e6;
  const largeJson = sizedTo(nearCap, largeJsonSpec);
  const largeYaml = sizedTo(nearCap, (bytes) => stringify(JSON.parse(largeJsonSpec(bytes))));
  const files = {
    spec: await file('spec.yaml', spec),
    clique: await file('clique.yaml', stringify(cliqueSpec(60))),
    cliqueChanged: await file('clique-changed.yaml', stringify(cliqueSpec(60, true))),
    dag: await file('dag.json', JSON.stringify(dagSpec(40))),
    dagChanged: await file('dag-changed.json', JSON.stringify(dagSpec(40, 'integer'))),
    deep: await file('deep.json', JSON.stringify(deepSpec(450))),
    bomb: await file('bomb.yaml', aliasBombYaml(12)),
    large: await file('large.json', largeJson),
    largeChanged: await file('large-changed.json', changedLarge(largeJson)),
    largeYaml: await file('large.yaml', largeYaml),
    oversized: await file('oversized.json', largeJsonSpec(options.quick ? 40e6 : 55e6)),
  };
  const diff = (name: string, a: string, b: string) => measure(`diff: ${name}`, ['diff', a, b], {}, dir);
  const harSizes = options.quick ? [1_000, 5_000] : [1_000, 100_000];
  for (const n of harSizes) await writeLargeHar(join(dir, `traffic-${n}.har`), n);
  const validate = (n: number) =>
    measure(
      `validate --har: ${n.toLocaleString('en-US')} entries`,
      [
        'validate',
        '--har',
        `traffic-${n}.har`,
        '--base-url',
        'https://api.example.com/capi',
        '--format',
        'json',
        '--out',
        `v-${n}.json`,
      ],
      {},
      dir,
    );

  // Issue 29's goal for a spec just under the cap: against itself, as JSON and as YAML, and changed with --format github.
  const nearCapNames = {
    json: `a ${mb(largeJson)} MB JSON spec against itself`,
    yaml: `a ${mb(largeYaml)} MB YAML spec against itself`,
    changedGithub: `the ${mb(largeJson)} MB JSON spec changed, --format github`,
  };

  try {
    const runs = {
      complete: [
        await complete('good', 'good'),
        await complete('good', 'endless'),
        await complete('good', 'gzip-bomb'),
        await complete('good', 'huge'),
        await complete('endless', 'good'),
        await complete('huge-token', 'good'),
      ],
      drift: [await drift('good', 'good'), await drift('good', 'endless'), await drift('good', 'gzip-bomb')],
      diff: [
        await diff('the spec against itself (baseline)', files.spec, files.spec),
        await diff('an http URL that never stops sending', `${server.baseUrl('endless')}/spec.json`, files.spec),
        await diff('a clique of 60 schemas (3,600 references)', files.clique, files.cliqueChanged),
        await diff('a DAG of 40 levels (2^40 paths)', files.dag, files.dagChanged),
        await diff('450 levels of nesting', files.deep, files.deep),
        await diff('a YAML alias bomb (10^12 nodes)', files.bomb, files.spec),
        await diff(nearCapNames.json, files.large, files.large),
        await diff(nearCapNames.yaml, files.largeYaml, files.largeYaml),
        await measure(
          `diff: ${nearCapNames.changedGithub}`,
          ['diff', files.large, files.largeChanged, '--format', 'github'],
          {},
          dir,
        ),
        await diff(`a ${options.quick ? 40 : 55} MB JSON spec (over the 32 MiB cap)`, files.oversized, files.spec),
      ],
      validate: [await validate(harSizes[0]!), await validate(harSizes[1]!)],
    };
    const hostileRuns = [...runs.complete.slice(1), ...runs.drift.slice(1)];
    return {
      runs,
      baseline: {
        complete: runs.complete[0]!,
        drift: runs.drift[0]!,
        diff: runs.diff[0]!,
        validate: runs.validate[0]!,
      },
      nearCap: {
        json: runs.diff.find((r) => r.name === `diff: ${nearCapNames.json}`)!,
        yaml: runs.diff.find((r) => r.name === `diff: ${nearCapNames.yaml}`)!,
        changedGithub: runs.diff.find((r) => r.name === `diff: ${nearCapNames.changedGithub}`)!,
      },
      /** Peak memory of the large HAR over the small one (what is retained stays flat; V8 sizes its heap lazily). */
      harMemoryRatio: runs.validate[1]!.peakRssMiB / runs.validate[0]!.peakRssMiB,
      worstPeakRssMiB: Math.max(...hostileRuns.map((r) => r.peakRssMiB)),
      worstDiffPeakRssMiB: Math.max(...runs.diff.map((r) => r.peakRssMiB)),
      slowestHostileMs: Math.max(...[...hostileRuns, ...runs.diff].map((r) => r.wallMs)),
      allEndedWithOneLineWhenExit2: [...hostileRuns, ...runs.diff].every(
        (r) => r.exitCode !== 2 || r.stderrLines === 1,
      ),
    };
  } finally {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  }
}
