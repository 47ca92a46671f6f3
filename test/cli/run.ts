/** Runs the installed command as a user would: `node bin/connect-fulfillment.js`, a real process. */
import { execFile } from 'node:child_process';

export interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export function cli(args: string[], env: Record<string, string> = {}, input?: string): Promise<Run> {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('CONNECT_')));
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      ['bin/connect-fulfillment.js', ...args],
      { env: { ...clean, ...env, NO_COLOR: '1' }, timeout: 60_000 },
      (error, stdout, stderr) =>
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
    );
    if (input !== undefined) child.stdin!.end(input);
    else child.stdin!.end();
  });
}
