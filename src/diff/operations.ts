/**
 * Compares what an operation takes and gives: parameters, request bodies,
 * responses and their headers, callbacks. It names each change by its rule
 * id; the verdict is the rule's (rules.ts), given when the change is emitted.
 */
import { type DiffContext, emit } from './context.js';
import { compareSchemas, type SchemaSite } from './schema.js';
import { ANNOTATIONS } from './union.js';
import type { LoadedSpec } from './load.js';
import { child, deref, entries, type Handle, list, obj, rootOf } from './resolve.js';
import type { RuleId } from './rules.js';

export const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/** Whether a spec is OpenAPI 3.2 (or later 3.x): its path items may hold `query` and `additionalOperations`. */
export const is32 = (spec: LoadedSpec) => /^3\.([2-9]|\d\d)\./.test(String(obj(rootOf(spec).node).openapi));

/** One operation of a path item: the key it is matched by, its method as a reader writes it, its handle. */
export interface OperationAt {
  readonly key: string;
  readonly method: string;
  readonly handle: Handle;
}

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

const REQUEST_BODY: SchemaSite = { root: 'request-body', nested: 'request-property' };
const REQUEST_PARAMETER: SchemaSite = { root: 'request-parameter', nested: 'request-property' };
const RESPONSE_BODY: SchemaSite = { root: 'response-body', nested: 'response-property' };
const RESPONSE_HEADER: SchemaSite = { root: 'response-header', nested: 'response-property' };
const CALLBACK_PARAMETER: SchemaSite = { root: 'callback-parameter', nested: 'callback-property' };
const WEBHOOK_PARAMETER: SchemaSite = { root: 'webhook-parameter', nested: 'webhook-property' };
const WEBHOOK_BODY: SchemaSite = { root: 'webhook-body', nested: 'webhook-property' };
const WEBHOOK_RESPONSE_BODY: SchemaSite = { root: 'webhook-response-body', nested: 'webhook-response-property' };

const isSuccess = (status: string) => /^2(\d\d|XX)$/i.test(status);

/** Path templates match whatever their parameters are called: /pets/{id} and /pets/{petId} are one path. */
export const templateOf = (path: string) => path.replace(/\{[^}]*\}/g, '{}');

/** Each parameter of an operation, path-level ones included (the operation's own win), keyed by where it goes. */
function parameters(
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
function parameterSchema(param: Handle): Handle {
  if (obj(param.node).schema !== undefined) return child(param, 'schema');
  const [media] = Object.keys(obj(obj(param.node).content));
  return media === undefined ? { ...param, node: {} } : child(child(child(param, 'content'), media), 'schema');
}

const describe = (param: Handle) => `${String(obj(param.node).in)}.${String(obj(param.node).name)}`;
const isRequired = (param: Handle) => obj(param.node).required === true || obj(param.node).in === 'path';

export function compareParameters(
  cx: DiffContext,
  paths: { old: Handle; new: Handle },
  ops: { old: Handle; new: Handle },
  templates: { old: string; new: string },
  where: string,
): void {
  const before = parameters(cx, 'old', paths.old, ops.old, templates.old);
  const after = parameters(cx, 'new', paths.new, ops.new, templates.new);
  const push = (id: RuleId, p: Handle, message: string, anchor: Handle) =>
    emit(cx, id, `${where} › parameter ${describe(p)}`, message, anchor);
  for (const [key, p] of after) {
    if (before.has(key)) continue;
    if (isRequired(p)) push('new-required-request-parameter', p, 'new required parameter', p);
    else push('new-optional-request-parameter', p, 'new optional parameter', p);
  }
  for (const [key, p] of before) {
    const next = after.get(key);
    if (!next) {
      const removal = cx.lifecycle.parameterRemoval(obj(deref(cx.old, p).node));
      push(removal.id, p, removal.message, ops.new);
      continue;
    }
    const level = cx.lifecycle.levelOf(obj(ops.new.node));
    const [was, is] = [obj(deref(cx.old, p).node), obj(deref(cx.new, next).node)];
    const deprecation = cx.lifecycle.deprecation('parameter', was, is, level);
    if (deprecation) push(deprecation.id, next, deprecation.message, next);
    const sunset = cx.lifecycle.sunsetChange('parameter', was, is, level);
    if (sunset) push(sunset.id, next, sunset.message, next);
    if (!isRequired(p) && isRequired(next)) push('request-parameter-became-required', next, 'now required', next);
    if (isRequired(p) && !isRequired(next)) push('request-parameter-became-optional', next, 'no longer required', next);
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

/** Media types compared by name, case-insensitively, without parameters; a `$ref` to `components.mediaTypes` (3.2) followed. */
const mediaTypes = (spec: LoadedSpec, content: Handle) =>
  new Map(
    entries(content.node).map(
      ([media]) => [media.split(';')[0]!.trim().toLowerCase(), deref(spec, child(content, media))] as const,
    ),
  );

/** OpenAPI 3.2's sequential media types: a body that is a sequence of items, each described by `itemSchema`. */
const SEQUENTIAL = new Set([
  'application/jsonl',
  'application/x-jsonlines',
  'application/x-ndjson',
  'application/ndjson',
  'application/json-seq',
  'text/event-stream',
  'multipart/mixed',
]);

/** What a media type says of its body: nothing, a schema of the whole, or the schema of each item of a sequence. */
type Body =
  | { readonly kind: 'none' }
  | { readonly kind: 'whole'; readonly schema: Handle }
  | { readonly kind: 'items'; readonly schema: Handle };

/**
 * A media type's body. On a sequential media type, `schema: {type: array,
 * items: X}` says what `itemSchema: X` says (OpenAPI 3.2, Media Type Object),
 * so both are read as items of X.
 */
function bodyOf(spec: LoadedSpec, media: string, mediaType: Handle): Body {
  const node = obj(mediaType.node);
  if (node.itemSchema !== undefined) return { kind: 'items', schema: child(mediaType, 'itemSchema') };
  if (node.schema === undefined) return { kind: 'none' };
  const schema = child(mediaType, 'schema');
  if (SEQUENTIAL.has(media)) {
    const whole = deref(spec, schema);
    const keys = obj(whole.node);
    if (
      keys.type === 'array' &&
      keys.items !== undefined &&
      Object.keys(keys).every((k) => k === 'type' || k === 'items' || ANNOTATIONS.has(k))
    )
      return { kind: 'items', schema: child(whole, 'items') };
  }
  return { kind: 'whole', schema };
}

/** The items of a sequence as an array schema, to compare with a body that is written whole. */
const asArray = (body: { readonly schema: Handle }): Handle => ({
  ...body.schema,
  node: { type: 'array', items: body.schema.node },
});

/** Compares two bodies of one media type: schema added or removed (by the rules given), else their schemas. */
function compareBodies(
  cx: DiffContext,
  bodies: { old: Body; new: Body },
  site: SchemaSite,
  at: string,
  rules: { readonly schemaAdded: RuleId; readonly schemaRemoved: RuleId },
  messages: { readonly added: string; readonly removed: string },
  anchor: Handle,
): void {
  const [o, n] = [bodies.old, bodies.new];
  if (o.kind === 'none' && n.kind === 'none') return;
  if (o.kind === 'none') emit(cx, rules.schemaAdded, at, messages.added, anchor);
  else if (n.kind === 'none') emit(cx, rules.schemaRemoved, at, messages.removed, anchor);
  else if (o.kind === n.kind) compareSchemas(cx, o.schema, n.schema, site, at, o.kind === 'items' ? 'item' : 'body');
  // One side written whole, the other as items: the items read as the array they are.
  else
    compareSchemas(
      cx,
      o.kind === 'items' ? asArray(o) : o.schema,
      n.kind === 'items' ? asArray(n) : n.schema,
      site,
      at,
      'body',
    );
}

/** The rules of a body one side sends: an operation's request, or a webhook's payload (which the API sends). */
interface BodyRules {
  readonly site: SchemaSite;
  readonly label: string;
  readonly addedRequired: RuleId;
  readonly addedOptional: RuleId;
  readonly removed: RuleId;
  readonly becameRequired: RuleId;
  readonly becameOptional: RuleId;
  readonly mediaAdded: RuleId;
  readonly mediaRemoved: RuleId;
  readonly schemaAdded: RuleId;
  readonly schemaRemoved: RuleId;
}
const REQUEST_BODY_RULES: BodyRules = {
  site: REQUEST_BODY,
  label: 'request',
  addedRequired: 'request-body-added-required',
  addedOptional: 'request-body-added-optional',
  removed: 'request-body-removed',
  becameRequired: 'request-body-became-required',
  becameOptional: 'request-body-became-optional',
  mediaAdded: 'request-body-media-type-added',
  mediaRemoved: 'request-body-media-type-removed',
  schemaAdded: 'request-body-media-type-schema-added',
  schemaRemoved: 'request-body-media-type-schema-removed',
};
const WEBHOOK_BODY_RULES: BodyRules = {
  site: WEBHOOK_BODY,
  label: 'payload',
  addedRequired: 'webhook-body-added',
  addedOptional: 'webhook-body-added',
  removed: 'webhook-body-removed',
  becameRequired: 'webhook-body-became-required',
  becameOptional: 'webhook-body-became-optional',
  mediaAdded: 'webhook-body-media-type-added',
  mediaRemoved: 'webhook-body-media-type-removed',
  schemaAdded: 'webhook-body-media-type-schema-added',
  schemaRemoved: 'webhook-body-media-type-schema-removed',
};

export function compareRequestBody(
  cx: DiffContext,
  ops: { old: Handle; new: Handle },
  where: string,
  rules: BodyRules = REQUEST_BODY_RULES,
): void {
  const o = deref(cx.old, child(ops.old, 'requestBody'));
  const n = deref(cx.new, child(ops.new, 'requestBody'));
  const present = (h: Handle) => h.node !== undefined && h.node !== null;
  if (!present(o) && !present(n)) return;
  if (!present(o)) {
    const required = obj(n.node).required === true;
    emit(
      cx,
      required ? rules.addedRequired : rules.addedOptional,
      where,
      `${required ? 'required' : 'optional'} ${rules.label} body added`,
      n,
    );
    return;
  }
  if (!present(n)) {
    emit(cx, rules.removed, where, `${rules.label} body no longer documented`, ops.new);
    return;
  }
  if (obj(n.node).required === true && obj(o.node).required !== true)
    emit(cx, rules.becameRequired, where, `a ${rules.label} body is now required`, n);
  if (obj(o.node).required === true && obj(n.node).required !== true)
    emit(cx, rules.becameOptional, where, `the ${rules.label} body is now optional`, n);
  const before = mediaTypes(cx.old, child(o, 'content'));
  const after = mediaTypes(cx.new, child(n, 'content'));
  const sent = rules === REQUEST_BODY_RULES ? 'accepted' : 'sent';
  for (const [media, m] of after)
    if (!before.has(media)) emit(cx, rules.mediaAdded, `${where} › ${rules.label} ${media}`, `${media} now ${sent}`, m);
  for (const [media, m] of before) {
    const next = after.get(media);
    const at = `${where} › ${rules.label} ${media}`;
    if (!next) {
      emit(cx, rules.mediaRemoved, at, `${media} is no longer ${sent}`, n);
      continue;
    }
    compareBodies(
      cx,
      { old: bodyOf(cx.old, media, m), new: bodyOf(cx.new, media, next) },
      rules.site,
      at,
      rules,
      rules === REQUEST_BODY_RULES
        ? {
            added: `${media} accepted anything, now only what its schema allows`,
            removed: `${media} no longer restricts its body`,
          }
        : { added: `${media} now documents its body`, removed: `${media} no longer documents its body` },
      next,
    );
  }
}

/** Compares a webhook's payload from its receiver's side: what the API sends narrowing is safe, widening breaks. */
export const compareWebhookBody = (cx: DiffContext, ops: { old: Handle; new: Handle }, where: string) =>
  compareRequestBody(cx, ops, where, WEBHOOK_BODY_RULES);

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
  const push = (id: RuleId, name: string, message: string, anchor: Handle) =>
    emit(cx, id, `${at} › header ${name}`, message, anchor);
  for (const [key, { name, h }] of after) if (!before.has(key)) push('response-header-added', name, `${name} added`, h);
  for (const [key, { name, h }] of before) {
    const next = after.get(key);
    const required = obj(h.node).required === true;
    if (!next) {
      push(
        required ? 'required-response-header-removed' : 'optional-response-header-removed',
        name,
        `${name} is no longer documented`,
        n,
      );
      continue;
    }
    if (required && obj(next.h.node).required !== true)
      push('response-header-became-optional', name, `${name} is no longer always sent`, next.h);
    if (!required && obj(next.h.node).required === true)
      push('response-header-became-required', name, `${name} is now always sent`, next.h);
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

export function compareCallbacks(cx: DiffContext, ops: { old: Handle; new: Handle }, where: string): void {
  const o = child(ops.old, 'callbacks');
  const n = child(ops.new, 'callbacks');
  const push = (id: RuleId, at: string, message: string, anchor: Handle) => emit(cx, id, at, message, anchor);
  for (const [name] of entries(n.node))
    if (!(name in obj(o.node))) push('callback-added', `${where} › callback ${name}`, 'new callback', child(n, name));
  for (const [name] of entries(o.node)) {
    const cb = deref(cx.old, child(o, name));
    const nextCb = deref(cx.new, child(n, name));
    for (const [expression] of entries(cb.node)) {
      const at = `${where} › callback ${name} ${expression}`;
      const item = deref(cx.old, child(cb, expression));
      const nextItem = deref(cx.new, child(nextCb, expression));
      const [oldOps, newOps] = [operationsOf(cx.old, item), operationsOf(cx.new, nextItem)];
      const [oldMethods, newMethods] = [oldOps.map((op) => op.key), newOps.map((op) => op.key)];
      const shown = (key: string) =>
        (oldOps.find((op) => op.key === key) ?? newOps.find((op) => op.key === key))!.method;
      if (newMethods.length === 0) {
        push('callback-removed', at, 'callback no longer sent', n);
        continue;
      }
      for (const m of oldMethods) {
        if (!newMethods.includes(m)) {
          push('callback-method-changed', at, `${shown(m)} became ${newMethods.map(shown).join(', ')}`, nextItem);
          continue;
        }
        compareCallbackParameters(
          cx,
          { old: item, new: nextItem },
          { old: oldOps.find((op) => op.key === m)!.handle, new: newOps.find((op) => op.key === m)!.handle },
          `${at} ${shown(m)}`,
        );
      }
    }
  }
}

const CALLBACK_PARAMETER_RULES = {
  site: CALLBACK_PARAMETER,
  added: 'callback-parameter-added',
  removed: 'callback-parameter-removed',
} as const;
const WEBHOOK_PARAMETER_RULES = {
  site: WEBHOOK_PARAMETER,
  added: 'webhook-parameter-added',
  removed: 'webhook-parameter-removed',
} as const;

/** A callback's or a webhook's parameters are what its receiver gets: one that stops coming breaks the receiver. */
function compareCallbackParameters(
  cx: DiffContext,
  items: { old: Handle; new: Handle },
  ops: { old: Handle; new: Handle },
  where: string,
  rules: { readonly site: SchemaSite; readonly added: RuleId; readonly removed: RuleId } = CALLBACK_PARAMETER_RULES,
): void {
  const before = parameters(cx, 'old', items.old, ops.old, '');
  const after = parameters(cx, 'new', items.new, ops.new, '');
  for (const [key, p] of after) {
    if (!before.has(key)) emit(cx, rules.added, `${where} › ${describe(p)}`, 'new parameter', p);
  }
  for (const [key, p] of before) {
    const next = after.get(key);
    if (!next || (isRequired(p) && !isRequired(next))) {
      emit(
        cx,
        rules.removed,
        `${where} › ${describe(p)}`,
        next ? 'no longer always sent' : 'parameter no longer sent',
        next ?? ops.new,
      );
      if (!next) continue;
    }
    compareSchemas(cx, parameterSchema(p), parameterSchema(next), rules.site, `${where} › ${describe(next)}`, 'value');
  }
}

/** A webhook's parameters, which the API sends: compared as a callback's are. */
export const compareWebhookParameters = (
  cx: DiffContext,
  items: { old: Handle; new: Handle },
  ops: { old: Handle; new: Handle },
  where: string,
) => compareCallbackParameters(cx, items, ops, where, WEBHOOK_PARAMETER_RULES);
