#!/usr/bin/env node
// The installed command: runs the compiled CLI (npm run build, which npm ci runs through prepare).
// `diff` starts its worker first, so that it starts beside the command's own modules (diff-early.ts).
import { startEarly, startsEarly } from '../dist/src/cli/commands/diff-early.js';

const argv = process.argv.slice(2);
if (startsEarly(argv)) startEarly(argv);
const { main } = await import('../dist/src/cli/main.js');
process.exitCode = await main(argv);
