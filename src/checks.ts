import { FALLBACK_RESPONSE_TYPES } from './contract/error-responses';
import { checkJsonTemplates } from './json-templates';

/** The prefix of every warning id this library raises; acknowledge one with `Annotations.acknowledgeWarning`. */
export const WARNING_PREFIX = 'resilient-lambda-rest-api';

/** Integration timeout bounds of API Gateway REST APIs, in milliseconds. */
export const MIN_INTEGRATION_TIMEOUT_MS = 50;
export const DEFAULT_MAX_INTEGRATION_TIMEOUT_MS = 29_000;

/** Above this steady rate (requests per second), INFO execution logging is called out for its cost. */
export const INFO_LOGGING_RATE_WARNING = 100;

/**
 * A warning raised at synth time: legal, but risky.
 */
export interface CheckWarning {
  /** Stable id, without the library prefix. */
  readonly id: string;
  /** What is risky and what to do about it. */
  readonly message: string;
}

/**
 * What the checks found: errors stop the synth, warnings become annotations.
 */
export interface CheckResult {
  readonly errors: string[];
  readonly warnings: CheckWarning[];
}

/**
 * The facts the checks need, read off the props (and the function, where it is known).
 */
export interface CheckInput {
  readonly integrationTimeoutMs: number;
  /** Where the integration timeout was given, for the messages. */
  readonly timeoutProperty?: string;
  readonly endpointTypes: string[];
  readonly acknowledgeTimeoutQuota: boolean;
  readonly functionTimeoutSeconds?: number;
  readonly reservedConcurrency?: number;
  readonly loggingLevel?: string;
  readonly dataTraceEnabled?: boolean;
  readonly throttlingRateLimit?: number;
  readonly throttlingBurstLimit?: number;
  readonly throttledRetryAfterSeconds?: number;
  readonly errorResponses?: ErrorResponseCheckInput[];
  readonly corsOrigins?: string[];
  /** Where the CORS options were given, for the messages. */
  readonly corsProperty?: string;
  readonly corsAllowCredentials?: boolean;
  readonly permissionScope?: string;
  readonly allowTestInvoke?: boolean;
  readonly deploy: boolean;
}

/** One error response override, as the checks see it. */
export interface ErrorResponseCheckInput {
  readonly type: string;
  readonly statusCode?: string;
  readonly responseHeaders?: { [name: string]: string };
  readonly templates?: { [contentType: string]: string };
}

const STATUS_CODE = /^[1-5][0-9]{2}$/;
const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const MAPPING_EXPRESSIONS = [
  /^'[^']*'$/,
  /^method\.request\.(header|querystring|path)\.[A-Za-z0-9._~-]+$/,
  /^stageVariables\.[A-Za-z0-9_]+$/,
];

/** True when the value is a legal header mapping expression of a gateway response. */
export function isMappingExpression(value: string): boolean {
  return MAPPING_EXPRESSIONS.some((re) => re.test(value));
}

/** The error message for a status code outside 100-599, or undefined. */
export function checkStatusCode(property: string, value: string | undefined): string | undefined {
  if (value === undefined || STATUS_CODE.test(value)) {
    return undefined;
  }
  return `${property} must be an HTTP status code from 100 to 599 (a string of three digits); got '${value}'`;
}

/** The error messages for the header map of a gateway response. */
export function checkResponseHeaders(property: string, headers: { [name: string]: string } | undefined, namePrefix = ''): string[] {
  const errors: string[] = [];
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (!HEADER_NAME.test(name)) {
      errors.push(`${property} has an invalid header name '${name}' (letters, digits and !#$%&'*+-.^_\`|~ only)`);
    }
    if (typeof value !== 'string' || !isMappingExpression(value)) {
      errors.push(
        `${property}['${namePrefix}${name}'] is not a legal mapping expression: '${value}'. A literal must be in single quotes ("'value'", no quote inside); ` +
          'other allowed values are method.request.header.NAME, method.request.querystring.NAME, method.request.path.NAME and stageVariables.NAME',
      );
    }
  }
  return errors;
}

export { checkJsonTemplate, checkJsonTemplates, HOSTILE_TEXT, substituteHostile } from './json-templates';

/** Where an error response override was given, for the messages: `errorResponses[0]` by default. */
export type OverrideProperty = (index: number, type: string) => string;

/** How the place an override was given names its headers and templates, for the messages. */
export interface OverrideKeys {
  /** The key of the headers: `responseHeaders` in props, `responseParameters` in a document. */
  readonly headers: string;
  /** What precedes a header name under that key: `gatewayresponse.header.` in a document. */
  readonly headerPrefix: string;
  /** The key of the templates: `templates` in props, `responseTemplates` in a document. */
  readonly templates: string;
}

const PROPS_KEYS: OverrideKeys = { headers: 'responseHeaders', headerPrefix: '', templates: 'templates' };

/**
 * Checks error response overrides: one per type, legal status codes and header mapping
 * expressions, JSON templates that stay JSON whatever API Gateway substitutes, and no status on a
 * fallback type.
 */
export function checkErrorResponseOverrides(
  overrides: ErrorResponseCheckInput[], propertyOf: OverrideProperty = (i) => `errorResponses[${i}]`, keys: OverrideKeys = PROPS_KEYS,
): CheckResult {
  const errors: string[] = [];
  const warnings: CheckWarning[] = [];
  const seen = new Set<string>();
  overrides.forEach((override, i) => {
    const property = propertyOf(i, override.type);
    if (seen.has(override.type)) {
      errors.push(`${property}.type: ${override.type} is given twice; give one override per response type`);
    }
    seen.add(override.type);
    const statusError = checkStatusCode(`${property}.statusCode`, override.statusCode);
    if (statusError) {
      errors.push(statusError);
    }
    errors.push(...checkResponseHeaders(`${property}.${keys.headers}`, override.responseHeaders, keys.headerPrefix));
    errors.push(...checkJsonTemplates(`${property}.${keys.templates}`, override.templates));
    const fallbackWarning = checkFallbackStatus(property, override);
    if (fallbackWarning) {
      warnings.push(fallbackWarning);
    }
  });
  return { errors, warnings };
}

function checkErrorResponses(input: CheckInput, errors: string[], warnings: CheckWarning[]): void {
  const result = checkErrorResponseOverrides(input.errorResponses ?? []);
  errors.push(...result.errors);
  warnings.push(...result.warnings);
}

/** The warning for a status code on DEFAULT_4XX or DEFAULT_5XX, which every type of its class falls back to. */
export function checkFallbackStatus(property: string, response: ErrorResponseCheckInput): CheckWarning | undefined {
  if (!FALLBACK_RESPONSE_TYPES.includes(response.type) || response.statusCode === undefined) {
    return undefined;
  }
  return {
    id: 'fallbackStatusCode',
    message: `${property} sets statusCode ${response.statusCode} on ${response.type}: every ${response.type.slice(-3)} response type ` +
      'that is not customised on its own now returns that status. Set the status on the specific types instead.',
  };
}

/** Lambda's default function timeout, for functions that set none. */
export const LAMBDA_DEFAULT_TIMEOUT_SECONDS = 3;

/** Whether a function outlives its integration: it keeps running after the client got 504. */
export function functionOutlivesIntegration(functionTimeoutSeconds: number, integrationTimeoutMs: number): boolean {
  return functionTimeoutSeconds * 1000 > integrationTimeoutMs;
}

function checkTimeouts(input: CheckInput, errors: string[], warnings: CheckWarning[]): void {
  const ms = input.integrationTimeoutMs;
  const property = input.timeoutProperty ?? 'integrationOptions.timeout';
  const edge = input.endpointTypes.includes('EDGE');
  if (ms < MIN_INTEGRATION_TIMEOUT_MS) {
    errors.push(`${property} must be at least ${MIN_INTEGRATION_TIMEOUT_MS} ms; got ${ms} ms`);
  } else if (ms > DEFAULT_MAX_INTEGRATION_TIMEOUT_MS) {
    if (edge) {
      errors.push(
        `${property} must be from ${MIN_INTEGRATION_TIMEOUT_MS} ms to ${DEFAULT_MAX_INTEGRATION_TIMEOUT_MS} ms on EDGE endpoints; got ${ms} ms`,
      );
    } else if (!input.acknowledgeTimeoutQuota) {
      errors.push(
        `${property} is ${ms} ms, above the default limit of ${DEFAULT_MAX_INTEGRATION_TIMEOUT_MS} ms. REGIONAL and PRIVATE APIs may go higher ` +
          'once the account\'s integration timeout quota is raised; then set acknowledgeIntegrationTimeoutQuota: true. Otherwise use 50 to 29000 ms',
      );
    }
  }
  if (input.functionTimeoutSeconds !== undefined && functionOutlivesIntegration(input.functionTimeoutSeconds, ms)) {
    warnings.push({
      id: 'functionTimeoutExceedsIntegrationTimeout',
      message: `The function's timeout (${input.functionTimeoutSeconds} s) is longer than the integration timeout (${ms} ms): ` +
        'clients get 504 while the function runs on (and bills, and may write). Make the function timeout at most the integration timeout.',
    });
  }
}

function checkLoggingAndThrottling(input: CheckInput, errors: string[], warnings: CheckWarning[]): void {
  if (input.dataTraceEnabled) {
    warnings.push({
      id: 'dataTraceEnabled',
      message: 'deployOptions.dataTraceEnabled logs full request and response bodies (secrets, personal data) to CloudWatch. Turn it off outside debugging.',
    });
  }
  if (input.loggingLevel === 'INFO' && (input.throttlingRateLimit ?? Infinity) > INFO_LOGGING_RATE_WARNING) {
    warnings.push({
      id: 'infoExecutionLogging',
      message: `deployOptions.loggingLevel INFO writes several execution log lines for every request; at a rate limit above ${INFO_LOGGING_RATE_WARNING} requests/s ` +
        'that costs more than the API. ERROR logs failures only; access logs already record every request.',
    });
  }
  if (input.throttlingRateLimit !== undefined && !(input.throttlingRateLimit >= 0)) {
    errors.push(`deployOptions.throttlingRateLimit must be 0 or more requests per second; got ${input.throttlingRateLimit}`);
  }
  if (input.throttlingBurstLimit !== undefined && !(Number.isInteger(input.throttlingBurstLimit) && input.throttlingBurstLimit >= 0)) {
    errors.push(`deployOptions.throttlingBurstLimit must be a whole number, 0 or more; got ${input.throttlingBurstLimit}`);
  }
  if (input.reservedConcurrency !== undefined && input.throttlingBurstLimit !== undefined && input.throttlingBurstLimit > input.reservedConcurrency) {
    warnings.push({
      id: 'burstAboveReservedConcurrency',
      message: `deployOptions.throttlingBurstLimit (${input.throttlingBurstLimit}) is above the function's reserved concurrency (${input.reservedConcurrency}): ` +
        'overload reaches Lambda and comes back as throttles that clients see as 5xx, instead of 429 with Retry-After from the stage.',
    });
  }
  const retryAfter = input.throttledRetryAfterSeconds;
  if (retryAfter !== undefined && !(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 86_400)) {
    errors.push(`throttledRetryAfter must be a whole number of seconds from 1 to 86400; got ${retryAfter}`);
  }
}

function checkCorsAndPermissions(input: CheckInput, errors: string[], warnings: CheckWarning[]): void {
  const corsProperty = input.corsProperty ?? 'defaultCorsPreflightOptions';
  for (const origin of input.corsOrigins ?? []) {
    if (origin.includes("'")) {
      errors.push(`${corsProperty}.allowOrigins holds '${origin}': an origin cannot contain a single quote`);
    }
  }
  if (input.corsAllowCredentials && (input.corsOrigins ?? []).includes('*')) {
    warnings.push({
      id: 'corsWildcardWithCredentials',
      message: `${corsProperty} allows every origin (*) together with credentials: browsers refuse that combination. List the allowed origins.`,
    });
  }
  if (input.corsAllowCredentials && (input.corsOrigins ?? []).length > 1) {
    warnings.push({
      id: 'corsErrorsWithoutCredentials',
      message: `${corsProperty} lists several origins with credentials: error responses echo the caller's Origin, which a gateway response cannot ` +
        'check against the list, so they carry no Access-Control-Allow-Credentials. A browser calling with credentials sees a CORS failure instead of the ' +
        'error status. Allow one origin to get credentials on errors too, or acknowledge this warning.',
    });
  }
  if (input.permissionScope === 'ALL_STAGES' && input.allowTestInvoke === false) {
    errors.push('invokePermissionScope ALL_STAGES also lets the console test-invoke the function, which contradicts integrationOptions.allowTestInvoke: false; use DEPLOYMENT_STAGE or allow test invokes');
  }
  if (input.permissionScope === 'DEPLOYMENT_STAGE' && !input.deploy) {
    errors.push('invokePermissionScope DEPLOYMENT_STAGE needs a deployment stage, but deploy is false; use ALL_STAGES or deploy');
  }
}

/**
 * Runs every synth-time check on the facts given. Pure: the construct throws the errors and
 * turns the warnings into annotations.
 */
export function runChecks(input: CheckInput): CheckResult {
  const errors: string[] = [];
  const warnings: CheckWarning[] = [];
  checkTimeouts(input, errors, warnings);
  checkErrorResponses(input, errors, warnings);
  checkLoggingAndThrottling(input, errors, warnings);
  checkCorsAndPermissions(input, errors, warnings);
  return { errors, warnings };
}

/** The message for an imported function whose resource policy this stack cannot change. */
export const IMPORTED_FUNCTION_WARNING: CheckWarning = {
  id: 'importedFunctionPermission',
  message: 'The handler is an imported function, so no invoke permission could be added to its resource policy: every call will fail with 500 ' +
    '(API_CONFIGURATION_ERROR) until you grant it. Add an AWS::Lambda::Permission for apigateway.amazonaws.com with SourceArn set to ' +
    'this API\'s execute-api ARN where the function is defined, or import it with sameEnvironment: true if it is in this account and region.',
};

/** The message when the installed aws-cdk-lib cannot acknowledge one cdk-nag finding that the construct acknowledges on newer ones. */
export function unacknowledgedFindingWarning(findingId: string, installed: string, minimum: string): CheckWarning {
  return {
    id: 'findingNotAcknowledged',
    message: `aws-cdk-lib ${installed} cannot acknowledge the single cdk-nag finding ${findingId} (it rejects '::' in a rule id), so cdk-nag ` +
      `reports it on this construct. It is expected here: see the README's acknowledged findings. aws-cdk-lib ${minimum} or newer acknowledges it.`,
  };
}

/** The message for execution logging without the account's CloudWatch Logs role managed in this stack. */
export const ACCOUNT_ROLE_WARNING: CheckWarning = {
  id: 'accountCloudWatchRoleNotManaged',
  message: 'Execution logging needs the account-wide API Gateway CloudWatch Logs role of this region, which this API does not manage ' +
    '(cloudWatchRole is not true). If the account has none, the deploy fails or no execution logs appear. Set cloudWatchRole: true in exactly one stack ' +
    'per account and region, or acknowledge this warning where the account already has the role.',
};
