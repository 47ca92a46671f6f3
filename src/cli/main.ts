/**
 * The `connect-fulfillment` command. Subcommands load lazily, so `--help`
 * starts fast; every failure to run ends in exit 2 with one line on stderr.
 */
import { readFileSync } from 'node:fs';
import { EXIT, HELP, UsageError } from './usage.js';

const COMMANDS: Record<string, () => Promise<(argv: string[]) => Promise<number>>> = {
  drift: async () => (await import('./commands/drift.js')).drift,
  diff: async () => (await import('./commands/diff.js')).diff,
  mock: async () => (await import('./commands/mock.js')).mock,
  complete: async () => (await import('./commands/complete.js')).complete,
};

const version = (): string =>
  (JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '-h' || command === '--help' || command === 'help') {
    process.stdout.write(HELP[rest[0] ?? 'main'] ?? HELP.main!);
    return command === undefined ? EXIT.CANNOT_RUN : EXIT.OK;
  }
  if (command === '-v' || command === '--version') {
    process.stdout.write(`${version()}\n`);
    return EXIT.OK;
  }
  const load = COMMANDS[command];
  if (!load) {
    process.stderr.write(`connect-fulfillment: unknown command ${JSON.stringify(command)} (try --help)\n`);
    return EXIT.CANNOT_RUN;
  }
  if (rest.includes('-h') || rest.includes('--help')) {
    process.stdout.write(HELP[command]!);
    return EXIT.OK;
  }
  try {
    return await (await load())(rest);
  } catch (error) {
    const known =
      error instanceof UsageError ||
      ['SpecLoadError', 'TypesUnavailableError'].includes((error as Error).name) ||
      (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
    process.stderr.write(
      `connect-fulfillment ${command}: ${known ? (error as Error).message : `unexpected error: ${(error as Error).stack ?? error}`}\n`,
    );
    return EXIT.CANNOT_RUN;
  }
}
