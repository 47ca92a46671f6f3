import { describe, expectTypeOf, it } from 'vitest';
import {
  type ApiError,
  createFulfillmentClient,
  type OutcomeUnknownError,
  type RateLimitError,
  type CompleteOrderResponse,
} from '../../src/index.js';

// Checked by `npm run typecheck` (tsc over test/); the runtime assertions are no-ops.
describe('types', () => {
  it('completeOrder takes the spec request and resolves with the spec 200 body', () => {
    const client = createFulfillmentClient({ clientId: 'id', clientSecret: 'secret' });
    expectTypeOf(client.completeOrder).parameter(0).toEqualTypeOf<{ orderId: number; callbackUrl?: string }>();
    expectTypeOf(client.completeOrder).returns.resolves.toEqualTypeOf<CompleteOrderResponse>();
    expectTypeOf<CompleteOrderResponse['fulfillmentStatus']>().toEqualTypeOf<'OK' | 'ERROR'>();
    expectTypeOf<CompleteOrderResponse['orderId']>().toEqualTypeOf<number | null | undefined>();
    // @ts-expect-error orderId is required
    void (() => client.completeOrder({ callbackUrl: 'https://x.example' }));
    // @ts-expect-error orderId is a number
    void (() => client.completeOrder({ orderId: '14' }));
  });

  it('error names are literal types, so a switch on name narrows', () => {
    expectTypeOf<OutcomeUnknownError['name']>().toEqualTypeOf<'OutcomeUnknownError'>();
    expectTypeOf<RateLimitError['retryAfterMs']>().toEqualTypeOf<number | undefined>();
    expectTypeOf<ApiError['status']>().toEqualTypeOf<number>();
    expectTypeOf<OutcomeUnknownError['orderId']>().toEqualTypeOf<number>();
  });

  it('the raw client is typed by the spec paths', () => {
    const client = createFulfillmentClient({ clientId: 'id', clientSecret: 'secret' });
    // @ts-expect-error the spec has no such path
    void (() => client.raw.POST('/v1/client/order/nope', {}));
  });
});
