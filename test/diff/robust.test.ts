/**
 * diff on inputs built to hurt, and on documents that are valid but sparse:
 * nulls where objects belong, references that form cliques, DAGs and cycles,
 * deep nesting, alias bombs, files over the cap. Each ends, quickly, in
 * findings or in one SpecLoadError naming what is wrong; none crashes.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { diffSpecs, loadSpec, SpecLoadError, specFromDocument } from '../../src/diff/index.js';
import { lineFinder, MAX_POSITIONED_TEXT } from '../../src/diff/positions.js';
import { aliasBombYaml, cliqueSpec, dagSpec, deepSpec, deepYaml, withSchemas } from '../fixtures/hostile-specs.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cf-diff-robust-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const op = (responses: unknown) => ({
  openapi: '3.1.0',
  info: { title: 't', version: '1' },
  paths: { '/x': { get: { responses } } },
});
const diff = (a: object, b: object) => diffSpecs(specFromDocument(a), specFromDocument(b));

describe('null and wrong-typed nodes read as empty, in both directions', () => {
  const base = op({ 200: { description: 'ok', headers: { 'X-A': { schema: { type: 'string' } } } } });
  const NULLS: [string, object][] = [
    ['responses: with nothing under it', op(null)],
    ['a null response', op({ 200: null })],
    ['a null header', op({ 200: { description: 'ok', headers: { 'X-A': null } } })],
    [
      'null callbacks and a null callback',
      {
        ...op({ 200: { description: 'ok' } }),
        paths: { '/x': { get: { responses: { 200: { description: 'ok' } }, callbacks: { cb: null } } } },
      },
    ],
    ['a null path item', { ...base, paths: { '/x': null } }],
    ['a null paths object', { ...base, paths: null }],
    ['a null server entry', { ...base, servers: [null, { url: 'https://a' }] }],
    ['a null security requirement', { ...base, security: [null] }],
    ['a null security scheme', { ...base, components: { securitySchemes: { s: null } } }],
    [
      'a null flow',
      { ...base, components: { securitySchemes: { s: { type: 'oauth2', flows: { clientCredentials: null } } } } },
    ],
    [
      'a null schema and null properties',
      withSchemas({ S0: { type: 'object', properties: null, items: null, allOf: null } }),
    ],
    [
      'wrong types: responses a number, parameters a string',
      { ...base, paths: { '/x': { get: { responses: 5, parameters: 'nope' } } } },
    ],
  ];
  it.each(NULLS)('%s', (_, doc) => {
    expect(() => diff(base, doc)).not.toThrow();
    expect(() => diff(doc, base)).not.toThrow();
    expect(() => diff(doc, doc)).not.toThrow();
  });
});

describe('bounded work on reference graphs', () => {
  it('a clique of 60 schemas that all reference each other: each pair compared once, the change found', () => {
    // 60 × 60 references: without memoising pairs the walk never ends; with it, about one comparison per reference.
    const changes = diffSpecs(cliqueSpec(60), cliqueSpec(60, true), { maxComparisons: 60 * 60 * 2 });
    expect(changes.map((c) => c.id)).toEqual(['response-property-became-required']);
    expect(() => diffSpecs(cliqueSpec(60), cliqueSpec(60, true), { maxComparisons: 60 * 30 })).toThrow(
      /more than 1800 schema comparisons/,
    );
  });

  it('a DAG of 40 levels, each referencing the next twice (2^40 paths): linear work', () => {
    const changes = diffSpecs(dagSpec(40, 'string'), dagSpec(40, 'integer'), { maxComparisons: 41 * 4 });
    expect(changes.map((c) => c.id)).toEqual(['response-property-type-changed']);
  });

  it('a cycle is compared once, and a change inside it is found', () => {
    const cyclic = (type: string) =>
      withSchemas({ S0: { type: 'object', properties: { next: { $ref: '#/components/schemas/S0' }, v: { type } } } });
    expect(diff(cyclic('string'), cyclic('string'))).toEqual([]);
    expect(diff(cyclic('string'), cyclic('integer')).map((c) => c.id)).toEqual(['response-property-type-changed']);
  });

  it('nesting deeper than 200 schema levels ends in one SpecLoadError, not a crash', () => {
    const deep = deepSpec(450);
    expect(() => diff(deep, deep)).toThrow(SpecLoadError);
    expect(() => diff(deep, deep)).toThrow(/nests deeper than 200 levels/);
  });

  it('a $ref chain that never ends (a refers to b refers to a) is refused, naming it', () => {
    const loop = withSchemas({ S0: { $ref: '#/components/schemas/S1' }, S1: { $ref: '#/components/schemas/S0' } });
    expect(() => diff(loop, loop)).toThrow(/\$ref chain .* longer than 32 hops/);
  });

  it('a $ref pointer with escaped tokens (~1, ~0, %25) reaches its target, and a change behind it is found', () => {
    const escaped = (type: string) => ({
      ...op({
        200: {
          description: 'ok',
          content: { 'application/json': { schema: { $ref: '#/components/schemas/a~1b~0c%25d' } } },
        },
      }),
      components: { schemas: { 'a/b~c%d': { type: 'object', properties: { v: { type } } } } },
    });
    expect(diff(escaped('string'), escaped('string'))).toEqual([]);
    expect(diff(escaped('string'), escaped('integer')).map((c) => c.id)).toEqual(['response-property-type-changed']);
  });

  it('a $ref to nothing is refused, naming it', () => {
    const dangling = withSchemas({}, 'Missing');
    expect(() => diff(dangling, dangling)).toThrow(/cannot resolve the \$ref "#\/components\/schemas\/Missing"/);
  });
});

describe('loading files and URLs, bounded', () => {
  const write = async (name: string, doc: unknown) => {
    const file = join(dir, name);
    await mkdir(join(file, '..'), { recursive: true });
    await writeFile(file, typeof doc === 'string' ? doc : stringify(doc));
    return file;
  };

  it('a file over the cap is refused, naming the cap and the option that raises it', async () => {
    const file = await write('big.json', JSON.stringify({ ...op({}), padding: 'x'.repeat(5_000) }));
    await expect(loadSpec(file, { maxBytes: 1_000 })).rejects.toThrow(
      /larger than the 1000 bytes cap for a spec; --max-bytes raises it/,
    );
  });

  it('a YAML alias bomb stops at the alias limit, naming it', async () => {
    const file = await write('bomb.yaml', aliasBombYaml(12));
    await expect(loadSpec(file)).rejects.toThrow(SpecLoadError);
    await expect(loadSpec(file)).rejects.toThrow(/alias/i);
  });

  it('a YAML mapping of 100,000 keys loads, and a duplicate among them is refused by name', async () => {
    const keys = Array.from({ length: 100_000 }, (_, i) => `    p${i}: {type: string}`);
    const yaml = (extra: string[]) =>
      `openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n   S:\n    type: object\n    properties:\n${[...keys, ...extra].join('\n').replace(/^ {4}/gm, '     ')}\n`;
    const file = await write('wide.yaml', yaml([]));
    const spec = await loadSpec(file);
    expect(
      Object.keys(
        (spec.files.get(spec.rootKey)!.doc as { components: { schemas: { S: { properties: object } } } }).components
          .schemas.S.properties,
      ),
    ).toHaveLength(100_000);
    const twice = await write('wide-twice.yaml', yaml(['    p5: {type: integer}']));
    await expect(loadSpec(twice)).rejects.toThrow(/wide-twice\.yaml is neither YAML nor JSON: duplicated mapping key/);
  });

  it('line numbers are exact up to 2 Mi characters; a larger file is annotated at line 1 without a syntax tree', () => {
    const find = lineFinder();
    const small = 'openapi: 3.1.0\npaths:\n  /a:\n    get: {}\n';
    expect(find(small, ['paths', '/a', 'get'])).toBe(4);
    const large = `${small}x: "${'y'.repeat(MAX_POSITIONED_TEXT)}"\n`;
    expect(find(large, ['paths', '/a', 'get'])).toBe(1);
  });

  it('line numbers follow keys and items through flow style, explicit keys, aliases and keys without a value', () => {
    const find = lineFinder();
    const text = [
      'openapi: 3.1.0', // 1
      'paths:', // 2
      '  /a:', // 3
      '    get:', // 4
      '      responses:', // 5
      "        '200': &ok", // 6
      '          description: |', // 7
      '            two', // 8
      '            lines', // 9
      '          content: {application/json: {schema: {enum: [a,', // 10
      '            b]}}}', // 11
      '        "404": *ok', // 12
      '  ? /b', // 13
      '  : post: {summary: b, x: {p,', // 14
      '      q: 1, r}}', // 15
      '  /c:', // 16
      '    - 1', // 17
      '    -   - 2', // 18
      '        - 3', // 19
      '',
    ].join('\n');
    expect(find(text, ['paths', '/a', 'get', 'responses', '200', 'content'])).toBe(10);
    expect(
      find(text, ['paths', '/a', 'get', 'responses', '200', 'content', 'application/json', 'schema', 'enum', 1]),
    ).toBe(11);
    expect(find(text, ['paths', '/a', 'get', 'responses', '404'])).toBe(12);
    expect(find(text, ['paths', '/b', 'post', 'x', 'q'])).toBe(15);
    expect(find(text, ['paths', '/c', 1, 1])).toBe(19);
    // A path that leaves the file stops at the last element found.
    expect(find(text, ['paths', '/a', 'get', 'missing', 'deeper'])).toBe(4);
    // Text that does not read is annotated at line 1.
    expect(find('a: [unclosed\n', ['a'])).toBe(1);
  });

  it('YAML nested far beyond any spec ends in one SpecLoadError; JSON as deep loads without recursion', async () => {
    const yaml = await write('deep.yaml', deepYaml(100_000));
    await expect(loadSpec(yaml)).rejects.toThrow(/nested too deeply to read/);
    const json = await write('deep.json', `{"openapi":"3.1.0","x":${'['.repeat(200_000)}${']'.repeat(200_000)}}`);
    const spec = await loadSpec(json);
    expect(diffSpecs(spec, spec)).toEqual([]);
  });

  it('follows relative $refs into other files of the folder, and finds a change behind one', async () => {
    const spec = (schemaFile: string) => ({
      ...op({
        200: {
          description: 'ok',
          content: { 'application/json': { schema: { $ref: `./schemas/${schemaFile}#/Pet` } } },
        },
      }),
    });
    await write('ext/schemas/pet-v1.yaml', { Pet: { type: 'object', properties: { name: { type: 'string' } } } });
    await write('ext/schemas/pet-v2.yaml', { Pet: { type: 'object', properties: { name: { type: 'integer' } } } });
    const [v1, v2] = await Promise.all([
      write('ext/v1.yaml', spec('pet-v1.yaml')),
      write('ext/v2.yaml', spec('pet-v2.yaml')),
    ]);
    const changes = diffSpecs(await loadSpec(v1), await loadSpec(v2));
    expect(changes).toEqual([
      expect.objectContaining({
        id: 'response-property-type-changed',
        location: 'GET /x › response 200 application/json › body.name',
        anchor: { file: join(dir, 'ext/schemas/pet-v2.yaml'), path: ['Pet', 'properties', 'name'] },
      }),
    ]);
  });

  it.each([
    ['a path that leaves the folder', '../outside.yaml', "points outside the spec's folder"],
    ['an absolute path', '/etc/passwd', 'points to an absolute path'],
    ['a URL', 'https://example.com/pet.yaml', "points outside the spec's folder"],
  ])('refuses %s unless --allow-external-refs, naming it', async (_, ref, why) => {
    await write('outside.yaml', { Pet: { type: 'string' } });
    const file = await write(
      `refuse/${Math.random().toString(36).slice(2)}.yaml`,
      op({ 200: { description: 'ok', content: { 'application/json': { schema: { $ref: `${ref}#/Pet` } } } } }),
    );
    await expect(loadSpec(file)).rejects.toThrow(
      `the $ref "${ref}" in ${file} ${why}; --allow-external-refs follows it`,
    );
  });

  it('with allowExternalRefs, a file outside the folder is followed', async () => {
    await write('outside.yaml', { Pet: { type: 'string' } });
    const file = await write(
      'allowed/spec.yaml',
      op({ 200: { description: 'ok', content: { 'application/json': { schema: { $ref: '../outside.yaml#/Pet' } } } } }),
    );
    const spec = await loadSpec(file, { allowExternalRefs: true });
    expect(spec.files.size).toBe(2);
  });
});

describe('a change inside a schema many places share: compared and reported once, naming every other place', () => {
  const spec = (type: string) => {
    const body = (schema: object) => ({ description: 'ok', content: { 'application/json': { schema } } });
    const ref = { $ref: '#/components/schemas/Shared' };
    return {
      openapi: '3.1.0',
      info: { title: 't', version: '1' },
      paths: {
        '/a': { get: { responses: { 200: body(ref) } } },
        '/b': { get: { responses: { 200: body({ type: 'object', properties: { one: ref, two: ref } }) } } },
        '/c': { get: { responses: { 200: body({ type: 'array', items: ref }) } } },
      },
      components: {
        schemas: {
          Shared: { type: 'object', properties: { v: { type }, self: { $ref: '#/components/schemas/Shared' } } },
        },
      },
    };
  };

  it('the change is reported at the first place, with the others in alsoAt (a cycle is no other place)', () => {
    const changes = diff(spec('string'), spec('integer'));
    expect(changes).toEqual([
      expect.objectContaining({
        id: 'response-property-type-changed',
        location: 'GET /a › response 200 application/json › body.v',
        alsoAt: {
          places: [
            'GET /b › response 200 application/json › body.one',
            'GET /b › response 200 application/json › body.two',
            'GET /c › response 200 application/json › body[]',
          ],
          total: 3,
        },
      }),
    ]);
  });

  it('no change, no alsoAt: a schema shared without changes lists nothing', () => {
    expect(diff(spec('string'), spec('string'))).toEqual([]);
  });

  it('the text, Markdown and GitHub reports say where else', async () => {
    const [a, b] = [join(dir, 'shared-a.json'), join(dir, 'shared-b.json')];
    await writeFile(a, JSON.stringify(spec('string')));
    await writeFile(b, JSON.stringify(spec('integer')));
    const result = { old: a, new: b, changes: diffSpecs(await loadSpec(a), await loadSpec(b)) };
    const { renderDiff } = await import('../../src/diff/report.js');
    expect(renderDiff(result, 'text')).toContain(
      '      also at GET /b › response 200 application/json › body.one; GET /b › response 200 application/json › body.two; GET /c › response 200 application/json › body[]',
    );
    expect(renderDiff(result, 'markdown')).toContain('type changed from string to integer (also at 3 other places)');
    expect(renderDiff(result, 'github')).toContain('(also at 3 other places)');
    expect(JSON.parse(renderDiff(result, 'json')).changes[0].alsoAt.total).toBe(3);
  });
});

describe('the external-reference scan is skipped only for text that surely refers nowhere else', () => {
  it('finds every way of writing a reference to another file, in JSON and YAML', async () => {
    const { mayReferOut } = await import('../../src/diff/load.js');
    const external = [
      '{"$ref": "other.json"}',
      '{"$ref":"./a.yaml#/x"}',
      '{"$ref" :\n  "x.yaml"}',
      '{"\\u0024ref": "x.yaml"}',
      '"\\x24ref": x.yaml',
      '"\\U00000024ref": x.yaml',
      '{"$ref": "\\u0023/x"}',
      '$ref: other.yaml',
      "'$ref': other.yaml",
      '"$ref": \'x.yaml\'',
      '$ref:\n  other.yaml',
      '? $ref\n: other.yaml',
      '$ref: *anchor',
      '$ref: |\n  other.yaml',
      '{$ref: other.yaml}',
      'a: {"$ref": "https://example.com/x.yaml"}',
      // An unquoted # after a space starts a YAML comment: the value is what follows it.
      '$ref: # the schema\n  other.yaml',
      '$ref:\n  # the schema\n  other.yaml',
      '$ref: #/x',
      // A block scalar whose first line is not surely the value's start: a header comment, a blank line, an indentation indicator.
      '$ref: >- # long\n  other.yaml#/x',
      '$ref: >-\n\n  #/x',
      '$ref: >2-\n     #/x',
      '$ref: >-\n\t#/x',
      '$ref: >-\n  other.yaml#/components/examples/a',
    ];
    for (const text of external) expect(mayReferOut(text), text).toBe(true);
    const internal = [
      '{"$ref": "#/components/schemas/A"}',
      "$ref: '#/x'",
      '$ref: "#/x"',
      'openapi: 3.1.0\npaths: {}',
      // A property called href, or any key ending in ref, is not a reference.
      'href:\n  type: string',
      '{"xref": "other.yaml"}',
      // A long reference as js-yaml writes it: a folded or literal block scalar, the reference on the next line.
      'x:\n  $ref: >-\n    #/components/examples/pre-receive-environment',
      "'$ref': |-\n  #/x",
      '$ref: >\r\n  #/x',
      '$ref:\n  "#/x"',
    ];
    for (const text of internal) expect(mayReferOut(text), text).toBe(false);
  });

  it('follows a reference to another file written after a YAML comment', async () => {
    const folder = join(dir, 'commented-ref');
    await mkdir(folder, { recursive: true });
    const root = join(folder, 'openapi.yaml');
    await writeFile(
      root,
      [
        'openapi: 3.1.0',
        'info: { title: t, version: "1" }',
        'paths: {}',
        'components:',
        '  schemas:',
        '    Pet:',
        '      $ref: # kept beside the spec',
        '        pet.yaml',
        '',
      ].join('\n'),
    );
    await writeFile(join(folder, 'pet.yaml'), 'type: object\n');
    const spec = await loadSpec(root);
    expect([...spec.files.keys()].map((key) => key.split(/[\\/]/).pop())).toEqual(['openapi.yaml', 'pet.yaml']);
  });
});
