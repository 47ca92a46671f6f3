/**
 * `npm run lint:spec`: two linters written by others over the specs, Redocly
 * CLI's recommended rules (redocly.yaml) and Spectral's OpenAPI ruleset with
 * every rule on (.spectral.yaml). Both fail a run on errors only; this fails
 * on warnings, infos and hints as well, so that "lint-clean" means zero
 * problems. Pass spec files to lint others.
 */
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { SPECS } from './codegen/index.js';
import { ROOT } from './generate.js';

export interface LintProblem {
  readonly tool: 'redocly' | 'spectral';
  readonly ruleId: string;
  readonly severity: string;
  readonly message: string;
  readonly location: string;
}

const run = promisify(execFile);
const env = { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_COLOR: '1' };
const resolveBin = (module: string) => createRequire(join(ROOT, 'package.json')).resolve(module);

async function redocly(files: readonly string[], cwd: string): Promise<LintProblem[]> {
  const args = [
    resolveBin('@redocly/cli/bin/cli.js'),
    'lint',
    ...files,
    '--format=json',
    `--config=${join(ROOT, 'redocly.yaml')}`,
  ];
  const { stdout } = await run(process.execPath, args, { cwd, env, maxBuffer: 16 << 20 }).catch(
    (error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }),
  );
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
      tool: 'redocly' as const,
      ruleId: p.ruleId,
      severity: p.severity,
      message: p.message,
      location: p.location.map((l) => `${l.source.ref}${l.pointer}`).join(', '),
    })),
  );
}

const SPECTRAL_SEVERITY = ['error', 'warn', 'info', 'hint'];

async function spectral(files: readonly string[], cwd: string): Promise<LintProblem[]> {
  const args = [
    resolveBin('@stoplight/spectral-cli/dist/index.js'),
    'lint',
    ...files,
    '--ruleset',
    join(ROOT, '.spectral.yaml'),
    '--format',
    'json',
    '--quiet',
  ];
  const { stdout } = await run(process.execPath, args, { cwd, env, maxBuffer: 16 << 20 }).catch(
    (error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }),
  );
  const results = JSON.parse(stdout || 'null') as
    | { code: string; severity: number; message: string; source: string; path: (string | number)[] }[]
    | null;
  if (!Array.isArray(results)) throw new Error(`spectral lint gave no report:\n${stdout.slice(0, 2000)}`);
  return results.map((r) => ({
    tool: 'spectral' as const,
    ruleId: r.code,
    severity: SPECTRAL_SEVERITY[r.severity] ?? String(r.severity),
    message: r.message,
    location: `${r.source}#/${r.path.join('/')}`,
  }));
}

export async function lintSpecs(files: readonly string[], cwd = ROOT): Promise<LintProblem[]> {
  const [a, b] = await Promise.all([redocly(files, cwd), spectral(files, cwd)]);
  return [...a, ...b];
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const files = process.argv.length > 2 ? process.argv.slice(2) : SPECS.map((s) => s.file);
  const problems = await lintSpecs(files);
  for (const p of problems)
    process.stderr.write(`${p.tool} ${p.severity} ${p.ruleId}: ${p.message}\n  at ${p.location}\n`);
  const count = (tool: LintProblem['tool']) => problems.filter((p) => p.tool === tool).length;
  process.stderr.write(
    `spec lint: ${files.length} specs; redocly (recommended) ${count('redocly')} problems, spectral (oas, all rules) ${count('spectral')} problems\n`,
  );
  process.exit(problems.length > 0 ? 1 : 0);
}
