/**
 * share.test.ts again, with every object of the new version first read as the
 * basis's own with some values replaced (src/diff/share.ts, objectInStep),
 * not only the objects of a megabyte or more that meet it in real specs.
 */
(globalThis as { shareInStepMinChars?: number }).shareInStepMinChars = 0;
await import('./share.test.js');
