/**
 * Finds the elements of the array at `log.entries` in JSON text fed to it a
 * chunk at a time, without parsing anything else: it tracks only strings (and
 * their escapes), the containers open around the current character, and the
 * key each one sits under. Each element (an object, as a HAR's are, or
 * anything else, to be reported) comes out as its own text, for
 * JSON.parse; one larger than the cap comes out as `oversized`, its text
 * dropped as soon as it passes the cap, so memory stays bounded by the cap
 * whatever the file holds.
 *
 * stream-json would do the scanning, four times slower and without the cap
 * (docs/performance.md, section 6).
 */

/** The file is not a HAR, said in one line. */
export class NotHarError extends Error {}

export type Scanned = { readonly text: string } | { readonly oversized: true };

/** Key strings longer than this are not remembered (no key on the way to `log.entries` is). */
const MAX_KEY = 64;

export class EntriesScanner {
  readonly #maxEntry: number;
  // Where the scan stands in the JSON text.
  /** '{' or '[' for each open container, outermost first. */
  readonly #kinds: string[] = [];
  /** The key under which each open container sits (index = its depth + 1). */
  readonly #keys: (string | undefined)[] = [];
  #inString = false;
  #escaped = false;
  /** The string being read, while it may still be a key. */
  #token = '';
  /** The last string read: the key, once a `:` follows it. */
  #lastString: string | undefined;
  #sawRoot = false;
  // What it has found.
  /** The depth of the `log.entries` array, once found. */
  #entriesDepth = -1;
  /** The element being captured: its text so far, chunk by chunk. */
  #entry: string[] | undefined;
  #entryBytes = 0;
  #oversized = false;
  /** The element being captured is a string, a number or a literal (it ends without a bracket). */
  #scalar = false;
  #done = false;

  constructor(maxEntryBytes: number) {
    this.#maxEntry = maxEntryBytes;
  }

  /** Whether `log.entries` was found, and whether the array has ended (nothing more to read). */
  get found(): boolean {
    return this.#entriesDepth >= 0;
  }
  get done(): boolean {
    return this.#done;
  }

  /** The elements that end in `chunk`, in order. */
  feed(chunk: string): Scanned[] {
    const out: Scanned[] = [];
    const kinds = this.#kinds;
    const keys = this.#keys;
    // The hot loop works on locals; they go back into the fields when the chunk is done.
    let inString = this.#inString;
    let escaped = this.#escaped;
    let token = this.#token;
    let lastString = this.#lastString;
    let sawRoot = this.#sawRoot;
    let entriesDepth = this.#entriesDepth;
    let entry = this.#entry;
    let entryBytes = this.#entryBytes;
    let oversized = this.#oversized;
    let scalar = this.#scalar;
    let start = 0; // where the captured part of this chunk begins
    const pathIsEntries = () => kinds.length === 3 && kinds[0] === '{' && keys[1] === 'log' && keys[2] === 'entries';
    const begin = (at: number) => {
      entry = [];
      entryBytes = 0;
      oversized = false;
      start = at;
    };
    const finish = (end: number) => {
      entryBytes += end - start;
      out.push(
        oversized || entryBytes > this.#maxEntry
          ? { oversized: true }
          : { text: entry!.join('') + chunk.slice(start, end) },
      );
      entry = undefined;
      scalar = false;
    };
    for (let i = 0; i < chunk.length && !this.#done; i++) {
      const c = chunk[i]!;
      if (inString) {
        if (escaped) escaped = false;
        else if (c === '\\') escaped = true;
        else if (c === '"') {
          inString = false;
          lastString = token;
          // An element that is a string ends with its closing quote.
          if (scalar) finish(i + 1);
        } else if (entry === undefined && token.length < MAX_KEY) token += c;
        continue;
      }
      // An element that is a number, true, false or null ends at what follows it.
      if (scalar) {
        if (c !== ',' && c !== ']' && c !== ' ' && c !== '\n' && c !== '\r' && c !== '\t') continue;
        finish(i);
      }
      const atElement = entry === undefined && entriesDepth >= 0 && kinds.length === entriesDepth + 1;
      if (c === '"') {
        inString = true;
        token = '';
        if (atElement) {
          begin(i);
          scalar = true;
        }
      } else if (c === ':') {
        keys[kinds.length] = lastString;
      } else if (c === '{' || c === '[') {
        if (!sawRoot && c !== '{') throw new NotHarError('the file is not a HAR: its root is not an object');
        sawRoot = true;
        if (atElement) begin(i);
        kinds.push(c);
        keys[kinds.length] = undefined;
        if (c === '[' && entriesDepth < 0 && pathIsEntries()) entriesDepth = kinds.length - 1;
      } else if (c === '}' || c === ']') {
        kinds.pop();
        if (entry !== undefined && kinds.length === entriesDepth + 1) finish(i + 1);
        if (entriesDepth >= 0 && kinds.length === entriesDepth) this.#done = true;
      } else if (atElement && c !== ',' && !/\s/.test(c)) {
        begin(i);
        scalar = true;
      } else if (!sawRoot && !/\s/.test(c) && c !== '\ufeff') {
        throw new NotHarError('the file is not a HAR: it is not JSON');
      }
    }
    if (entry !== undefined && !this.#done) {
      const part = chunk.slice(start);
      entryBytes += part.length;
      if (entryBytes > this.#maxEntry) {
        oversized = true;
        entry.length = 0;
      } else entry.push(part);
    }
    this.#inString = inString;
    this.#escaped = escaped;
    this.#token = token;
    this.#lastString = lastString;
    this.#sawRoot = sawRoot;
    this.#entriesDepth = entriesDepth;
    this.#entry = entry;
    this.#entryBytes = entryBytes;
    this.#oversized = oversized;
    this.#scalar = scalar;
    return out;
  }
}
