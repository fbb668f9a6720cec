import { Router } from '@aws-lambda-powertools/event-handler/http';
import { EXTENDED_ID, lines } from './support';
import { answerError, errorResponse, INTEGRATION_TIMEOUT_ENV, LambdaContext, ProxyEvent, withContract } from '../../../handlers/node/src';
import { schemaErrors } from '../../support/error-body-schema';

// The README's Powertools pairing: the router routes, the helper speaks the contract.
function powertoolsHandler(write: (line: string) => void, env: { [name: string]: string }) {
  const app = new Router();
  app.get('/orders/:id', async ({ params, event }) => errorResponse(404, `No order ${params.id}`, { event: event as ProxyEvent, env }) as any);
  app.get('/boom', async () => {
    throw new Error('db down');
  });
  app.get('/slow', async ({ req }) => new Promise((resolve) => req.signal.addEventListener('abort', () => resolve({ statusCode: 200, body: '' } as any))));
  app.errorHandler(Error, async (error, { event, context }) =>
    answerError(error, event as ProxyEvent, context as LambdaContext, { write, env }) as any);
  app.notFound(async (_error, { event }) => errorResponse(404, 'No such route', { event: event as ProxyEvent, env }) as any);
  return withContract((event, context, signal) => app.resolve(event as any, context as any, { signal } as any), { write, env });
}

function restEvent(path: string): ProxyEvent {
  return {
    httpMethod: 'GET',
    path,
    resource: path,
    headers: {},
    multiValueHeaders: {},
    queryStringParameters: null,
    multiValueQueryStringParameters: null,
    pathParameters: null,
    stageVariables: null,
    isBase64Encoded: false,
    body: null,
    requestContext: { extendedRequestId: EXTENDED_ID, requestId: 'api-1', httpMethod: 'GET', path, stage: 'prod' },
  };
}

const context = { awsRequestId: 'lambda-1', functionName: 'orders-fn', getRemainingTimeInMillis: () => 10_000 };

describe('with a Powertools REST router', () => {
  test.each<[string, number, string]>([
    ['/orders/42', 404, 'NOT_FOUND'],
    ['/nowhere', 404, 'NOT_FOUND'],
    ['/boom', 500, 'FUNCTION_ERROR'],
  ])('%s answers %s %s in the contract\'s shape', async (path, status, type) => {
    const log = lines();
    const response = await powertoolsHandler(log.write, {})(restEvent(path), context);
    expect(response.statusCode).toBe(status);
    expect(schemaErrors(response.body)).toEqual([]);
    expect(JSON.parse(response.body!)).toMatchObject({ type, status, requestId: EXTENDED_ID });
    expect(Object.keys(response.headers!).map((h) => h.toLowerCase())).toContain('cache-control');
    expect(log.logged.map((l) => l.cause)).toEqual(type === 'FUNCTION_ERROR' ? ['FUNCTION_ERROR'] : []);
  });

  test('the deadline answers 504 around the router too', async () => {
    const log = lines();
    const response = await powertoolsHandler(log.write, { [INTEGRATION_TIMEOUT_ENV]: '60' })(restEvent('/slow'), { ...context, getRemainingTimeInMillis: () => 10_000 });
    expect(response.statusCode).toBe(504);
    expect(log.logged.map((l) => l.cause)).toEqual(['DEADLINE']);
  });
});
