/**
 * Loads a spec for `diff`: a file, an http(s) URL or a git revision
 * (`REV:path`), YAML or JSON, OpenAPI 3.0, 3.1 or 3.2, with every file its
 * external `$ref`s name. Everything read is untrusted and bounded: each
 * version's files together are read up to a byte cap, JSON is parsed as JSON
 * before YAML is tried, YAML aliases and nesting are limited, and external
 * references stay inside the spec's own folder tree unless `allowExternalRefs`
 * says otherwise.
 *
 * YAML is read with js-yaml: it builds the document directly, checks duplicate
 * keys with a hash, and shares an aliased node instead of copying it. The yaml
 * package (kept for line numbers, positions.ts) builds a syntax tree first and
 * compares each key of a mapping with every other: a 4.8 MB spec took it 3
 * minutes and 355 MB, js-yaml 0.3 s and 86 MB (docs/performance.md, section 6).
 */
import { realpath, stat } from 'node:fs/promises';
import { dirname, isAbsolute, posix, relative, resolve as resolvePath, sep } from 'node:path';
import { promisify } from 'node:util';
import { CORE_SCHEMA, load as loadYaml, type LoadOptions as YamlOptions } from 'js-yaml';
import { BodyTooLargeError, formatBytes, readBody } from '../core/body.js';
import { printable } from '../core/sanitize.js';
import { readFileText } from './file-text.js';
import { parseSharing } from './share.js';
import { QUIET_MIN_NODES, rememberQuiet } from './quiet.js';
import { parseYamlSharing } from './share-yaml.js';

/** The spec could not be read, is not OpenAPI 3.x, or is too large or intricate to compare: the diff cannot run. */
export class SpecLoadError extends Error {
  override readonly name = 'SpecLoadError' as const;
}

export type Doc = Record<string, unknown>;

/** 32 MiB: far above any real spec (Stripe's, among the largest, is 6 MiB), far below what hurts. */
export { DEFAULT_MAX_SPEC_BYTES } from './formats.js';
import { DEFAULT_MAX_SPEC_BYTES } from './formats.js';
/** Files one version may span through external references. */
const MAX_FILES = 200;
/** YAML aliases per file: a "billion laughs" document stops here (its aliases are shared, never copied, anyway). */
const MAX_ALIASES = 100;
/** YAML collections nested in one another: far beyond any spec, well within the parser's stack. */
const MAX_YAML_DEPTH = 1_000;
/** Nodes scanned for references per file. */
const MAX_NODES = 5_000_000;

export interface SpecFile {
  /** Where it was read from: an absolute path, a URL, or `REV:path`. */
  readonly key: string;
  readonly doc: unknown;
  /** The source text, for line numbers; empty when the spec was loaded with `keepText: false`. */
  readonly text: string;
}

export interface LoadedSpec {
  /** What the user named. */
  readonly source: string;
  readonly rootKey: string;
  readonly files: ReadonlyMap<string, SpecFile>;
  /** The key of the file a reference names, from the file that holds it. */
  readonly refKey: (from: string, refFile: string) => string;
}

export interface LoadOptions {
  /** The cap on all the files of one version together. @default 32 MiB */
  readonly maxBytes?: number;
  /** Allow references to absolute paths, to files outside the spec's folder, and to http(s) URLs. @default false */
  readonly allowExternalRefs?: boolean;
  readonly fetch?: typeof globalThis.fetch;
  /** Told when a read outlasts a moment, for progress output. */
  readonly onSlowRead?: (key: string) => void;
  /** Keep each file's text, for the line numbers of `--format github`. @default true */
  readonly keepText?: boolean;
  /** Keep no text longer than this (in UTF-16 code units), when texts are kept: the line finder does not read one. */
  readonly maxKeptText?: number;
  /**
   * Texts already read and parsed, shared by the versions of one diff: a file
   * read before and unchanged since is not read again, and a file whose text
   * is the same as one read before shares that file's parsed document instead
   * of being parsed again. A spec compared with an unchanged copy of itself is
   * parsed once, and compared in one walk of it (same.ts).
   */
  readonly parsed?: ParseCache;
}

/**
 * Texts shorter than these are parsed whole even beside an earlier version:
 * sharing would save next to nothing. YAML costs about ten times what JSON
 * does to parse.
 */
const SHARE_MIN_JSON_CHARS = 1 << 20;
const SHARE_MIN_YAML_CHARS = 1 << 18;

/** The documents `JSON.parse` made (or that are what it would make): only they may serve as a basis to share from. */
const fromJson = new WeakSet<object>();
const madeByJson = <T>(doc: T): T => {
  if (doc !== null && typeof doc === 'object') fromJson.add(doc);
  return doc;
};

interface Parsed {
  readonly text: string;
  readonly doc: Promise<unknown>;
  /** The document, once parsed. */
  settled?: unknown;
}

/**
 * The documents parsed from each text, and the text of each file read, for
 * the versions of one diff. The comparison never changes a document, so one
 * text parsed once serves both, and a large text that differs from one
 * parsed before (the new version of a spec beside the old one) shares the
 * values it holds unchanged with it (share.ts for JSON, share-yaml.ts for
 * YAML). Holds every text it is given: cleared once the versions are loaded.
 */
export class ParseCache {
  readonly #byLength = new Map<number, Parsed[]>();
  /** The text of each file read so far, by its path and what its content on disk is known by (read). */
  readonly #files = new Map<string, string>();
  #characters = 0;

  /**
   * The text of a file this diff has read already and that has not changed
   * since: a spec diffed against itself, or a file both versions reference,
   * is read once.
   */
  readBefore(stamp: string): string | undefined {
    return this.#files.get(stamp);
  }

  keepRead(stamp: string, text: string): void {
    this.#files.set(stamp, text);
  }

  /** The characters of the distinct texts parsed so far: how large the input of this diff is. */
  get characters(): number {
    return this.#characters;
  }

  /** The document for this text: parsed now by `parse`, or shared with an earlier text that is the same. */
  parse(text: string, parse: () => unknown): Promise<unknown> {
    const same = this.#byLength.get(text.length) ?? [];
    const earlier = same.find((entry) => entry.text === text);
    if (earlier) return earlier.doc;
    const basis = this.#basisFor(text);
    const entry: Parsed = {
      text,
      doc: (async () => {
        if (basis === undefined) return parse();
        if (basis.json) {
          const shared = parseSharing(text, basis);
          return shared === undefined ? parse() : madeByJson(shared);
        }
        return parseYamlBeside(text, basis) ?? parse();
      })(),
    };
    entry.doc.then(
      (doc) => {
        entry.settled = doc;
      },
      () => undefined,
    );
    this.#characters += text.length;
    same.push(entry);
    this.#byLength.set(text.length, same);
    return entry.doc;
  }

  /**
   * For a large text, the earlier text parsed the same way (as JSON, or as
   * YAML with no anchor) nearest to it in length, within half and twice its
   * length, with its document: the old version of the spec when this is the
   * new one.
   */
  #basisFor(text: string): { text: string; doc: unknown; json: boolean } | undefined {
    const json = looksLikeJson(text);
    if (text.length < (json ? SHARE_MIN_JSON_CHARS : SHARE_MIN_YAML_CHARS)) return undefined;
    const usable = json ? fromJson : plainYaml;
    let best: Parsed | undefined;
    for (const entries of this.#byLength.values()) {
      for (const entry of entries) {
        const { settled } = entry;
        if (settled === null || typeof settled !== 'object' || !usable.has(settled)) continue;
        const length = entry.text.length;
        if (length * 2 < text.length || length > text.length * 2) continue;
        if (!best || Math.abs(length - text.length) < Math.abs(best.text.length - text.length)) best = entry;
      }
    }
    return best && { text: best.text, doc: best.settled, json };
  }

  clear(): void {
    this.#byLength.clear();
    this.#files.clear();
  }
}

/**
 * git, for a `REV:path` source. node:child_process is loaded only then: with
 * the network modules it brings (net, dgram), loading it took 6-8 ms of the
 * diff worker's start, for sources that are nearly always files.
 */
async function exec(
  file: string,
  args: readonly string[],
  options: { cwd?: string; maxBuffer?: number } = {},
): Promise<{ stdout: string }> {
  const { execFile } = await import('node:child_process');
  return promisify(execFile)(file, args, { ...options, encoding: 'utf8' });
}
const shown = (text: string) => printable(text, 200);
const isUrl = (text: string) => /^https?:\/\//i.test(text);

/** Where a version's files come from: disk, http(s), or one git revision. */
type Origin =
  | { kind: 'file'; folder: string }
  | { kind: 'url'; folder: string }
  | { kind: 'git'; rev: string; folder: string; top: string };

/** A file's text and its size in bytes (from the file system where it can: measuring a long string costs a scan of it). */
async function read(
  origin: Origin,
  key: string,
  maxBytes: number,
  fetchImpl: typeof fetch,
  cache: ParseCache | undefined,
): Promise<{ text: string; bytes: number }> {
  const measured = (text: string) => ({ text, bytes: Buffer.byteLength(text) });
  if (isUrl(key)) {
    const response = await fetchImpl(key, { signal: AbortSignal.timeout(30_000) });
    if (!response.ok) {
      response.body?.cancel().catch(() => undefined);
      throw new Error(`HTTP ${response.status}`);
    }
    return measured(await readBody(response, maxBytes, 'the spec'));
  }
  if (origin.kind === 'git') {
    try {
      return measured((await exec('git', ['show', key], { cwd: origin.top, maxBuffer: maxBytes })).stdout);
    } catch (error) {
      if ((error as { code?: string }).code === 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER') {
        throw new BodyTooLargeError({ limit: maxBytes, what: 'the spec' });
      }
      throw new Error(
        `git show: ${
          String((error as { stderr?: string }).stderr ?? '')
            .trim()
            .split('\n')[0]
        }`,
      );
    }
  }
  const info = await stat(key);
  if (!info.isFile()) throw new Error('not a file');
  if (info.size > maxBytes) throw new BodyTooLargeError({ limit: maxBytes, what: 'the spec' });
  // The same path to the same file (device and inode), its size and modification time unchanged: the same text.
  const stamp = `${key}\u0000${info.dev}:${info.ino}:${info.size}:${info.mtimeMs}`;
  const known = cache?.readBefore(stamp);
  if (known !== undefined) return { text: known, bytes: info.size };
  const { text, bytes } = await readFileText(key, info.size, maxBytes);
  cache?.keepRead(stamp, text);
  return { text, bytes };
}

/** The key a reference in `from` names, or why it may not be followed: only inside the spec's own folder tree unless allowed. */
function resolveRef(origin: Origin, from: string, ref: string, allow: boolean): string | { refused: string } {
  if (isUrl(ref) || isUrl(from)) {
    const target = new URL(ref, isUrl(from) ? from : 'invalid:/').href;
    if (!isUrl(target)) return { refused: `to ${target.split(':')[0]}:` };
    return allow || (origin.kind === 'url' && target.startsWith(origin.folder))
      ? target
      : { refused: "outside the spec's folder" };
  }
  if (origin.kind === 'git') {
    if (posix.isAbsolute(ref) && !allow) return { refused: 'to an absolute path' };
    const path = posix.normalize(posix.join(posix.dirname(from.slice(origin.rev.length + 1)), ref));
    const rel = posix.relative(origin.folder, path);
    if (!allow && (rel === '..' || rel.startsWith('../'))) return { refused: "outside the spec's folder" };
    return `${origin.rev}:${path}`;
  }
  if (isAbsolute(ref) && !allow) return { refused: 'to an absolute path' };
  const target = resolvePath(dirname(from), ref);
  const rel = relative(origin.folder, target);
  if (!allow && (rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)))
    return { refused: "outside the spec's folder" };
  return target;
}

/** `REV:path`, when REV names a commit of the repository here and `path` is not a file of its own. */
async function gitSource(source: string): Promise<{ rev: string; path: string } | undefined> {
  const match = /^([^:\s]+):(?!\/\/)(.+)$/.exec(source);
  if (!match || /^https?$/i.test(match[1]!)) return undefined;
  if (await stat(source).catch(() => undefined)) return undefined;
  try {
    await exec('git', ['rev-parse', '--verify', '--quiet', `${match[1]}^{commit}`]);
    const { stdout: prefix } = await exec('git', ['rev-parse', '--show-prefix']);
    const path = match[2]!.startsWith('/') ? match[2]!.slice(1) : posix.normalize(posix.join(prefix.trim(), match[2]!));
    return { rev: match[1]!, path };
  } catch {
    return undefined;
  }
}

/** The documents js-yaml made of a whole text with no anchor in it: only they may serve as a basis to share from. */
const plainYaml = new WeakSet<object>();

/** Aliases met so far in one file, counted across the parses of its parts when it is parsed in parts. */
interface YamlLimits {
  aliases: number;
  readonly maxDepth: number;
}

/**
 * The listener's counts per level of nesting (parseYaml), one set for every
 * parse: a parse runs to its end before another starts, and a level is set
 * when its node opens, never past maxDepth. Typed arrays, so that the
 * listener (called twice per node) neither allocates nor boxes.
 */
const levels = {
  nodes: new Int32Array(MAX_YAML_DEPTH + 2),
  heights: new Int32Array(MAX_YAML_DEPTH + 2),
  refer: new Uint8Array(MAX_YAML_DEPTH + 2),
};

/** YAML 1.2 (the core schema: no timestamps, no merge keys), with aliases and nesting limited. */
function parseYaml(text: string, key: string, limits: YamlLimits = { aliases: 0, maxDepth: MAX_YAML_DEPTH }): unknown {
  let anchored = false;
  // Per level of the nodes open (the one composed now last): the nodes closed inside each, the levels below it,
  // and whether a `$ref` (or an alias, not looked into) was among them. Large nodes with none are noted (quiet.ts).
  // A key is a node of its own, so a mapping with a `$ref` key has a node "$ref" inside (a sequence key too is
  // read as its one item's text: `? [$ref]`); any node "$ref", key or value, counts.
  let level = 0;
  const { nodes, heights, refer } = levels;
  nodes[0] = 0;
  heights[0] = 0;
  refer[0] = 0;
  // maxDepth came with js-yaml 4.2; @types/js-yaml does not know it yet.
  const options: YamlOptions & { maxDepth: number } = {
    schema: CORE_SCHEMA,
    maxDepth: limits.maxDepth,
    listener(event, state) {
      if (event === 'open') {
        level++;
        nodes[level] = 0;
        heights[level] = 0;
        refer[level] = 0;
        return;
      }
      const result = state.result;
      let refers = refer[level] === 1;
      // An alias is the one node that closes with a value but no kind of its own (an empty node has no value).
      if (state.kind === null && result != null) {
        if (++limits.aliases > MAX_ALIASES) {
          throw new SpecLoadError(`${shown(key)} uses more than ${MAX_ALIASES} YAML aliases`);
        }
        refers = true;
      } else if (result === '$ref') refers = true; // as a key, or the one item of a sequence that is a key
      if ((state as { anchor?: unknown }).anchor != null) anchored = true;
      const inside = nodes[level]!;
      const height = heights[level]!;
      if (!refers && inside >= QUIET_MIN_NODES && result !== null && typeof result === 'object') {
        rememberQuiet(result, height);
      }
      level--;
      nodes[level]! += inside + 1;
      if (height + 1 > heights[level]!) heights[level] = height + 1;
      if (refers) refer[level] = 1;
    },
  };
  const doc = loadYaml(text, options);
  if (!anchored && doc !== null && typeof doc === 'object') plainYaml.add(doc);
  return doc;
}

/**
 * A large YAML text parsed beside the earlier version it revises
 * (share-yaml.ts): its entries parsed one by one under the whole text's
 * limits, their aliases counted together, with nesting held further below
 * the limit than the deepest place an entry is walked to (so that no entry
 * parses on its own where the whole text would be too deep).
 */
export function parseYamlBeside(
  text: string,
  basis: { readonly text: string; readonly doc: unknown },
  /** Tests walk small entries too. */
  options: { readonly walkMinChars?: number } = {},
): unknown {
  const limits: YamlLimits = { aliases: 0, maxDepth: MAX_YAML_DEPTH - 64 };
  const keyOf = (keyText: string) => {
    const pair = loadYaml(`${keyText}: 0`, { schema: CORE_SCHEMA });
    const keys = pair !== null && typeof pair === 'object' ? Object.keys(pair) : [];
    if (keys.length !== 1) throw new Error('not one key');
    return keys[0]!;
  };
  return parseYamlSharing(text, basis, (entry) => parseYaml(entry, '(part)', limits), keyOf, options);
}

/** Whether a text is read as JSON (`parseSpecText` tries JSON first, then YAML). */
export function looksLikeJson(text: string): boolean {
  // A loop, not /^\s*[{[]/: V8 runs that regular expression across the whole of a long text.
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x7b || c === 0x5b) return true;
    if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0xfeff) return false;
  }
  return false;
}

/** JSON when it looks like JSON (far faster on large files), else YAML with its aliases bounded. */
export function parseSpecText(text: string, key: string): unknown {
  try {
    if (looksLikeJson(text)) {
      try {
        return madeByJson(JSON.parse(text));
      } catch (error) {
        if (error instanceof RangeError) throw error;
        // Not JSON after all (YAML flow style): YAML decides.
      }
    }
    return parseYaml(text, key);
  } catch (error) {
    if (error instanceof SpecLoadError) throw error;
    if (error instanceof RangeError || /call stack|exceeded maxDepth/i.test(String((error as Error).message))) {
      throw new SpecLoadError(`${shown(key)} is nested too deeply to read`);
    }
    throw new SpecLoadError(
      `${shown(key)} is neither YAML nor JSON: ${shown(String((error as Error).message).split('\n')[0]!)}`,
    );
  }
}

/**
 * Whether a file's text may hold a `$ref` to another file: a `$ref` key
 * (quoted or not, JSON or YAML, its `$` escaped or not) whose value is not
 * surely one that starts with `#`. Surely is: a quoted value whose first
 * character is `#` (on the key's line or a later one), or a block scalar
 * (`>-`, `|`, without an indentation indicator) whose first line starts with
 * `#` after its indentation (spaces: YAML indents with nothing else), as
 * js-yaml writes a long reference
 * (`$ref: >-` and the reference on the next line). An unquoted `#` after a
 * space starts a YAML comment, not the value: walked. Conservative: anything
 * it cannot rule out is walked by externalRefs, so only text that surely
 * refers nowhere else skips the walk, which costs a quarter of a large
 * single-file diff. A key spelt with more of it escaped
 * (`"\u0024re\u0066"`) is not followed: its target is then missing, and the
 * comparison stops with "cannot resolve the $ref" (exit 2), never with a
 * verdict.
 */
const MAY_REFER_OUT = /(?:\$|\\u0024|\\x24|\\U00000024)ref["']?\s*:(?!\s*["']#|[ \t]*[|>][+-]?[ \t]*\r?\n +#)/i;
export const mayReferOut = (text: string) => MAY_REFER_OUT.test(text);

/** Every `$ref` that names another file, found without recursion (a file may nest thousands of levels). */
function externalRefs(doc: unknown, key: string): string[] {
  const refs = new Set<string>();
  const stack: unknown[] = [doc];
  for (let visited = 0; stack.length > 0; visited++) {
    if (visited > MAX_NODES) throw new SpecLoadError(`${shown(key)} has more than ${MAX_NODES} nodes`);
    const node = stack.pop();
    if (!node || typeof node !== 'object') continue;
    const ref = (node as { $ref?: unknown }).$ref;
    if (typeof ref === 'string' && !ref.startsWith('#')) refs.add(ref.split('#')[0]!);
    for (const value of Object.values(node)) if (value && typeof value === 'object') stack.push(value);
  }
  return [...refs].filter((r) => r !== '');
}

/** The root of an OpenAPI 3.0, 3.1 or 3.2 document, or a one-line reason it is not one. */
function checkRoot(doc: unknown, source: string): Doc {
  const version = doc && typeof doc === 'object' && !Array.isArray(doc) ? (doc as Doc).openapi : undefined;
  if (typeof version !== 'string' || !/^3\.[012]\.\d+/.test(version)) {
    throw new SpecLoadError(
      `${shown(source)} is not an OpenAPI 3.0, 3.1 or 3.2 document (openapi: ${shown(JSON.stringify(version ?? null))})`,
    );
  }
  return doc as Doc;
}

export async function loadSpec(source: string, options: LoadOptions = {}): Promise<LoadedSpec> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_SPEC_BYTES;
  const allow = options.allowExternalRefs === true;
  const fetchImpl = options.fetch ?? fetch;
  let origin: Origin;
  let rootKey: string;
  const git = isUrl(source) ? undefined : await gitSource(source);
  if (isUrl(source)) {
    rootKey = new URL(source).href;
    origin = { kind: 'url', folder: new URL('.', rootKey).href };
  } else if (git) {
    const { stdout: top } = await exec('git', ['rev-parse', '--show-toplevel']);
    rootKey = `${git.rev}:${git.path}`;
    origin = { kind: 'git', rev: git.rev, folder: posix.dirname(git.path), top: top.trim() };
  } else {
    rootKey = await realpath(source).catch(() => resolvePath(source));
    origin = { kind: 'file', folder: dirname(rootKey) };
  }

  const files = new Map<string, SpecFile>();
  const keys = new Map<string, string>();
  const refKey = (from: string, refFile: string) => keys.get(`${from}\u0000${refFile}`) ?? refFile;
  const named = (key: string) => shown(key === rootKey ? source : key);
  let total = 0;
  const queue: { key: string; from?: string; ref?: string }[] = [{ key: rootKey }];
  while (queue.length > 0) {
    const { key, from, ref } = queue.shift()!;
    if (files.has(key)) continue;
    if (files.size >= MAX_FILES) throw new SpecLoadError(`${shown(source)} references more than ${MAX_FILES} files`);
    const where = from ? ` (the $ref "${shown(ref!)}" in ${named(from)})` : '';
    const slow = setTimeout(() => options.onSlowRead?.(key), 2_000);
    let text: string;
    let bytes: number;
    try {
      ({ text, bytes } = await read(origin, key, maxBytes - total, fetchImpl, options.parsed));
    } catch (error) {
      if (error instanceof BodyTooLargeError) {
        throw new SpecLoadError(
          `${shown(source)} is larger than the ${formatBytes(maxBytes)} cap for a spec${where}; --max-bytes raises it`,
        );
      }
      throw new SpecLoadError(`cannot read ${named(key)}${where}: ${shown((error as Error).message)}`);
    } finally {
      clearTimeout(slow);
    }
    total += bytes;
    const label = key === rootKey ? source : key;
    const parse = () => parseSpecText(text, label);
    const doc = await (options.parsed ? options.parsed.parse(text, parse) : parse());
    const kept = options.keepText !== false && text.length <= (options.maxKeptText ?? Number.POSITIVE_INFINITY);
    files.set(key, { key, doc, text: kept ? text : '' });
    const self = selfOf(doc);
    const refs = mayReferOut(text) ? externalRefs(doc, key === rootKey ? source : key) : [];
    for (const refFile of refs) {
      let path = refFile;
      try {
        path = decodeURIComponent(refFile);
      } catch {
        // Not percent-encoded after all: taken as written.
      }
      const viaSelf = self === undefined ? path : againstSelf(self, path);
      if (viaSelf === '') {
        keys.set(`${key}\u0000${refFile}`, key);
        continue;
      }
      const target = resolveRef(origin, key, viaSelf, allow);
      if (typeof target !== 'string') {
        throw new SpecLoadError(
          `the $ref "${shown(refFile)}" in ${named(key)} points ${target.refused}; --allow-external-refs follows it`,
        );
      }
      keys.set(`${key}\u0000${refFile}`, target);
      queue.push({ key: target, from: key, ref: refFile });
    }
  }
  checkRoot(files.get(rootKey)!.doc, source);
  return { source, rootKey, files, refKey };
}

/** A spec already in memory, as one file: for tools (the release check) and tests that build documents. */
export function specFromDocument(doc: unknown, source = '(document)'): LoadedSpec {
  const rootKey = source;
  checkRoot(doc, source);
  const self = selfOf(doc);
  return {
    source,
    rootKey,
    files: new Map([[rootKey, { key: rootKey, doc, text: '' }]]),
    // A reference to the document by its own $self is a reference into it.
    refKey: (_, ref) => (self !== undefined && againstSelf(self, ref) === '' ? rootKey : ref),
  };
}

/** OpenAPI 3.2's `$self`: the document's own URI, the base its relative references resolve against. */
function selfOf(doc: unknown): URL | undefined {
  const self = doc && typeof doc === 'object' ? (doc as Doc).$self : undefined;
  if (typeof self !== 'string' || !URL.canParse(self)) return undefined;
  const url = new URL(self);
  url.hash = '';
  return url;
}

/**
 * A reference read against the document's `$self`, as a reference from the
 * file that holds it: '' when it names the document itself, a path relative
 * to the document when it names a document beside `$self` (the local copy of
 * that tree is read, as the 3.2 text lets a tool map URIs to documents it
 * has), and the absolute URI otherwise (then refused unless
 * --allow-external-refs).
 */
function againstSelf(self: URL, ref: string): string {
  let target: URL;
  try {
    target = new URL(ref, self);
  } catch {
    return ref;
  }
  target.hash = '';
  if (target.href === self.href) return '';
  if (target.origin !== self.origin || target.protocol !== self.protocol) return target.href;
  const rel = posix.relative(posix.dirname(self.pathname), target.pathname);
  return rel === '' ? ref : `${rel}${target.search}`;
}
