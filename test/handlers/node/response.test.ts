import { EXTENDED_ID, proxyEvent } from './support';
import { contractHeaders, ERROR_HEADERS_ENV, errorResponse, mappingValue, RETRYABLE_STATUSES } from '../../../handlers/node/src';
import { corsHeadersForErrors } from '../../../src/contract/error-responses';
import { schemaErrors } from '../../support/error-body-schema';

describe('errorResponse', () => {
  test('a 404 in the contract\'s shape, with the extended request id, no-store and JSON', () => {
    const response = errorResponse(404, 'No order 42', { event: proxyEvent(), env: {} });
    expect(response.statusCode).toBe(404);
    expect(response.headers).toEqual({ 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
    expect(JSON.parse(response.body!)).toEqual({ message: 'No order 42', type: 'NOT_FOUND', status: 404, retryable: false, requestId: EXTENDED_ID });
  });

  test.each([400, 401, 403, 404, 409, 422, 429, 451, 500, 502, 503, 504, 599])('every status gives a body the schema accepts (%s)', (status) => {
    const body = JSON.parse(errorResponse(status, 'He said "no"\n😀', { event: proxyEvent(), env: {} }).body!);
    expect(schemaErrors(body)).toEqual([]);
    expect(body.retryable).toBe(RETRYABLE_STATUSES.includes(status));
    expect(body.type).toMatch(/^[A-Z_0-9]+$/);
  });

  test('type, retryable and headers can be given; without an event the request id is empty', () => {
    const response = errorResponse(409, 'Taken', { type: 'ORDER_EXISTS', retryable: true, headers: { 'Retry-After': '3' }, env: {} });
    expect(JSON.parse(response.body!)).toMatchObject({ type: 'ORDER_EXISTS', retryable: true, requestId: '' });
    expect(response.headers!['Retry-After']).toBe('3');
    expect(schemaErrors(response.body)).toEqual([]);
  });

  test.each([200, 399, 600, 404.5, NaN])('refuses a status that is not an error (%s)', (status) => {
    expect(() => errorResponse(status, 'x')).toThrow(/status must be an integer from 400 to 599/);
  });

  test('the retryable statuses are the construct\'s error mappings\' (429, 502, 503, 504)', () => {
    expect(RETRYABLE_STATUSES).toEqual([429, 502, 503, 504]);
  });
});

describe('the API\'s CORS headers for errors, as the construct passes them', () => {
  const env = (cors: Parameters<typeof corsHeadersForErrors>[0]) => ({ [ERROR_HEADERS_ENV]: JSON.stringify(corsHeadersForErrors(cors)) });

  test('one origin: the literal, with Vary', () => {
    const headers = contractHeaders(proxyEvent(), env({ allowOrigins: ['https://app.example.com'], allowCredentials: true }));
    expect(headers).toMatchObject({
      'Access-Control-Allow-Origin': 'https://app.example.com', 'Vary': 'Origin', 'Access-Control-Allow-Credentials': 'true',
    });
  });

  test('several origins: the caller\'s Origin echoed (header names are case-insensitive), or none without one', () => {
    const cors = env({ allowOrigins: ['https://a.example.com', 'https://b.example.com'] });
    expect(contractHeaders(proxyEvent({ origin: 'https://b.example.com' }), cors)['Access-Control-Allow-Origin']).toBe('https://b.example.com');
    expect(contractHeaders(proxyEvent(), cors)['Access-Control-Allow-Origin']).toBeUndefined();
  });

  test('errorResponse carries them', () => {
    expect(errorResponse(400, 'x', { event: proxyEvent(), env: env({ allowOrigins: ['*'] }) }).headers!['Access-Control-Allow-Origin']).toBe('*');
  });

  test.each<[string, string | undefined]>([
    ["'lit'", 'lit'],
    ['method.request.header.X-Tenant', 't1'],
    ['method.request.querystring.q', 'v'],
    ['method.request.path.id', '42'],
    ['stageVariables.origin', 's'],
    ['method.request.header.Missing', undefined],
    ['context.requestId', undefined],
  ])('mapping expression %s is %s', (expression, expected) => {
    const event = { ...proxyEvent({ 'x-tenant': 't1' }), queryStringParameters: { q: 'v' }, pathParameters: { id: '42' }, stageVariables: { origin: 's' } };
    expect(mappingValue(expression, event)).toBe(expected);
  });

  test('a value the construct did not write gives no CORS headers rather than an error', () => {
    expect(contractHeaders(undefined, { [ERROR_HEADERS_ENV]: 'not json' })).toEqual({ 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
    expect(contractHeaders(undefined, { [ERROR_HEADERS_ENV]: '{"A": 3}' })).not.toHaveProperty('A');
  });
});
