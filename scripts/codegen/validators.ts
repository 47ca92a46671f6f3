/**
 * Compiles every schema site of the specs into one standalone ESM module with
 * ajv (JSON Schema 2020-12, the dialect of OpenAPI 3.1), so that nothing is
 * compiled at run time.
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import standaloneCodeModule from 'ajv/dist/standalone/index.js';
import type { Json, JsonObject, SchemaSite } from './spec-walk.js';

const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;
const standaloneCode = standaloneCodeModule as unknown as typeof standaloneCodeModule.default;

export interface SpecInput {
  readonly key: string;
  readonly doc: JsonObject;
  readonly sites: readonly SchemaSite[];
}

const ID_BASE = 'https://connect-fulfillment.invalid/';
/** Keywords OpenAPI allows in a schema that JSON Schema validation must not see. */
const isOpenApiOnlyKeyword = (key: string): boolean =>
  key.startsWith('x-') || key === 'example' || key === 'xml' || key === 'externalDocs';

/** Copies a schema, rewriting `#/components/schemas/...` refs to the root holding them as `$defs`. */
function rewrite(node: Json, rootId: string, strict: boolean): Json {
  if (Array.isArray(node)) return node.map((n) => rewrite(n, rootId, strict));
  if (!node || typeof node !== 'object') return node;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(node)) {
    if (isOpenApiOnlyKeyword(key)) continue;
    if (key === '$ref' && typeof value === 'string' && value.startsWith('#/components/schemas/')) {
      out.$ref = `${rootId}#/$defs/${value.slice('#/components/schemas/'.length)}`;
    } else if (key === 'examples' || key === 'enum' || key === 'const' || key === 'default') {
      out[key] = value;
    } else if (key === 'properties' || key === '$defs' || key === 'patternProperties') {
      out[key] = Object.fromEntries(
        Object.entries(value as JsonObject).map(([k, v]) => [k, rewrite(v, rootId, strict)]),
      );
    } else {
      out[key] = rewrite(value, rootId, strict);
    }
  }
  // The strict twin flags undocumented properties: an object schema that lists its
  // properties and says nothing about others gets `unevaluatedProperties: false`.
  if (strict && out.properties && !('additionalProperties' in out) && !('unevaluatedProperties' in out)) {
    out.unevaluatedProperties = false;
  }
  return out;
}

export function compileStandalone(specs: readonly SpecInput[]): string {
  const ajv = new Ajv2020({ code: { source: true, esm: true, lines: true }, allErrors: true, strict: true });
  addFormats(ajv, { mode: 'full' });
  const exportsMap: Record<string, string> = {};
  for (const spec of specs) {
    const schemas = ((spec.doc.components as JsonObject | undefined)?.schemas ?? {}) as JsonObject;
    for (const strict of [false, true]) {
      const rootId = `${ID_BASE}${spec.key}/${strict ? 'strict' : 'lenient'}.json`;
      ajv.addSchema({ $id: rootId, $defs: rewrite(schemas, rootId, strict) } as object);
    }
    for (const site of spec.sites) {
      if (exportsMap[site.name]) throw new Error(`two schema sites are named ${site.name}`);
      const strict = site.kind === 'response-body-strict';
      const rootId = `${ID_BASE}${spec.key}/${strict ? 'strict' : 'lenient'}.json`;
      const id = `${ID_BASE}${spec.key}/sites/${site.name}.json`;
      const schema = rewrite(site.schema, rootId, strict) as JsonObject;
      ajv.addSchema({ ...schema, $id: id } as object);
      exportsMap[site.name] = id;
    }
  }
  return esmImports(standaloneCode(ajv, exportsMap));
}

/**
 * ajv's `esm` output still calls `require()` for its runtime helpers and formats
 * (ajv-validator/ajv#2209). A `require` made by `createRequire` resolves them the
 * same way under Node and under vitest, whose default-import interop of CommonJS
 * modules differs from Node's.
 */
function esmImports(code: string): string {
  return [
    "import { createRequire } from 'node:module';",
    'const require = createRequire(import.meta.url);',
    code.replace(/^"use strict";/, ''),
  ].join('\n');
}
