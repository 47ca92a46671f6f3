/**
 * Response checks: one signature, each returning every diagnostic it finds.
 * Names state the property checked, as Schemathesis' do.
 */
import { validators as specValidators, type Validator } from '../../../generated/validators.js';
import { locationOf, ruleOf } from '../diagnostic.js';
import { documentedResponse, type Exchange, isJsonMediaType } from '../exchange.js';
import { type Check, defineCheck } from './define.js';
import { lifecycleAnnouncement } from './lifecycle.js';

export type { Check } from './define.js';
type Validators = Readonly<Record<string, Validator<unknown>>>;

/** status_code_conformance: the status is documented for the operation; an undocumented 4xx or 5xx is an error too. */
export const statusCodeConformance = defineCheck('status_code_conformance', (exchange, report) => {
  if (documentedResponse(exchange.operation, exchange.response.status)) return;
  const documented = exchange.operation.responses.map((r) => r.status).join(', ');
  report.error(
    'Undocumented HTTP status code',
    'response.status',
    `Received: ${exchange.response.status} / Documented: ${documented}`,
  );
});

/** content_type_conformance: a body is sent with a documented media type; a documented 2xx body is not missing. */
export const contentTypeConformance = defineCheck('content_type_conformance', (exchange, report) => {
  const documented = documentedResponse(exchange.operation, exchange.response.status);
  if (!documented) return;
  const { mediaType, bodyText, status } = exchange.response;
  const types = documented.contentTypes.join(', ');
  if (bodyText === '') {
    if (status >= 200 && status < 300 && documented.contentTypes.length > 0) {
      report.error('Missing response body', 'response.body', `Received an empty body / Documented: ${types}`);
    }
    return;
  }
  if (documented.contentTypes.length === 0) {
    report.warning(
      'Undocumented response body',
      'response.body',
      `Received a ${mediaType || 'untyped'} body where none is documented`,
    );
    return;
  }
  const matches = documented.contentTypes.some(
    (t) => t === mediaType || t === '*/*' || (t.endsWith('/*') && mediaType.startsWith(t.slice(0, -1))),
  );
  if (!matches) {
    report.error(
      'Undocumented Content-Type',
      'response.headers.content-type',
      `Received: ${mediaType || '(none)'} / Documented: ${types}`,
    );
  }
});

/** response_schema_conformance: a JSON body parses and matches its schema, every violation listed by path. */
export const responseSchemaConformance = (validators: Validators = specValidators): Check =>
  defineCheck('response_schema_conformance', (exchange, report) => {
    const documented = documentedResponse(exchange.operation, exchange.response.status);
    const { json, jsonError, mediaType } = exchange.response;
    if (!documented?.bodyValidator || !isJsonMediaType(mediaType)) return;
    if (jsonError !== undefined) {
      report.error('Malformed JSON', 'response.body', `The body is not JSON: ${jsonError}`);
      return;
    }
    if (!json) return;
    const validate = validators[documented.bodyValidator]!;
    if (validate(json.value)) return;
    for (const e of validate.errors ?? []) {
      const allowed =
        e.keyword === 'enum' ? ` (${JSON.stringify((e.params as { allowedValues?: unknown }).allowedValues)})` : '';
      report.error(
        'Response violates schema',
        locationOf('response.body', e.instancePath),
        `${e.message ?? e.keyword}${allowed} (${ruleOf(e)})`,
      );
    }
  });

/** response_header_conformance: documented headers are present when required and well-formed when present. */
export const responseHeaderConformance = (validators: Validators = specValidators): Check =>
  defineCheck('response_header_conformance', (exchange, report) => {
    const documented = documentedResponse(exchange.operation, exchange.response.status);
    for (const header of documented?.headers ?? []) {
      const value = exchange.response.headers[header.name];
      const location = `response.headers.${header.name}`;
      if (value === undefined) {
        if (header.required) report.error('Missing required header', location, `${header.name} is required`);
        continue;
      }
      const validate = header.validator ? validators[header.validator] : undefined;
      if (validate && !validate(value)) {
        const why = (validate.errors ?? []).map((e) => e.message).join('; ');
        report.error('Invalid header value', location, `${JSON.stringify(value)} ${why}`);
      }
    }
  });

/** undocumented_properties: properties the schema does not list, as warnings (an additive change), each by path. */
export const undocumentedProperties = (validators: Validators = specValidators): Check =>
  defineCheck('undocumented_properties', (exchange, report) => {
    const documented = documentedResponse(exchange.operation, exchange.response.status);
    const validate = documented?.strictBodyValidator ? validators[documented.strictBodyValidator] : undefined;
    const { json } = exchange.response;
    if (!validate || !json || validate(json.value)) return;
    for (const e of validate.errors ?? []) {
      if (e.keyword !== 'unevaluatedProperties') continue;
      const property = String((e.params as { unevaluatedProperty?: string }).unevaluatedProperty);
      const at = locationOf(
        locationOf('response.body', e.instancePath),
        `/${property.replace(/~/g, '~0').replace(/\//g, '~1')}`,
      );
      report.warning('Undocumented property', at, `${property} is not in the spec`);
    }
  });

/** The checks a client applies to every response it acts on. */
export const clientResponseChecks: readonly Check[] = [
  statusCodeConformance,
  contentTypeConformance,
  responseSchemaConformance(),
];

/** Every response check, for the contract suite and drift detection. */
export const allResponseChecks: readonly Check[] = [
  ...clientResponseChecks,
  responseHeaderConformance(),
  undocumentedProperties(),
  lifecycleAnnouncement(),
];

/** Runs checks and collects every diagnostic; one failing check never hides another. */
export const runChecks = (checks: readonly Check[], exchange: Exchange) => checks.flatMap((check) => check(exchange));
