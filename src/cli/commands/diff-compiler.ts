/**
 * Turbofan, V8's optimizing compiler, held back while the `diff` command's
 * comparison is young.
 *
 * A comparison of two specs of a few MB runs for 60 to 300 ms. Turbofan
 * compiles the functions it finds hot on other threads; on a machine of two
 * cores those threads take the core the comparison and V8's collector share,
 * most compiles end after the comparison they were meant to speed up, and a
 * worker thread cannot end before its compiles in flight have: 50 to 110 ms
 * after the worker's answer. Held back (`--no-turbofan`), the comparison runs
 * on V8's baseline code, as fast or faster here, and the worker ends at once
 * (docs/performance.md, section 7). A comparison that runs long needs
 * Turbofan, so the command's thread, idle while the worker compares, lets it
 * go after TURBOFAN_HOLD_MS; the worker lets it go when its comparison ends.
 *
 * V8's flags belong to the process, so this is for the command's own process
 * only, never for the library (`diffSpecs` leaves V8 alone), and only where it
 * is Node's V8 and nobody chose the compilers: a flag given on the command
 * line or in NODE_OPTIONS that names them (`--jitless`, `--no-opt`,
 * `--max-opt`, ...) is theirs, and is not overridden.
 */
import { setFlagsFromString } from 'node:v8';

/**
 * How long the comparison runs without Turbofan at most. Comparisons of 3 MB specs end well before it (60 to
 * 160 ms held, here); one let go just before its end pays both ways, the compiles' share of the cores and the
 * wait for them: at 150 ms the generated 3 MB pair, whose held comparison takes 140 to 160, ran in 790 ms
 * or in 1,100 ms, run by run.
 */
export const TURBOFAN_HOLD_MS = 300;

/**
 * The most input (characters of both versions' texts) whose comparison starts without Turbofan. Larger
 * specs that differ compare for most of a second or more, where Turbofan pays for itself, and a hold
 * let go after TURBOFAN_HOLD_MS still costs them its re-warming (about 100 ms on 20 MB of JSON a side).
 */
export const TURBOFAN_HOLD_MAX_CHARACTERS = 32 * 2 ** 20;

/** The V8 flags that decide which compilers run; one given by the user leaves the compilers to them. */
const COMPILER_FLAG = /--(?:no-)?(?:jitless|turbofan|opt|max-opt|always-opt|always-turbofan|maglev|sparkplug)(?![\w-])/;

/** Whether this process may hold Turbofan back: Node (not Bun, not Deno), no compiler flag given. */
export function mayHoldTurbofan(
  execArgv: readonly string[] = process.execArgv,
  nodeOptions: string | undefined = process.env.NODE_OPTIONS,
  runtime: { bun?: string; deno?: boolean } = {
    ...(process.versions.bun ? { bun: process.versions.bun } : {}),
    deno: 'Deno' in globalThis,
  },
): boolean {
  if (runtime.bun || runtime.deno) return false;
  return !COMPILER_FLAG.test(execArgv.join(' ')) && !COMPILER_FLAG.test(nodeOptions ?? '');
}

const allowed = mayHoldTurbofan();

/** Holds Turbofan back for a comparison of this much input; false (and nothing done) where it should not. */
export function holdTurbofan(characters: number): boolean {
  if (!allowed || characters > TURBOFAN_HOLD_MAX_CHARACTERS) return false;
  setFlagsFromString('--no-turbofan');
  return true;
}

/** Lets Turbofan go again (it may already be). */
export function releaseTurbofan(): void {
  if (allowed) setFlagsFromString('--turbofan');
}
