/**
 * `npm run docs`: one self-contained HTML API reference per spec,
 * docs/api.html (the fulfillment endpoint) and docs/connectid-token.html (the
 * token endpoint), that a reader opens anywhere: offline, from a CI
 * artifact, behind a Content-Security-Policy that forbids remote scripts.
 *
 * The renderer is Redoc 2 (`redoc`, its standalone bundle), inlined in the
 * page with the spec: every operation, parameter, body, response (open, with
 * its headers), callback and security scheme on one page, nothing fetched.
 * The page's policy runs its two inline scripts, by hash, and loads nothing
 * from anywhere. docs/api-reference.md says why Redoc 2 and not Redocly CLI's
 * `build-docs` (Redoc 3), which loaded its runtime from a CDN and, inlined,
 * still hid each operation behind a "Show".
 */
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { load } from 'js-yaml';
import { escapeHtml } from '../src/core/html.js';
import { ROOT } from './generate.js';

/** The pages `npm run docs` writes: spec, and the page it becomes. */
export const PAGES = [
  { spec: 'spec/connect-fulfillment.openapi.yaml', page: 'docs/api.html' },
  { spec: 'spec/connectid-token.openapi.yaml', page: 'docs/connectid-token.html' },
] as const;

/** How Redoc shows the spec: every response open, no search (it runs in a worker the policy does not allow). */
export const REDOC_OPTIONS = {
  expandResponses: 'all',
  jsonSampleExpandLevel: 'all',
  disableSearch: true,
  hideDownloadButton: true,
  requiredPropsFirst: true,
};

/** Redoc's standalone bundle, with its version: the renderer, or a clear error when it is missing. */
export async function redocBundle(): Promise<{ version: string; code: string }> {
  const require = createRequire(join(ROOT, 'package.json'));
  let file: string;
  try {
    file = require.resolve('redoc/bundles/redoc.standalone.js');
  } catch {
    throw new Error('the API reference needs Redoc (the "redoc" devDependency): npm ci installs it');
  }
  const version = (require('redoc/package.json') as { version: string }).version;
  const code = await readFile(file, 'utf8');
  if (!/Redoc/.test(code.slice(0, 20_000)) || code.length < 100_000)
    throw new Error(`${file} is not Redoc's standalone bundle`);
  return { version, code };
}

/** Text that goes inside an inline script: nothing in it can close the script or open a comment that hides its end. */
const inScript = (code: string) => code.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');
const hash = (code: string) => `'sha256-${createHash('sha256').update(code).digest('base64')}'`;

/** The page for one parsed spec: Redoc and the spec inlined, a policy that allows exactly its two scripts. */
export function referencePage(spec: Record<string, unknown>, redoc: { version: string; code: string }): string {
  const info = (spec.info ?? {}) as { title?: string; version?: string };
  const title = `${info.title ?? 'API reference'}${info.version ? ` ${info.version}` : ''}`;
  const bundle = inScript(redoc.code);
  const start = inScript(
    `Redoc.init(${JSON.stringify(spec)}, ${JSON.stringify(REDOC_OPTIONS)}, document.getElementById('redoc'));`,
  );
  const policy = [
    "default-src 'none'",
    `script-src ${hash(bundle)} ${hash(start)}`,
    // Redoc writes its styles into the page as it renders.
    "style-src 'unsafe-inline'",
    'img-src data:',
    'font-src data:',
    "connect-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta http-equiv="Content-Security-Policy" content="${policy}">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta name="generator" content="connect-fulfillment npm run docs, Redoc ${escapeHtml(redoc.version)}">
  <title>${escapeHtml(title)}</title>
  <style>body { margin: 0; }</style>
</head>
<body>
  <noscript><p>This API reference is drawn by Redoc, which is inside this page: allow its scripts to read it. The spec
  itself is ${escapeHtml(PAGES.map((p) => p.spec).join(' and '))} in the connect-fulfillment package.</p></noscript>
  <div id="redoc"></div>
  <script>${bundle}</script>
  <script>${start}</script>
</body>
</html>
`;
}

/**
 * The spec with an Authentication section at the end of its description, where
 * Redoc draws each security scheme (its flow, token URL and scopes): Redoc 2
 * draws them only where the description asks for them.
 */
function withAuthentication(doc: Record<string, unknown>): Record<string, unknown> {
  const schemes = ((doc.components ?? {}) as { securitySchemes?: object }).securitySchemes;
  if (!schemes || Object.keys(schemes).length === 0) return doc;
  const info = (doc.info ?? {}) as Record<string, unknown>;
  const description = typeof info.description === 'string' ? info.description : '';
  if (description.includes('ReDoc-Inject: <security-definitions>')) return doc;
  return {
    ...doc,
    info: {
      ...info,
      description: `${description}\n\n## Authentication\n\n<!-- ReDoc-Inject: <security-definitions> -->\n`,
    },
  };
}

/** Renders one spec into a self-contained page. */
export async function buildDocs(
  output = join(ROOT, PAGES[0].page),
  spec: string = join(ROOT, PAGES[0].spec),
): Promise<string> {
  const doc = load(await readFile(spec, 'utf8')) as Record<string, unknown>;
  await writeFile(output, referencePage(withAuthentication(doc), await redocBundle()));
  return output;
}

/** Every page of PAGES, into `folder` (docs/ by default). */
export async function buildAllDocs(folder = join(ROOT, 'docs')): Promise<string[]> {
  const written: string[] = [];
  for (const { spec, page } of PAGES)
    written.push(await buildDocs(join(folder, page.slice('docs/'.length)), join(ROOT, spec)));
  return written;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const page of await buildAllDocs(process.argv[2])) process.stderr.write(`API reference written to ${page}\n`);
}
