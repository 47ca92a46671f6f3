import { printable } from '../../core/sanitize.js';
import { diffSpecs, loadSpec } from '../../diff/index.js';
import { DIFF_FORMATS, fails, renderDiff } from '../../diff/report.js';
import { bytesArg, choiceArg, outArg, parseCommand } from '../args.js';
import { emit, progressAfter } from '../output.js';
import { EXIT, UsageError } from '../usage.js';

export async function diff(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommand(
    argv,
    {
      types: { type: 'boolean' },
      format: { type: 'string' },
      out: { type: 'string' },
      'fail-on': { type: 'string' },
      'max-bytes': { type: 'string' },
      'allow-external-refs': { type: 'boolean' },
    },
    true,
  );
  const format = choiceArg('format', values.format, DIFF_FORMATS);
  const failOn = choiceArg('fail-on', values['fail-on'], ['breaking', 'warning'] as const);
  const maxBytes = bytesArg('max-bytes', values['max-bytes']);
  if (positionals.length !== 2)
    throw new UsageError(`diff needs OLD_SPEC and NEW_SPEC, got ${positionals.length} argument(s)`);
  const out = await outArg(values.out);
  const [oldSource, newSource] = positionals as [string, string];
  const options = {
    allowExternalRefs: values['allow-external-refs'] === true,
    ...(maxBytes === undefined ? {} : { maxBytes }),
    onSlowRead: (key: string) => process.stderr.write(`diff: still reading ${printable(key, 200)}...\n`),
  };
  // One after the other: the transient memory of parsing one version is freed before the next is read.
  // Only the new version's lines are ever shown (as annotations), so only its text is kept.
  const oldSpec = await loadSpec(oldSource, { ...options, keepText: false });
  const newSpec = await loadSpec(newSource, { ...options, keepText: format === 'github' });
  const changes = diffSpecs(oldSpec, newSpec);
  let types: Awaited<ReturnType<typeof import('../../diff/types-check.js').diffTypes>> | undefined;
  if (values.types) {
    const done = progressAfter('diff: generating types for both versions and compiling...', 0);
    const { diffTypes } = await import('../../diff/types-check.js');
    types = await diffTypes(oldSpec, newSpec).finally(done);
  }
  const result = { old: oldSource, new: newSource, changes, newSpec, failOn, ...(types ? { types } : {}) };
  await emit(renderDiff(result, format), out);
  return fails(result) ? EXIT.PROBLEM : EXIT.OK;
}
