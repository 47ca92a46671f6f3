/**
 * `npm run lint`: Redocly CLI's recommended rules over the specs (redocly.yaml).
 * Redocly fails a run on errors only; this fails on warnings as well, so that
 * "lint-clean" means zero problems. Pass spec files to lint others.
 */
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { SPECS } from './codegen/index.js';
import { ROOT } from './generate.js';

export interface LintProblem {
  readonly ruleId: string;
  readonly severity: string;
  readonly message: string;
  readonly location: string;
}

export async function lintSpecs(files: readonly string[], cwd = ROOT): Promise<LintProblem[]> {
  const cli = createRequire(join(ROOT, 'package.json')).resolve('@redocly/cli/bin/cli.js');
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [cli, 'lint', ...files, '--format=json', `--config=${join(ROOT, 'redocly.yaml')}`],
    {
      cwd,
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
      maxBuffer: 16 << 20,
    },
  ).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }));
  // One JSON report per file, written back to back.
  const reports = stdout
    .split(/(?<=\})\s*(?=\{\s*"totals")/)
    .filter((s) => s.trim())
    .map(
      (s) =>
        JSON.parse(s) as {
          problems: {
            ruleId: string;
            severity: string;
            message: string;
            location: { source: { ref: string }; pointer: string }[];
          }[];
        },
    );
  if (reports.length !== files.length)
    throw new Error(
      `redocly lint returned ${reports.length} reports for ${files.length} files:\n${stdout.slice(0, 2000)}`,
    );
  return reports.flatMap((r) =>
    r.problems.map((p) => ({
      ruleId: p.ruleId,
      severity: p.severity,
      message: p.message,
      location: p.location.map((l) => `${l.source.ref}${l.pointer}`).join(', '),
    })),
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const files = process.argv.length > 2 ? process.argv.slice(2) : SPECS.map((s) => s.file);
  const problems = await lintSpecs(files);
  for (const p of problems) process.stderr.write(`${p.severity} ${p.ruleId}: ${p.message}\n  at ${p.location}\n`);
  process.stderr.write(`redocly lint (recommended): ${files.length} specs, ${problems.length} problems\n`);
  process.exit(problems.length > 0 ? 1 : 0);
}
