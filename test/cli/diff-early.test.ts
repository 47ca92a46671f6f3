import { mkdtemp, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import type * as Early from '../../src/cli/commands/diff-early.js';
import type { DiffJob } from '../../src/cli/commands/diff-run.js';

// The built module: its worker is the built (bundled) one beside it, as the installed command runs it.
const early = (await import(pathToFileURL(resolve('dist/src/cli/commands/diff-early.js')).href)) as typeof Early;
const SPEC = resolve('spec/connect-fulfillment.openapi.yaml');
const JOB: DiffJob = {
  oldSource: SPEC,
  newSource: SPEC,
  format: 'json',
  failOn: 'breaking',
  types: false,
  allowExternalRefs: false,
  stabilityLevel: 'beta',
};
const DEFAULTS = { heapMiB: 320, youngMiB: early.YOUNG_SMALL_MIB };

/** The worker's answer to its job (after any word that it holds Turbofan back): the outcome's report, parsed. */
const answer = (worker: Worker) =>
  new Promise<{ summary: { breaking: number } }>((done, fail) => {
    worker.on('message', (message: { comparing?: true; outcome?: { text: string }; error?: unknown }) => {
      if (message.comparing) return;
      if (message.outcome) done(JSON.parse(message.outcome.text));
      else fail(new Error(JSON.stringify(message.error)));
    });
    worker.once('error', fail);
  });

describe("diff's worker, started before the command's modules", () => {
  it('is started for diff, not for its help or another command', () => {
    expect(early.startsEarly(['diff', 'a.yaml', 'b.yaml'])).toBe(true);
    expect(early.startsEarly(['diff', '--help'])).toBe(false);
    expect(early.startsEarly(['diff', 'a.yaml', '-h'])).toBe(false);
    expect(early.startsEarly(['drift'])).toBe(false);
    expect(early.startsEarly([])).toBe(false);
  });

  it('is handed the job when the run needs its limits, and answers it', async () => {
    const started = early.startEarly(['diff', SPEC, SPEC]);
    const worker = early.diffWorker(JOB, DEFAULTS);
    expect(worker).toBe(started);
    expect((await answer(worker)).summary.breaking).toBe(0);
  });

  it('starts with the young generation of the sources argv names, and is handed the job of a large input', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cf-early-'));
    try {
      const large = join(dir, 'large.yaml');
      await writeFile(large, 'openapi: 3.1.0\n');
      await truncate(large, early.SMALL_INPUT_BYTES);
      const started = early.startEarly(['diff', '--format', 'json', large, large]);
      const worker = early.diffWorker(JOB, { ...DEFAULTS, youngMiB: early.YOUNG_LARGE_MIB });
      expect(worker).toBe(started);
      expect((await answer(worker)).summary.breaking).toBe(0);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('is ended, and another started, when the run needs other limits (--max-memory, a large input)', async () => {
    for (const limits of [
      { ...DEFAULTS, heapMiB: 64 },
      { ...DEFAULTS, youngMiB: early.YOUNG_LARGE_MIB },
    ]) {
      const started = early.startEarly(['diff', SPEC, SPEC]);
      const ended = new Promise((done) => started.once('exit', done));
      const worker = early.diffWorker(JOB, limits);
      expect(worker).not.toBe(started);
      await ended;
      expect((await answer(worker)).summary.breaking).toBe(0);
    }
  });

  it('is not needed: without one, the command starts its worker with the job', async () => {
    const worker = early.diffWorker(JOB, DEFAULTS);
    expect((await answer(worker)).summary.breaking).toBe(0);
  });
});
