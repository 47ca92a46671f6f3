/**
 * The `connect-fulfillment` command. Subcommands load lazily, so `--help`
 * starts fast. Every failure to run ends in exit 2 with exactly one line on
 * stderr; no stack trace ever reaches a user (CONNECT_FULFILLMENT_DEBUG=1
 * prints it, for whoever reports a bug).
 */
import { printable } from '../core/sanitize.js';
import { guardStandardStreams } from './output.js';
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
  // Own keys only: `constructor` or `toString` is no command.
  const load = command !== undefined && Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
  // `complete` keeps its exit code when its output is lost: 2 there would say that nothing was sent.
  guardStandardStreams(load ? command : undefined, command === 'complete' ? undefined : EXIT.CANNOT_RUN);
  if (command === undefined || command === '-h' || command === '--help' || command === 'help') {
    const topic = rest[0] ?? 'main';
    process.stdout.write(Object.hasOwn(HELP, topic) ? HELP[topic]! : HELP.main!);
    return command === undefined ? EXIT.CANNOT_RUN : EXIT.OK;
  }
  if (command === '-v' || command === '--version') {
    process.stdout.write(`${packageVersion()}\n`);
    return EXIT.OK;
  }
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
