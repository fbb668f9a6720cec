/**
 * The access log line: one JSON object per request, with the fields that tell 5xx causes apart.
 *
 * Every value stands inside quotes, numbers too: API Gateway writes `-` for a variable with no
 * value (and may write nothing), and `"status":-` or `"status":` is not JSON, while `"-"` and `""`
 * are. The line is therefore JSON whatever is missing, and so is the format itself.
 *
 * `errorMessage` is `$context.error.message` in quotes, not `$context.error.messageString` (which
 * brings its own quotes, and so would be unquoted `-` when there is no error). Whether API Gateway
 * escapes quotes in it is *unverified*; the messages it writes there are its own fixed texts
 * ("Endpoint request timed out", "Internal server error", ...).
 *
 * For a Lambda proxy integration `integrationStatus` is the status in the function's own response,
 * and `lambdaStatus` Lambda's status for the invoke: 429 when Lambda throttled it, which is how a
 * throttle is told from a function error (both are `INTEGRATION_FAILURE`).
 */
export const ACCESS_LOG_FIELDS: { [field: string]: string } = {
  // Values API Gateway sets itself: ids, times, enum names, numbers. The metric filters read only these.
  requestId: '$context.extendedRequestId',
  requestTime: '$context.requestTime',
  requestTimeEpoch: '$context.requestTimeEpoch',
  apiId: '$context.apiId',
  stage: '$context.stage',
  httpMethod: '$context.httpMethod',
  resourcePath: '$context.resourcePath',
  protocol: '$context.protocol',
  sourceIp: '$context.identity.sourceIp',
  status: '$context.status',
  responseLength: '$context.responseLength',
  responseLatency: '$context.responseLatency',
  errorType: '$context.error.responseType',
  errorMessage: '$context.error.message',
  integrationStatus: '$context.integration.status',
  lambdaStatus: '$context.integration.integrationStatus',
  integrationLatency: '$context.integration.latency',
  integrationRequestId: '$context.integration.requestId',
  // Text that may come from outside API Gateway (OUTSIDE_TEXT_FIELDS): last.
  integrationError: '$context.integration.error',
  integrationErrorMessage: '$context.integrationErrorMessage',
  xrayTraceId: '$context.xrayTraceId',
};

/**
 * `$context` variables whose value the client chooses, never logged: a client may override
 * `$context.requestId` (AWS says so; `$context.extendedRequestId` is the one API Gateway always
 * generates), `$context.path` is the raw path it sent, the user agent is a header.
 */
export const CLIENT_CHOSEN_VARIABLES = ['$context.requestId', '$context.path', '$context.identity.userAgent'];

/**
 * Fields whose text may come from outside API Gateway: the function's error message, and the
 * trace id a caller may send in `X-Amzn-Trace-Id`. They come after every field the metric filters
 * read, so that where API Gateway does not escape a quote in them (*unverified*) a forged key can
 * only come after the real one.
 */
export const OUTSIDE_TEXT_FIELDS = ['integrationError', 'integrationErrorMessage', 'xrayTraceId'];

/**
 * Renders the access log format string for the fields given: every value inside quotes.
 */
export function renderAccessLogFormat(fields: { [field: string]: string } = ACCESS_LOG_FIELDS): string {
  return `{${Object.entries(fields).map(([name, variable]) => `"${name}":"${variable}"`).join(',')}}`;
}
