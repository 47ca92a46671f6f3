/** The output formats every report of the command (drift, validate, proxy) is written in. */
export const FORMATS = ['text', 'json', 'markdown', 'junit', 'html'] as const;
export type Format = (typeof FORMATS)[number];
