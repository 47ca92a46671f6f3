/** TypeScript types for a spec, with openapi-typescript. */
import openapiTS, { astToString } from 'openapi-typescript';
import type { JsonObject } from './spec-walk.js';

export async function generateTypes(doc: JsonObject): Promise<string> {
  const ast = await openapiTS(structuredClone(doc) as unknown as Parameters<typeof openapiTS>[0], { silent: true });
  return astToString(ast);
}
