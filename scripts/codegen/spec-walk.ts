/**
 * Walks an OpenAPI 3.x document and lists what the generator needs: every
 * schema location that gets a validator, every operation's documented
 * responses, and every example with the location of the schema it must match.
 * Pure data in, data out: no I/O, no ajv.
 */
import type { HeaderContract, Json, JsonObject, ResponseContract, SpecSites } from './sites.js';

export type * from './sites.js';

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

export const escapePointer = (s: string): string => s.replace(/~/g, '~0').replace(/\//g, '~1');
const pascal = (s: string): string =>
  s
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((p) => p[0]!.toUpperCase() + p.slice(1))
    .join('');

/** Resolves a local `$ref` in a non-schema position (response, parameter, header). */
export function deref(doc: JsonObject, node: Json | undefined): JsonObject {
  let current = node as JsonObject | undefined;
  for (let hops = 0; current && typeof current.$ref === 'string'; hops++) {
    if (hops > 20 || !current.$ref.startsWith('#/')) throw new Error(`unsupported $ref ${current.$ref}`);
    current = current.$ref
      .slice(2)
      .split('/')
      .reduce<Json | undefined>(
        (at, part) => (at as JsonObject | undefined)?.[part.replace(/~1/g, '/').replace(/~0/g, '~')],
        doc,
      ) as JsonObject | undefined;
  }
  return current ?? {};
}

export function walkSpec(doc: JsonObject): SpecSites {
  const sites: SpecSites = { operations: [], schemas: [], examples: [] };
  const paths = (doc.paths ?? {}) as JsonObject;
  for (const [path, item] of Object.entries(paths)) {
    for (const method of METHODS) {
      const op = (item as JsonObject)[method] as JsonObject | undefined;
      if (op) walkOperation(doc, sites, op, method, path, `#/paths/${escapePointer(path)}/${method}`);
    }
  }
  walkComponentSchemaExamples(doc, sites);
  return sites;
}

/** What walking one operation needs: the document, where sites go, the operation's id and pointer. */
interface Walk {
  readonly doc: JsonObject;
  readonly sites: SpecSites;
  readonly id: string;
  readonly at: string;
}

const addSchema = (w: Walk, name: string, schema: Json, pointer: string): string => {
  w.sites.schemas.push({ name, schema, pointer });
  return name;
};

/** The `example` and named `examples` of a media type, parameter or header object. */
function addExamples(
  w: Walk,
  holder: JsonObject,
  validator: string,
  pointer: string,
  wrap: (value: Json) => Json = (v) => v,
): void {
  if ('example' in holder)
    w.sites.examples.push({ pointer: `${pointer}/example`, validator, value: wrap(holder.example!) });
  for (const [key, ex] of Object.entries((holder.examples ?? {}) as JsonObject)) {
    const value = deref(w.doc, ex).value;
    if (value !== undefined)
      w.sites.examples.push({ pointer: `${pointer}/examples/${escapePointer(key)}`, validator, value: wrap(value) });
  }
}

function walkRequestBody(w: Walk, body: JsonObject): string | undefined {
  let validator: string | undefined;
  for (const [media, m] of Object.entries((body.content ?? {}) as JsonObject)) {
    const mediaPointer = `${w.at}/requestBody/content/${escapePointer(media)}`;
    const schema = (m as JsonObject).schema;
    if (schema === undefined || validator) continue;
    validator = addSchema(w, `${w.id}RequestBody`, schema, `${mediaPointer}/schema`);
    addExamples(w, m as JsonObject, validator, mediaPointer);
  }
  return validator;
}

/** The query parameters as one object schema, as a receiver sees them. */
function walkQuery(w: Walk, parameters: Json | undefined): string | undefined {
  const query = ((parameters ?? []) as Json[]).map((p) => deref(w.doc, p)).filter((p) => p.in === 'query');
  if (query.length === 0) return undefined;
  const properties: JsonObject = {};
  for (const p of query) properties[String(p.name)] = p.schema ?? {};
  const required = query.filter((p) => p.required === true).map((p) => String(p.name));
  const validator = addSchema(w, `${w.id}RequestQuery`, { type: 'object', required, properties }, `${w.at}/parameters`);
  for (const [i, p] of query.entries()) {
    addExamples(w, p, validator, `${w.at}/parameters/${i}`, (value) => ({ [String(p.name)]: value }));
  }
  return validator;
}

function walkResponse(w: Walk, status: string, response: JsonObject): ResponseContract {
  const content = (response.content ?? {}) as JsonObject;
  let bodyValidator: string | undefined;
  let strictBodyValidator: string | undefined;
  for (const [media, m] of Object.entries(content)) {
    const schema = (m as JsonObject).schema;
    const mediaPointer = `${w.at}/responses/${status}/content/${escapePointer(media)}`;
    if (schema === undefined || bodyValidator) continue;
    bodyValidator = addSchema(w, `${w.id}Response${status}Body`, schema, `${mediaPointer}/schema`);
    strictBodyValidator = addSchema(w, `${w.id}Response${status}BodyStrict`, schema, `${mediaPointer}/schema`);
    addExamples(w, m as JsonObject, bodyValidator, mediaPointer);
  }
  const headers: HeaderContract[] = [];
  for (const [name, h] of Object.entries((response.headers ?? {}) as JsonObject)) {
    const header = deref(w.doc, h);
    const pointer = `${w.at}/responses/${status}/headers/${escapePointer(name)}`;
    const validator =
      header.schema === undefined
        ? undefined
        : addSchema(w, `${w.id}Response${status}Header${pascal(name)}`, header.schema, `${pointer}/schema`);
    headers.push({ name: name.toLowerCase(), required: header.required === true, ...(validator ? { validator } : {}) });
    if (validator) addExamples(w, header, validator, pointer);
  }
  return {
    status,
    contentTypes: Object.keys(content),
    ...(bodyValidator ? { bodyValidator, strictBodyValidator } : {}),
    headers,
  };
}

function walkOperation(
  doc: JsonObject,
  sites: SpecSites,
  op: JsonObject,
  method: string,
  path: string,
  at: string,
  callbackOf?: string,
): void {
  const w: Walk = { doc, sites, id: String(op.operationId ?? `${method}${pascal(path)}`), at };
  const body = deref(doc, op.requestBody);
  const requestBodyValidator = walkRequestBody(w, body);
  const queryValidator = walkQuery(w, op.parameters);
  const responses = Object.entries((op.responses ?? {}) as JsonObject).map(([status, r]) =>
    walkResponse(w, status, deref(doc, r)),
  );
  sites.operations.push({
    operationId: w.id,
    method,
    path,
    ...(callbackOf ? { callbackOf } : {}),
    security: (op.security ?? doc.security ?? []) as Json,
    requestContentTypes: Object.keys((body.content ?? {}) as JsonObject),
    requestBodyRequired: body.required === true,
    ...(requestBodyValidator ? { requestBodyValidator } : {}),
    ...(queryValidator ? { queryValidator } : {}),
    responses,
  });
  for (const [cbName, cb] of Object.entries((op.callbacks ?? {}) as JsonObject)) {
    for (const [expression, cbItem] of Object.entries(deref(doc, cb))) {
      for (const cbMethod of METHODS) {
        const cbOp = (cbItem as JsonObject)[cbMethod] as JsonObject | undefined;
        if (cbOp)
          walkOperation(
            doc,
            sites,
            cbOp,
            cbMethod,
            expression,
            `${at}/callbacks/${escapePointer(cbName)}/${escapePointer(expression)}/${cbMethod}`,
            w.id,
          );
      }
    }
  }
}

/** Schema-level `examples` inside component schemas, validated against that very subschema. */
function walkComponentSchemaExamples(doc: JsonObject, sites: SpecSites): void {
  const visit = (node: Json, pointer: string): void => {
    if (!node || typeof node !== 'object' || Array.isArray(node)) return;
    if (Array.isArray(node.examples)) {
      const name = `schemaAt${sites.schemas.length}`;
      sites.schemas.push({ name, schema: { $ref: pointer }, pointer });
      for (const [i, value] of node.examples.entries()) {
        sites.examples.push({ pointer: `${pointer}/examples/${i}`, validator: name, value });
      }
    }
    for (const key of ['properties', '$defs']) {
      for (const [k, child] of Object.entries((node[key] ?? {}) as JsonObject))
        visit(child, `${pointer}/${key}/${escapePointer(k)}`);
    }
    for (const key of ['items', 'additionalProperties']) if (node[key]) visit(node[key]!, `${pointer}/${key}`);
    for (const key of ['allOf', 'anyOf', 'oneOf']) {
      for (const [i, c] of ((node[key] ?? []) as Json[]).entries()) visit(c, `${pointer}/${key}/${i}`);
    }
  };
  for (const [name, schema] of Object.entries(
    ((doc.components as JsonObject | undefined)?.schemas ?? {}) as JsonObject,
  )) {
    visit(schema, `#/components/schemas/${escapePointer(name)}`);
  }
}
