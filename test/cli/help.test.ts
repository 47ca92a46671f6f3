/**
 * Every option a command takes is in that command's --help, as a line of its
 * Options that starts with the flag: the options are declared once per
 * command (its `*_OPTIONS`) and this holds the help to them. It fails on an
 * option added without a help line, and on a help line for an option the
 * command does not take.
 */
import { describe, expect, it } from 'vitest';
import { COMPLETE_OPTIONS } from '../../src/cli/commands/complete.js';
import { DIFF_OPTIONS } from '../../src/cli/commands/diff.js';
import { DRIFT_OPTIONS } from '../../src/cli/commands/drift.js';
import { MOCK_OPTIONS } from '../../src/cli/commands/mock.js';
import { PROXY_OPTIONS } from '../../src/cli/commands/proxy.js';
import { VALIDATE_OPTIONS } from '../../src/cli/commands/validate.js';
import { COMMAND_OPTIONS, optionsHelp } from '../../src/cli/options.js';
import { HELP } from '../../src/cli/usage.js';

const COMMANDS: Record<string, object> = {
  drift: DRIFT_OPTIONS,
  diff: DIFF_OPTIONS,
  mock: MOCK_OPTIONS,
  validate: VALIDATE_OPTIONS,
  proxy: PROXY_OPTIONS,
  complete: COMPLETE_OPTIONS,
};

/** The flags a help text documents: those in the flag column of each line that begins with one (`--a N, --b N`). */
const documented = (help: string) =>
  new Set(
    [...help.matchAll(/^\s+((?:--[a-z][a-z0-9-]*(?: [A-Z_]+)?(?:, )?)+)/gm)].flatMap((m) =>
      [...m[1]!.matchAll(/--[a-z][a-z0-9-]*/g)].map((f) => f[0]),
    ),
  );

describe('--help and the options each command takes', () => {
  it.each(Object.keys(COMMANDS))('%s: every option has a help line, and every help line an option', (command) => {
    const declared = new Set(Object.keys(COMMANDS[command]!).map((name) => `--${name}`));
    const help = documented(HELP[command]!);
    expect(
      [...declared].filter((flag) => !help.has(flag)),
      'options without a help line',
    ).toEqual([]);
    expect(
      [...help].filter((flag) => !declared.has(flag)),
      'help lines for no option',
    ).toEqual([]);
  });

  it('notices an option without a help line (the check can fail)', () => {
    const help = documented(HELP.proxy!);
    expect(help.has('--no-such-option')).toBe(false);
    expect(help.has('--base-url')).toBe(true);
  });

  it.each(Object.keys(COMMAND_OPTIONS))(
    '%s: the Options section is written from the one registry of options',
    (command) => {
      const options = COMMAND_OPTIONS[command as keyof typeof COMMAND_OPTIONS];
      expect(HELP[command]).toContain(`Options:\n${optionsHelp(options)}`);
      // The parser takes exactly the options the help lists.
      expect(Object.keys(COMMANDS[command]!).sort()).toEqual([...new Set(options.map((o) => o.flag))].sort());
    },
  );

  it('an option names its environment variable in the help, on its own line', () => {
    const help = optionsHelp([
      { flag: 'base-url', type: 'string', value: 'URL', env: 'CONNECT_BASE_URL', help: ['where'] },
    ]);
    expect(help).toBe(`  --base-url URL  where\n${' '.repeat(18)}(or CONNECT_BASE_URL)\n`);
  });
});
