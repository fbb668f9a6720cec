import { GATEWAY_RESPONSES_EXTENSION, INTEGRATION_EXTENSION, listOperations, operationLocation } from './api-document';
import { externalRefs } from './local-refs';
import { listForMessage } from './operation-keys';

/** The marks of an API Gateway HTTP API document, which a REST API cannot import as meant. */
const HTTP_API_INTEGRATION_KEYS = ['payloadFormatVersion', 'integrationSubtype'];
const HTTP_API_CORS_EXTENSION = 'x-amazon-apigateway-cors';

/**
 * The error for a document written for an API Gateway HTTP API: `payloadFormatVersion` or
 * `integrationSubtype` in an integration, or `x-amazon-apigateway-cors`. A REST API ignores them
 * (payload format 1.0 only, no CORS extension), so the functions and browsers would get other
 * requests and responses than the document promises.
 */
export function httpApiDocumentError(document: { [key: string]: any }, source: string): string | undefined {
  const marks: string[] = [];
  if (document[HTTP_API_CORS_EXTENSION] !== undefined) {
    marks.push(HTTP_API_CORS_EXTENSION);
  }
  for (const op of listOperations(document)) {
    const integration = op.operation[INTEGRATION_EXTENSION];
    for (const key of HTTP_API_INTEGRATION_KEYS.filter((k) => integration?.[k] !== undefined)) {
      marks.push(`${operationLocation(op)}['${INTEGRATION_EXTENSION}'].${key}`);
    }
  }
  if (marks.length === 0) {
    return undefined;
  }
  return `the API document ${source} is written for an API Gateway HTTP API (${listForMessage(marks)}), which a REST API cannot import as meant: ` +
    'REST APIs send Lambda the 1.0 payload format, have no integration subtypes and no x-amazon-apigateway-cors. Use aws-cdk-lib\'s HttpApi for it, ' +
    `or remove those keys (CORS then comes from OPTIONS operations and headers on ${GATEWAY_RESPONSES_EXTENSION})`;
}

/** The error for `$ref`s that point outside the document: API Gateway resolves only `#/...` references. */
export function externalRefsError(document: { [key: string]: any }, source: string): string | undefined {
  const refs = externalRefs(document);
  if (refs.length === 0) {
    return undefined;
  }
  return `the API document ${source} has ${refs.length} $ref${refs.length === 1 ? '' : 's'} to other files or URLs, which API Gateway cannot resolve: ` +
    `${listForMessage(refs)}. Give the document with ApiDefinition.fromAsset, which bundles references to local files into it, or bundle it yourself ` +
    '(for example `npx @redocly/cli bundle`)';
}
