// Prints the plain closing line "N passed, N failed[, N skipped]" from vitest's
// JSON reports: `file:exitStatus` pairs, summed (npm test on Node 20, then each
// run of the Node and peer matrix). A run that stopped before vitest (type
// errors, lint, stale generated files) has no report: it counts as one failure.
import { readFileSync } from 'node:fs';

const runs = process.argv.slice(2).map((arg) => {
  const at = arg.lastIndexOf(':');
  return at > 0 ? { file: arg.slice(0, at), exitStatus: arg.slice(at + 1) } : { file: arg, exitStatus: '0' };
});
let passed = 0;
let failed = 0;
let skipped = 0;
for (const { file, exitStatus } of runs.length > 0 ? runs : [{ file: 'reports/vitest.json', exitStatus: '0' }]) {
  let report;
  try {
    report = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    if (exitStatus !== '0') failed += 1;
    continue;
  }
  passed += report.numPassedTests;
  failed += report.numFailedTests + (exitStatus !== '0' && report.numFailedTests === 0 ? 1 : 0);
  skipped += report.numPendingTests + report.numTodoTests;
}
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
