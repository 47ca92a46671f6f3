/** What the spec walk finds: schema sites for validators, operations as documented, examples with their schemas. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export interface SchemaSite {
  /** Export name of the validator, e.g. `completeOrderResponse200Body`. */
  readonly name: string;
  /** The schema, with `#/components/schemas/X` refs still in place. */
  readonly schema: Json;
  /** JSON pointer of the schema in its document, for messages. */
  readonly pointer: string;
}

export interface HeaderSite { readonly name: string; readonly required: boolean; readonly validator?: string }
export interface ResponseSite {
  readonly status: string;
  readonly contentTypes: readonly string[];
  readonly bodyValidator?: string;
  readonly strictBodyValidator?: string;
  readonly headers: readonly HeaderSite[];
}
export interface OperationSite {
  readonly operationId: string;
  readonly method: string;
  readonly path: string;
  readonly callbackOf?: string;
  readonly security: Json;
  readonly requestContentTypes: readonly string[];
  readonly requestBodyRequired: boolean;
  readonly requestBodyValidator?: string;
  readonly queryValidator?: string;
  readonly responses: readonly ResponseSite[];
}
export interface ExampleSite { readonly pointer: string; readonly validator: string; readonly value: Json }

export interface SpecSites {
  readonly operations: OperationSite[];
  readonly schemas: SchemaSite[];
  readonly examples: ExampleSite[];
}
