import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import { GATEWAY_RESPONSES_EXTENSION } from './api-document';
import { checkErrorResponseOverrides, CheckResult, ErrorResponseCheckInput } from '../checks';
import { ErrorResponseOverride, RenderedErrorResponse } from '../contract/error-responses';

const HEADER_PARAMETER = 'gatewayresponse.header.';

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
  const checks = checkErrorResponseOverrides(inputs, (_i, type) => documentResponseProperty(type));
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
