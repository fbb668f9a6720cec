/**
 * One field of the JSON error body that every error of the contract has, from the gateway or
 * from the function (through the handler helpers).
 */
export interface ErrorBodyField {
  /** The field's name in the body. */
  readonly name: string;
  /** Its JSON Schema, as data. */
  readonly schema: { [key: string]: unknown };
  /** What it means, for the schema's description and the README. */
  readonly description: string;
}

/**
 * The error body, field by field, in the order the templates write them: the one definition that
 * `errorBodyTemplate` writes and that the JSON Schema shipped with the library and with both
 * handler helpers is generated from (`npx projen schema`).
 */
export const ERROR_BODY_FIELDS: ErrorBodyField[] = [
  { name: 'message', schema: { type: 'string' }, description: 'What went wrong, for people; AWS\'s own message for gateway errors.' },
  {
    name: 'type',
    schema: { type: 'string', minLength: 1 },
    description: 'What went wrong, for programs: a gateway response type such as INTEGRATION_TIMEOUT, or the function\'s own type such as NOT_FOUND.',
  },
  {
    name: 'status',
    schema: { type: ['integer', 'null'], minimum: 400, maximum: 599 },
    description: 'The HTTP status of the response, 400 to 599; null only from the DEFAULT_4XX and DEFAULT_5XX fallbacks, which cannot know it.',
  },
  { name: 'retryable', schema: { type: 'boolean' }, description: 'Whether the same request may succeed if retried later.' },
  {
    name: 'requestId',
    schema: { type: 'string' },
    description: 'The request id API Gateway generates ($context.extendedRequestId, the x-amz-apigw-id header), to quote to the operator.',
  },
];

/** The `$id` of the schema: where the library publishes it. */
export const ERROR_BODY_SCHEMA_ID = 'https://github.com/resilient-lambda-rest-api/resilient-lambda-rest-api/schema/error-body.schema.json';

/** The JSON Schema (draft-07) of the error body, generated from `ERROR_BODY_FIELDS`. */
export function errorBodySchema(): { [key: string]: unknown } {
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: ERROR_BODY_SCHEMA_ID,
    title: 'Error body of resilient-lambda-rest-api',
    description: 'Every error a client of the API receives, from API Gateway or from a function using the handler helpers. Generated from src/contract/error-body.ts: do not edit.',
    type: 'object',
    properties: Object.fromEntries(ERROR_BODY_FIELDS.map((f) => [f.name, { ...f.schema, description: f.description }])),
    required: ERROR_BODY_FIELDS.map((f) => f.name),
    additionalProperties: false,
  };
}

/** The schema as the committed files hold it: two-space JSON with a final newline. */
export function errorBodySchemaText(): string {
  return `${JSON.stringify(errorBodySchema(), null, 2)}\n`;
}
