/** The formats `diff` writes its report in (report.ts renders each); apart, so that the command's help reads the list without loading the rules. */
export const DIFF_FORMATS = ['text', 'json', 'markdown', 'junit', 'github', 'html'] as const;
export type DiffFormat = (typeof DIFF_FORMATS)[number];
