/**
 * The `connect-fulfillment` command. Subcommands load lazily, so `--help`
 * starts fast. Every failure to run ends in exit 2 with exactly one line on
 * stderr; no stack trace ever reaches a user (CONNECT_FULFILLMENT_DEBUG=1
 * prints it, for whoever reports a bug).
 */
import { printable } from '../core/sanitize.js';
import { EXIT, HELP, UsageError } from './usage.js';
import { packageVersion } from './version.js';

const COMMANDS: Record<string, () => Promise<(argv: string[]) => Promise<number>>> = {
  drift: async () => (await import('./commands/drift.js')).drift,
  diff: async () => (await import('./commands/diff.js')).diff,
  mock: async () => (await import('./commands/mock.js')).mock,
  complete: async () => (await import('./commands/complete.js')).complete,
  validate: async () => (await import('./commands/validate.js')).validate,
  proxy: async () => (await import('./commands/proxy.js')).proxy,
};

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '-h' || command === '--help' || command === 'help') {
    process.stdout.write(HELP[rest[0] ?? 'main'] ?? HELP.main!);
    return command === undefined ? EXIT.CANNOT_RUN : EXIT.OK;
  }
  if (command === '-v' || command === '--version') {
    process.stdout.write(`${packageVersion()}\n`);
    return EXIT.OK;
  }
  const load = COMMANDS[command];
  if (!load) {
    process.stderr.write(
      `connect-fulfillment: unknown command ${printable(JSON.stringify(command), 60)} (try --help)\n`,
    );
    return EXIT.CANNOT_RUN;
  }
  if (rest.includes('-h') || rest.includes('--help')) {
    process.stdout.write(HELP[command]!);
    return EXIT.OK;
  }
  try {
    return await (await load())(rest);
  } catch (error) {
    // Every subcommand says why it could not run with a UsageError; anything else is a defect of ours.
    const message =
      error instanceof UsageError
        ? error.message
        : `unexpected error (${(error as Error)?.name ?? 'Error'}: ${(error as Error)?.message ?? String(error)}); please report it`;
    process.stderr.write(`connect-fulfillment ${command}: ${printable(message, 1_000)}\n`);
    if (process.env.CONNECT_FULFILLMENT_DEBUG === '1') process.stderr.write(`${(error as Error)?.stack ?? error}\n`);
    return EXIT.CANNOT_RUN;
  }
}
