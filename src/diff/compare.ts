/** Compares two versions of an OpenAPI document, operation by operation. */
import { dereference, type Schema } from './normalize.js';
import { change, type Change } from './rules.js';
import { compareSchemas } from './schema.js';
import { compareSecurity, compareServers, securityOf } from './security.js';
import type { Doc } from './load.js';

// biome-ignore lint/suspicious/noExplicitAny: a spec document is untyped JSON, walked by key
type Obj = Record<string, any>;
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
const isSuccess = (status: string) => /^2/.test(status);

function compareRequestBody(o: Obj | undefined, n: Obj | undefined, where: string): Change[] {
  if (!o && !n) return [];
  const out: Change[] = [];
  if (n?.required === true && o?.required !== true)
    out.push(change('request-body-became-required', where, 'a request body is now required'));
  for (const [media, m] of Object.entries<Obj>(o?.content ?? {})) {
    const next = n?.content?.[media];
    if (!next)
      out.push(change('request-media-type-removed', `${where} › request ${media}`, `${media} is no longer accepted`));
    else out.push(...compareSchemas(m.schema, next.schema, 'request', `${where} › request ${media}`, 'body'));
  }
  return out;
}

function compareParameters(o: Obj[] = [], n: Obj[] = [], where: string, dir: 'request' | 'callback'): Change[] {
  const key = (p: Obj) => `${p.in}:${p.name}`;
  const oldByKey = new Map(o.map((p) => [key(p), p]));
  const newByKey = new Map(n.map((p) => [key(p), p]));
  const asSchema = (params: Map<string, Obj>): Schema => ({
    type: 'object',
    properties: Object.fromEntries([...params.values()].map((p) => [`${p.in}.${p.name}`, p.schema ?? {}])),
    required: [...params.values()].filter((p) => p.required).map((p) => `${p.in}.${p.name}`),
  });
  if (dir === 'callback')
    return compareSchemas(asSchema(oldByKey), asSchema(newByKey), 'callback', where, 'parameters').map((c) => ({
      ...c,
      location: c.location.replace('parameters.', ''),
    }));
  const out: Change[] = [];
  for (const [k, p] of newByKey)
    if (!oldByKey.has(k) && p.required)
      out.push(change('request-parameter-added-required', `${where} › ${p.in}.${p.name}`, 'new required parameter'));
  for (const [k, p] of oldByKey) {
    const next = newByKey.get(k);
    if (next) out.push(...compareSchemas(p.schema, next.schema, 'request', where, `${p.in}.${p.name}`));
  }
  return out;
}

function compareResponses(o: Obj = {}, n: Obj = {}, where: string): Change[] {
  const out: Change[] = [];
  for (const status of Object.keys(n)) {
    if (status in o) continue;
    out.push(
      isSuccess(status)
        ? change('response-success-status-added', `${where} › response ${status}`, `${status} added`)
        : change('response-error-status-added', `${where} › response ${status}`, `${status} may now be returned`),
    );
  }
  for (const [status, r] of Object.entries<Obj>(o)) {
    const at = `${where} › response ${status}`;
    const next = n[status];
    if (!next) {
      out.push(
        change(
          isSuccess(status) ? 'response-success-status-removed' : 'response-error-status-removed',
          at,
          `${status} removed`,
        ),
      );
      continue;
    }
    for (const [media, m] of Object.entries<Obj>(r.content ?? {})) {
      const nm = next.content?.[media];
      if (!nm) out.push(change('response-media-type-removed', `${at} ${media}`, `${media} is no longer returned`));
      else out.push(...compareSchemas(m.schema, nm.schema, 'response', `${at} ${media}`, 'body'));
    }
    for (const [name, h] of Object.entries<Obj>(r.headers ?? {})) {
      const nh = Object.entries<Obj>(next.headers ?? {}).find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1];
      if (!nh)
        out.push(
          change(
            h.required ? 'response-required-header-removed' : 'response-header-removed',
            `${at} › header ${name}`,
            `${name} is no longer documented`,
          ),
        );
      else out.push(...compareSchemas(h.schema, nh.schema, 'response', at, `header.${name}`));
    }
    const had = new Set(Object.keys(r.headers ?? {}).map((k) => k.toLowerCase()));
    for (const name of Object.keys(next.headers ?? {}))
      if (!had.has(name.toLowerCase()))
        out.push(change('response-header-added', `${at} › header ${name}`, `${name} added`));
  }
  return out;
}

function compareCallbacks(o: Obj = {}, n: Obj = {}, where: string): Change[] {
  const out: Change[] = [];
  for (const name of Object.keys(n))
    if (!(name in o)) out.push(change('callback-added', `${where} › callback ${name}`, 'new callback'));
  for (const [name, cb] of Object.entries<Obj>(o)) {
    for (const [expression, item] of Object.entries<Obj>(cb)) {
      const at = `${where} › callback ${name} ${expression}`;
      const nextItem = n[name]?.[expression];
      const oldMethods = METHODS.filter((m) => item[m]);
      const newMethods = METHODS.filter((m) => nextItem?.[m]);
      if (newMethods.length === 0) {
        out.push(change('callback-removed', at, 'callback no longer sent'));
        continue;
      }
      for (const m of oldMethods) {
        if (!nextItem[m]) {
          out.push(
            change(
              'callback-method-changed',
              at,
              `${m.toUpperCase()} became ${newMethods.map((x) => x.toUpperCase()).join(', ')}`,
            ),
          );
          continue;
        }
        out.push(
          ...compareParameters(item[m].parameters, nextItem[m].parameters, `${at} ${m.toUpperCase()}`, 'callback'),
        );
      }
    }
  }
  return out;
}

export function diffSpecs(oldRaw: Doc, newRaw: Doc): Change[] {
  const o = dereference(oldRaw) as Obj;
  const n = dereference(newRaw) as Obj;
  const out: Change[] = [...compareServers(o, n), ...compareSecurity(o, n)];
  for (const [path, item] of Object.entries<Obj>(o.paths ?? {})) {
    const next = n.paths?.[path];
    if (!next) {
      out.push(change('path-removed', path, `${path} removed`));
      continue;
    }
    for (const method of METHODS) {
      const where = `${method.toUpperCase()} ${path}`;
      if (!item[method]) continue;
      if (!next[method]) {
        out.push(change('operation-removed', where, `${where} removed`));
        continue;
      }
      const [oldOp, newOp] = [item[method], next[method]];
      out.push(
        ...securityOf(o, oldOp, n, newOp, where),
        ...compareParameters(
          [...(item.parameters ?? []), ...(oldOp.parameters ?? [])],
          [...(next.parameters ?? []), ...(newOp.parameters ?? [])],
          where,
          'request',
        ),
        ...compareRequestBody(oldOp.requestBody, newOp.requestBody, where),
        ...compareResponses(oldOp.responses, newOp.responses, where),
        ...compareCallbacks(oldOp.callbacks, newOp.callbacks, where),
      );
    }
    for (const method of METHODS)
      if (next[method] && !item[method])
        out.push(change('operation-added', `${method.toUpperCase()} ${path}`, 'new operation'));
  }
  for (const path of Object.keys(n.paths ?? {}))
    if (!o.paths?.[path]) out.push(change('path-added', path, `${path} added`));
  return out;
}
