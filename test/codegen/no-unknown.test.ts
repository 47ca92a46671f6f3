/**
 * No component of the generated types degrades to `unknown` or `any`: each is
 * a type a consumer's editor can complete. The one exception is deliberate:
 * ErrorBody is any JSON object (docs/spec-notes.md, decision 6). The
 * TypeScript compiler itself reads the types, every schema, parameter and
 * header, and each property of each.
 */
import { readFile } from 'node:fs/promises';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

/** Open on purpose: its values may be anything (it is still an object: see the last test). */
const OPEN_ON_PURPOSE = new Set(['schemas.ErrorBody']);
const SPECS = [
  ['connect-fulfillment', 'spec/connect-fulfillment.openapi.yaml'],
  ['connectid-token', 'spec/connectid-token.openapi.yaml'],
] as const;

/** Every `kind.Name` and `kind.Name.property` of a spec's generated components, with the type TypeScript gives it. */
async function componentTypes(key: string, file: string): Promise<Map<string, string>> {
  const doc = parse(await readFile(file, 'utf8')) as { components: Record<string, Record<string, unknown>> };
  const names = ['schemas', 'parameters', 'headers'].flatMap((kind) =>
    Object.keys(doc.components[kind] ?? {}).map((name) => [kind, name] as const),
  );
  const check = `/virtual/check-${key}.ts`;
  const source = [
    `import type { components } from '${process.cwd()}/generated/${key}.js';`,
    ...names.map(
      ([kind, name], i) => `export type T${i} = components[${JSON.stringify(kind)}][${JSON.stringify(name)}];`,
    ),
  ].join('\n');
  const options = {
    strict: true,
    noEmit: true,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    skipLibCheck: true,
  };
  const host = ts.createCompilerHost(options);
  const read = host.readFile.bind(host);
  const getSource = host.getSourceFile.bind(host);
  host.readFile = (f) => (f === check ? source : read(f));
  host.fileExists = (
    (exists) => (f: string) =>
      f === check || exists(f)
  )(host.fileExists.bind(host));
  host.getSourceFile = (f, v) => (f === check ? ts.createSourceFile(f, source, v) : getSource(f, v));
  const program = ts.createProgram([check], options, host);
  const checker = program.getTypeChecker();
  const out = new Map<string, string>();
  const aliases = program.getSourceFile(check)!.statements.filter(ts.isTypeAliasDeclaration);
  for (const [i, alias] of aliases.entries()) {
    const [kind, name] = names[i]!;
    const type = checker.getTypeAtLocation(alias.name);
    out.set(`${kind}.${name}`, checker.typeToString(type));
    for (const property of type.getProperties()) {
      const propertyType = checker.getTypeOfSymbolAtLocation(property, alias);
      out.set(`${kind}.${name}.${property.name}`, checker.typeToString(propertyType));
    }
  }
  expect(ts.getPreEmitDiagnostics(program, program.getSourceFile(check))).toEqual([]);
  return out;
}

describe('the generated types', () => {
  it.each(SPECS)('%s: no component or property degrades to unknown or any', async (key, file) => {
    const types = await componentTypes(key, file);
    expect(types.size).toBeGreaterThan(3);
    const degraded = [...types].filter(
      ([where, type]) => /^(unknown|any|Record<string, never>)$/.test(type) && !OPEN_ON_PURPOSE.has(where),
    );
    expect(degraded).toEqual([]);
  });

  it('ErrorBody is open on purpose, and the test would see it', async () => {
    const types = await componentTypes('connect-fulfillment', 'spec/connect-fulfillment.openapi.yaml');
    expect(types.get('schemas.ErrorBody')).toMatch(
      /^(unknown|\{ \[key: string\]: unknown; \}|Record<string, unknown>)$/,
    );
    expect(types.get('schemas.RetryAfter')).toBe('string');
    expect(types.get('schemas.TokenRequest')).toBeUndefined();
  });
});
