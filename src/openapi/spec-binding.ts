import { CfnElement, Fn, Stack, Token } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { ApiOperation, GATEWAY_RESPONSES_EXTENSION, INTEGRATION_EXTENSION, listOperations, operationLocation } from './api-document';
import { checkErrorResponseOverrides, CheckResult, ErrorResponseCheckInput } from '../checks';
import { ErrorResponseOverride, RenderedErrorResponse } from '../contract/error-responses';

const INVOCATION_URI_PREFIX = 'arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/';

/**
 * The URI of a Lambda proxy integration for a function, as one `Fn::Sub` string where it can be
 * (a literal ARN, or a function of the same stack named by its logical id): the document repeats
 * it for every operation, and a string takes one line of the template where a reference takes ten.
 * A function of another stack keeps its ARN as a reference, which the CDK exports across stacks.
 */
export function lambdaIntegrationUri(handler: lambda.IFunction, apiStack: Stack): string {
  if (!Token.isUnresolved(handler.functionArn)) {
    return Fn.sub(`${INVOCATION_URI_PREFIX}${handler.functionArn}/invocations`);
  }
  const cfn = handler.node.defaultChild;
  if (handler instanceof lambda.Function && cfn instanceof CfnElement && Stack.of(handler) === apiStack) {
    return Fn.sub(`${INVOCATION_URI_PREFIX}\${${apiStack.getLogicalId(cfn)}.Arn}/invocations`);
  }
  return Fn.sub(`${INVOCATION_URI_PREFIX}\${Arn}/invocations`, { Arn: handler.functionArn });
}

/** The integration the construct writes into an operation bound in `integrations`. */
export function renderLambdaIntegration(uri: string, timeoutMs: number): { [key: string]: any } {
  return { type: 'aws_proxy', httpMethod: 'POST', uri, timeoutInMillis: timeoutMs };
}

/** An operation's own integration, as the checks see it. */
export interface OwnIntegration {
  /** Where it is in the document, for the messages. */
  readonly location: string;
  /** Its timeout in milliseconds, API Gateway's default where it sets none. */
  readonly timeoutMs: number;
  /** Whether it calls a Lambda function. */
  readonly lambda: boolean;
  /** The function's ARN, where it is a literal this construct can grant invoke on. */
  readonly functionArn?: string;
}

/** What binding the integrations into a document found and changed. */
export interface BindingResult {
  /** Operations without an integration, unknown `integrations` keys, duplicate operation ids. */
  readonly errors: string[];
  /** The functions bound, once each, with the number of operations each serves. */
  readonly functions: Map<lambda.IFunction, number>;
  /** The integrations the document had of its own. */
  readonly ownIntegrations: OwnIntegration[];
  /** How many operations got an integration from `integrations`. */
  readonly boundOperations: number;
}

const LAMBDA_URI = /:lambda:path\/2015-03-31\/functions\/(.+)\/invocations$/;

/** An operation's own integration as the checks see it, from its extension object. */
export function readOwnIntegration(op: ApiOperation, integration: any): OwnIntegration {
  const type = String(integration?.type ?? '').toLowerCase();
  const uri = integration?.uri;
  const match = typeof uri === 'string' && !Token.isUnresolved(uri) ? LAMBDA_URI.exec(uri) : null;
  // AWS_PROXY is the Lambda proxy integration only; an AWS integration calls Lambda by its URI.
  const isLambda = type === 'aws_proxy' || (type === 'aws' && typeof uri === 'string' && uri.includes(':lambda:path/'));
  const arn = match?.[1];
  return {
    location: `${operationLocation(op)}['${INTEGRATION_EXTENSION}']`,
    timeoutMs: typeof integration?.timeoutInMillis === 'number' ? integration.timeoutInMillis : 29_000,
    lambda: isLambda,
    // A stage variable names the function only at run time: nothing to grant at synth.
    functionArn: arn && !arn.includes('${') ? arn : undefined,
  };
}

/**
 * Writes an `x-amazon-apigateway-integration` into every operation bound in `integrations` (the
 * document is changed in place) and reports what is wrong: an operation with neither, an
 * `integrations` key that is no operation id, an operation id given twice, an operation with both.
 */
export function bindIntegrations(
  document: { [key: string]: any }, integrations: { [operationId: string]: lambda.IFunction }, timeoutMs: number,
  uriOf: (handler: lambda.IFunction) => string,
): BindingResult {
  const errors: string[] = [];
  const functions = new Map<lambda.IFunction, number>();
  const uris = new Map<lambda.IFunction, string>();
  const ownIntegrations: OwnIntegration[] = [];
  const seenIds = new Map<string, string>();
  let boundOperations = 0;
  for (const op of listOperations(document)) {
    const location = operationLocation(op);
    const operationId: unknown = op.operation.operationId;
    const id = typeof operationId === 'string' ? operationId : undefined;
    if (id !== undefined) {
      const first = seenIds.get(id);
      if (first) {
        errors.push(`operationId '${id}' is given twice (${first} and ${location}); operation ids must be unique`);
      }
      seenIds.set(id, location);
    }
    const own = op.operation[INTEGRATION_EXTENSION];
    const handler = id !== undefined && Object.prototype.hasOwnProperty.call(integrations, id) ? integrations[id] : undefined;
    if (own !== undefined) {
      if (handler) {
        errors.push(`${location} (operationId '${id}') has an ${INTEGRATION_EXTENSION} of its own and an entry in integrations; keep one`);
      }
      ownIntegrations.push(readOwnIntegration(op, own));
      continue;
    }
    if (!handler) {
      errors.push(id === undefined
        ? `${location} has no operationId and no ${INTEGRATION_EXTENSION}: give it an operationId and add it to integrations`
        : `${location} (operationId '${id}') has no integration: add '${id}' to integrations or give the operation an ${INTEGRATION_EXTENSION}`);
      continue;
    }
    let uri = uris.get(handler);
    if (uri === undefined) {
      uri = uriOf(handler);
      uris.set(handler, uri);
    }
    op.operation[INTEGRATION_EXTENSION] = renderLambdaIntegration(uri, timeoutMs);
    functions.set(handler, (functions.get(handler) ?? 0) + 1);
    boundOperations++;
  }
  for (const key of Object.keys(integrations)) {
    if (!seenIds.has(key)) {
      const known = [...seenIds.keys()];
      errors.push(`integrations['${key}'] is no operationId of the document` +
        (known.length > 0 && known.length <= 20 ? ` (its operation ids: ${known.join(', ')})` : ''));
    }
  }
  return { errors, functions, ownIntegrations, boundOperations };
}

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
