/**
 * Walks an OpenAPI 3.x document and lists what the generator needs: every
 * schema location that gets a validator, every operation's documented
 * responses, and every example with the location of the schema it must match.
 * Pure data in, data out: no I/O, no ajv.
 */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export interface SchemaSite {
  /** Export name of the validator, e.g. `completeOrderResponse200Body`. */
  readonly name: string;
  /** The schema, with `#/components/schemas/X` refs still in place. */
  readonly schema: Json;
  /** JSON pointer of the schema in its document, for messages. */
  readonly pointer: string;
}

export interface HeaderSite { readonly name: string; readonly required: boolean; readonly validator?: string }
export interface ResponseSite {
  readonly status: string;
  readonly contentTypes: readonly string[];
  readonly bodyValidator?: string;
  readonly strictBodyValidator?: string;
  readonly headers: readonly HeaderSite[];
}
export interface OperationSite {
  readonly operationId: string;
  readonly method: string;
  readonly path: string;
  readonly callbackOf?: string;
  readonly security: Json;
  readonly requestContentTypes: readonly string[];
  readonly requestBodyRequired: boolean;
  readonly requestBodyValidator?: string;
  readonly queryValidator?: string;
  readonly responses: readonly ResponseSite[];
}
export interface ExampleSite { readonly pointer: string; readonly validator: string; readonly value: Json }

export interface SpecSites {
  readonly operations: OperationSite[];
  readonly schemas: SchemaSite[];
  readonly examples: ExampleSite[];
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

export const escapePointer = (s: string): string => s.replace(/~/g, '~0').replace(/\//g, '~1');
const pascal = (s: string): string =>
  s.split(/[^A-Za-z0-9]+/).filter(Boolean).map((p) => p[0]!.toUpperCase() + p.slice(1)).join('');

/** Resolves a local `$ref` in a non-schema position (response, parameter, header). */
export function deref(doc: JsonObject, node: Json | undefined): JsonObject {
  let current = node as JsonObject | undefined;
  for (let hops = 0; current && typeof current.$ref === 'string'; hops++) {
    if (hops > 20 || !current.$ref.startsWith('#/')) throw new Error(`unsupported $ref ${current.$ref}`);
    current = current.$ref.slice(2).split('/').reduce<Json | undefined>(
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

function walkOperation(doc: JsonObject, sites: SpecSites, op: JsonObject, method: string, path: string, at: string, callbackOf?: string): void {
  const id = String(op.operationId ?? `${method}${pascal(path)}`);
  const addSchema = (name: string, schema: Json, pointer: string) => { sites.schemas.push({ name, schema, pointer }); return name; };
  const addExamples = (media: JsonObject, validator: string, pointer: string) => {
    if ('example' in media) sites.examples.push({ pointer: `${pointer}/example`, validator, value: media.example! });
    for (const [key, ex] of Object.entries((media.examples ?? {}) as JsonObject)) {
      const value = deref(doc, ex).value;
      if (value !== undefined) sites.examples.push({ pointer: `${pointer}/examples/${escapePointer(key)}`, validator, value });
    }
  };

  const body = deref(doc, op.requestBody);
  const bodyContent = (body.content ?? {}) as JsonObject;
  let requestBodyValidator: string | undefined;
  for (const [media, m] of Object.entries(bodyContent)) {
    const mediaPointer = `${at}/requestBody/content/${escapePointer(media)}`;
    const schema = (m as JsonObject).schema;
    if (schema === undefined || requestBodyValidator) continue;
    requestBodyValidator = addSchema(`${id}RequestBody`, schema, `${mediaPointer}/schema`);
    addExamples(m as JsonObject, requestBodyValidator, mediaPointer);
  }

  const queryParams = ((op.parameters ?? []) as Json[]).map((p) => deref(doc, p)).filter((p) => p.in === 'query');
  let queryValidator: string | undefined;
  if (queryParams.length > 0) {
    const properties: JsonObject = {};
    for (const p of queryParams) properties[String(p.name)] = p.schema ?? {};
    const required = queryParams.filter((p) => p.required === true).map((p) => String(p.name));
    queryValidator = addSchema(`${id}RequestQuery`, { type: 'object', required, properties }, `${at}/parameters`);
    queryParams.forEach((p, i) => {
      for (const [key, ex] of Object.entries((p.examples ?? {}) as JsonObject)) {
        const value = deref(doc, ex).value;
        if (value !== undefined) sites.examples.push({ pointer: `${at}/parameters/${i}/examples/${escapePointer(key)}`, validator: queryValidator!, value: { [String(p.name)]: value } });
      }
    });
  }

  const responses: ResponseSite[] = [];
  for (const [status, r] of Object.entries((op.responses ?? {}) as JsonObject)) {
    const response = deref(doc, r);
    const content = (response.content ?? {}) as JsonObject;
    const contentTypes = Object.keys(content);
    let bodyValidator: string | undefined;
    let strictBodyValidator: string | undefined;
    for (const [media, m] of Object.entries(content)) {
      const schema = (m as JsonObject).schema;
      const mediaPointer = `${at}/responses/${status}/content/${escapePointer(media)}`;
      if (schema === undefined || bodyValidator) continue;
      bodyValidator = addSchema(`${id}Response${status}Body`, schema, `${mediaPointer}/schema`);
      strictBodyValidator = addSchema(`${id}Response${status}BodyStrict`, schema, `${mediaPointer}/schema`);
      addExamples(m as JsonObject, bodyValidator, mediaPointer);
    }
    const headers: HeaderSite[] = [];
    for (const [name, h] of Object.entries((response.headers ?? {}) as JsonObject)) {
      const header = deref(doc, h);
      const validator = header.schema === undefined ? undefined
        : addSchema(`${id}Response${status}Header${pascal(name)}`, header.schema, `${at}/responses/${status}/headers/${escapePointer(name)}/schema`);
      headers.push({ name: name.toLowerCase(), required: header.required === true, ...(validator ? { validator } : {}) });
      for (const [key, ex] of Object.entries((header.examples ?? {}) as JsonObject)) {
        const value = deref(doc, ex).value;
        if (validator && value !== undefined) sites.examples.push({ pointer: `${at}/responses/${status}/headers/${escapePointer(name)}/examples/${escapePointer(key)}`, validator, value });
      }
    }
    responses.push({ status, contentTypes, ...(bodyValidator ? { bodyValidator, strictBodyValidator } : {}), headers });
  }

  sites.operations.push({
    operationId: id, method, path, ...(callbackOf ? { callbackOf } : {}),
    security: (op.security ?? doc.security ?? []) as Json,
    requestContentTypes: Object.keys(bodyContent),
    requestBodyRequired: body.required === true,
    ...(requestBodyValidator ? { requestBodyValidator } : {}),
    ...(queryValidator ? { queryValidator } : {}),
    responses,
  });

  for (const [cbName, cb] of Object.entries((op.callbacks ?? {}) as JsonObject)) {
    for (const [expression, cbItem] of Object.entries(deref(doc, cb))) {
      for (const cbMethod of METHODS) {
        const cbOp = (cbItem as JsonObject)[cbMethod] as JsonObject | undefined;
        if (cbOp) walkOperation(doc, sites, cbOp, cbMethod, expression, `${at}/callbacks/${escapePointer(cbName)}/${escapePointer(expression)}/${cbMethod}`, id);
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
      node.examples.forEach((value, i) => sites.examples.push({ pointer: `${pointer}/examples/${i}`, validator: name, value }));
    }
    for (const key of ['properties', '$defs']) {
      for (const [k, child] of Object.entries((node[key] ?? {}) as JsonObject)) visit(child, `${pointer}/${key}/${escapePointer(k)}`);
    }
    for (const key of ['items', 'additionalProperties']) if (node[key]) visit(node[key]!, `${pointer}/${key}`);
    for (const key of ['allOf', 'anyOf', 'oneOf']) ((node[key] ?? []) as Json[]).forEach((c, i) => visit(c, `${pointer}/${key}/${i}`));
  };
  for (const [name, schema] of Object.entries(((doc.components as JsonObject | undefined)?.schemas ?? {}) as JsonObject)) {
    visit(schema, `#/components/schemas/${escapePointer(name)}`);
  }
}
