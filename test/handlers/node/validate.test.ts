import { findMalformedField } from '../../../handlers/node/src';

describe('findMalformedField names what API Gateway would refuse (502 Malformed Lambda proxy response)', () => {
  test.each<[string, unknown, string]>([
    ['a bare string', 'ok', 'response'],
    ['undefined (a handler that returned nothing)', undefined, 'response'],
    ['null', null, 'response'],
    ['an array', [], 'response'],
    ['a status that is not an integer', { statusCode: 200.5, body: '' }, 'statusCode'],
    ['a status that is a word', { statusCode: 'OK', body: '' }, 'statusCode'],
    ['a status out of range', { statusCode: 99, body: '' }, 'statusCode'],
    ['a header value that is a number', { statusCode: 200, headers: { 'X-Count': 3 }, body: '' }, 'headers.X-Count'],
    ['headers that are a list', { statusCode: 200, headers: ['a'], body: '' }, 'headers'],
    ['multi-value headers that are not lists of strings', { statusCode: 200, multiValueHeaders: { 'Set-Cookie': 'a=1' } }, 'multiValueHeaders.Set-Cookie'],
    ['multi-value headers with a number', { statusCode: 200, multiValueHeaders: { A: ['x', 1] } }, 'multiValueHeaders.A'],
    ['multi-value headers that are a string', { statusCode: 200, multiValueHeaders: 'x' }, 'multiValueHeaders'],
    ['a body that is an object', { statusCode: 200, body: { ok: true } }, 'body'],
    ['isBase64Encoded as a string', { statusCode: 200, body: '', isBase64Encoded: 'true' }, 'isBase64Encoded'],
  ])('%s: %j is at fault in %s', (_, result, field) => {
    expect(findMalformedField(result)?.field).toBe(field);
    expect(findMalformedField(result)?.problem).toMatch(/^must be/);
  });

  test.each<[string, unknown]>([
    ['a full response', { statusCode: 201, headers: { A: 'b' }, multiValueHeaders: { C: ['d'] }, body: '{}', isBase64Encoded: false }],
    ['{} (API Gateway answers 200)', {}],
    ['a status as a string of digits (API Gateway answers it)', { statusCode: '201' }],
    ['null headers and body', { statusCode: 204, headers: null, body: null }],
  ])('%s is well-formed', (_, result) => {
    expect(findMalformedField(result)).toBeUndefined();
  });
});
