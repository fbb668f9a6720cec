import { ACCESS_LOG_FIELDS, renderAccessLogFormat } from '../src/access-log-format';
import { HOSTILE_TEXT, substituteHostile } from '../src/checks';

describe('the access log format', () => {
  test('carries every field the facts file names for telling 5xx causes apart', () => {
    const variables = Object.values(ACCESS_LOG_FIELDS);
    for (const variable of [
      '$context.status', '$context.error.responseType', '$context.error.messageString', '$context.integration.error',
      '$context.integration.status', '$context.integrationErrorMessage', '$context.integration.latency',
      '$context.responseLatency', '$context.requestId', '$context.extendedRequestId', '$context.xrayTraceId',
      '$context.integration.requestId',
    ]) {
      expect(variables).toContain(variable);
    }
  });

  test('is one JSON object per line with the field names as keys', () => {
    const line = JSON.parse(substituteHostile(renderAccessLogFormat(), 'plain'));
    expect(Object.keys(line)).toEqual(Object.keys(ACCESS_LOG_FIELDS));
    expect(renderAccessLogFormat()).not.toContain('\n');
  });

  test('stays valid JSON when the error message holds quotes, backslashes and newlines', () => {
    // Not $context.requestId: clients can set it, so substituteHostile treats it as hostile text.
    const format = renderAccessLogFormat({ errorMessage: '$context.error.messageString', extendedRequestId: '$context.extendedRequestId' });
    expect(format).toBe('{"errorMessage":$context.error.messageString,"extendedRequestId":"$context.extendedRequestId"}');
    expect(JSON.parse(substituteHostile(format)).errorMessage).toBe(HOSTILE_TEXT);
  });

  test('empty values still give valid JSON (numbers are quoted)', () => {
    const empty = renderAccessLogFormat().replace(/\$context(\.[A-Za-z]+)+/g, (v) => (v === '$context.error.messageString' ? '"-"' : ''));
    expect(JSON.parse(empty).integrationLatency).toBe('');
  });
});
