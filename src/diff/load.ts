/** Loads a spec (file path or http(s) URL, YAML or JSON, OpenAPI 3.0 or 3.1) into a plain object. */
import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';

/** The spec could not be read or is not OpenAPI 3.x: the diff cannot run. */
export class SpecLoadError extends Error {
  override readonly name = 'SpecLoadError' as const;
}

export type Doc = Record<string, unknown>;

export async function loadSpec(source: string, fetchImpl: typeof fetch = fetch): Promise<Doc> {
  let text: string;
  try {
    if (/^https?:\/\//i.test(source)) {
      const response = await fetchImpl(source, { signal: AbortSignal.timeout(30_000) });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      text = await response.text();
    } else {
      text = await readFile(source, 'utf8');
    }
  } catch (error) {
    throw new SpecLoadError(`cannot read ${source}: ${(error as Error).message}`);
  }
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (error) {
    throw new SpecLoadError(`${source} is neither YAML nor JSON: ${(error as Error).message.split('\n')[0]}`);
  }
  const version = (doc as Doc | null)?.openapi;
  if (typeof version !== 'string' || !/^3\.[01]\./.test(version)) {
    throw new SpecLoadError(
      `${source} is not an OpenAPI 3.0 or 3.1 document (openapi: ${JSON.stringify(version ?? null)})`,
    );
  }
  return doc as Doc;
}
