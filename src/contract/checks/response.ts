/**
 * Response checks: one signature, each returning every diagnostic it finds.
 * Names state the property checked, as Schemathesis' do.
 */
import { validators as specValidators, type Validator } from '../../../generated/validators.js';
import { locationOf, ruleOf, type Diagnostic } from '../diagnostic.js';
import { documentedResponse, isJsonMediaType, type Exchange } from '../exchange.js';
import { finding, named, type Check } from './finding.js';

export type { Check } from './finding.js';
type Validators = Readonly<Record<string, Validator<unknown>>>;

/** status_code_conformance: the status is documented for the operation; an undocumented 4xx or 5xx is an error too. */
export const statusCodeConformance: Check = named('status_code_conformance', (exchange) => {
  if (documentedResponse(exchange.operation, exchange.response.status)) return [];
  const documented = exchange.operation.responses.map((r) => r.status).join(', ');
  return [
    finding(
      exchange,
      'status_code_conformance',
      'error',
      'Undocumented HTTP status code',
      'response.status',
      `Received: ${exchange.response.status} / Documented: ${documented}`,
    ),
  ];
});

/** content_type_conformance: a body is sent with a documented media type; a documented 2xx body is not missing. */
export const contentTypeConformance: Check = named('content_type_conformance', (exchange) => {
  const documented = documentedResponse(exchange.operation, exchange.response.status);
  if (!documented) return [];
  const { mediaType, bodyText, status } = exchange.response;
  const check = 'content_type_conformance';
  if (bodyText === '') {
    const expectsBody = status >= 200 && status < 300 && documented.contentTypes.length > 0;
    return expectsBody
      ? [
          finding(
            exchange,
            check,
            'error',
            'Missing response body',
            'response.body',
            `Received an empty body / Documented: ${documented.contentTypes.join(', ')}`,
          ),
        ]
      : [];
  }
  if (documented.contentTypes.length === 0) {
    return [
      finding(
        exchange,
        check,
        'warning',
        'Undocumented response body',
        'response.body',
        `Received a ${mediaType || 'untyped'} body where none is documented`,
      ),
    ];
  }
  const matches = documented.contentTypes.some(
    (t) => t === mediaType || t === '*/*' || (t.endsWith('/*') && mediaType.startsWith(t.slice(0, -1))),
  );
  if (matches) return [];
  return [
    finding(
      exchange,
      check,
      'error',
      'Undocumented Content-Type',
      'response.headers.content-type',
      `Received: ${mediaType || '(none)'} / Documented: ${documented.contentTypes.join(', ')}`,
    ),
  ];
});

/** response_schema_conformance: a JSON body parses and matches its schema, every violation listed by path. */
export const responseSchemaConformance = (validators: Validators = specValidators): Check =>
  named('response_schema_conformance', (exchange) => {
    const documented = documentedResponse(exchange.operation, exchange.response.status);
    const { json, jsonError, mediaType } = exchange.response;
    const check = 'response_schema_conformance';
    if (!documented?.bodyValidator || !isJsonMediaType(mediaType)) return [];
    if (jsonError !== undefined)
      return [
        finding(exchange, check, 'error', 'Malformed JSON', 'response.body', `The body is not JSON: ${jsonError}`),
      ];
    if (!json) return [];
    const validate = validators[documented.bodyValidator]!;
    if (validate(json.value)) return [];
    return (validate.errors ?? []).map((e) =>
      finding(
        exchange,
        check,
        'error',
        'Response violates schema',
        locationOf('response.body', e.instancePath),
        `${e.message ?? e.keyword}${e.keyword === 'enum' ? ` (${JSON.stringify((e.params as { allowedValues?: unknown }).allowedValues)})` : ''} (${ruleOf(e)})`,
      ),
    );
  });

/** response_header_conformance: documented headers are present when required and well-formed when present. */
export const responseHeaderConformance = (validators: Validators = specValidators): Check =>
  named('response_header_conformance', (exchange) => {
    const documented = documentedResponse(exchange.operation, exchange.response.status);
    const out: Diagnostic[] = [];
    for (const header of documented?.headers ?? []) {
      const value = exchange.response.headers[header.name];
      const location = `response.headers.${header.name}`;
      if (value === undefined) {
        if (header.required)
          out.push(
            finding(
              exchange,
              'response_header_conformance',
              'error',
              'Missing required header',
              location,
              `${header.name} is required`,
            ),
          );
        continue;
      }
      const validate = header.validator ? validators[header.validator] : undefined;
      if (validate && !validate(value)) {
        out.push(
          finding(
            exchange,
            'response_header_conformance',
            'error',
            'Invalid header value',
            location,
            `${JSON.stringify(value)} ${(validate.errors ?? []).map((e) => e.message).join('; ')}`,
          ),
        );
      }
    }
    return out;
  });

/** undocumented_properties: properties the schema does not list, as warnings (an additive change), each by path. */
export const undocumentedProperties = (validators: Validators = specValidators): Check =>
  named('undocumented_properties', (exchange) => {
    const documented = documentedResponse(exchange.operation, exchange.response.status);
    const validate = documented?.strictBodyValidator ? validators[documented.strictBodyValidator] : undefined;
    const { json } = exchange.response;
    if (!validate || !json || validate(json.value)) return [];
    return (validate.errors ?? [])
      .filter((e) => e.keyword === 'unevaluatedProperties')
      .map((e) => {
        const property = String((e.params as { unevaluatedProperty?: string }).unevaluatedProperty);
        return finding(
          exchange,
          'undocumented_properties',
          'warning',
          'Undocumented property',
          locationOf(locationOf('response.body', e.instancePath), `/${property}`),
          `${property} is not in the spec`,
        );
      });
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
];

/** Runs checks and collects every diagnostic; one failing check never hides another. */
export const runChecks = (checks: readonly Check[], exchange: Exchange): Diagnostic[] =>
  checks.flatMap((check) => check(exchange));
