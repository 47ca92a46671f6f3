/** Both of the project's Prism mocks (Connect and the token endpoint) for one test, stopped after it. */
import { startPrism } from '../../src/contract/prism.js';

export interface PrismMocks {
  readonly baseUrl: string;
  readonly tokenUrl: string;
}

export async function withPrismMocks<T>(run: (mocks: PrismMocks) => Promise<T>): Promise<T> {
  const prisms = await Promise.all([
    startPrism('spec/connect-fulfillment.openapi.yaml'),
    startPrism('spec/connectid-token.openapi.yaml'),
  ]);
  try {
    return await run({ baseUrl: prisms[0].url, tokenUrl: `${prisms[1].url}/token` });
  } finally {
    await Promise.all(prisms.map((p) => p.close()));
  }
}
