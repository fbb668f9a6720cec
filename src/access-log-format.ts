/**
 * The access log line: one JSON object per request, with the fields that tell 5xx causes apart.
 *
 * Every value is a quoted string except `errorMessage`: `$context.error.messageString` is already
 * a quoted JSON string, so a message holding quotes still gives valid JSON. Numbers are quoted
 * too, because an empty `$context` value would otherwise leave `"field":,` behind.
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
  errorMessage: '$context.error.messageString',
  integrationStatus: '$context.integration.status',
  integrationError: '$context.integration.error',
  integrationErrorMessage: '$context.integrationErrorMessage',
  integrationLatency: '$context.integration.latency',
  integrationRequestId: '$context.integration.requestId',
  xrayTraceId: '$context.xrayTraceId',
};

/** Fields whose `$context` value is already a quoted JSON string. */
const PRE_QUOTED = new Set(['errorMessage']);

/**
 * Renders the access log format string for the fields given.
 */
export function renderAccessLogFormat(fields: { [field: string]: string } = ACCESS_LOG_FIELDS): string {
  const parts = Object.entries(fields).map(([name, variable]) =>
    PRE_QUOTED.has(name) ? `"${name}":${variable}` : `"${name}":"${variable}"`,
  );
  return `{${parts.join(',')}}`;
}
