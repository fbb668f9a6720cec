import * as fs from 'fs';
import * as path from 'path';
import * as powertoolsHttp from '@aws-lambda-powertools/event-handler/http';
import { lambdaContext, proxyEvent } from './support';
import * as helper from '../../../handlers/node/src';
import { README_PATH } from '../../../scripts/readme';
import { schemaErrors } from '../../support/error-body-schema';

/** The README's section on the handler helpers. */
const section = (() => {
  const readme = fs.readFileSync(README_PATH, 'utf8');
  const start = readme.indexOf('## The function\'s side of the contract: handler helpers');
  return readme.slice(start, readme.indexOf('\n## ', start + 1));
})();

const jsBlocks = [...section.matchAll(/```js\n([\s\S]*?)```/g)].map((m) => m[1]);

/**
 * Middy's request lifecycle as its documentation describes it (before, handler, after; onError on a throw), for
 * the README's Middy block: @middy/core is ESM-only since v5, which this CommonJS jest run cannot load.
 */
function middySimulation(base: (event: any, context: any) => Promise<unknown>) {
  const middlewares: any[] = [];
  const handler: any = async (incoming: any, context: any) => {
    const request: any = { event: incoming, context, response: undefined, error: undefined };
    try {
      request.response = await base(incoming, context);
      for (const m of [...middlewares].reverse()) await m.after?.(request);
    } catch (error) {
      request.error = error;
      for (const m of [...middlewares].reverse()) await m.onError?.(request);
    }
    return request.response;
  };
  handler.use = (middleware: any) => {
    middlewares.push(middleware);
    return handler;
  };
  return handler;
}

/** Runs a README block as a CommonJS module, the helper's package name resolving to its source. */
function load(code: string, globals: { [name: string]: unknown } = {}): any {
  const modules: { [name: string]: unknown } = {
    'resilient-lambda-rest-api-handler': helper,
    '@middy/core': middySimulation,
    '@aws-lambda-powertools/event-handler/http': powertoolsHttp,
  };
  const module = { exports: {} as any };
  const names = Object.keys(globals);
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  new Function('require', 'module', 'exports', ...names, code)((name: string) => modules[name], module, module.exports, ...names.map((n) => globals[n]));
  return module.exports;
}

function event(pathParameters: { [name: string]: string } | null, requestPath = '/orders/1') {
  return {
    ...proxyEvent(),
    httpMethod: 'GET',
    path: requestPath,
    resource: requestPath,
    pathParameters,
    multiValueHeaders: {},
    queryStringParameters: null,
    multiValueQueryStringParameters: null,
    stageVariables: null,
    body: null,
    isBase64Encoded: false,
  };
}

describe('the README\'s Node.js handler examples run', () => {
  const write = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
  afterAll(() => write.mockRestore());

  test('there are three', () => {
    expect(jsBlocks).toHaveLength(3);
    expect(path.basename(README_PATH)).toBe('README.md');
  });

  test('the plain handler: 400, 404, 200', async () => {
    const findOrder = async (id: string) => (id === '1' ? { id } : undefined);
    const { handler } = load(jsBlocks[0], { findOrder });
    const cases: Array<[{ [name: string]: string } | null, number]> = [[{ id: 'x' }, 400], [{ id: '2' }, 404], [{ id: '1' }, 200]];
    for (const [params, status] of cases) {
      const response = await handler(event(params), lambdaContext());
      expect(response.statusCode).toBe(status);
      if (status >= 400) expect(schemaErrors(response.body)).toEqual([]);
    }
  });

  test('the Middy handler', async () => {
    const { handler } = load(jsBlocks[1]);
    expect((await handler(event(null), lambdaContext())).statusCode).toBe(200);
  });

  test('the Powertools router: a 404 of the route, a 404 of no route', async () => {
    const { handler } = load(jsBlocks[2]);
    for (const requestPath of ['/orders/7', '/nowhere']) {
      const response = await handler(event(null, requestPath), lambdaContext());
      expect(response.statusCode).toBe(404);
      expect(schemaErrors(response.body)).toEqual([]);
    }
  });
});
