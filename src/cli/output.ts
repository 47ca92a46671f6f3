import { writeFile } from 'node:fs/promises';
import { FORMATS, type Format } from '../contract/report/formats.js';
import { UsageError } from './usage.js';

export function parseFormat(value: string | undefined, allowed: readonly Format[] = FORMATS): Format {
  const format = (value ?? 'text') as Format;
  if (!allowed.includes(format))
    throw new UsageError(`--format must be one of ${allowed.join(', ')}, got ${JSON.stringify(value)}`);
  return format;
}

/** Results go to stdout or --out; progress and reasons go to stderr. */
export async function emit(text: string, out: string | undefined): Promise<void> {
  if (out) {
    await writeFile(out, text);
    process.stderr.write(`report written to ${out}\n`);
  } else {
    process.stdout.write(text);
  }
}

export function positiveInt(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(Number(value)))
    throw new UsageError(`${name} must be a positive integer, got ${JSON.stringify(value)}`);
  return Number(value);
}
