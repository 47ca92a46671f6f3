/** Recorded traffic: an exchange as a HAR file or the proxy holds it, and where such traffic was sent. */
import type { ObservedRequest, ObservedResponse } from '../core/exchange.js';

/** Where the traffic was sent: the API's base URL, the token URL, and the prefix of callback URLs. */
export interface TrafficEndpoints {
  readonly baseUrl: string;
  readonly tokenUrl: string;
  readonly callbackUrl?: string;
}

/** A request and what came back: a response, or nothing (the connection failed). */
export interface TrafficExchange {
  readonly request: ObservedRequest;
  readonly response?: ObservedResponse;
  /** The request breaks the spec on purpose (a negative probe, as a HAR of ours records it): no warning about its caller. */
  readonly deliberate?: boolean;
}
