/**
 * Compares what an operation takes and gives: its operations (3.2's query and
 * additionalOperations among them), parameters, responses and their headers.
 * Bodies are compared in bodies.ts, callbacks and webhooks in callbacks.ts. It
 * names each change by its rule id; the verdict is the rule's (rules.ts),
 * given when the change is emitted.
 */
import { type DiffContext, emit } from './context.js';
import type { LoadedSpec } from './load.js';
import { child, deref, entries, type Handle, list, obj, rootOf } from './resolve.js';
import type { RuleId } from './rules.js';
import { compareSchemas, type SchemaSite } from './schema.js';
import { bodyOf, compareBodies, mediaTypes } from './bodies.js';

const REQUEST_PARAMETER: SchemaSite = { root: 'request-parameter', nested: 'request-property' };
const RESPONSE_BODY: SchemaSite = { root: 'response-body', nested: 'response-property' };
const RESPONSE_HEADER: SchemaSite = { root: 'response-header', nested: 'response-property' };
const WEBHOOK_RESPONSE_BODY: SchemaSite = { root: 'webhook-response-body', nested: 'webhook-response-property' };

export const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/** Whether a spec is OpenAPI 3.2 (or later 3.x): its path items may hold `query` and `additionalOperations`. */
export const is32 = (spec: LoadedSpec) => /^3\.([2-9]|\d\d)\./.test(String(obj(rootOf(spec).node).openapi));

/** One operation of a path item: the key it is matched by, its method as a reader writes it, its handle. */
export interface OperationAt {
  readonly key: string;
  readonly method: string;
  readonly handle: Handle;
}

/** Operations by the key they are matched by. */
export const byKey = (ops: OperationAt[]) => new Map(ops.map((op) => [op.key, op]));

/**
 * The operations of a path item: the fixed methods, and in OpenAPI 3.2 `query`
 * and every entry of `additionalOperations`. Those are matched by their name
 * exactly, since method names are case-sensitive (RFC 9110): `PURGE` and
 * `Purge` are two operations.
 */
export function operationsOf(spec: LoadedSpec, item: Handle): OperationAt[] {
  const node = obj(item.node);
  const v32 = is32(spec);
  const fixed = v32 ? [...METHODS, 'query'] : METHODS;
  const out: OperationAt[] = fixed
    .filter((m) => node[m] !== undefined && node[m] !== null)
    .map((m) => ({ key: m, method: m.toUpperCase(), handle: child(item, m) }));
  if (v32) {
    const extra = child(item, 'additionalOperations');
    for (const [name] of entries(extra.node)) out.push({ key: `+${name}`, method: name, handle: child(extra, name) });
  }
  return out;
}

const isSuccess = (status: string) => /^2(\d\d|XX)$/i.test(status);

/** Path templates match whatever their parameters are called: /pets/{id} and /pets/{petId} are one path. */
export const templateOf = (path: string) => path.replace(/\{[^}]*\}/g, '{}');

/** Each parameter of an operation, path-level ones included (the operation's own win), keyed by where it goes. */
export function parameters(
  cx: DiffContext,
  which: 'old' | 'new',
  pathItem: Handle,
  operation: Handle,
  template: string,
): Map<string, Handle> {
  const spec = which === 'old' ? cx.old : cx.new;
  const pathNames = [...template.matchAll(/\{([^}]*)\}/g)].map((m) => m[1]!);
  const out = new Map<string, Handle>();
  for (const holder of [pathItem, operation]) {
    const params = child(holder, 'parameters');
    for (const [i] of list(params.node).entries()) {
      const param = deref(spec, child(params, i));
      const { name, in: where } = obj(param.node);
      if (typeof name !== 'string' || typeof where !== 'string') continue;
      // A path parameter is matched by its place in the template, so a renamed one is the same parameter.
      const place = where === 'path' ? pathNames.indexOf(name) : -1;
      // One querystring parameter at most (OpenAPI 3.2): it is the query string, whatever it is called.
      const key =
        where === 'path' && place >= 0
          ? `path #${place}`
          : where === 'querystring'
            ? 'querystring'
            : `${where}:${where === 'header' ? name.toLowerCase() : name}`;
      out.set(key, param);
    }
  }
  return out;
}

/** A parameter's schema: `schema`, or the schema of its single `content` media type. */
export function parameterSchema(param: Handle): Handle {
  if (obj(param.node).schema !== undefined) return child(param, 'schema');
  const [media] = Object.keys(obj(obj(param.node).content));
  return media === undefined ? { ...param, node: {} } : child(child(child(param, 'content'), media), 'schema');
}

export const describe = (param: Handle) => `${String(obj(param.node).in)}.${String(obj(param.node).name)}`;
export const isRequired = (param: Handle) => obj(param.node).required === true || obj(param.node).in === 'path';

export function compareParameters(
  cx: DiffContext,
  paths: { old: Handle; new: Handle },
  ops: { old: Handle; new: Handle },
  templates: { old: string; new: string },
  where: string,
): void {
  const before = parameters(cx, 'old', paths.old, ops.old, templates.old);
  const after = parameters(cx, 'new', paths.new, ops.new, templates.new);
  const emitAt = (id: RuleId, p: Handle, message: string, anchor: Handle) =>
    emit(cx, id, `${where} › parameter ${describe(p)}`, message, anchor);
  for (const [key, p] of after) {
    if (before.has(key)) continue;
    if (isRequired(p)) emitAt('new-required-request-parameter', p, 'new required parameter', p);
    else emitAt('new-optional-request-parameter', p, 'new optional parameter', p);
  }
  for (const [key, p] of before) {
    const next = after.get(key);
    if (!next) {
      const removal = cx.lifecycle.parameterRemoval(obj(deref(cx.old, p).node));
      emitAt(removal.id, p, removal.message, ops.new);
      continue;
    }
    const level = cx.lifecycle.levelOf(obj(ops.new.node));
    const [was, is] = [obj(deref(cx.old, p).node), obj(deref(cx.new, next).node)];
    const deprecation = cx.lifecycle.deprecation('parameter', was, is, level);
    if (deprecation) emitAt(deprecation.id, next, deprecation.message, next);
    const sunset = cx.lifecycle.sunsetChange('parameter', was, is, level);
    if (sunset) emitAt(sunset.id, next, sunset.message, next);
    if (!isRequired(p) && isRequired(next)) emitAt('request-parameter-became-required', next, 'now required', next);
    if (isRequired(p) && !isRequired(next))
      emitAt('request-parameter-became-optional', next, 'no longer required', next);
    compareSchemas(
      cx,
      parameterSchema(p),
      parameterSchema(next),
      REQUEST_PARAMETER,
      `${where} › parameter ${describe(next)}`,
      'value',
    );
  }
}

/** Response headers compared by name, case-insensitively. */
const headers = (cx: DiffContext, which: 'old' | 'new', response: Handle) =>
  new Map(
    entries(obj(response.node).headers).map(([name]) => [
      name.toLowerCase(),
      { name, h: deref(which === 'old' ? cx.old : cx.new, child(child(response, 'headers'), name)) },
    ]),
  );

function compareHeaders(cx: DiffContext, o: Handle, n: Handle, at: string): void {
  const before = headers(cx, 'old', o);
  const after = headers(cx, 'new', n);
  const emitAt = (id: RuleId, name: string, message: string, anchor: Handle) =>
    emit(cx, id, `${at} › header ${name}`, message, anchor);
  for (const [key, { name, h }] of after)
    if (!before.has(key)) emitAt('response-header-added', name, `${name} added`, h);
  for (const [key, { name, h }] of before) {
    const next = after.get(key);
    const required = obj(h.node).required === true;
    if (!next) {
      emitAt(
        required ? 'required-response-header-removed' : 'optional-response-header-removed',
        name,
        `${name} is no longer documented`,
        n,
      );
      continue;
    }
    if (required && obj(next.h.node).required !== true)
      emitAt('response-header-became-optional', name, `${name} is no longer always sent`, next.h);
    if (!required && obj(next.h.node).required === true)
      emitAt('response-header-became-required', name, `${name} is now always sent`, next.h);
    compareSchemas(cx, parameterSchema(h), parameterSchema(next.h), RESPONSE_HEADER, `${at} › header ${name}`, 'value');
  }
}

/** The rules of the answers to an operation: the API's responses, or a webhook receiver's answer (which the API reads). */
interface ResponseRules {
  readonly site: SchemaSite;
  readonly successAdded: RuleId;
  readonly successRemoved: RuleId;
  readonly otherAdded: RuleId;
  readonly otherRemoved: RuleId;
  readonly mediaAdded: RuleId;
  readonly mediaRemoved: RuleId;
  readonly schemaAdded: RuleId;
  readonly schemaRemoved: RuleId;
  /** Response headers are compared for the API's responses; a receiver's answer headers are not documented for the API to read. */
  readonly headers: boolean;
}
const RESPONSE_RULES: ResponseRules = {
  site: RESPONSE_BODY,
  successAdded: 'response-success-status-added',
  successRemoved: 'response-success-status-removed',
  otherAdded: 'response-non-success-status-added',
  otherRemoved: 'response-non-success-status-removed',
  mediaAdded: 'response-media-type-added',
  mediaRemoved: 'response-media-type-removed',
  schemaAdded: 'response-body-media-type-schema-added',
  schemaRemoved: 'response-body-media-type-schema-removed',
  headers: true,
};
const WEBHOOK_RESPONSE_RULES: ResponseRules = {
  site: WEBHOOK_RESPONSE_BODY,
  successAdded: 'webhook-response-status-added',
  successRemoved: 'webhook-response-status-removed',
  otherAdded: 'webhook-response-status-added',
  otherRemoved: 'webhook-response-status-removed',
  mediaAdded: 'webhook-response-media-type-added',
  mediaRemoved: 'webhook-response-media-type-removed',
  schemaAdded: 'webhook-response-media-type-schema-added',
  schemaRemoved: 'webhook-response-media-type-schema-removed',
  headers: false,
};

export function compareResponses(
  cx: DiffContext,
  ops: { old: Handle; new: Handle },
  where: string,
  rules: ResponseRules = RESPONSE_RULES,
): void {
  const o = child(ops.old, 'responses');
  const n = child(ops.new, 'responses');
  const before = new Map(Object.keys(obj(o.node)).map((s) => [s.toUpperCase(), s]));
  const after = new Map(Object.keys(obj(n.node)).map((s) => [s.toUpperCase(), s]));
  const api = rules === RESPONSE_RULES;
  for (const [key, status] of after) {
    if (before.has(key)) continue;
    const at = `${where} › response ${status}`;
    if (isSuccess(status)) emit(cx, rules.successAdded, at, `${status} added`, child(n, status));
    else emit(cx, rules.otherAdded, at, `${status} may now be ${api ? 'returned' : 'answered'}`, child(n, status));
  }
  for (const [key, status] of before) {
    const at = `${where} › response ${status}`;
    const nextStatus = after.get(key);
    if (nextStatus === undefined) {
      emit(cx, isSuccess(status) ? rules.successRemoved : rules.otherRemoved, at, `${status} removed`, n);
      continue;
    }
    const r = deref(cx.old, child(o, status));
    const next = deref(cx.new, child(n, nextStatus));
    const beforeMedia = mediaTypes(cx.old, child(r, 'content'));
    const afterMedia = mediaTypes(cx.new, child(next, 'content'));
    for (const [media, mediaType] of afterMedia)
      if (!beforeMedia.has(media))
        emit(cx, rules.mediaAdded, `${at} ${media}`, `${media} may now be ${api ? 'returned' : 'answered'}`, mediaType);
    for (const [media, mediaType] of beforeMedia) {
      const nextMedia = afterMedia.get(media);
      if (!nextMedia) {
        emit(cx, rules.mediaRemoved, `${at} ${media}`, `${media} is no longer ${api ? 'returned' : 'read'}`, next);
        continue;
      }
      compareBodies(
        cx,
        { old: bodyOf(cx.old, media, mediaType), new: bodyOf(cx.new, media, nextMedia) },
        rules.site,
        `${at} ${media}`,
        rules,
        { added: `${media} now documents its body`, removed: `${media} no longer documents its body` },
        nextMedia,
      );
    }
    if (rules.headers) compareHeaders(cx, r, next, at);
  }
}

/** Compares what a webhook's receiver answers, which the API reads: like a request, from the receiver's side. */
export const compareWebhookResponses = (cx: DiffContext, ops: { old: Handle; new: Handle }, where: string) =>
  compareResponses(cx, ops, where, WEBHOOK_RESPONSE_RULES);
