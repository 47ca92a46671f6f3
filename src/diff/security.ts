/** Servers and security: the parts of a spec a generated client bakes in. */
import { change, type Change } from './rules.js';

// biome-ignore lint/suspicious/noExplicitAny: a spec document is untyped JSON, walked by key
type Obj = Record<string, any>;

export function compareServers(o: Obj, n: Obj): Change[] {
  const urls = (d: Obj) => ((d.servers ?? []) as Obj[]).map((s) => String(s.url).replace(/\/+$/, ''));
  const now = new Set(urls(n));
  return urls(o)
    .filter((u) => !now.has(u))
    .map((u) => change('server-url-changed', 'servers', `${u} is gone (now ${[...now].join(', ') || 'none'})`));
}

export function compareSecurity(o: Obj, n: Obj): Change[] {
  const out: Change[] = [];
  const oldSchemes: Obj = o.components?.securitySchemes ?? {};
  const newSchemes: Obj = n.components?.securitySchemes ?? {};
  for (const [name, scheme] of Object.entries<Obj>(oldSchemes)) {
    const at = `securitySchemes.${name}`;
    const next = newSchemes[name];
    if (!next) {
      out.push(change('security-scheme-removed', at, `${name} removed`));
      continue;
    }
    if (
      scheme.type !== next.type ||
      scheme.scheme !== next.scheme ||
      scheme.in !== next.in ||
      scheme.name !== next.name
    ) {
      out.push(
        change(
          'security-scheme-type-changed',
          at,
          `${scheme.type}${scheme.scheme ? ` ${scheme.scheme}` : ''} became ${next.type}${next.scheme ? ` ${next.scheme}` : ''}`,
        ),
      );
      continue;
    }
    for (const [flowName, flow] of Object.entries<Obj>(scheme.flows ?? {})) {
      const nextFlow = next.flows?.[flowName];
      if (!nextFlow) {
        out.push(change('security-scheme-type-changed', `${at}.flows`, `flow ${flowName} removed`));
        continue;
      }
      for (const url of ['tokenUrl', 'refreshUrl', 'authorizationUrl']) {
        if (flow[url] !== nextFlow[url])
          out.push(
            change(
              'security-token-url-changed',
              `${at}.flows.${flowName}.${url}`,
              `${flow[url] ?? 'none'} became ${nextFlow[url] ?? 'none'}`,
            ),
          );
      }
      for (const scope of Object.keys(flow.scopes ?? {}))
        if (!(scope in (nextFlow.scopes ?? {})))
          out.push(change('security-scope-removed', `${at}.flows.${flowName}.scopes`, `scope ${scope} removed`));
      for (const scope of Object.keys(nextFlow.scopes ?? {}))
        if (!(scope in (flow.scopes ?? {})))
          out.push(change('security-scope-added', `${at}.flows.${flowName}.scopes`, `scope ${scope} added`));
    }
  }
  return out;
}

/**
 * An operation's security breaks consumers when some alternative they could
 * satisfy before no longer satisfies any alternative now (a new scheme, or
 * more scopes, is required).
 */
export function securityOf(oDoc: Obj, oldOp: Obj, nDoc: Obj, newOp: Obj, where: string): Change[] {
  const oldReq: Obj[] = oldOp.security ?? oDoc.security ?? [];
  const newReq: Obj[] = newOp.security ?? nDoc.security ?? [];
  const covers = (have: Obj, need: Obj) =>
    Object.entries<string[]>(need).every(
      ([scheme, scopes]) => scheme in have && scopes.every((s) => (have[scheme] as string[]).includes(s)),
    );
  const anonymousBefore = oldReq.length === 0 || oldReq.some((r) => Object.keys(r).length === 0);
  const broken = (anonymousBefore ? [{}] : oldReq).filter(
    (have) => newReq.length > 0 && !newReq.some((need) => covers(have, need)),
  );
  return broken.map((have) =>
    change(
      'operation-security-changed',
      `${where} › security`,
      `callers with ${JSON.stringify(have)} must now satisfy ${JSON.stringify(newReq)}`,
    ),
  );
}
