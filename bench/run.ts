/**
 * `npm run bench`: the five measurements of docs/performance.md, each a
 * median over interleaved rounds and every comparison a ratio measured side
 * by side in this run. Prints a table and writes bench/results.json.
 * BENCH_QUICK=1 runs tiny sizes, to check that the harness works.
 */
import { writeFile } from 'node:fs/promises';
import { clientOverhead } from './client-overhead.js';
import { contractRun } from './contract.js';
import { deadlineCost } from './deadline-cost.js';
import { diffSpeed } from './diff-speed.js';
import { hostile } from './hostile.js';
import { machine, startUpstream } from './measure.js';
import { memory } from './memory.js';
import { tokenSingleFlight } from './token.js';
import { validators } from './validators.js';

const quick = process.env.BENCH_QUICK === '1';
const started = performance.now();
const log = (line: string) => process.stdout.write(`${line}\n`);
const n = (x: number, digits = 0) =>
  x.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const step = (name: string) =>
  process.stderr.write(`bench: ${name} (${n((performance.now() - started) / 1000, 1)} s)\n`);

const upstream = await startUpstream();
step('client overhead');
const overhead = await clientOverhead(
  upstream,
  quick
    ? { generations: 1, rounds: 2, calls: 100, closeRounds: 2 }
    : { generations: 8, rounds: 3, calls: 300, closeRounds: 12 },
);
step("the time limit's own code");
const limitCost = await deadlineCost(quick ? 3 : 9, quick ? 10_000 : 100_000);
step('token single flight');
const token = await tokenSingleFlight(upstream, { rounds: quick ? 1 : 3, size: 1000 });
upstream.close();
step('validators');
const validation = await validators({ rounds: quick ? 1 : 5 });
step('contract run');
const contract = await contractRun(quick ? { rounds: 1, wallRounds: 1 } : { rounds: 2, wallRounds: 1 });
step('memory');
const mem = await memory({ calls: quick ? 5_000 : 100_000 });
step('hostile input');
const hostility = await hostile({ quick });
step('diff against the parse floor');
const diffs = await diffSpeed({ quick });
const [yamlPair, jsonPair] = diffs as [(typeof diffs)[0], (typeof diffs)[0]];
const totalMs = performance.now() - started;

/** Issue 29: a spec just under the 32 MiB cap, diffed against itself (JSON, YAML) and changed with --format github. */
function nearCapGoals(runs: Record<'json' | 'yaml' | 'changedGithub', { wallMs: number; peakRssMiB: number }>) {
  const what = {
    json: 'JSON against itself',
    yaml: 'YAML against itself',
    changedGithub: 'JSON changed, --format github',
  };
  return Object.fromEntries(
    (Object.keys(what) as (keyof typeof what)[]).map((k) => [
      `diff of a spec just under the cap, ${what[k]}: under 3 s and 256 MiB peak RSS`,
      runs[k].wallMs < 3_000 && runs[k].peakRssMiB < 256,
    ]),
  );
}

const ratios = Object.fromEntries(
  (Object.entries(overhead) as [keyof typeof overhead, (typeof overhead)['c1']][]).map(([c, v]) => [
    c,
    {
      // Paired: the median of the rounds' ratios, both batches of a round run back to back.
      fullOverOpenapiFetch: v.fullOverOpenapiFetch,
      fullOverFetch: v.fullOverFetch,
      untimedOverOpenapiFetch: v['full, no timeout'].median / v['openapi-fetch'].median,
      cpuOpenapiFetchOverFull: v['openapi-fetch'].cpuMicrosPerCall / v.full.cpuMicrosPerCall,
    },
  ]),
) as Record<
  keyof typeof overhead,
  {
    fullOverOpenapiFetch: number;
    fullOverFetch: number;
    untimedOverOpenapiFetch: number;
    cpuOpenapiFetchOverFull: number;
  }
>;
const results = {
  date: new Date().toISOString(),
  command: quick ? 'BENCH_QUICK=1 npm run bench' : 'npm run bench',
  machine: machine(),
  totalSeconds: totalMs / 1000,
  clientOverhead: { requestsPerSecond: overhead, ratios, timeLimitOwnCode: limitCost },
  tokenSingleFlight: token,
  validators: validation,
  contractRun: contract,
  memory: mem,
  hostile: hostility,
  diffSpeed: diffs,
  goals: {
    'full/openapi-fetch >= 0.95 (c1)': ratios.c1.fullOverOpenapiFetch >= 0.95,
    'full/openapi-fetch >= 0.95 (c32)': ratios.c32.fullOverOpenapiFetch >= 0.95,
    'full/fetch >= 0.80 (c1)': ratios.c1.fullOverFetch >= 0.8,
    'full/fetch >= 0.80 (c32)': ratios.c32.fullOverFetch >= 0.8,
    'the per-attempt timeout costs under 3% (c1, paired rounds)': overhead.c1.timeoutRatio >= 0.97,
    'the per-attempt timeout costs under 3% (c32, paired rounds)': overhead.c32.timeoutRatio >= 0.97,
    'one token request for 1,000 cold calls': token.tokenRequests === 1,
    'property-based run within 80% of Prism alone':
      contract.differential.casesPerSecond / contract.differential.prismAlonePerSecond >= 0.8,
    'npm run contract under 10 s': contract.npmRunContractMs < 10_000,
    'heap growth after warm-up under 5%': mem.heapGrowthAfterWarmup < 0.05,
    'drift and complete against hostile servers under 256 MB peak RSS': hostility.worstPeakRssMiB < 256,
    'every diff run, specs just under the cap included, under 512 MB peak RSS': hostility.worstDiffPeakRssMiB < 512,
    'every hostile run ends within 30 s': hostility.slowestHostileMs < 30_000,
    'every hostile run that exits 2 says why in one line': hostility.allEndedWithOneLineWhenExit2,
    'validate --har: 100,000 entries under 256 MB peak RSS': hostility.runs.validate[1]!.peakRssMiB < 256,
    'diff of a 3 MB YAML pair within 1.25× of parsing both': yamlPair.ratio <= 1.25,
    'diff of a 19 MiB JSON pair within 2× of parsing both': jsonPair.ratio <= 2,
    'diff of a 19 MiB JSON pair under 256 MiB peak RSS': jsonPair.diffPeakMiB < 256,
    ...nearCapGoals(hostility.nearCap),
  },
};
if (!quick)
  await writeFile(new URL('../../bench/results.json', import.meta.url), `${JSON.stringify(results, null, 2)}\n`);

const m = results.machine;
log(
  `connect-fulfillment bench · ${results.date} · node ${m.node} · ${m.platform} · ${m.cpus} × ${m.cpuModel} · ${m.memoryGiB} GiB${quick ? ' · QUICK (sizes too small to trust)' : ''}`,
);
log('');
log(
  '1. Client overhead: requests/s against a fixed 200, each variant in a process of its own (ratios: paired rounds, the median over fresh sets of processes)',
);
log(
  '   conc.      fetch   openapi-fetch       full   full, no timeout   full/openapi-fetch   full/fetch   no-timeout/openapi-fetch',
);
for (const [c, v] of Object.entries(overhead) as [keyof typeof overhead, (typeof overhead)['c1']][]) {
  const r = ratios[c];
  log(
    `   ${c.slice(1).padEnd(5)} ${n(v.fetch.median).padStart(10)} ${n(v['openapi-fetch'].median).padStart(15)} ${n(v.full.median).padStart(10)} ${n(v['full, no timeout'].median).padStart(18)} ${n(r.fullOverOpenapiFetch, 3).padStart(20)} ${n(r.fullOverFetch, 3).padStart(12)} ${n(r.untimedOverOpenapiFetch, 3).padStart(26)}`,
  );
}
log(
  `   the timeout's cost, full / full without it over paired rounds: c1 ${n(overhead.c1.timeoutRatio, 3)}, c32 ${n(overhead.c32.timeoutRatio, 3)}`,
);
log(
  `   control, full / the same full client in another process (no difference; middle half of the sets of processes): c1 ${n(overhead.c1.control.median, 3)} (${n(overhead.c1.control.low, 2)}–${n(overhead.c1.control.high, 2)}), c32 ${n(overhead.c32.control.median, 3)} (${n(overhead.c32.control.low, 2)}–${n(overhead.c32.control.high, 2)})`,
);
log('   client-process CPU µs per call (steadier than rates here):');
for (const [c, v] of Object.entries(overhead) as [keyof typeof overhead, (typeof overhead)['c1']][]) {
  log(
    `   ${c.slice(1).padEnd(5)} ${n(v.fetch.cpuMicrosPerCall).padStart(10)} ${n(v['openapi-fetch'].cpuMicrosPerCall).padStart(15)} ${n(v.full.cpuMicrosPerCall).padStart(10)} ${n(v['full, no timeout'].cpuMicrosPerCall).padStart(18)}   openapi-fetch/full CPU ${n(ratios[c].cpuOpenapiFetchOverFull, 3)}`,
  );
}
log(
  `   the time limit's own code per attempt, no network (bench/deadline-cost.ts): ${n(limitCost.timedMicros, 2)} µs, ${n(limitCost.untimedMicros, 2)} µs without a limit: ${n(((limitCost.timedMicros - limitCost.untimedMicros) / overhead.c32.full.cpuMicrosPerCall) * 100, 2)}% of the full client's CPU per call at c32`,
);
log('');
log(
  `2. Token single flight: ${n(token.calls)} concurrent calls, cold cache, token endpoint taking ${token.tokenDelayMs} ms`,
);
log(
  `   token requests: ${token.tokenRequests} · wave wall time cold ${n(token.coldWallMs)} ms, warm ${n(token.warmWallMs)} ms (extra ${n(token.coldWallMs - token.warmWallMs)} ms) · p50 latency cold ${n(token.coldP50Ms)} ms, warm ${n(token.warmP50Ms)} ms`,
);
log('');
log('3. Validators (200 body): standalone (build time) vs ajv compiling at run time');
log(
  `   start-up, import to first validation: standalone ${n(validation.standalone.startupMs, 1)} ms, run-time compile ${n(validation.runtime.startupMs, 1)} ms (${n(validation.runtime.startupMs / validation.standalone.startupMs, 1)}×)`,
);
log(
  `   validations/s: standalone ${n(validation.standalone.perSecond)}, run-time compiled ${n(validation.runtime.perSecond)} (ratio ${n(validation.standalone.perSecond / validation.runtime.perSecond, 2)})`,
);
log(
  `   the client's whole check of a 200 (observe, status, content type, schema): ${n(validation.clientChecksMicrosPer200, 2)} µs`,
);
log('');
log('4. Contract run against the mock');
log(
  `   npm run contract: ${n(contract.npmRunContractMs)} ms wall · parts: Prism start-up ${n(contract.prismStartupMs)} ms, checks ${n(contract.checksMs)} ms, property-based ${n((contract.differential.cases / contract.differential.casesPerSecond) * 1000)} ms`,
);
log(
  `   property-based: ${n(contract.differential.casesPerSecond)} cases/s vs Prism alone ${n(contract.differential.prismAlonePerSecond)} req/s (${n((contract.differential.casesPerSecond / contract.differential.prismAlonePerSecond) * 100)}%)`,
);
log('');
log(`5. Memory: ${n(mem.calls)} calls in one process (${n(mem.callsPerSecond)} calls/s), after gc`);
log(
  `   heap MiB start ${n(mem.start.heapUsedMiB, 1)} · after warm-up ${n(mem.warm.heapUsedMiB, 1)} · end ${n(mem.end.heapUsedMiB, 1)} (growth after warm-up ${n(mem.heapGrowthAfterWarmup * 100, 1)}%)`,
);
log(
  `   RSS MiB  start ${n(mem.start.rssMiB, 1)} · after warm-up ${n(mem.warm.rssMiB, 1)} · end ${n(mem.end.rssMiB, 1)} (growth after warm-up ${n(mem.rssGrowthAfterWarmup * 100, 1)}%)`,
);
log('');
log('6. Hostile input: the command in a process of its own, peak RSS from the process (maxRSS), beside a baseline run');
for (const [command, runs] of Object.entries(hostility.runs)) {
  const base = hostility.baseline[command as keyof typeof hostility.baseline];
  for (const r of runs) {
    log(
      `   ${r.name.padEnd(62)} exit ${r.exitCode}  ${n(r.wallMs).padStart(6)} ms (${n(r.wallMs / base.wallMs, 1)}×)  ${n(r.peakRssMiB, 1).padStart(6)} MiB (${n(r.peakRssMiB / base.peakRssMiB, 2)}×)`,
    );
  }
}
log('');
log('7. diff against the parse floor: two revisions of a generated realistic spec (12 changes), real command vs');
log('   reading and parsing both files in one process (bench/parse-floor.mjs), back to back, median of the rounds');
for (const d of diffs) {
  log(
    `   ${d.name.padEnd(22)} ${n(d.bytes / 1e6, 1).padStart(5)} MB each  exit ${d.exitCode}  floor ${n(d.floorMs).padStart(5)} ms  diff ${n(d.diffMs).padStart(5)} ms  ratio ${n(d.ratio, 2)} (rounds ${d.ratios.join(' ')})  peak ${n(d.diffPeakMiB, 1)} MiB (floor ${n(d.floorPeakMiB, 1)})`,
  );
}
log('');
log('Goals:');
for (const [goal, met] of Object.entries(results.goals)) log(`   ${met ? 'met    ' : 'MISSED '} ${goal}`);
log(`\nTotal ${n(totalMs / 1000, 1)} s${quick ? '' : '; written to bench/results.json'}`);
