import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import { HOSTILE_TEXT, substituteHostile } from '../../src/checks';
import {
  corsHeadersForErrors,
  ERROR_RESPONSE_DEFAULTS,
  jsonLiteralForTemplate,
  JSON_CONTENT_TYPE,
  renderErrorBody,
  renderErrorResponses,
  substituteVariables,
} from '../../src/contract/error-responses';
import { DOCUMENTED_DEFAULT_STATUS } from '../../src/contract/failure-modes';

const HOSTILE_MESSAGES = [
  HOSTILE_TEXT,
  'He said "no"',
  'C:\\temp\\new',
  'line one\nline two\r\n\ttabbed',
  '\u2028\u2029 separators',
  'emoji 😀 and 中文 and é',
  '$context.requestId #if($x) ${y} $',
  "single 'quotes' here",
  '</script><script>alert(1)</script>',
  '{"nested":"json"}',
  '',
];

/** The id API Gateway generates, in the format of its `x-amz-apigw-id` header. */
const EXTENDED_REQUEST_ID = 'Xq3KzGpUoAMEbXg=';

/** A request id as a client may set it: hostile, trying to forge the body's fields. */
const FORGED_REQUEST_ID = 'x","type":"FORGED","retryable":true,"status":200,"z":"';

/** Substitutes in one pass as API Gateway does: messageString arrives as a quoted JSON string. */
function substitute(template: string, message: string, responseType = 'INTEGRATION_FAILURE'): string {
  return substituteVariables(template, {
    'context.error.messageString': JSON.stringify(message),
    'context.error.responseType': responseType,
    'context.requestId': FORGED_REQUEST_ID,
    'context.extendedRequestId': EXTENDED_REQUEST_ID,
  });
}

/** The `$context` and other variables a template substitutes. */
function variablesIn(template: string): string[] {
  return [...new Set([...template.matchAll(/\$((?:context|stageVariables|util|input)(?:\.[A-Za-z0-9_]+)+)/g)].map((m) => m[1]))];
}

describe('the default error contract', () => {
  const responses = renderErrorResponses({ throttledRetryAfterSeconds: 1 });
  const byType = new Map(responses.map((r) => [r.responseType, r]));

  test('customises every documented response type and both fallbacks', () => {
    expect([...byType.keys()].sort()).toEqual([...Object.keys(DOCUMENTED_DEFAULT_STATUS), 'DEFAULT_4XX', 'DEFAULT_5XX'].sort());
  });

  test.each([
    ['INTEGRATION_TIMEOUT', '504', true],
    ['INTEGRATION_FAILURE', '502', false],
    ['API_CONFIGURATION_ERROR', '500', false],
    ['THROTTLED', '429', true],
    ['QUOTA_EXCEEDED', '429', false],
    ['MISSING_AUTHENTICATION_TOKEN', '403', false],
    ['DEFAULT_4XX', undefined, false],
    ['DEFAULT_5XX', undefined, true],
  ])('%s answers status %s, retryable %s', (type, status, retryable) => {
    const response = byType.get(type)!;
    expect(response.statusCode).toBe(status);
    const body = JSON.parse(substitute(response.templates[JSON_CONTENT_TYPE], 'boom', type));
    expect(body).toEqual({
      message: 'boom',
      type,
      status: status === undefined ? null : Number(status),
      retryable,
      requestId: EXTENDED_REQUEST_ID,
    });
  });

  test('the request id is the one API Gateway generates: a client-chosen $context.requestId cannot change the body', () => {
    for (const response of responses) {
      const template = response.templates[JSON_CONTENT_TYPE];
      expect(variablesIn(template)).not.toContain('context.requestId');
      expect(variablesIn(template)).toContain('context.extendedRequestId');
      const body = JSON.parse(substitute(template, 'boom', response.responseType));
      const retryable = ERROR_RESPONSE_DEFAULTS.find((d) => d.responseType === response.responseType)!.retryable;
      expect(body).toMatchObject({ type: response.responseType, retryable, requestId: EXTENDED_REQUEST_ID });
      expect(Object.keys(body)).toEqual(['message', 'type', 'status', 'retryable', 'requestId']);
    }
  });

  test.each(HOSTILE_MESSAGES)('with every substituted variable hostile (%j), escaped as AWS escapes messageString, the body stays valid JSON', (hostile) => {
    for (const response of responses) {
      const template = response.templates[JSON_CONTENT_TYPE];
      // messageString arrives quoted; the others sit between quotes, so they get the escaped content.
      const values = Object.fromEntries(variablesIn(template).map((name) => [name,
        name === 'context.error.messageString' ? JSON.stringify(hostile) : JSON.stringify(hostile).slice(1, -1)]));
      const body = JSON.parse(substituteVariables(template, values));
      expect(body.message).toBe(hostile);
      expect(body.requestId).toBe(hostile);
    }
  });

  test('every specific type sets a status, so none falls back to its documented default', () => {
    for (const response of responses.filter((r) => !r.responseType.startsWith('DEFAULT_'))) {
      expect(response.statusCode).toMatch(/^[1-5]\d\d$/);
    }
  });

  test('only the integration failure differs from the documented default status', () => {
    const differing = ERROR_RESPONSE_DEFAULTS.filter((d) => d.statusCode && d.statusCode !== DOCUMENTED_DEFAULT_STATUS[d.responseType]);
    expect(differing.map((d) => d.responseType)).toEqual(['INTEGRATION_FAILURE']);
  });

  test('the fallbacks name the type that fell through', () => {
    const body = JSON.parse(substitute(byType.get('DEFAULT_4XX')!.templates[JSON_CONTENT_TYPE], 'x', 'SOME_NEW_TYPE'));
    expect(body.type).toBe('SOME_NEW_TYPE');
  });

  test('every error response forbids caching; only THROTTLED says Retry-After', () => {
    for (const response of responses) {
      expect(response.responseHeaders['Cache-Control']).toBe("'no-store'");
      expect('Retry-After' in response.responseHeaders).toBe(response.responseType === 'THROTTLED');
    }
    expect(byType.get('THROTTLED')!.responseHeaders['Retry-After']).toBe("'1'");
  });

  test('no Retry-After when none is configured', () => {
    const throttled = renderErrorResponses().find((r) => r.responseType === 'THROTTLED')!;
    expect(throttled.responseHeaders['Retry-After']).toBeUndefined();
  });
});

describe('every error template stays valid JSON whatever the message holds', () => {
  const responses = renderErrorResponses({ throttledRetryAfterSeconds: 5 });
  const cases = responses.flatMap((r) => HOSTILE_MESSAGES.map((m) => [r.responseType, m] as [string, string]));

  test.each(cases)('%s with %j', (type, message) => {
    const template = responses.find((r) => r.responseType === type)!.templates[JSON_CONTENT_TYPE];
    const body = JSON.parse(substitute(template, message, type));
    expect(body.message).toBe(message);
    expect(JSON.parse(substituteHostile(template))).toBeDefined();
  });

  test.each(HOSTILE_MESSAGES)('a fixed message override %j survives the gateway substitution unchanged', (message) => {
    const body = renderErrorBody('INTEGRATION_TIMEOUT', '504', true, message);
    expect(body).not.toMatch(/\$(?!context\.extendedRequestId)/);
    expect(JSON.parse(substitute(body, 'ignored')).message).toBe(message);
  });
});

describe('substituteVariables', () => {
  test('substitutes in one pass: a value holding a variable is not substituted again', () => {
    expect(substituteVariables('$context.a/$context.b', { 'context.a': '$context.b', 'context.b': 'B' })).toBe('$context.b/B');
  });
  test('an unknown variable becomes the fallback, empty by default', () => {
    expect(substituteVariables('[$context.nope]', {})).toBe('[]');
    expect(substituteVariables('[$stageVariables.x]', {}, (name) => name.toUpperCase())).toBe('[STAGEVARIABLES.X]');
  });
});

describe('jsonLiteralForTemplate', () => {
  test.each([
    ['plain', '"plain"'],
    ['costs $5', '"costs \\u00245"'],
    ['$context.requestId', '"\\u0024context.requestId"'],
    ['say "hi"', '"say \\"hi\\""'],
  ])('%j -> %s', (input, expected) => {
    expect(jsonLiteralForTemplate(input)).toBe(expected);
    expect(JSON.parse(jsonLiteralForTemplate(input))).toBe(input);
  });
});

describe('overrides', () => {
  test('status, message, retry advice and headers of one type change; the rest stay', () => {
    const responses = renderErrorResponses({
      overrides: [{
        type: apigateway.ResponseType.INTEGRATION_TIMEOUT,
        statusCode: '503',
        message: 'Try again shortly',
        retryable: false,
        responseHeaders: { 'X-Error-Source': "'gateway'" },
      }],
    });
    const timeout = responses.find((r) => r.responseType === 'INTEGRATION_TIMEOUT')!;
    expect(timeout.statusCode).toBe('503');
    expect(timeout.responseHeaders).toEqual({ 'Cache-Control': "'no-store'", 'X-Error-Source': "'gateway'" });
    expect(JSON.parse(substitute(timeout.templates[JSON_CONTENT_TYPE], 'ignored'))).toMatchObject({
      message: 'Try again shortly', status: 503, retryable: false, type: 'INTEGRATION_TIMEOUT',
    });
    expect(responses.find((r) => r.responseType === 'INTEGRATION_FAILURE')!.statusCode).toBe('502');
  });

  test('templates replace the body entirely', () => {
    const templates = { 'application/json': '{"oops":true}', 'text/plain': 'oops' };
    const responses = renderErrorResponses({ overrides: [{ type: apigateway.ResponseType.DEFAULT_5XX, templates }] });
    expect(responses.find((r) => r.responseType === 'DEFAULT_5XX')!.templates).toEqual(templates);
  });

  test('a type the contract does not list is added', () => {
    const responses = renderErrorResponses({ overrides: [{ type: apigateway.ResponseType.of('SOME_FUTURE_TYPE'), statusCode: '418' }] });
    const added = responses.find((r) => r.responseType === 'SOME_FUTURE_TYPE')!;
    expect(added.statusCode).toBe('418');
    expect(JSON.parse(substitute(added.templates[JSON_CONTENT_TYPE], 'x'))).toMatchObject({ status: 418, retryable: false });
  });

  test('common headers reach every response and a per-type header wins', () => {
    const responses = renderErrorResponses({
      commonHeaders: { 'Access-Control-Allow-Origin': "'*'" },
      overrides: [{ type: apigateway.ResponseType.THROTTLED, responseHeaders: { 'Access-Control-Allow-Origin': "'https://a.example'" } }],
    });
    for (const response of responses) {
      expect(response.responseHeaders['Access-Control-Allow-Origin']).toBe(response.responseType === 'THROTTLED' ? "'https://a.example'" : "'*'");
    }
  });
});

describe('corsHeadersForErrors', () => {
  test.each<[string, apigateway.CorsOptions | undefined, Record<string, string>]>([
    ['no CORS', undefined, {}],
    ['every origin', { allowOrigins: apigateway.Cors.ALL_ORIGINS }, { 'Access-Control-Allow-Origin': "'*'" }],
    ['one origin', { allowOrigins: ['https://app.example'] }, { 'Access-Control-Allow-Origin': "'https://app.example'", 'Vary': "'Origin'" }],
    ['several origins echo the caller', { allowOrigins: ['https://a.example', 'https://b.example'] },
      { 'Access-Control-Allow-Origin': 'method.request.header.Origin', 'Vary': "'Origin'" }],
    ['credentials and exposed headers', { allowOrigins: ['https://a.example'], allowCredentials: true, exposeHeaders: ['Retry-After', 'X-Id'] },
      {
        'Access-Control-Allow-Origin': "'https://a.example'",
        'Vary': "'Origin'",
        'Access-Control-Allow-Credentials': "'true'",
        'Access-Control-Expose-Headers': "'Retry-After,X-Id'",
      }],
    // The echo cannot check the list: with credentials any website could read errors with the user's cookies.
    ['several origins with credentials echo the caller without credentials', { allowOrigins: ['https://a.example', 'https://b.example'], allowCredentials: true },
      { 'Access-Control-Allow-Origin': 'method.request.header.Origin', 'Vary': "'Origin'" }],
  ])('%s', (_, cors, expected) => {
    expect(corsHeadersForErrors(cors)).toEqual(expected);
  });
});
