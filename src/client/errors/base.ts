/**
 * The base of every error this package throws: `instanceof
 * ConnectFulfillmentError` catches them all. No error ever holds a Request,
 * its headers, the client secret or an access token.
 */
export abstract class ConnectFulfillmentError extends Error {
  abstract override readonly name: string;
  /** The order the call was about, when there was one. */
  readonly orderId: number | undefined;

  constructor(message: string, options: { orderId?: number | undefined; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.orderId = options.orderId;
  }
}
