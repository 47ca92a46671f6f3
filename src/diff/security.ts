/**
 * Compares servers and security: the parts of a spec a generated client bakes
 * in. It names each change by its rule id; the verdict is the rule's
 * (rules.ts), given when the change is emitted.
 */
import { type DiffContext, emit } from './context.js';
import { child, entries, type Handle, list, obj, rootOf } from './resolve.js';
import type { change } from './rules.js';

const root = (cx: DiffContext, which: 'old' | 'new'): Handle => rootOf(cx[which]);

export function compareServers(cx: DiffContext): void {
  const urls = (h: Handle) =>
    list(obj(h.node).servers).flatMap((s) =>
      typeof obj(s).url === 'string' ? [String(obj(s).url).replace(/\/+$/, '')] : [],
    );
  const [o, n] = [root(cx, 'old'), root(cx, 'new')];
  const now = new Set(urls(n));
  for (const url of urls(o)) {
    if (!now.has(url)) {
      emit(
        cx,
        'server-url-changed',
        'servers',
        `${url} is gone (now ${[...now].join(', ') || 'none'})`,
        child(n, 'servers'),
      );
    }
  }
}

export function compareSecuritySchemes(cx: DiffContext): void {
  const o = child(child(root(cx, 'old'), 'components'), 'securitySchemes');
  const n = child(child(root(cx, 'new'), 'components'), 'securitySchemes');
  const emitAt = (id: Parameters<typeof change>[0], at: string, message: string, anchor: Handle) =>
    emit(cx, id, at, message, anchor);
  for (const [name] of entries(n.node))
    if (!(name in obj(o.node)))
      emitAt('api-security-component-added', `securitySchemes.${name}`, `${name} added`, child(n, name));
  for (const [name, scheme] of entries(o.node)) {
    const at = `securitySchemes.${name}`;
    const next = obj(obj(n.node)[name]);
    if (!(name in obj(n.node))) {
      emitAt('api-security-component-removed', at, `${name} removed`, n);
      continue;
    }
    const anchor = child(n, name);
    // OpenAPI 3.2: a scheme may be deprecated; it still works, and its users are told to move.
    if (scheme.deprecated !== true && next.deprecated === true)
      emitAt('api-security-component-deprecated', at, `${name} deprecated`, anchor);
    if (scheme.deprecated === true && next.deprecated !== true)
      emitAt('api-security-component-reactivated', at, `${name} no longer deprecated`, anchor);
    if (typeof scheme.oauth2MetadataUrl === 'string' && scheme.oauth2MetadataUrl !== next.oauth2MetadataUrl)
      emitAt(
        'api-security-component-oauth-metadata-url-changed',
        `${at}.oauth2MetadataUrl`,
        `${String(scheme.oauth2MetadataUrl)} became ${String(next.oauth2MetadataUrl ?? 'none')}`,
        anchor,
      );
    if (
      scheme.type !== next.type ||
      scheme.scheme !== next.scheme ||
      scheme.in !== next.in ||
      scheme.name !== next.name
    ) {
      const kind = (s: typeof scheme) => `${String(s.type)}${s.scheme ? ` ${String(s.scheme)}` : ''}`;
      emitAt('api-security-component-type-changed', at, `${kind(scheme)} became ${kind(next)}`, anchor);
      continue;
    }
    for (const [flowName, flow] of entries(scheme.flows)) {
      const nextFlow = obj(obj(next.flows)[flowName]);
      const flowAt = `${at}.flows.${flowName}`;
      if (!(flowName in obj(next.flows))) {
        emitAt('api-security-component-type-changed', `${at}.flows`, `flow ${flowName} removed`, anchor);
        continue;
      }
      for (const url of ['tokenUrl', 'refreshUrl', 'authorizationUrl', 'deviceAuthorizationUrl']) {
        if (flow[url] !== nextFlow[url]) {
          emitAt(
            'api-security-component-oauth-token-url-changed',
            `${flowAt}.${url}`,
            `${String(flow[url] ?? 'none')} became ${String(nextFlow[url] ?? 'none')}`,
            anchor,
          );
        }
      }
      for (const scope of Object.keys(obj(flow.scopes))) {
        if (!(scope in obj(nextFlow.scopes)))
          emitAt('api-security-component-oauth-scope-removed', `${flowAt}.scopes`, `scope ${scope} removed`, anchor);
      }
      for (const scope of Object.keys(obj(nextFlow.scopes))) {
        if (!(scope in obj(flow.scopes)))
          emitAt('api-security-component-oauth-scope-added', `${flowAt}.scopes`, `scope ${scope} added`, anchor);
      }
    }
  }
}

type Requirement = Readonly<Record<string, readonly string[]>>;
const requirements = (node: unknown): Requirement[] =>
  list(node).map((r) =>
    Object.fromEntries(Object.entries(obj(r)).map(([scheme, scopes]) => [scheme, list(scopes).map(String)])),
  );

/**
 * An operation's security breaks callers when some alternative they could
 * satisfy before no longer satisfies any alternative now (another scheme, or
 * more scopes, is required). Accepting more is reported too, as info.
 */
export function compareOperationSecurity(cx: DiffContext, ops: { old: Handle; new: Handle }, where: string): void {
  const pick = (which: 'old' | 'new') => {
    const operation = obj(ops[which].node);
    return requirements(operation.security !== undefined ? operation.security : obj(root(cx, which).node).security);
  };
  const [before, after] = [pick('old'), pick('new')];
  const covers = (have: Requirement, need: Requirement) =>
    Object.entries(need).every(([scheme, scopes]) => scheme in have && scopes.every((s) => have[scheme]!.includes(s)));
  const anonymous = (reqs: Requirement[]) => reqs.length === 0 || reqs.some((r) => Object.keys(r).length === 0);
  const broken = (anonymous(before) ? [{}] : before).filter(
    (have) => !anonymous(after) && !after.some((need) => covers(have, need)),
  );
  const anchor = child(ops.new, 'security');
  for (const have of broken) {
    emit(
      cx,
      'api-security-changed',
      `${where} › security`,
      `callers with ${JSON.stringify(have)} must now satisfy ${JSON.stringify(after)}`,
      anchor,
    );
  }
  const relaxed = (anonymous(after) ? [{}] : after).some(
    (have) => !anonymous(before) && !before.some((need) => covers(have, need)),
  );
  if (broken.length === 0 && relaxed) {
    emit(cx, 'api-security-relaxed', `${where} › security`, `now also accepts ${JSON.stringify(after)}`, anchor);
  }
}
