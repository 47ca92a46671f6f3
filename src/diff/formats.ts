/** The formats `diff` writes its report in (report.ts renders each); apart, so that the command's help reads the list without loading the rules. */
export const DIFF_FORMATS = ['text', 'json', 'markdown', 'junit', 'github', 'html'] as const;
export type DiffFormat = (typeof DIFF_FORMATS)[number];

/** The cap on each version's files together, in bytes. */
export const DEFAULT_MAX_SPEC_BYTES = 32 * 1024 * 1024;

/**
 * The heap a diff may use, in MiB. Two specs at the 32 MiB cap, parsed and
 * compared, stay well within it (docs/performance.md, section 6); a pair that
 * needs more ends in one line and exit 2 instead of taking the machine's memory.
 */
export const DEFAULT_DIFF_HEAP_MIB = 320;
