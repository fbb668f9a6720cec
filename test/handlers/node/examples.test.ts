import { lambdaContext, proxyEvent } from './support';
import { handler as exampleHandler } from '../../../examples/handler';
import { handler as ordersHandler } from '../../../examples/openapi/handler';
import { INTEGRATION_TIMEOUT_ENV } from '../../../handlers/node/src';
import { schemaErrors } from '../../support/error-body-schema';

function event(path: string, extra: { [key: string]: unknown } = {}) {
  return { ...proxyEvent(), path, ...extra };
}

describe('the examples\' handlers answer every error in the contract', () => {
  const write = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
  afterAll(() => write.mockRestore());

  test.each<[string, number, string]>([
    ['/throw', 500, 'FUNCTION_ERROR'],
    ['/malformed', 500, 'FUNCTION_ERROR'],
    ['/orders/2', 404, 'NOT_FOUND'],
    ['/teapot', 418, 'TEAPOT'],
  ])('examples/handler %s: %s %s', async (path, status, type) => {
    const response = await exampleHandler(event(path), lambdaContext());
    expect(response.statusCode).toBe(status);
    expect(schemaErrors(response.body)).toEqual([]);
    expect(JSON.parse(response.body!).type).toBe(type);
  });

  test('examples/handler /timeout: the helper\'s 504 before the integration timeout', async () => {
    process.env[INTEGRATION_TIMEOUT_ENV] = '520';
    try {
      const response = await exampleHandler(event('/timeout'), lambdaContext());
      expect([response.statusCode, JSON.parse(response.body!).type]).toEqual([504, 'FUNCTION_TIMEOUT']);
    } finally {
      delete process.env[INTEGRATION_TIMEOUT_ENV];
    }
  });

  test('examples/handler answers the rest', async () => {
    expect((await exampleHandler(event('/ok'), lambdaContext())).statusCode).toBe(200);
    expect((await exampleHandler(event('/orders/1'), lambdaContext())).statusCode).toBe(200);
  });

  test.each<[{ [key: string]: unknown }, number]>([
    [{ httpMethod: 'GET', pathParameters: { id: '9' } }, 404],
    [{ httpMethod: 'POST', body: '{not json' }, 400],
  ])('examples/openapi/handler %j: %s in the contract', async (extra, status) => {
    const response = await ordersHandler(event('/orders', extra), lambdaContext());
    expect(response.statusCode).toBe(status);
    expect(schemaErrors(response.body)).toEqual([]);
  });

  test('examples/openapi/handler answers the orders', async () => {
    expect((await ordersHandler(event('/orders', { httpMethod: 'GET', pathParameters: { id: '1' } }), lambdaContext())).statusCode).toBe(200);
    expect((await ordersHandler(event('/orders', { httpMethod: 'GET' }), lambdaContext())).statusCode).toBe(200);
    expect((await ordersHandler(event('/orders', { httpMethod: 'POST', body: '{"item":"pen"}' }), lambdaContext())).statusCode).toBe(201);
  });
});
