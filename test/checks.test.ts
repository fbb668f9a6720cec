import {
  checkJsonTemplate,
  checkResponseHeaders,
  checkStatusCode,
  CheckInput,
  isMappingExpression,
  runChecks,
  substituteHostile,
} from '../src/checks';

const VALID: CheckInput = {
  integrationTimeoutMs: 29_000,
  endpointTypes: ['REGIONAL'],
  acknowledgeTimeoutQuota: false,
  deploy: true,
};

function errorsOf(change: Partial<CheckInput>): string[] {
  return runChecks({ ...VALID, ...change }).errors;
}

function warningIdsOf(change: Partial<CheckInput>): string[] {
  return runChecks({ ...VALID, ...change }).warnings.map((w) => w.id);
}

test('valid defaults pass without warnings', () => {
  expect(runChecks(VALID)).toEqual({ errors: [], warnings: [] });
});

describe('errors name the property and what is allowed', () => {
  test.each<[string, Partial<CheckInput>, RegExp]>([
    ['timeout below 50 ms', { integrationTimeoutMs: 49 }, /integrationOptions\.timeout must be at least 50 ms; got 49 ms/],
    ['timeout above 29 s on EDGE', { integrationTimeoutMs: 29_001, endpointTypes: ['EDGE'] }, /integrationOptions\.timeout must be from 50 ms to 29000 ms on EDGE endpoints; got 29001 ms/],
    ['timeout above 29 s without the quota acknowledged', { integrationTimeoutMs: 60_000 }, /integrationOptions\.timeout is 60000 ms.*acknowledgeIntegrationTimeoutQuota: true/],
    ['timeout above 29 s on EDGE even when acknowledged', { integrationTimeoutMs: 60_000, endpointTypes: ['EDGE'], acknowledgeTimeoutQuota: true }, /on EDGE endpoints/],
    ['status code out of range', { errorResponses: [{ type: 'THROTTLED', statusCode: '600' }] }, /errorResponses\[0\]\.statusCode must be an HTTP status code from 100 to 599.*got '600'/],
    ['status code not three digits', { errorResponses: [{ type: 'THROTTLED', statusCode: '42' }] }, /errorResponses\[0\]\.statusCode must be an HTTP status code/],
    ['the same type twice', { errorResponses: [{ type: 'THROTTLED' }, { type: 'THROTTLED' }] }, /errorResponses\[1\]\.type: THROTTLED is given twice/],
    ['an unquoted literal header', { errorResponses: [{ type: 'THROTTLED', responseHeaders: { 'Retry-After': '5' } }] }, /errorResponses\[0\]\.responseHeaders\['Retry-After'\] is not a legal mapping expression: '5'. A literal must be in single quotes/],
    ['a bad header name', { errorResponses: [{ type: 'THROTTLED', responseHeaders: { 'Bad Header': "'x'" } }] }, /invalid header name 'Bad Header'/],
    ['a JSON template that breaks on quotes', { errorResponses: [{ type: 'DEFAULT_5XX', templates: { 'application/json': '{"m":"$context.error.message"}' } }] }, /errorResponses\[0\]\.templates\['application\/json'\] is not valid JSON.*messageString/],
    ['negative rate limit', { throttlingRateLimit: -1 }, /deployOptions\.throttlingRateLimit must be 0 or more/],
    ['fractional burst limit', { throttlingBurstLimit: 1.5 }, /deployOptions\.throttlingBurstLimit must be a whole number/],
    ['Retry-After of 0 s', { throttledRetryAfterSeconds: 0 }, /throttledRetryAfter must be a whole number of seconds from 1 to 86400; got 0/],
    ['Retry-After of 1.5 s', { throttledRetryAfterSeconds: 1.5 }, /throttledRetryAfter must be a whole number of seconds/],
    ['Retry-After over a day', { throttledRetryAfterSeconds: 86_401 }, /throttledRetryAfter must be/],
    ['an origin with a quote', { corsOrigins: ["https://x.example'"] }, /defaultCorsPreflightOptions\.allowOrigins holds .* single quote/],
    ['all stages but no test invoke', { permissionScope: 'ALL_STAGES', allowTestInvoke: false }, /invokePermissionScope ALL_STAGES .* contradicts integrationOptions\.allowTestInvoke: false/],
    ['deployment stage without a deployment', { permissionScope: 'DEPLOYMENT_STAGE', deploy: false }, /invokePermissionScope DEPLOYMENT_STAGE needs a deployment stage, but deploy is false/],
  ])('%s', (_, change, message) => {
    const errors = errorsOf(change);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(message);
  });

  test.each<[string, Partial<CheckInput>]>([
    ['50 ms', { integrationTimeoutMs: 50 }],
    ['29 s on EDGE', { integrationTimeoutMs: 29_000, endpointTypes: ['EDGE'] }],
    ['60 s on REGIONAL with the quota acknowledged', { integrationTimeoutMs: 60_000, acknowledgeTimeoutQuota: true }],
    ['60 s on PRIVATE with the quota acknowledged', { integrationTimeoutMs: 60_000, endpointTypes: ['PRIVATE'], acknowledgeTimeoutQuota: true }],
    ['legal header mappings', { errorResponses: [{ type: 'THROTTLED', responseHeaders: { 'X-A': "'a b'", 'X-B': 'method.request.header.Origin', 'X-C': 'stageVariables.v' } }] }],
    ['a JSON template using messageString', { errorResponses: [{ type: 'DEFAULT_5XX', templates: { 'application/json': '{"m":$context.error.messageString,"id":"$context.extendedRequestId"}' } }] }],
    ['a non-JSON template is not parsed', { errorResponses: [{ type: 'DEFAULT_5XX', templates: { 'text/plain': 'oops "$context.error.message"' } }] }],
    ['all stages with test invokes', { permissionScope: 'ALL_STAGES', allowTestInvoke: true }],
    ['all stages without a deployment', { permissionScope: 'ALL_STAGES', deploy: false }],
  ])('accepts %s', (_, change) => {
    expect(errorsOf(change)).toEqual([]);
  });
});

describe('warnings for what is legal but risky', () => {
  test.each<[string, Partial<CheckInput>, string]>([
    ['function timeout above the integration timeout', { functionTimeoutSeconds: 30 }, 'functionTimeoutExceedsIntegrationTimeout'],
    ['data trace on', { dataTraceEnabled: true }, 'dataTraceEnabled'],
    ['INFO logging at the default rate limit', { loggingLevel: 'INFO', throttlingRateLimit: 10_000 }, 'infoExecutionLogging'],
    ['burst above reserved concurrency', { reservedConcurrency: 10, throttlingBurstLimit: 11 }, 'burstAboveReservedConcurrency'],
    ['a status on DEFAULT_5XX', { errorResponses: [{ type: 'DEFAULT_5XX', statusCode: '500' }] }, 'fallbackStatusCode'],
    ['a status on DEFAULT_4XX', { errorResponses: [{ type: 'DEFAULT_4XX', statusCode: '400' }] }, 'fallbackStatusCode'],
    ['CORS * with credentials', { corsOrigins: ['*'], corsAllowCredentials: true }, 'corsWildcardWithCredentials'],
    ['CORS with several origins and credentials', { corsOrigins: ['https://a.example', 'https://b.example'], corsAllowCredentials: true }, 'corsErrorsWithoutCredentials'],
  ])('%s', (_, change, id) => {
    expect(warningIdsOf(change)).toEqual([id]);
  });

  test.each<[string, Partial<CheckInput>]>([
    ['function timeout equal to the integration timeout', { functionTimeoutSeconds: 29 }],
    ['INFO logging on a slow stage', { loggingLevel: 'INFO', throttlingRateLimit: 100 }],
    ['burst equal to reserved concurrency', { reservedConcurrency: 10, throttlingBurstLimit: 10 }],
    ['a status on a specific type', { errorResponses: [{ type: 'INTEGRATION_FAILURE', statusCode: '500' }] }],
    ['CORS with one listed origin and credentials', { corsOrigins: ['https://a.example'], corsAllowCredentials: true }],
    ['CORS with several origins without credentials', { corsOrigins: ['https://a.example', 'https://b.example'] }],
  ])('no warning for %s', (_, change) => {
    expect(warningIdsOf(change)).toEqual([]);
  });

  test('the messages say what to do', () => {
    const [warning] = runChecks({ ...VALID, functionTimeoutSeconds: 60 }).warnings;
    expect(warning.message).toMatch(/function's timeout \(60 s\) is longer than the integration timeout \(29000 ms\).*504/);
  });
});

describe('building blocks', () => {
  test.each([
    ["'*'", true], ["'a b c'", true], ["''", true], ['method.request.header.Origin', true], ['method.request.querystring.q', true],
    ['method.request.path.id', true], ['stageVariables.name', true],
    ['*', false], ["'it's'", false], ['"double"', false], ['method.request.body.x', false], ['context.requestId', false], ["'a'b'", false],
  ])('isMappingExpression(%j) is %s', (value, legal) => {
    expect(isMappingExpression(value as string)).toBe(legal);
  });

  test('checkStatusCode', () => {
    expect(checkStatusCode('p', undefined)).toBeUndefined();
    expect(checkStatusCode('p', '100')).toBeUndefined();
    expect(checkStatusCode('p', '599')).toBeUndefined();
    expect(checkStatusCode('p', '099')).toMatch(/^p must be/);
    expect(checkStatusCode('p', '5000')).toMatch(/^p must be/);
  });

  test('checkResponseHeaders reports each bad header', () => {
    expect(checkResponseHeaders('h', { 'A': 'x', 'B C': "'y'" })).toHaveLength(2);
    expect(checkResponseHeaders('h', undefined)).toEqual([]);
  });

  test('substituteHostile quotes messageString and leaves ids plain', () => {
    expect(substituteHostile('$context.error.messageString|$context.extendedRequestId|$context.requestId|$context.error.message', 'a"b'))
      .toBe('"a\\"b"|a1b2-c3d4|a1b2-c3d4|a"b');
    expect(checkJsonTemplate('t', '{"a":1}')).toBeUndefined();
  });
});
