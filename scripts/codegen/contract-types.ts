/**
 * The shape of generated/contract.ts, in one place: the spec walk builds
 * these, and the generator copies all that follows this comment, verbatim,
 * into the generated file. So: no imports here.
 */
/** A response header the spec documents. Names are lower-case. */
export interface HeaderContract {
  readonly name: string;
  readonly required: boolean;
  readonly validator?: string;
}
/** A query parameter: its name, whether it is required, and the values its enum allows. */
export interface QueryParameterContract {
  readonly name: string;
  readonly required: boolean;
  readonly values?: readonly string[];
}
/** A documented response: status key as written in the spec ("200", "4XX", "default"). */
export interface ResponseContract {
  readonly status: string;
  readonly contentTypes: readonly string[];
  readonly bodyValidator?: string;
  /** The same schema with `unevaluatedProperties: false` on every object that lists its properties. */
  readonly strictBodyValidator?: string;
  readonly headers: readonly HeaderContract[];
}
/** A documented operation; `callbackOf` names the operation whose callback it is. */
export interface OperationContract {
  readonly operationId: string;
  readonly method: string;
  readonly path: string;
  readonly callbackOf?: string;
  readonly security: unknown;
  readonly requestContentTypes: readonly string[];
  readonly requestBodyRequired: boolean;
  readonly requestBodyValidator?: string;
  readonly queryValidator?: string;
  /** The query parameters, with the values an enum allows. */
  readonly queryParameters: readonly QueryParameterContract[];
  readonly responses: readonly ResponseContract[];
}
export interface SpecContract {
  readonly file: string;
  readonly title: string;
  readonly version: string;
  readonly servers: readonly string[];
  readonly securitySchemes: unknown;
  readonly operations: readonly OperationContract[];
}
/** An example written in a spec, with the validator of the schema it illustrates. */
export interface ExampleContract {
  readonly spec: string;
  readonly pointer: string;
  readonly validator: string;
  readonly value: unknown;
}
