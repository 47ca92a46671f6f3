/**
 * Compares what the API sends to a receiver: an operation's callbacks, and
 * webhooks (3.1+), each from the receiver's side. It names each change by its
 * rule id; the verdict is the rule's (rules.ts).
 */
import { compareWebhookBody } from './bodies.js';
import { type DiffContext, emit } from './context.js';
import { child, deref, entries, type Handle, obj, rootOf } from './resolve.js';
import type { RuleId } from './rules.js';
import { compareSchemas, type SchemaSite } from './schema.js';
import {
  byKey,
  compareWebhookResponses,
  describe,
  isRequired,
  operationsOf,
  parameterSchema,
  parameters,
} from './operations.js';

const CALLBACK_PARAMETER: SchemaSite = { root: 'callback-parameter', nested: 'callback-property' };
const WEBHOOK_PARAMETER: SchemaSite = { root: 'webhook-parameter', nested: 'webhook-property' };

export function compareCallbacks(cx: DiffContext, ops: { old: Handle; new: Handle }, where: string): void {
  const o = child(ops.old, 'callbacks');
  const n = child(ops.new, 'callbacks');
  const emitAt = (id: RuleId, at: string, message: string, anchor: Handle) => emit(cx, id, at, message, anchor);
  for (const [name] of entries(n.node))
    if (!(name in obj(o.node))) emitAt('callback-added', `${where} › callback ${name}`, 'new callback', child(n, name));
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
        emitAt('callback-removed', at, 'callback no longer sent', n);
        continue;
      }
      for (const m of oldMethods) {
        if (!newMethods.includes(m)) {
          emitAt('callback-method-changed', at, `${shown(m)} became ${newMethods.map(shown).join(', ')}`, nextItem);
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

/**
 * Webhooks (OpenAPI 3.1's `webhooks:`), from the receiver's side: one added
 * is info, one removed breaks its receivers, and each operation of a webhook
 * in both versions is compared with the direction reversed, as a callback's
 * is. The payload is what the API sends, so narrowing it is safe and widening
 * it breaks receivers; the receiver's answer is what the API reads, so it is
 * judged as a request is (docs/diff-rules.md argues this against oasdiff,
 * which applies its request rules to the payload).
 */
export function compareWebhooks(cx: DiffContext): void {
  const o = child(rootOf(cx.old), 'webhooks');
  const n = child(rootOf(cx.new), 'webhooks');
  for (const [name] of Object.entries(obj(n.node)))
    if (!(name in obj(o.node))) emit(cx, 'webhook-added', `webhook ${name}`, 'new webhook', child(n, name));
  for (const name of Object.keys(obj(o.node))) {
    if (!(name in obj(n.node))) {
      emit(cx, 'webhook-removed', `webhook ${name}`, 'webhook no longer sent', n);
      continue;
    }
    const items = { old: deref(cx.old, child(o, name)), new: deref(cx.new, child(n, name)) };
    const [had, has] = [byKey(operationsOf(cx.old, items.old)), byKey(operationsOf(cx.new, items.new))];
    for (const [key, op] of has)
      if (!had.has(key))
        emit(cx, 'webhook-operation-added', `webhook ${name} ${op.method}`, 'now also sent', op.handle);
    for (const [key, op] of had) {
      const where = `webhook ${name} ${op.method}`;
      const now = has.get(key);
      if (!now) {
        emit(cx, 'webhook-operation-removed', where, `no longer sent with ${op.method}`, items.new);
        continue;
      }
      const ops = { old: op.handle, new: now.handle };
      compareWebhookParameters(cx, items, ops, where);
      compareWebhookBody(cx, ops, where);
      compareWebhookResponses(cx, ops, where);
    }
  }
}
