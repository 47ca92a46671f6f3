// Loaded with `node --import` into a command under measurement: on exit, writes
// the process's peak resident set size (kilobytes) to $PEAK_RSS_FILE. Linux's
// VmHWM belongs to this program's address space; getrusage's ru_maxrss is not
// used because it keeps the parent's peak across fork and exec.
import { readFileSync, writeFileSync } from 'node:fs';

const out = process.env.PEAK_RSS_FILE;
const peakKb = () => {
  try {
    const match = /^VmHWM:\s+(\d+)\s+kB/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (match) return Number(match[1]);
  } catch {
    // not Linux: fall back below
  }
  return process.resourceUsage().maxRSS;
};
if (out) process.on('exit', () => writeFileSync(out, String(peakKb())));
