/**
 * `npm run docs`'s pages, opened in headless Chromium with the network off:
 * what a reader sees must hold every operation, its parameters and body
 * fields, every documented status with its headers, the callback and the
 * security scheme, all read from the spec itself, and nothing may come from
 * the network. A screenshot of each page goes to reports/pages/.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAllDocs, PAGES, redocBundle, referencePage } from '../scripts/docs.js';
import { open, type Seen } from './chromium.js';

// biome-ignore lint/suspicious/noExplicitAny: a spec read from YAML, walked where the OpenAPI text says its fields are
type Obj = Record<string, any>;
const SHOTS = 'reports/pages';
let dir: string;
const seen = new Map<string, Seen>();

/** What the spec says a reader must find: operation summaries and paths, fields, statuses, headers, callbacks, schemes. */
function expectations(spec: Obj): string[] {
  const wanted: string[] = [spec.info.title];
  for (const [path, item] of Object.entries<Obj>(spec.paths ?? {})) {
    for (const [method, op] of Object.entries<Obj>(item)) {
      if (!['get', 'put', 'post', 'delete', 'patch'].includes(method)) continue;
      wanted.push(path, op.summary);
      for (const [status, response] of Object.entries<Obj>(op.responses ?? {})) {
        wanted.push(status);
        const answer = response.$ref ? spec.components.responses[response.$ref.split('/').pop()] : response;
        for (const header of Object.keys(answer.headers ?? {})) wanted.push(header);
      }
      // A callback shows its name; its URL expression and request open when the reader opens it.
      for (const name of Object.keys(op.callbacks ?? {})) wanted.push(name);
      const body = op.requestBody?.content?.['application/json']?.schema;
      const schema = body?.$ref ? spec.components.schemas[body.$ref.split('/').pop()] : body;
      for (const field of Object.keys(schema?.properties ?? {})) wanted.push(field);
    }
  }
  for (const [name, scheme] of Object.entries<Obj>(spec.components?.securitySchemes ?? {})) {
    wanted.push(name);
    for (const flow of Object.values<Obj>(scheme.flows ?? {})) if (flow.tokenUrl) wanted.push(flow.tokenUrl);
  }
  return wanted.filter((w): w is string => typeof w === 'string');
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cf-pages-'));
  await mkdir(SHOTS, { recursive: true });
  const pages = await buildAllDocs(dir);
  for (const [i, page] of pages.entries()) {
    const name = PAGES[i]!.page.slice('docs/'.length).replace(/\.html$/, '');
    seen.set(PAGES[i]!.page, await open(page, { screenshot: join(SHOTS, `${name}.png`), settleMs: 1_500 }));
  }
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('the API reference, offline in Chromium', () => {
  for (const { spec: specFile, page } of PAGES) {
    it(`${page} shows everything ${specFile} documents`, async () => {
      const spec = load(await readFile(specFile, 'utf8')) as Obj;
      const wanted = expectations(spec);
      expect(wanted.length).toBeGreaterThan(8);
      const { text, title } = seen.get(page)!;
      expect(title).toContain(spec.info.title);
      const missing = wanted.filter((w) => !text.includes(w));
      expect(missing, `not visible on ${page}`).toEqual([]);
    });

    it(`${page} fetches nothing to run or to look right`, () => {
      const { requests, console: logged } = seen.get(page)!;
      // Redoc's "API docs by Redocly" badge names a logo on its CDN; the policy refuses it, and nothing else is asked.
      expect(requests.filter((url) => !/\.(svg|png)$/.test(url))).toEqual([]);
      expect(logged.filter((line) => !/img-src/.test(line) && /refused|blocked|error/i.test(line))).toEqual([]);
    });
  }

  it('the fulfillment page shows the callback, its query parameter and the token endpoint', () => {
    const { text } = seen.get('docs/api.html')!;
    for (const shown of [
      'Fulfillment status callback',
      'fulfillmentStatus',
      'Token URL: https://connectid.no/user/oauth/token',
    ])
      expect(text).toContain(shown);
  });

  it('without Redoc inside it, the page shows no operation: the check above can fail', async () => {
    const spec = load(await readFile(PAGES[0].spec, 'utf8')) as Obj;
    const bare = join(dir, 'bare.html');
    const redoc = await redocBundle();
    await writeFile(bare, referencePage(spec, { version: redoc.version, code: 'window.Redoc = { init() {} };' }));
    const { text } = await open(bare, { settleMs: 300 });
    expect(text).not.toContain('/v1/client/order/fulfillment');
  });

  it('a script the policy does not name never runs on the page', async () => {
    const spec = load(await readFile(PAGES[0].spec, 'utf8')) as Obj;
    const html = referencePage(spec, await redocBundle());
    const end = html.lastIndexOf('</body>');
    const page = `${html.slice(0, end)}<script>window.__cfScriptRan = true</script><img src="x" onerror="window.__cfScriptRan = true">${html.slice(end)}`;
    const planted = join(dir, 'planted.html');
    await writeFile(planted, page);
    const result = await open(planted, { settleMs: 1_000 });
    expect(result.scriptRan).toBe(false);
    expect(result.text).toContain('/v1/client/order/fulfillment');
  });
});
