/** Every rendering of a value that a log line or a report could hold: for asserting that no secret leaks. */
import { inspect } from 'node:util';

/** String, JSON, inspection (hidden fields too) and stack of an error and of every cause in its chain. */
export function renderings(error: unknown): string[] {
  const out = [
    String(error),
    JSON.stringify(error),
    inspect(error, { depth: Infinity, showHidden: true }),
    (error as Error)?.stack ?? '',
  ];
  for (let cause = (error as Error)?.cause, depth = 0; cause && depth < 10; cause = (cause as Error).cause, depth++) {
    out.push(String(cause), JSON.stringify(cause) ?? '', inspect(cause, { depth: Infinity, showHidden: true }));
  }
  return out;
}
