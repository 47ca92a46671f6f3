/** Runs the installed command as a user would: `node bin/connect-fulfillment.js`, a real process. */
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';

export interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

const BIN = resolve('bin/connect-fulfillment.js');

export function cli(args: string[], env: Record<string, string> = {}, input?: string, cwd?: string): Promise<Run> {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('CONNECT_')));
  return new Promise((done) => {
    const child = execFile(
      process.execPath,
      [BIN, ...args],
      { env: { ...clean, ...env, NO_COLOR: '1' }, timeout: 60_000, ...(cwd ? { cwd } : {}) },
      (error, stdout, stderr) =>
        done({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
    );
    if (input !== undefined) child.stdin!.end(input);
    else child.stdin!.end();
  });
}
