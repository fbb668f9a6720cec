import { ACCESS_LOG_FIELDS, CLIENT_CHOSEN_VARIABLES, OUTSIDE_TEXT_FIELDS, renderAccessLogFormat } from '../src/access-log-format';
import { HOSTILE_TEXT } from '../src/checks';
import { substituteVariables } from '../src/contract/error-responses';

/** The format with every variable replaced by `value(variable)`, as API Gateway writes a line. */
function line(value: (variable: string) => string, format = renderAccessLogFormat()): string {
  return substituteVariables(format, {}, (name) => value(`$${name}`));
}

const VARIABLES = Object.values(ACCESS_LOG_FIELDS);

describe('the access log format', () => {
  test('carries every field the facts file names for telling 5xx causes apart', () => {
    for (const variable of [
      '$context.status', '$context.error.responseType', '$context.error.message', '$context.integration.error',
      '$context.integration.status', '$context.integrationErrorMessage', '$context.integration.latency',
      '$context.responseLatency', '$context.extendedRequestId', '$context.xrayTraceId', '$context.integration.requestId',
      '$context.integration.integrationStatus',
    ]) {
      expect(VARIABLES).toContain(variable);
    }
  });

  test('Lambda\'s own status for the invoke (429 when it throttled) is lambdaStatus, apart from the function\'s status', () => {
    expect(ACCESS_LOG_FIELDS).toMatchObject({ lambdaStatus: '$context.integration.integrationStatus', integrationStatus: '$context.integration.status' });
  });

  test('is one JSON object per line with the field names as keys, every value a string', () => {
    const parsed = JSON.parse(line(() => 'a1b2'));
    expect(Object.keys(parsed)).toEqual(Object.keys(ACCESS_LOG_FIELDS));
    expect(Object.values(parsed).every((v) => v === 'a1b2')).toBe(true);
    expect(renderAccessLogFormat()).not.toContain('\n');
  });

  test('the format itself is JSON, before any substitution', () => {
    expect(JSON.parse(renderAccessLogFormat())).toEqual(ACCESS_LOG_FIELDS);
  });

  test.each<[string, string]>([
    ['-', 'API Gateway\'s mark for a missing value'],
    ['', 'an empty value'],
  ])('stays JSON when every variable is %j (%s)', (value) => {
    expect(Object.values(JSON.parse(line(() => value))).every((v) => v === value)).toBe(true);
  });

  test.each(VARIABLES)('stays JSON when %s alone is "-" or empty and the others hold values', (variable) => {
    for (const missing of ['-', '']) {
      const parsed = JSON.parse(line((v) => (v === variable ? missing : '504')));
      expect(parsed[Object.keys(ACCESS_LOG_FIELDS)[VARIABLES.indexOf(variable)]]).toBe(missing);
    }
  });

  test('numbers are quoted strings: an unquoted empty number would leave "field":, behind', () => {
    expect(renderAccessLogFormat({ status: '$context.status', integrationLatency: '$context.integration.latency' }))
      .toBe('{"status":"$context.status","integrationLatency":"$context.integration.latency"}');
  });

  test('hostile text stays JSON where API Gateway escapes it as a JSON string (unverified: the integration test settles it)', () => {
    const escaped = JSON.stringify(HOSTILE_TEXT).slice(1, -1);
    const parsed = JSON.parse(line(() => escaped));
    expect(Object.values(parsed).every((v) => v === HOSTILE_TEXT)).toBe(true);
  });

  test('the error message is API Gateway\'s text in quotes, not the pre-quoted messageString', () => {
    expect(renderAccessLogFormat()).toContain('"errorMessage":"$context.error.message"');
    expect(renderAccessLogFormat()).not.toContain('messageString');
    expect(JSON.parse(line((v) => (v === '$context.error.message' ? 'Endpoint request timed out' : '-'))).errorMessage).toBe('Endpoint request timed out');
  });
});

describe('values others choose', () => {
  test('no variable a client chooses is logged: not the overridable $context.requestId, the raw path or the user agent', () => {
    expect(CLIENT_CHOSEN_VARIABLES).toEqual(expect.arrayContaining(['$context.requestId', '$context.path', '$context.identity.userAgent']));
    for (const variable of CLIENT_CHOSEN_VARIABLES) {
      expect(VARIABLES).not.toContain(variable);
    }
  });

  test('requestId is the id API Gateway generates ($context.extendedRequestId), the method and path are the resource\'s', () => {
    expect(ACCESS_LOG_FIELDS).toMatchObject({ requestId: '$context.extendedRequestId', resourcePath: '$context.resourcePath' });
    expect(VARIABLES.filter((v) => v === '$context.extendedRequestId')).toHaveLength(1);
  });

  test('text that may come from the function or a caller\'s header comes last in the line', () => {
    const names = Object.keys(ACCESS_LOG_FIELDS);
    expect(names.slice(-OUTSIDE_TEXT_FIELDS.length).sort()).toEqual([...OUTSIDE_TEXT_FIELDS].sort());
  });

  test('a forged key in that text stays inside its value where API Gateway escapes it', () => {
    const forged = JSON.stringify('","errorType":"INTEGRATION_TIMEOUT","x":"').slice(1, -1);
    const outside = new Set(OUTSIDE_TEXT_FIELDS.map((f) => ACCESS_LOG_FIELDS[f]));
    const parsed = JSON.parse(line((v) => (outside.has(v) ? forged : '-')));
    expect(parsed.errorType).toBe('-');
    expect(Object.keys(parsed)).toEqual(Object.keys(ACCESS_LOG_FIELDS));
  });
});
