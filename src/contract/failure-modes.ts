import { errorBodySchema } from './error-body';
import { substituteVariables } from './error-responses';

/**
 * One way a call through API Gateway to Lambda can fail, and what API Gateway makes of it.
 */
export interface FailureMode {
  /** A short stable id, for example `function-timeout`. */
  readonly id: string;
  /** What went wrong, in a few words. */
  readonly description: string;
  /** What the stage's execution log says about it. */
  readonly executionLog: string;
  /** The gateway response type API Gateway uses for it. */
  readonly responseType: string;
  /** Another type it may use instead, where public reports disagree. */
  readonly alternativeResponseType?: string;
  /** Whether the response type is verified (false: public reports only, marked unverified). */
  readonly responseTypeVerified: boolean;
  /** The status a client gets from an API with no gateway response customised. */
  readonly uncustomisedStatus: string;
  /** The body a client gets from an API with no gateway response customised. */
  readonly uncustomisedBody: string;
  /**
   * Lambda's status for the invoke (`$context.integration.integrationStatus`, the access log's
   * `lambdaStatus`) where it tells this mode apart from another of the same response type: 429
   * for a Lambda throttle, 200 for a function that threw.
   *
   * @default - it does not tell this mode apart
   */
  readonly lambdaStatus?: string;
}

/**
 * The failure-mode catalogue: data taken from the project's facts file (API Gateway and Lambda
 * developer guides and public bug reports). What cannot be checked against a live account is
 * marked unverified.
 */
export const FAILURE_MODES: FailureMode[] = [
  {
    id: 'function-timeout',
    description: 'The function ran past the integration timeout',
    executionLog: 'Execution failed due to a timeout error',
    responseType: 'INTEGRATION_TIMEOUT',
    responseTypeVerified: true,
    uncustomisedStatus: '504',
    uncustomisedBody: '{"message": "Endpoint request timed out"}',
  },
  {
    id: 'function-error',
    description: 'The function threw (unhandled error)',
    executionLog: 'Lambda execution failed with status 200 due to customer function error',
    responseType: 'INTEGRATION_FAILURE',
    responseTypeVerified: true,
    uncustomisedStatus: '502',
    uncustomisedBody: '{"message": "Internal server error"}',
    lambdaStatus: '200',
  },
  {
    id: 'malformed-proxy-response',
    description: 'The function returned a proxy response that is not {statusCode, headers, body} JSON',
    executionLog: 'Execution failed due to configuration error: Malformed Lambda proxy response',
    responseType: 'INTEGRATION_FAILURE',
    alternativeResponseType: 'API_CONFIGURATION_ERROR',
    responseTypeVerified: false,
    uncustomisedStatus: '502',
    uncustomisedBody: '{"message": "Internal server error"}',
  },
  {
    id: 'missing-invoke-permission',
    description: "The function's resource policy does not let this API invoke it",
    executionLog: 'Execution failed due to configuration error: Invalid permissions on Lambda function',
    responseType: 'API_CONFIGURATION_ERROR',
    responseTypeVerified: false,
    uncustomisedStatus: '500',
    uncustomisedBody: '{"message": "Internal server error"}',
  },
  {
    id: 'lambda-throttle',
    description: 'Lambda throttled the call (reserved or account concurrency reached)',
    executionLog: 'Lambda invocation failed with status: 429 ... Rate Exceeded',
    responseType: 'INTEGRATION_FAILURE',
    responseTypeVerified: false,
    uncustomisedStatus: '500',
    uncustomisedBody: '{"message": "Internal server error"}',
    lambdaStatus: '429',
  },
  {
    id: 'api-throttle',
    description: 'The stage or usage plan throttled the caller',
    executionLog: '-',
    responseType: 'THROTTLED',
    responseTypeVerified: true,
    uncustomisedStatus: '429',
    uncustomisedBody: '{"message": "Too Many Requests"}',
  },
  {
    id: 'quota-exhausted',
    description: 'The usage plan quota is used up',
    executionLog: '-',
    responseType: 'QUOTA_EXCEEDED',
    responseTypeVerified: true,
    uncustomisedStatus: '429',
    uncustomisedBody: '{"message": "Limit Exceeded"}',
  },
];

/**
 * What is known of INTEGRATION_FAILURE customised without a status code, in the words the README and
 * the ResilienceChecks rule use.
 */
export const INTEGRATION_FAILURE_WITHOUT_STATUS = 'AWS documents 504 as the default status of INTEGRATION_FAILURE, '
  + 'and a response recorded from AWS to an INTEGRATION_FAILURE customised without a status code was 500: '
  + 'either way not the 502 of a function error.';

/**
 * The documented default status of each gateway response type: the status a customised type
 * gets when it sets none. The fallbacks DEFAULT_4XX and DEFAULT_5XX have none. Taken from AWS's
 * documentation; for INTEGRATION_FAILURE see `INTEGRATION_FAILURE_WITHOUT_STATUS` (500 was recorded).
 */
export const DOCUMENTED_DEFAULT_STATUS: { [responseType: string]: string } = {
  ACCESS_DENIED: '403',
  API_CONFIGURATION_ERROR: '500',
  AUTHORIZER_CONFIGURATION_ERROR: '500',
  AUTHORIZER_FAILURE: '500',
  BAD_REQUEST_PARAMETERS: '400',
  BAD_REQUEST_BODY: '400',
  EXPIRED_TOKEN: '403',
  INTEGRATION_FAILURE: '504',
  INTEGRATION_TIMEOUT: '504',
  INVALID_API_KEY: '403',
  INVALID_SIGNATURE: '403',
  MISSING_AUTHENTICATION_TOKEN: '403',
  QUOTA_EXCEEDED: '429',
  REQUEST_TOO_LARGE: '413',
  RESOURCE_NOT_FOUND: '404',
  THROTTLED: '429',
  UNAUTHORIZED: '401',
  UNSUPPORTED_MEDIA_TYPE: '415',
  WAF_FILTERED: '403',
};

/** AWS's own body template for a gateway response that nobody customised. */
export const AWS_DEFAULT_BODY_TEMPLATE = '{"message":$context.error.messageString}';

/**
 * What a client receives for one gateway response type, as derived from a synthesized template.
 */
export interface ClientResponse {
  /** The gateway response type that was looked up. */
  readonly responseType: string;
  /** The HTTP status code the client gets. */
  readonly statusCode: string;
  /** The `application/json` body template (before API Gateway substitutes `$context` variables). */
  readonly bodyTemplate: string;
  /** Response headers: name to mapping expression. */
  readonly headers: { [name: string]: string };
  /**
   * Where the answer comes from: `customised` (a gateway response of this type), `DEFAULT_4XX`
   * or `DEFAULT_5XX` (the fallback it falls through to), or `aws-default` (nothing customised).
   */
  readonly source: string;
}

interface GatewayResponseProps {
  readonly ResponseType: string;
  readonly StatusCode?: string;
  readonly ResponseParameters?: { [key: string]: string };
  readonly ResponseTemplates?: { [contentType: string]: string };
  readonly RestApiId?: unknown;
}

const HEADER_PREFIX = 'gatewayresponse.header.';

/** The response headers of a gateway response's `ResponseParameters` (or OpenAPI `responseParameters`), name to mapping expression. */
export function gatewayResponseHeaders(responseParameters: { [key: string]: string } | undefined): { [name: string]: string } {
  const headers: { [name: string]: string } = {};
  for (const [key, value] of Object.entries(responseParameters ?? {})) {
    if (key.startsWith(HEADER_PREFIX)) {
      headers[key.slice(HEADER_PREFIX.length)] = value;
    }
  }
  return headers;
}

function gatewayResponsesIn(template: any, restApiLogicalId?: string): Map<string, GatewayResponseProps> {
  const found = new Map<string, GatewayResponseProps>();
  for (const resource of Object.values<any>(template?.Resources ?? {})) {
    if (resource?.Type !== 'AWS::ApiGateway::GatewayResponse') {
      continue;
    }
    const props = resource.Properties as GatewayResponseProps;
    if (restApiLogicalId !== undefined && JSON.stringify(props.RestApiId) !== JSON.stringify({ Ref: restApiLogicalId })) {
      continue;
    }
    found.set(props.ResponseType, props);
  }
  return found;
}

/**
 * Derives, from a synthesized CloudFormation template, what a client receives for a gateway
 * response type, applying API Gateway's rules:
 *
 * 1. a gateway response of that very type answers, with its status code or else the type's
 *    documented default status (504 for INTEGRATION_FAILURE as documented; a recording from AWS
 *    answered 500: see `INTEGRATION_FAILURE_WITHOUT_STATUS`);
 * 2. otherwise the DEFAULT_4XX or DEFAULT_5XX response answers, by the class of the status the
 *    failure has, with its own status code if it sets one (that rewrites every status in its
 *    class) or else the failure's status;
 * 3. otherwise AWS's default body and the failure's status.
 *
 * @param template the template, as `Template.fromStack(stack).toJSON()` or the JSON file in `cdk.out`
 * @param responseType the gateway response type, for example `INTEGRATION_TIMEOUT`
 * @param uncustomisedStatus the status the failure has when nothing is customised (a failure
 *        mode's `uncustomisedStatus`); defaults to the type's documented default
 * @param restApiLogicalId only consider gateway responses of this REST API, where a stack has several
 */
export function resolveClientResponse(template: any, responseType: string, uncustomisedStatus?: string, restApiLogicalId?: string): ClientResponse {
  const responses = gatewayResponsesIn(template, restApiLogicalId);
  const failureStatus = uncustomisedStatus ?? DOCUMENTED_DEFAULT_STATUS[responseType];
  if (failureStatus === undefined) {
    throw new Error(`resolveClientResponse: unknown responseType '${responseType}'; pass uncustomisedStatus for it`);
  }

  const specific = responses.get(responseType);
  if (specific) {
    return {
      responseType,
      statusCode: specific.StatusCode ?? DOCUMENTED_DEFAULT_STATUS[responseType] ?? failureStatus,
      bodyTemplate: specific.ResponseTemplates?.['application/json'] ?? AWS_DEFAULT_BODY_TEMPLATE,
      headers: gatewayResponseHeaders(specific.ResponseParameters),
      source: 'customised',
    };
  }

  const fallbackType = failureStatus.startsWith('4') ? 'DEFAULT_4XX' : 'DEFAULT_5XX';
  const fallback = responses.get(fallbackType);
  if (fallback) {
    return {
      responseType,
      statusCode: fallback.StatusCode ?? failureStatus,
      bodyTemplate: fallback.ResponseTemplates?.['application/json'] ?? AWS_DEFAULT_BODY_TEMPLATE,
      headers: gatewayResponseHeaders(fallback.ResponseParameters),
      source: fallbackType,
    };
  }

  return { responseType, statusCode: failureStatus, bodyTemplate: AWS_DEFAULT_BODY_TEMPLATE, headers: {}, source: 'aws-default' };
}

/**
 * The error contract as data, for users' own tests and docs.
 */
export class ErrorContract {
  /**
   * The failure-mode catalogue: each way a call can fail and what API Gateway makes of it.
   */
  public static failureModes(): FailureMode[] {
    return FAILURE_MODES.map((mode) => ({ ...mode }));
  }

  /**
   * What a client receives for a gateway response type, derived from a synthesized template.
   *
   * @param template the template, as `Template.fromStack(stack).toJSON()` or the JSON file in `cdk.out`
   * @param responseType the gateway response type, for example `INTEGRATION_TIMEOUT`
   * @param uncustomisedStatus the failure's status when nothing is customised
   * @param restApiLogicalId only consider this REST API's gateway responses
   */
  public static clientResponse(template: any, responseType: string, uncustomisedStatus?: string, restApiLogicalId?: string): ClientResponse {
    return resolveClientResponse(template, responseType, uncustomisedStatus, restApiLogicalId);
  }

  /**
   * The JSON Schema (draft-07) of the error body every error of the API has, from the gateway or
   * from a function using the handler helpers; also shipped as `schema/error-body.schema.json`.
   */
  public static errorBodySchema(): any {
    return errorBodySchema();
  }

  private constructor() {}
}

/** The JSON body a body template gives for a message, with a placeholder request id. */
export function exampleBody(bodyTemplate: string, message: string): any {
  const rendered = substituteVariables(bodyTemplate, {
    'context.error.messageString': JSON.stringify(message),
    'context.extendedRequestId': '…',
  });
  return JSON.parse(rendered);
}

function describeResponse(template: any, responseType: string, mode: FailureMode, restApiLogicalId?: string): string {
  const response = resolveClientResponse(template, responseType, mode.uncustomisedStatus, restApiLogicalId);
  const awsMessage = JSON.parse(mode.uncustomisedBody).message as string;
  const body = exampleBody(response.bodyTemplate, awsMessage);
  const retry = typeof body.retryable === 'boolean' ? `, retryable: ${body.retryable}` : '';
  const retryAfter = response.headers['Retry-After'] ? `, Retry-After ${response.headers['Retry-After'].replace(/'/g, '')} s` : '';
  return `${response.statusCode} \`${body.type ?? responseType}\`${retry}${retryAfter}`;
}

/**
 * Renders the failure-mode table of the README from a synthesized template: for each failure
 * mode, what API Gateway returns on its own and what the API in the template returns, and, given
 * `provedBy` (failure-mode id to text), a last column naming what proves the row on AWS.
 */
export function renderFailureModeTable(template: any, restApiLogicalId?: string, provedBy?: { [modeId: string]: string }): string {
  const rows = FAILURE_MODES.map((mode) => {
    const types = mode.alternativeResponseType ? [mode.responseType, mode.alternativeResponseType] : [mode.responseType];
    const typeCell = types.map((t) => `\`${t}\``).join(' or ') + (mode.responseTypeVerified ? '' : ' (*unverified*)');
    const ours = types.map((t) => describeResponse(template, t, mode, restApiLogicalId)).join('<br>or ');
    const log = mode.executionLog === '-' ? '—' : `\`${mode.executionLog}\``;
    const proof = provedBy ? ` ${provedBy[mode.id] ?? '—'} |` : '';
    return `| ${mode.description} | ${log} | ${typeCell} | ${mode.uncustomisedStatus} \`${mode.uncustomisedBody}\` | ${ours} |${proof}`;
  });
  const columns = ['What went wrong', 'Execution log says', 'Gateway response type', 'API Gateway alone', 'ResilientLambdaRestApi', ...(provedBy ? ['Proved on AWS by'] : [])];
  return [`| ${columns.join(' | ')} |`, `|${columns.map(() => '---').join('|')}|`, ...rows].join('\n');
}
