// Prints the plain closing line "N passed, N failed[, N skipped]" from vitest's
// JSON report. A run that stopped before vitest (type errors, lint, stale
// generated files) has no report: it counts as one failure.
import { readFileSync } from 'node:fs';

const [file = 'reports/vitest.json', exitStatus = '0'] = process.argv.slice(2);
let report;
try {
  report = JSON.parse(readFileSync(file, 'utf8'));
} catch {
  console.log(`0 passed, ${exitStatus === '0' ? 0 : 1} failed`);
  process.exit(0);
}
const failed = report.numFailedTests + (exitStatus !== '0' && report.numFailedTests === 0 ? 1 : 0);
const skipped = report.numPendingTests + report.numTodoTests;
console.log(`${report.numPassedTests} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
