/**
 * 3. Validators: the standalone validators compiled at build time against
 * ajv compiling the same schema at run time. Start-up (import to first
 * validation) in fresh processes, then validations per second of a 200 body.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { median } from './measure.js';

const BODY = '{ fulfillmentStatus: "OK", orderId: 14, errorMessage: null }';

const STANDALONE = `
const t0 = performance.now();
const { completeOrderResponse200Body: validate } = await import('connect-fulfillment/validators');
if (!validate(${BODY})) throw new Error('invalid');
const startup = performance.now() - t0;
`;

// What a client without build-time compilation does: load ajv, read the spec, compile, validate.
const RUNTIME = `
const t0 = performance.now();
const { Ajv2020 } = await import('ajv/dist/2020.js');
const addFormats = (await import('ajv-formats')).default;
const { createRequire } = await import('node:module');
const spec = createRequire(import.meta.url)('connect-fulfillment/spec/connect-fulfillment.openapi.json');
const ajv = new Ajv2020({ allErrors: true, strict: true });
addFormats(ajv, { mode: 'full' });
ajv.addKeyword('x-connect-addition');
const defs = JSON.parse(JSON.stringify(spec.components.schemas).replaceAll('#/components/schemas/', '#/$defs/'));
ajv.addSchema({ $id: 'https://bench.invalid/spec.json', $defs: defs });
const validate = ajv.compile({ $ref: 'https://bench.invalid/spec.json#/$defs/CompleteOrderResponse' });
if (!validate(${BODY})) throw new Error('invalid');
const startup = performance.now() - t0;
`;

const LOOP = `
const body = ${BODY};
for (let i = 0; i < 20000; i++) validate(body);
const n = 400000; const t1 = performance.now();
for (let i = 0; i < n; i++) validate(body);
console.log(JSON.stringify({ startup, perSecond: n / ((performance.now() - t1) / 1000) }));
`;

// What the client adds per 200 besides fetching: read the observation, run the three client checks.
const CHECKS = `
const { observe, runChecks, clientResponseChecks, specs } = await import('connect-fulfillment/contract');
const operation = specs['connect-fulfillment'].operations[0];
const text = JSON.stringify(${BODY});
const once = () => runChecks(clientResponseChecks, { operation, response: observe(200, [['content-type', 'application/json']], text) });
for (let i = 0; i < 20000; i++) once();
const n = 200000; const t = performance.now();
for (let i = 0; i < n; i++) once();
console.log(JSON.stringify({ microsPerResponse: (performance.now() - t) * 1000 / n }));
`;

const run = async (code: string) =>
  JSON.parse(
    (await promisify(execFile)(process.execPath, ['--input-type=module', '-e', code + LOOP], { cwd: process.cwd() }))
      .stdout,
  ) as { startup: number; perSecond: number };

export async function validators(options: { rounds: number }) {
  const samples = {
    standalone: [] as { startup: number; perSecond: number }[],
    runtime: [] as { startup: number; perSecond: number }[],
  };
  for (let r = 0; r < options.rounds; r++) {
    samples.standalone.push(await run(STANDALONE));
    samples.runtime.push(await run(RUNTIME));
  }
  const summary = (s: { startup: number; perSecond: number }[]) => ({
    startupMs: median(s.map((x) => x.startup)),
    perSecond: median(s.map((x) => x.perSecond)),
  });
  const checks = JSON.parse(
    (await promisify(execFile)(process.execPath, ['--input-type=module', '-e', CHECKS])).stdout,
  ) as { microsPerResponse: number };
  return {
    standalone: summary(samples.standalone),
    runtime: summary(samples.runtime),
    clientChecksMicrosPer200: checks.microsPerResponse,
  };
}
