/** `npm run docs`: renders the fulfillment spec into one static HTML API reference, docs/api.html (Redocly CLI build-docs). */
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { ROOT } from './generate.js';

export async function buildDocs(output = join(ROOT, 'docs/api.html')): Promise<string> {
  const cli = createRequire(join(ROOT, 'package.json')).resolve('@redocly/cli/bin/cli.js');
  await promisify(execFile)(
    process.execPath,
    [
      cli,
      'build-docs',
      join(ROOT, 'spec/connect-fulfillment.openapi.yaml'),
      '--output',
      output,
      `--config=${join(ROOT, 'redocly.yaml')}`,
    ],
    {
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
    },
  );
  return output;
}

if (process.argv[1] === fileURLToPath(import.meta.url))
  process.stderr.write(`API reference written to ${await buildDocs(process.argv[2])}\n`);
