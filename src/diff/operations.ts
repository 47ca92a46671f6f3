/**
 * Compares what an operation takes and gives: parameters, request bodies,
 * responses and their headers, callbacks. It names each change by its rule
 * id; the verdict is the rule's (rules.ts), given when the change is emitted.
 */
import { type DiffContext, emit } from './context.js';
import { compareSchemas, type SchemaSite } from './schema.js';
import { child, deref, entries, type Handle, list, obj } from './resolve.js';
import type { RuleId } from './rules.js';

export const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

const REQUEST_BODY: SchemaSite = { root: 'request-body', nested: 'request-property' };
const REQUEST_PARAMETER: SchemaSite = { root: 'request-parameter', nested: 'request-property' };
const RESPONSE_BODY: SchemaSite = { root: 'response-body', nested: 'response-property' };
const RESPONSE_HEADER: SchemaSite = { root: 'response-header', nested: 'response-property' };
const CALLBACK_PARAMETER: SchemaSite = { root: 'callback-parameter', nested: 'callback-parameter' };

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
      const key =
        where === 'path' && place >= 0
          ? `path #${place}`
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
      push('request-parameter-removed', p, 'parameter no longer documented', ops.new);
      continue;
    }
    const lifecycle = cx.lifecycle.deprecation(
      'parameter',
      obj(deref(cx.old, p).node),
      obj(deref(cx.new, next).node),
      cx.lifecycle.levelOf(obj(ops.new.node)),
    );
    if (lifecycle) push(lifecycle.id, next, lifecycle.message, next);
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

/** Media types compared by name, case-insensitively, without parameters. */
const mediaTypes = (content: Handle) =>
  new Map(
    entries(content.node).map(([media]) => [media.split(';')[0]!.trim().toLowerCase(), child(content, media)] as const),
  );

export function compareRequestBody(cx: DiffContext, ops: { old: Handle; new: Handle }, where: string): void {
  const o = deref(cx.old, child(ops.old, 'requestBody'));
  const n = deref(cx.new, child(ops.new, 'requestBody'));
  const present = (h: Handle) => h.node !== undefined && h.node !== null;
  const push = (id: RuleId, at: string, message: string, anchor: Handle) => {
    emit(cx, id, at, message, anchor);
  };
  if (!present(o) && !present(n)) return;
  if (!present(o)) {
    const required = obj(n.node).required === true;
    push(
      required ? 'request-body-added-required' : 'request-body-added-optional',
      where,
      `${required ? 'required' : 'optional'} request body added`,
      n,
    );
    return;
  }
  if (!present(n)) {
    push('request-body-removed', where, 'request body no longer documented', ops.new);
    return;
  }
  if (obj(n.node).required === true && obj(o.node).required !== true)
    push('request-body-became-required', where, 'a request body is now required', n);
  if (obj(o.node).required === true && obj(n.node).required !== true)
    push('request-body-became-optional', where, 'the request body is now optional', n);
  const before = mediaTypes(child(o, 'content'));
  const after = mediaTypes(child(n, 'content'));
  for (const [media, m] of after)
    if (!before.has(media))
      push('request-body-media-type-added', `${where} › request ${media}`, `${media} now accepted`, m);
  for (const [media, m] of before) {
    const next = after.get(media);
    const at = `${where} › request ${media}`;
    if (!next) {
      push('request-body-media-type-removed', at, `${media} is no longer accepted`, n);
      continue;
    }
    const [hadSchema, hasSchema] = [obj(m.node).schema !== undefined, obj(next.node).schema !== undefined];
    if (!hadSchema && hasSchema)
      push(
        'request-body-media-type-schema-added',
        at,
        `${media} accepted anything, now only what its schema allows`,
        next,
      );
    else if (hadSchema && !hasSchema)
      push('request-body-media-type-schema-removed', at, `${media} no longer restricts its body`, next);
    else if (hadSchema && hasSchema)
      compareSchemas(cx, child(m, 'schema'), child(next, 'schema'), REQUEST_BODY, at, 'body');
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

export function compareResponses(cx: DiffContext, ops: { old: Handle; new: Handle }, where: string): void {
  const o = child(ops.old, 'responses');
  const n = child(ops.new, 'responses');
  const before = new Map(Object.keys(obj(o.node)).map((s) => [s.toUpperCase(), s]));
  const after = new Map(Object.keys(obj(n.node)).map((s) => [s.toUpperCase(), s]));
  const push = (id: RuleId, at: string, message: string, anchor: Handle) => emit(cx, id, at, message, anchor);
  for (const [key, status] of after) {
    if (before.has(key)) continue;
    const at = `${where} › response ${status}`;
    if (isSuccess(status)) push('response-success-status-added', at, `${status} added`, child(n, status));
    else push('response-non-success-status-added', at, `${status} may now be returned`, child(n, status));
  }
  for (const [key, status] of before) {
    const at = `${where} › response ${status}`;
    const nextStatus = after.get(key);
    if (nextStatus === undefined) {
      push(
        isSuccess(status) ? 'response-success-status-removed' : 'response-non-success-status-removed',
        at,
        `${status} removed`,
        n,
      );
      continue;
    }
    const r = deref(cx.old, child(o, status));
    const next = deref(cx.new, child(n, nextStatus));
    const beforeMedia = mediaTypes(child(r, 'content'));
    const afterMedia = mediaTypes(child(next, 'content'));
    for (const [media, mediaType] of afterMedia)
      if (!beforeMedia.has(media))
        push('response-media-type-added', `${at} ${media}`, `${media} may now be returned`, mediaType);
    for (const [media, mediaType] of beforeMedia) {
      const nextMedia = afterMedia.get(media);
      if (!nextMedia) {
        push('response-media-type-removed', `${at} ${media}`, `${media} is no longer returned`, next);
        continue;
      }
      const [hadSchema, hasSchema] = [
        obj(mediaType.node).schema !== undefined,
        obj(nextMedia.node).schema !== undefined,
      ];
      if (hadSchema && !hasSchema)
        push(
          'response-body-media-type-schema-removed',
          `${at} ${media}`,
          `${media} no longer documents its body`,
          nextMedia,
        );
      else if (!hadSchema && hasSchema)
        push('response-body-media-type-schema-added', `${at} ${media}`, `${media} now documents its body`, nextMedia);
      else if (hadSchema && hasSchema)
        compareSchemas(
          cx,
          child(mediaType, 'schema'),
          child(nextMedia, 'schema'),
          RESPONSE_BODY,
          `${at} ${media}`,
          'body',
        );
    }
    compareHeaders(cx, r, next, at);
  }
}

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
      const methods = (h: Handle) => METHODS.filter((m) => obj(h.node)[m] !== undefined && obj(h.node)[m] !== null);
      const [oldMethods, newMethods] = [methods(item), methods(nextItem)];
      if (newMethods.length === 0) {
        push('callback-removed', at, 'callback no longer sent', n);
        continue;
      }
      for (const m of oldMethods) {
        if (!newMethods.includes(m)) {
          push(
            'callback-method-changed',
            at,
            `${m.toUpperCase()} became ${newMethods.map((x) => x.toUpperCase()).join(', ')}`,
            nextItem,
          );
          continue;
        }
        compareCallbackParameters(
          cx,
          { old: item, new: nextItem },
          { old: child(item, m), new: child(nextItem, m) },
          `${at} ${m.toUpperCase()}`,
        );
      }
    }
  }
}

/** A callback's parameters are what its receiver gets: one that stops coming breaks the receiver. */
function compareCallbackParameters(
  cx: DiffContext,
  items: { old: Handle; new: Handle },
  ops: { old: Handle; new: Handle },
  where: string,
): void {
  const before = parameters(cx, 'old', items.old, ops.old, '');
  const after = parameters(cx, 'new', items.new, ops.new, '');
  for (const [key, p] of after) {
    if (!before.has(key)) emit(cx, 'callback-parameter-added', `${where} › ${describe(p)}`, 'new parameter', p);
  }
  for (const [key, p] of before) {
    const next = after.get(key);
    if (!next || (isRequired(p) && !isRequired(next))) {
      emit(
        cx,
        'callback-parameter-removed',
        `${where} › ${describe(p)}`,
        next ? 'no longer always sent' : 'parameter no longer sent',
        next ?? ops.new,
      );
      if (!next) continue;
    }
    compareSchemas(
      cx,
      parameterSchema(p),
      parameterSchema(next),
      CALLBACK_PARAMETER,
      `${where} › ${describe(next)}`,
      'value',
    );
  }
}
