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
 */
export const ACCESS_LOG_FIELDS: { [field: string]: string } = {
  requestId: '$context.requestId',
  extendedRequestId: '$context.extendedRequestId',
  requestTime: '$context.requestTime',
  requestTimeEpoch: '$context.requestTimeEpoch',
  apiId: '$context.apiId',
  stage: '$context.stage',
  httpMethod: '$context.httpMethod',
  resourcePath: '$context.resourcePath',
  path: '$context.path',
  protocol: '$context.protocol',
  sourceIp: '$context.identity.sourceIp',
  status: '$context.status',
  responseLength: '$context.responseLength',
  responseLatency: '$context.responseLatency',
  errorType: '$context.error.responseType',
  errorMessage: '$context.error.message',
  integrationStatus: '$context.integration.status',
  integrationError: '$context.integration.error',
  integrationErrorMessage: '$context.integrationErrorMessage',
  integrationLatency: '$context.integration.latency',
  integrationRequestId: '$context.integration.requestId',
  xrayTraceId: '$context.xrayTraceId',
};

/**
 * Renders the access log format string for the fields given: every value inside quotes.
 */
export function renderAccessLogFormat(fields: { [field: string]: string } = ACCESS_LOG_FIELDS): string {
  return `{${Object.entries(fields).map(([name, variable]) => `"${name}":"${variable}"`).join(',')}}`;
}
