/**
 * Walks an OpenAPI 3.x document and lists what the generator needs: every
 * schema location that gets a validator, every operation's documented
 * responses, and every example with the location of the schema it must match.
 * Pure data in, data out: no I/O, no ajv.
 */
import type {
  HeaderContract,
  Json,
  JsonObject,
  QueryParameterContract,
  ResponseContract,
  SiteKind,
  SpecSites,
} from './sites.js';

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

const addSchema = (w: Walk, kind: SiteKind, name: string, schema: Json, pointer: string): string => {
  w.sites.schemas.push({ kind, name, schema, pointer });
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
  // An example written once in a component that several sites refer to is listed once, at the component.
  const add = (at: string, value: Json) => {
    if (!w.sites.examples.some((e) => e.pointer === at)) w.sites.examples.push({ pointer: at, validator, value });
  };
  if ('example' in holder) add(`${pointer}/example`, wrap(holder.example!));
  for (const [key, ex] of Object.entries((holder.examples ?? {}) as JsonObject)) {
    const value = deref(w.doc, ex).value;
    if (value !== undefined) add(`${pointer}/examples/${escapePointer(key)}`, wrap(value));
  }
}

function walkRequestBody(w: Walk, body: JsonObject): string | undefined {
  let validator: string | undefined;
  for (const [media, m] of Object.entries((body.content ?? {}) as JsonObject)) {
    const mediaPointer = `${w.at}/requestBody/content/${escapePointer(media)}`;
    const schema = (m as JsonObject).schema;
    if (schema === undefined || validator) continue;
    validator = addSchema(w, 'request-body', `${w.id}RequestBody`, schema, `${mediaPointer}/schema`);
    addExamples(w, m as JsonObject, validator, mediaPointer);
  }
  return validator;
}

/** A parameter's enum, when its schema (or the schema it refers to) lists string values. */
function enumValues(doc: JsonObject, schema: Json | undefined): string[] | undefined {
  const values = deref(doc, schema).enum;
  return Array.isArray(values) && values.every((v) => typeof v === 'string') ? (values as string[]) : undefined;
}

/** The query parameters as one object schema, as a receiver sees them, and each parameter's facts. */
function walkQuery(w: Walk, parameters: Json | undefined): { validator?: string; list: QueryParameterContract[] } {
  const query = ((parameters ?? []) as Json[]).map((p) => deref(w.doc, p)).filter((p) => p.in === 'query');
  const list = query.map((p) => {
    const values = enumValues(w.doc, p.schema);
    return { name: String(p.name), required: p.required === true, ...(values ? { values } : {}) };
  });
  if (query.length === 0) return { list };
  const properties: JsonObject = {};
  for (const p of query) properties[String(p.name)] = p.schema ?? {};
  const required = list.filter((p) => p.required).map((p) => p.name);
  const schema = { type: 'object', required, properties };
  const validator = addSchema(w, 'request-query', `${w.id}RequestQuery`, schema, `${w.at}/parameters`);
  for (const [i, p] of query.entries()) {
    addExamples(w, p, validator, `${w.at}/parameters/${i}`, (value) => ({ [String(p.name)]: value }));
  }
  return { validator, list };
}

function walkResponse(w: Walk, status: string, response: JsonObject): ResponseContract {
  const content = (response.content ?? {}) as JsonObject;
  let bodyValidator: string | undefined;
  let strictBodyValidator: string | undefined;
  for (const [media, m] of Object.entries(content)) {
    const schema = (m as JsonObject).schema;
    const mediaPointer = `${w.at}/responses/${status}/content/${escapePointer(media)}`;
    if (schema === undefined || bodyValidator) continue;
    bodyValidator = addSchema(w, 'response-body', `${w.id}Response${status}Body`, schema, `${mediaPointer}/schema`);
    strictBodyValidator = addSchema(
      w,
      'response-body-strict',
      `${w.id}Response${status}BodyStrict`,
      schema,
      `${mediaPointer}/schema`,
    );
    addExamples(w, m as JsonObject, bodyValidator, mediaPointer);
  }
  const headers: HeaderContract[] = [];
  for (const [name, h] of Object.entries((response.headers ?? {}) as JsonObject)) {
    const header = deref(w.doc, h);
    const pointer = `${w.at}/responses/${status}/headers/${escapePointer(name)}`;
    const validator =
      header.schema === undefined
        ? undefined
        : addSchema(
            w,
            'response-header',
            `${w.id}Response${status}Header${pascal(name)}`,
            header.schema,
            `${pointer}/schema`,
          );
    headers.push({ name: name.toLowerCase(), required: header.required === true, ...(validator ? { validator } : {}) });
    // A header defined in components/headers carries its examples there.
    const ref = (h as JsonObject).$ref;
    if (validator) addExamples(w, header, validator, typeof ref === 'string' ? ref : pointer);
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
  const query = walkQuery(w, op.parameters);
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
    ...(query.validator ? { queryValidator: query.validator } : {}),
    queryParameters: query.list,
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
      sites.schemas.push({ kind: 'schema-example', name, schema: { $ref: pointer }, pointer });
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
