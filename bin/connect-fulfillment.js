#!/usr/bin/env node
// The installed command: runs the compiled CLI (npm run build, which npm ci runs through prepare).
import { main } from '../dist/src/cli/main.js';

process.exitCode = await main(process.argv.slice(2));
