import { diffSpecs, loadSpec, summarize } from '../../diff/index.js';
import { renderDiff } from '../../diff/report.js';
import { FORMATS } from '../../contract/report/formats.js';
import { choiceArg, outArg, parseCommand } from '../args.js';
import { emit } from '../output.js';
import { EXIT, UsageError } from '../usage.js';

export async function diff(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommand(
    argv,
    { types: { type: 'boolean' }, format: { type: 'string' }, out: { type: 'string' } },
    true,
  );
  const format = choiceArg('format', values.format, FORMATS);
  if (positionals.length !== 2)
    throw new UsageError(`diff needs OLD_SPEC and NEW_SPEC, got ${positionals.length} argument(s)`);
  const out = await outArg(values.out);
  const [oldSource, newSource] = positionals as [string, string];
  const [oldDoc, newDoc] = await Promise.all([loadSpec(oldSource), loadSpec(newSource)]);
  const changes = diffSpecs(oldDoc, newDoc);
  let types: Awaited<ReturnType<typeof import('../../diff/types-check.js').diffTypes>> | undefined;
  if (values.types) {
    process.stderr.write('diff: generating types for both versions and compiling...\n');
    const { diffTypes } = await import('../../diff/types-check.js');
    types = await diffTypes(oldDoc, newDoc);
  }
  await emit(renderDiff({ old: oldSource, new: newSource, changes, ...(types ? { types } : {}) }, format), out);
  return summarize(changes).breaking > 0 || (types?.length ?? 0) > 0 ? EXIT.PROBLEM : EXIT.OK;
}
