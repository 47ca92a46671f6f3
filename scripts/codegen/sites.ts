/** What the spec walk finds: schema sites for validators, operations as documented, examples with their schemas. */
import type { ExampleContract, OperationContract } from './contract-types.js';

export type * from './contract-types.js';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/** What a schema site is: it decides how the validator is compiled and typed, never its name. */
export type SiteKind =
  | 'request-body'
  | 'request-query'
  | 'response-body'
  | 'response-body-strict'
  | 'response-header'
  | 'schema-example';

export interface SchemaSite {
  readonly kind: SiteKind;
  /** Export name of the validator, e.g. `completeOrderResponse200Body`. */
  readonly name: string;
  /** The schema, with `#/components/schemas/X` refs still in place. */
  readonly schema: Json;
  /** JSON pointer of the schema in its document, for messages. */
  readonly pointer: string;
}

/** An example as the walk finds it; the generator adds the spec it belongs to. */
export type ExampleSite = Omit<ExampleContract, 'spec'>;

export interface SpecSites {
  readonly operations: OperationContract[];
  readonly schemas: SchemaSite[];
  readonly examples: ExampleSite[];
}
