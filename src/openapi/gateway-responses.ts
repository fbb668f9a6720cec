import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import { GATEWAY_RESPONSES_EXTENSION } from './api-document';
import { checkErrorResponseOverrides, CheckResult, ErrorResponseCheckInput, OverrideKeys } from '../checks';
import { ErrorResponseOverride, FALLBACK_RESPONSE_TYPES, RenderedErrorResponse } from '../contract/error-responses';

const HEADER_PARAMETER = 'gatewayresponse.header.';

/** The document's own keys, named in the messages. */
const DOCUMENT_KEYS: OverrideKeys = { headers: 'responseParameters', headerPrefix: HEADER_PARAMETER, templates: 'responseTemplates' };

/** Where a gateway response of the document is, for the messages. */
function documentResponseProperty(type: string): string {
  return `${GATEWAY_RESPONSES_EXTENSION}.${type}`;
}

/**
 * The gateway responses the document declares, as error response overrides, checked like
 * `errorResponses`: legal statuses, header mapping expressions and JSON templates.
 */
export function documentGatewayResponses(document: { [key: string]: any }): CheckResult & { overrides: ErrorResponseOverride[] } {
  const declared = document[GATEWAY_RESPONSES_EXTENSION];
  if (declared === undefined) {
    return { errors: [], warnings: [], overrides: [] };
  }
  if (typeof declared !== 'object' || declared === null || Array.isArray(declared)) {
    return { errors: [`${GATEWAY_RESPONSES_EXTENSION} must be an object of gateway responses by type`], warnings: [], overrides: [] };
  }
  const errors: string[] = [];
  const inputs: ErrorResponseCheckInput[] = [];
  for (const [type, response] of Object.entries<any>(declared)) {
    const headers: { [name: string]: string } = {};
    for (const [key, value] of Object.entries<any>(response?.responseParameters ?? {})) {
      if (!key.startsWith(HEADER_PARAMETER)) {
        errors.push(`${documentResponseProperty(type)}.responseParameters has '${key}': gateway responses only map headers (${HEADER_PARAMETER}NAME)`);
        continue;
      }
      headers[key.slice(HEADER_PARAMETER.length)] = value;
    }
    inputs.push({
      type,
      statusCode: response?.statusCode === undefined ? undefined : String(response.statusCode),
      responseHeaders: Object.keys(headers).length > 0 ? headers : undefined,
      templates: response?.responseTemplates,
    });
  }
  const checks = checkErrorResponseOverrides(inputs, (_i, type) => documentResponseProperty(type), DOCUMENT_KEYS);
  return {
    errors: [...errors, ...checks.errors],
    warnings: checks.warnings,
    overrides: inputs.map((input) => ({ ...input, type: apigateway.ResponseType.of(input.type) })),
  };
}

/** The error contract as the document's `x-amazon-apigateway-gateway-responses`. */
export function renderGatewayResponsesExtension(responses: RenderedErrorResponse[]): { [type: string]: any } {
  return Object.fromEntries(responses.map((r) => [r.responseType, {
    ...(r.statusCode === undefined ? {} : { statusCode: r.statusCode }),
    responseParameters: Object.fromEntries(Object.entries(r.responseHeaders).map(([name, value]) => [`${HEADER_PARAMETER}${name}`, value])),
    responseTemplates: r.templates,
  }]));
}

/**
 * The contract's responses with the headers the document sets on DEFAULT_4XX or DEFAULT_5XX
 * added to every type of that class (by its status): API Gateway does not carry a fallback's
 * headers over to a customised type, and the contract customises them all. A header a type is
 * given on its own (in `errorResponses` or the document) wins.
 */
export function inheritFallbackHeaders(
  responses: RenderedErrorResponse[], documentOverrides: ErrorResponseOverride[], ownOverrides: ErrorResponseOverride[],
): RenderedErrorResponse[] {
  const fallbackHeaders = new Map(documentOverrides
    .filter((o) => FALLBACK_RESPONSE_TYPES.includes(o.type.responseType) && o.responseHeaders)
    .map((o) => [o.type.responseType.slice(-3, -2), o.responseHeaders!]));
  if (fallbackHeaders.size === 0) {
    return responses;
  }
  const ownHeaders = new Map([...documentOverrides, ...ownOverrides].map((o) => [o.type.responseType, o.responseHeaders ?? {}]));
  return responses.map((r) => {
    const isSpecific = r.statusCode !== undefined && !FALLBACK_RESPONSE_TYPES.includes(r.responseType);
    const inherited = isSpecific ? fallbackHeaders.get(r.statusCode![0]) : undefined;
    return inherited ? { ...r, responseHeaders: { ...r.responseHeaders, ...inherited, ...ownHeaders.get(r.responseType) } } : r;
  });
}
