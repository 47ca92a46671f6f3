/**
 * In-process mocks of Connect and ConnectID for consumers' tests
 * (`connect-fulfillment/msw`; needs msw 2 installed beside it).
 */
export {
  createConnectHandlers,
  type CallbackDelivery,
  type ConnectHandlers,
  type ConnectHandlersOptions,
  type ConnectOutcome,
  type FulfillmentRequest,
} from './handlers.js';
