/**
 * Type-level tests of each entry point's main types (vitest's expectTypeOf):
 * checked by `npm run typecheck`, which covers test/. A type that silently
 * widened (to `string`, to `unknown`) would still run, and fails here.
 */
import type { HttpHandler } from 'msw';
import { describe, expectTypeOf, it } from 'vitest';
import type { components as TokenComponents } from '../../generated/connectid-token.js';
import type { components, paths } from '../../generated/connect-fulfillment.js';
import { completeOrderRequestBody } from '../../generated/validators.js';
import type { Check, ContractReport, Finding } from '../../src/contract/index.js';
import { runContract } from '../../src/contract/index.js';
import { type Change, diffSpecs, type Level, type RuleId } from '../../src/diff/index.js';
import {
  type CompleteOrderInput,
  type CompleteOrderResponse,
  type ConnectFulfillmentError,
  createFulfillmentClient,
  type Diagnostic,
  type DiagnosticsContext,
  decideRetry,
  type FulfillmentClient,
  type RateLimitError,
  type RetryDecision,
} from '../../src/index.js';
import { type ConnectHandlers, type ConnectOutcome, createConnectHandlers } from '../../src/msw/index.js';

describe('connect-fulfillment (the client)', () => {
  it('completeOrder takes the spec’s request and resolves with the spec’s 200 body', () => {
    expectTypeOf(createFulfillmentClient).returns.toEqualTypeOf<FulfillmentClient>();
    expectTypeOf<FulfillmentClient['completeOrder']>().parameter(0).toEqualTypeOf<CompleteOrderInput>();
    expectTypeOf<FulfillmentClient['completeOrder']>().returns.resolves.toEqualTypeOf<CompleteOrderResponse>();
    expectTypeOf<CompleteOrderResponse['fulfillmentStatus']>().toEqualTypeOf<'OK' | 'ERROR'>();
    expectTypeOf<CompleteOrderInput['orderId']>().toEqualTypeOf<number>();
    expectTypeOf<CompleteOrderInput>().toHaveProperty('callbackUrl');
  });

  it('errors are named classes under one base, with typed fields', () => {
    expectTypeOf<RateLimitError>().toMatchTypeOf<ConnectFulfillmentError>();
    expectTypeOf<RateLimitError['retryAfterMs']>().toEqualTypeOf<number | undefined>();
  });

  it('onDiagnostics receives diagnostics and a context whose operation is one of two', () => {
    type Hook = NonNullable<Parameters<typeof createFulfillmentClient>[0]['onDiagnostics']>;
    expectTypeOf<Hook>().parameter(0).toEqualTypeOf<readonly Diagnostic[]>();
    expectTypeOf<DiagnosticsContext['operation']>().toEqualTypeOf<'completeOrder' | 'requestToken'>();
    expectTypeOf<Diagnostic['severity']>().toEqualTypeOf<'error' | 'warning'>();
  });

  it('decideRetry is a pure function to a decision', () => {
    expectTypeOf(decideRetry).returns.toEqualTypeOf<RetryDecision>();
  });
});

describe('connect-fulfillment/types and /validators', () => {
  it('the generated types name the operation and the schemas, none degraded to unknown', () => {
    expectTypeOf<paths['/v1/client/order/fulfillment']['post']['requestBody']>().not.toBeUnknown();
    expectTypeOf<components['schemas']['FulfillmentStatus']>().toEqualTypeOf<'OK' | 'ERROR'>();
    expectTypeOf<TokenComponents['schemas']['TokenResponse']['access_token']>().toEqualTypeOf<string>();
  });

  it('a validator is a type guard of its schema', () => {
    const value: unknown = { orderId: 1 };
    if (completeOrderRequestBody(value))
      expectTypeOf(value).toEqualTypeOf<components['schemas']['CompleteOrderRequest']>();
  });
});

describe('connect-fulfillment/contract', () => {
  it('a check maps an exchange to diagnostics and carries its id; a run resolves to a report of findings', () => {
    expectTypeOf<Check['id']>().toEqualTypeOf<string>();
    expectTypeOf<ReturnType<Check>>().toEqualTypeOf<Diagnostic[]>();
    expectTypeOf(runContract).returns.resolves.toEqualTypeOf<ContractReport>();
    expectTypeOf<Finding>().toMatchTypeOf<Diagnostic>();
    expectTypeOf<Finding['fingerprint']>().toEqualTypeOf<string>();
  });
});

describe('connect-fulfillment/diff', () => {
  it('changes have a rule id from the table, never any string, and a level of three', () => {
    expectTypeOf(diffSpecs).returns.toEqualTypeOf<Change[]>();
    expectTypeOf<Level>().toEqualTypeOf<'breaking' | 'warning' | 'info'>();
    expectTypeOf<'request-property-max-length-decreased'>().toMatchTypeOf<RuleId>();
    expectTypeOf<string>().not.toMatchTypeOf<RuleId>();
  });
});

describe('connect-fulfillment/msw', () => {
  it('the handlers spread into msw; outcomes are a closed union an editor completes', () => {
    expectTypeOf(createConnectHandlers).returns.toEqualTypeOf<ConnectHandlers>();
    expectTypeOf<ConnectHandlers>().toMatchTypeOf<HttpHandler[]>();
    expectTypeOf<ConnectOutcome>().toEqualTypeOf<'ok' | 'error' | 400 | 401 | 403 | 429 | 500>();
  });
});
