import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { startServer, type TestServer } from '../helpers/server.js';
import { cli } from './run.js';

const SPEC = 'spec/connect-fulfillment.openapi.yaml';
let dir: string;
let breaking: string;
let server: TestServer;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cf-diff-'));
  const doc = parse(await readFile(SPEC, 'utf8'));
  doc.components.schemas.FulfillmentStatus.enum.push('PENDING');
  doc.components.schemas.CompleteOrderRequest.required.push('callbackUrl');
  breaking = join(dir, 'breaking.yaml');
  await writeFile(breaking, stringify(doc));
  const text = await readFile(SPEC, 'utf8');
  server = await startServer((_, res) => {
    res.writeHead(200, { 'content-type': 'application/yaml' }).end(text);
  });
});
afterAll(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

describe('connect-fulfillment diff', () => {
  it('exits 0 between a spec and its own JSON bundle', async () => {
    const { code, stdout } = await cli(['diff', SPEC, 'generated/spec/connect-fulfillment.openapi.json']);
    expect(code).toBe(0);
    expect(stdout).toContain('0 breaking, 0 warnings, 0 info');
  });

  it('exits 1 on a breaking change, with rule id, level, location and message in every format', async () => {
    const json = await cli(['diff', SPEC, breaking, '--format', 'json']);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({
      schemaVersion: 1,
      command: 'diff',
      summary: { breaking: 2 },
      changes: expect.arrayContaining([
        {
          id: 'response-property-enum-value-added',
          level: 'breaking',
          location: 'POST /v1/client/order/fulfillment › response 200 application/json › body.fulfillmentStatus',
          message: 'enum value "PENDING" added',
        },
        expect.objectContaining({ id: 'request-property-became-required' }),
      ]),
    });
    const text = await cli(['diff', SPEC, breaking]);
    expect(text.stdout).toContain('✗ breaking response-property-enum-value-added');
    expect((await cli(['diff', SPEC, breaking, '--format', 'markdown'])).stdout).toContain(
      '| breaking | `request-property-became-required` |',
    );
    expect((await cli(['diff', SPEC, breaking, '--format', 'junit'])).stdout).toMatch(
      /<testcase name="response-property-enum-value-added" classname="diff"[^>]*>\s*<failure/,
    );
  });

  it('reads a spec from an http URL', async () => {
    const { code, stdout } = await cli(['diff', `${server.url}/spec.yaml`, breaking, '--format', 'json']);
    expect(code).toBe(1);
    expect(JSON.parse(stdout).old).toBe(`${server.url}/spec.yaml`);
  });

  it('--types: the TypeScript compiler names each incompatibility', async () => {
    const { code, stdout } = await cli(['diff', SPEC, breaking, '--types', '--format', 'json']);
    expect(code).toBe(1);
    const { types } = JSON.parse(stdout);
    expect(types).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          direction: 'request',
          location: 'POST /v1/client/order/fulfillment › request application/json › body.callbackUrl',
          message: expect.stringContaining("Type 'string | undefined' is not assignable to type 'string'"),
        }),
        expect.objectContaining({
          direction: 'response',
          location: 'POST /v1/client/order/fulfillment › response 200 application/json › body.fulfillmentStatus',
          message: expect.stringContaining('"PENDING"'),
        }),
      ]),
    );
  }, 30_000);

  it('--types and the rules agree on release 1.0.0 to now: an object that says nothing of its properties is any object in both', async () => {
    // 1.0.0 wrote `type: object`, 2.0.0 adds `additionalProperties: true`, which JSON Schema already meant.
    const { stdout } = await cli([
      'diff',
      'releases/1.0.0/connect-fulfillment.openapi.yaml',
      SPEC,
      '--types',
      '--format',
      'json',
    ]);
    const report = JSON.parse(stdout);
    expect(report.types).toEqual([]);
    expect(report.changes.map((c: { location: string }) => c.location).join('\n')).not.toMatch(
      /response (400|401|500) /,
    );
  }, 30_000);

  it('exits 2 on a file that cannot be read or is not OpenAPI 3', async () => {
    const missing = await cli(['diff', SPEC, join(dir, 'nope.yaml')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^connect-fulfillment diff: cannot read .*nope\.yaml/);
    const swagger = join(dir, 'swagger.yaml');
    await writeFile(swagger, 'swagger: "2.0"\ninfo: {title: x, version: "1"}\npaths: {}\n');
    expect((await cli(['diff', SPEC, swagger])).stderr).toContain('is not an OpenAPI 3.0, 3.1 or 3.2 document');
    expect((await cli(['diff', SPEC])).code).toBe(2);
  });

  it('--format github: an error per breaking change, at the line of the changed element in the new file', async () => {
    const { code, stdout } = await cli(['diff', SPEC, breaking, '--format', 'github']);
    expect(code).toBe(1);
    const lines = stdout.trim().split('\n');
    // The enum value was added to components/schemas/FulfillmentStatus, the schema the 200 body refers to.
    const enumLine = (await readFile(breaking, 'utf8')).split('\n').indexOf('    FulfillmentStatus:') + 1;
    expect(enumLine).toBeGreaterThan(1);
    expect(lines).toContain(
      `::error file=${relative(process.cwd(), breaking)},line=${enumLine},title=response-property-enum-value-added::` +
        'POST /v1/client/order/fulfillment › response 200 application/json › body.fulfillmentStatus: enum value "PENDING" added',
    );
    expect(lines.filter((l) => l.startsWith('::error '))).toHaveLength(2);
    expect(lines.at(-1)).toBe('2 breaking, 0 warnings, 0 info');
  });

  it('a comparison that needs more memory than --max-memory ends in one line and exit 2, not a crash', async () => {
    // About 6 MB of JSON: one schema with 120,000 properties, which needs 32-40 MiB to compare, twice the limit
    // (40,000 needed about 16: on Node 26 they came within it, now and then, once fewer handles were made).
    const properties = Object.fromEntries(
      Array.from({ length: 120_000 }, (_, i) => [`property${i}`, { type: 'string', maxLength: i }]),
    );
    const doc = parse(await readFile(SPEC, 'utf8'));
    doc.components.schemas.CompleteOrderResponse.properties = properties;
    const big = join(dir, 'big.json');
    await writeFile(big, JSON.stringify(doc));
    // Two texts, so that both are parsed (a text both versions share is parsed once) and compared.
    doc.components.schemas.CompleteOrderResponse.properties.property7 = { type: 'integer' };
    const changed = join(dir, 'big-changed.json');
    await writeFile(changed, JSON.stringify(doc));
    const refused = await cli(['diff', big, changed, '--max-memory', '16']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe(
      'connect-fulfillment diff: comparing these specs needs more than 16 MiB of memory; --max-memory raises the limit\n',
    );
    expect(refused.stdout).toBe('');
    const compared = await cli(['diff', big, big]);
    expect(compared.code).toBe(0);
    expect(compared.stdout).toContain('0 breaking, 0 warnings, 0 info');
  });

  it('YAML is read as YAML 1.2 core: duplicate keys are refused by name, dates stay strings, tags need no code', async () => {
    const duplicate = join(dir, 'duplicate.yaml');
    await writeFile(duplicate, 'openapi: 3.1.0\ninfo: {title: t, version: "1"}\npaths: {}\npaths: {}\n');
    const refused = await cli(['diff', duplicate, duplicate]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(
      /^connect-fulfillment diff: .*duplicate\.yaml is neither YAML nor JSON: duplicated mapping key/,
    );
    expect(refused.stderr.split('\n')).toHaveLength(2);
    // An unquoted date is a string in YAML 1.2's core schema (a Date in js-yaml's default schema).
    const doc = parse(await readFile(SPEC, 'utf8'));
    doc.components.schemas.FulfillmentStatus.enum.push('2024-01-01');
    const dated = join(dir, 'dated.yaml');
    await writeFile(dated, stringify(doc));
    expect(await readFile(dated, 'utf8')).toMatch(/- 2024-01-01\n/);
    const json = await cli(['diff', SPEC, dated, '--format', 'json']);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout).changes).toContainEqual(
      expect.objectContaining({ id: 'response-property-enum-value-added', message: 'enum value "2024-01-01" added' }),
    );
    const tagged = join(dir, 'tagged.yaml');
    await writeFile(tagged, 'openapi: 3.1.0\ninfo: !!js/function "function () {}"\npaths: {}\n');
    const unknownTag = await cli(['diff', tagged, tagged]);
    expect(unknownTag.code).toBe(2);
    expect(unknownTag.stderr).toMatch(/unknown tag/);
  });

  it('--fail-on warning fails on a warning; by default only a breaking change fails', async () => {
    const doc = parse(await readFile(SPEC, 'utf8'));
    doc.paths['/v1/client/order/fulfillment'].post.responses['503'] = { description: 'Unavailable' };
    const warned = join(dir, 'warned.yaml');
    await writeFile(warned, stringify(doc));
    expect((await cli(['diff', SPEC, warned])).code).toBe(0);
    expect((await cli(['diff', SPEC, warned, '--fail-on', 'warning'])).code).toBe(1);
  });

  it('reads the old version from a git revision, with its relative $refs at the same revision', async () => {
    const repo = join(dir, 'repo');
    await mkdir(join(repo, 'spec'), { recursive: true });
    const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, stdio: 'pipe' });
    const doc = parse(await readFile(SPEC, 'utf8'));
    doc.components.schemas.FulfillmentStatus = { $ref: './status.yaml#/FulfillmentStatus' };
    await writeFile(join(repo, 'spec/api.yaml'), stringify(doc));
    await writeFile(
      join(repo, 'spec/status.yaml'),
      stringify({ FulfillmentStatus: { type: 'string', enum: ['OK', 'ERROR'] } }),
    );
    git('init', '-q');
    git('add', '.');
    git('-c', 'user.name=t', '-c', 'user.email=t@example.invalid', 'commit', '-qm', 'v1');
    await writeFile(
      join(repo, 'spec/status.yaml'),
      stringify({ FulfillmentStatus: { type: 'string', enum: ['OK', 'ERROR', 'PENDING'] } }),
    );
    const same = await cli(['diff', 'HEAD:spec/api.yaml', 'HEAD:spec/api.yaml'], {}, undefined, repo);
    expect(same).toMatchObject({ code: 0 });
    const changed = await cli(['diff', 'HEAD:spec/api.yaml', 'spec/api.yaml', '--format', 'json'], {}, undefined, repo);
    expect(changed.code).toBe(1);
    expect(JSON.parse(changed.stdout).changes).toEqual([
      expect.objectContaining({ id: 'response-property-enum-value-added' }),
    ]);
    const missing = await cli(['diff', 'HEAD:spec/nope.yaml', 'spec/api.yaml'], {}, undefined, repo);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(
      /^connect-fulfillment diff: cannot read HEAD:spec\/nope\.yaml: git show: fatal: .*\n$/,
    );
  });

  it('property names and values from a spec reach the terminal and the Markdown escaped', async () => {
    const doc = parse(await readFile(SPEC, 'utf8'));
    doc.components.schemas.CompleteOrderResponse.properties['x\u001b[2J|`y'] = { type: 'string' };
    doc.components.schemas.CompleteOrderResponse.required.push('x\u001b[2J|`y');
    const hostile = join(dir, 'hostile.yaml');
    await writeFile(hostile, stringify(doc));
    const text = await cli(['diff', hostile, SPEC]);
    expect(text.stdout).toContain('body["x\\u001b[2J|`y"]');
    expect(text.stdout).not.toContain('\u001b');
    const md = await cli(['diff', hostile, SPEC, '--format', 'markdown']);
    expect(md.stdout).toContain(
      '``POST /v1/client/order/fulfillment › response 200 application/json › body["x\\u001b[2J\\|`y"]``',
    );
  });
});
