/**
 * Compares bodies: media types matched by name (a `$ref` to
 * `components.mediaTypes` followed), a body written whole or (OpenAPI 3.2) as
 * the items of a sequence, and a request body or a webhook's payload with the
 * rules of the side that sends it. It names each change by its rule id; the
 * verdict is the rule's (rules.ts).
 */
import { type DiffContext, emit } from './context.js';
import type { LoadedSpec } from './load.js';
import { child, deref, entries, type Handle, obj } from './resolve.js';
import type { RuleId } from './rules.js';
import { compareSchemas, type SchemaSite } from './schema.js';
import { ANNOTATIONS } from './union.js';

const REQUEST_BODY: SchemaSite = { root: 'request-body', nested: 'request-property' };
const WEBHOOK_BODY: SchemaSite = { root: 'webhook-body', nested: 'webhook-property' };

/** Media types compared by name, case-insensitively, without parameters; a `$ref` to `components.mediaTypes` (3.2) followed. */
export const mediaTypes = (spec: LoadedSpec, content: Handle) =>
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
export function bodyOf(spec: LoadedSpec, media: string, mediaType: Handle): Body {
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
export function compareBodies(
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
