/**
 * `--format html` of every command that reports, made by the real command
 * against a local upstream that answers with markup and script in every text
 * it controls (HOSTILE), then opened in headless Chromium with the network off:
 * the verdict and exit code, each finding and the coverage must be what a
 * reader sees, the hostile text must show as text, and no script may run.
 * A screenshot of each goes to reports/pages/.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { dump, load } from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFulfillmentClient } from '../src/index.js';
import {
  HOSTILE,
  KNOWN_ORDER_ID,
  liveEnv,
  startConnectUpstream,
  UPSTREAM_CLIENT_ID,
  UPSTREAM_CLIENT_SECRET,
  type ConnectUpstream,
} from '../test/fixtures/connect-upstream.js';
import { cli } from '../test/cli/run.js';
import { proxySession } from '../test/helpers/proxy-session.js';
import { open, type Seen } from './chromium.js';

const SHOTS = 'reports/pages';
let dir: string;
let upstream: ConnectUpstream;
const pages = new Map<string, { seen: Seen; code: number; html: string }>();

async function opened(name: string, file: string, code: number) {
  const html = await readFile(file, 'utf8');
  pages.set(name, {
    seen: await open(file, { screenshot: join(SHOTS, `report-${name}.png`), expand: true }),
    code,
    html,
  });
}

/** The proxy command, fed one completed order through it, stopped with SIGTERM: its report is in `out`. */
async function proxyRun(out: string): Promise<number> {
  const run = await proxySession(
    upstream,
    async (urls) => {
      const client = createFulfillmentClient({
        clientId: UPSTREAM_CLIENT_ID,
        clientSecret: UPSTREAM_CLIENT_SECRET,
        ...urls,
        allowPrivateCallbackHosts: true,
      });
      await client.completeOrder({ orderId: KNOWN_ORDER_ID }).catch(() => undefined);
    },
    '--format',
    'html',
    '--out',
    out,
  );
  return run.code;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cf-report-pages-'));
  await mkdir(SHOTS, { recursive: true });
  upstream = await startConnectUpstream('hostile');
  const env = liveEnv(upstream);
  const endpoints = ['--base-url', upstream.baseUrl, '--token-url', upstream.tokenUrl];

  const drift = join(dir, 'drift.html');
  const har = join(dir, 'drift.har');
  const driftRun = await cli(['drift', ...endpoints, '--format', 'html', '--out', drift, '--evidence', har], env);
  await opened('drift', drift, driftRun.code);

  const validate = join(dir, 'validate.html');
  const validateRun = await cli(['validate', '--har', har, ...endpoints, '--format', 'html', '--out', validate]);
  await opened('validate', validate, validateRun.code);

  const proxy = join(dir, 'proxy.html');
  await opened('proxy', proxy, await proxyRun(proxy));

  // Two versions of the spec, the new one with markup in a path, an enum value and a description.
  // biome-ignore lint/suspicious/noExplicitAny: the spec read from YAML, edited where the OpenAPI text puts its fields
  const spec = load(await readFile('spec/connect-fulfillment.openapi.yaml', 'utf8')) as Record<string, any>;
  const next = structuredClone(spec);
  next.components.schemas.FulfillmentStatus.enum.push(HOSTILE.script);
  next.paths[`/v1/${HOSTILE.handler}`] = { get: { responses: { 200: { description: HOSTILE.url } } } };
  delete next.paths['/v1/client/order/fulfillment'].post.responses['429'];
  const [oldSpec, newSpec, diff] = [join(dir, 'old.yaml'), join(dir, 'new.yaml'), join(dir, 'diff.html')];
  await writeFile(oldSpec, dump(spec));
  await writeFile(newSpec, dump(next));
  const diffRun = await cli(['diff', oldSpec, newSpec, '--format', 'html', '--out', diff]);
  await opened('diff', diff, diffRun.code);
}, 240_000);

afterAll(async () => {
  await upstream?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('--format html, opened in Chromium', () => {
  it.each(['drift', 'validate', 'proxy', 'diff'])(
    '%s: the verdict and exit code on top, as the command exited',
    (name) => {
      const { seen, code } = pages.get(name)!;
      expect(code).toBe(1);
      expect(seen.text).toMatch(/exit code 1/);
      expect(seen.title.length).toBeGreaterThan(5);
    },
  );

  it.each(['drift', 'validate', 'proxy'])('%s: every finding and the coverage table are what a reader sees', (name) => {
    const { seen } = pages.get(name)!;
    for (const shown of [
      'error (',
      'response_schema_conformance',
      'response.body.fulfillmentStatus',
      'completeOrder 200',
      'Coverage:',
      'status 429',
    ])
      expect(seen.text, name).toContain(shown);
  });

  it('diff: each change under its level and operation', () => {
    const { seen } = pages.get('diff')!;
    for (const shown of [
      'breaking (',
      'warning (',
      'info (',
      'POST /v1/client/order/fulfillment',
      'response-property-enum-value-added',
      'response-non-success-status-removed',
    ])
      expect(seen.text).toContain(shown);
  });

  it.each(['drift', 'validate', 'proxy', 'diff'])(
    '%s: hostile text from the server or spec shows as text, and never runs',
    (name) => {
      const { seen, html } = pages.get(name)!;
      expect(seen.scriptRan).toBe(false);
      expect(seen.text).toContain('<script>window.__cfScriptRan=true</script>');
      expect(html).not.toContain('<script>window');
      expect(html).not.toMatch(/<img[^>]*onerror/i);
      expect(html).not.toMatch(/href\s*=\s*["']?javascript:/i);
      // Nothing asked of the network, nothing refused by the page's policy.
      expect(seen.requests).toEqual([]);
    },
  );

  it("the contract suite's page (reports/contract.html, written by npm run contract): verdict, checks and coverage", async () => {
    const file = resolve('reports/contract.html');
    const html = await readFile(file, 'utf8').catch(() => {
      throw new Error('reports/contract.html is missing: npm run contract writes it (.ci/run runs it first)');
    });
    expect(html).toMatch(/^<!DOCTYPE html>/);
    const seen = await open(file, { screenshot: join(SHOTS, 'report-contract.png'), expand: true });
    for (const shown of ['Contract (mock)', 'exit code 0', 'Checks by the status they were run on', 'Coverage:'])
      expect(seen.text).toContain(shown);
    expect(seen.scriptRan).toBe(false);
    expect(seen.requests).toEqual([]);
  });

  it('a page whose text were not escaped would run the script: the check above can fail', async () => {
    const unescaped = join(dir, 'unescaped.html');
    await writeFile(unescaped, `<!DOCTYPE html><html><body><p>${HOSTILE.handler}${HOSTILE.script}</p></body></html>`);
    expect((await open(unescaped)).scriptRan).toBe(true);
  });
});
