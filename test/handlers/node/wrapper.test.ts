import { EXTENDED_ID, lambdaContext, lines, proxyEvent } from './support';
import {
  ContractError, contractMiddleware, DeadlineError, deadlineBudgetMs, errorResponse, INTEGRATION_TIMEOUT_ENV, integrationTimeoutMs, MiddyRequest,
  withContract,
} from '../../../handlers/node/src';
import { schemaErrors } from '../../support/error-body-schema';

const env = { AWS_LAMBDA_FUNCTION_NAME: 'orders-fn', _X_AMZN_TRACE_ID: 'Root=1-abc' };

describe('withContract', () => {
  test('passes a well-formed response through, logging nothing', async () => {
    const log = lines();
    const handler = withContract(async () => ({ statusCode: 200, body: 'ok' }), { write: log.write, env });
    await expect(handler(proxyEvent(), lambdaContext())).resolves.toEqual({ statusCode: 200, body: 'ok' });
    expect(log.logged).toEqual([]);
  });

  test('passes a contract error of the handler\'s own through', async () => {
    const handler = withContract((event) => errorResponse(404, 'No order 42', { event, env }), { env });
    const response = await handler(proxyEvent(), lambdaContext());
    expect(response.statusCode).toBe(404);
    expect(schemaErrors(response.body)).toEqual([]);
  });

  test.each<[string, () => unknown]>([
    ['an Error', () => {
      throw new Error('db down');
    }],
    ['a rejected promise', async () => Promise.reject(new TypeError('db down'))],
    ['a thrown string', () => {
      throw 'db down';
    }],
  ])('turns %s into the contract\'s 500 and one structured line with the request ids', async (_, body) => {
    const log = lines();
    const response = await withContract(body, { write: log.write, env })(proxyEvent(), lambdaContext());
    expect(response.statusCode).toBe(500);
    expect(JSON.parse(response.body!)).toEqual({ message: 'Internal server error', type: 'FUNCTION_ERROR', status: 500, retryable: false, requestId: EXTENDED_ID });
    expect(schemaErrors(response.body)).toEqual([]);
    expect(response.headers!['Cache-Control']).toBe('no-store');
    expect(log.logged).toHaveLength(1);
    expect(log.logged[0]).toMatchObject({
      level: 'ERROR',
      cause: 'FUNCTION_ERROR',
      status: 500,
      requestId: EXTENDED_ID,
      apiRequestId: 'c6af9ac6-7b61-11e6-9a41-93e8deadbeef',
      lambdaRequestId: 'lambda-1',
      xrayTraceId: 'Root=1-abc',
      errorMessage: 'db down',
    });
    expect(log.logged[0].message).toContain('db down');
    // What the client gets holds nothing of the error.
    expect(response.body).not.toContain('db down');
  });

  test.each<[unknown, string]>([
    [{ statusCode: '2OO', body: '' }, 'statusCode'],
    [{ statusCode: 200, headers: { 'X-Count': 3 }, body: '' }, 'headers.X-Count'],
    [{ statusCode: 200, body: { ok: true } }, 'body'],
    ['ok', 'response'],
  ])('turns the malformed %j into the contract\'s 500 whose log line names %s', async (result, field) => {
    const log = lines();
    const response = await withContract(() => result, { write: log.write, env })(proxyEvent(), lambdaContext());
    expect(response.statusCode).toBe(500);
    expect(schemaErrors(response.body)).toEqual([]);
    expect(log.logged).toEqual([expect.objectContaining({ cause: 'MALFORMED_RESPONSE', field, requestId: EXTENDED_ID })]);
    expect(log.logged[0].message).toContain(field);
  });
});

describe('the deadline', () => {
  test('answers the contract\'s 504 before the integration timeout, aborts the handler\'s signal and logs that it did', async () => {
    const log = lines();
    let aborted: unknown;
    const handler = withContract((_event, _context, signal) => new Promise((resolve) => {
      signal.addEventListener('abort', () => {
        aborted = signal.reason;
        resolve({ statusCode: 200, body: 'too late' });
      });
    }), { write: log.write, env: { ...env, [INTEGRATION_TIMEOUT_ENV]: '120' }, marginMs: 100 });
    const response = await handler(proxyEvent(), lambdaContext(60_000));
    expect(response.statusCode).toBe(504);
    expect(JSON.parse(response.body!)).toEqual({ message: 'The function timed out', type: 'FUNCTION_TIMEOUT', status: 504, retryable: true, requestId: EXTENDED_ID });
    expect(schemaErrors(response.body)).toEqual([]);
    expect(aborted).toBeInstanceOf(DeadlineError);
    expect(log.logged).toEqual([expect.objectContaining({ cause: 'DEADLINE', status: 504, requestId: EXTENDED_ID })]);
    expect(log.logged[0].message).toContain('20 ms');
  });

  test('without the construct\'s variable, the function\'s own remaining time sets it', async () => {
    const log = lines();
    const handler = withContract(() => new Promise(() => undefined), { write: log.write, env, marginMs: 500 });
    expect((await handler(proxyEvent(), lambdaContext(510))).statusCode).toBe(504);
  });

  test.each<[string | undefined, number | undefined, number, number | undefined]>([
    ['29000', 900_000, 500, 28_500],
    ['29000', 10_000, 500, 9_500],
    [undefined, 3_000, 500, 2_500],
    ['nonsense', 3_000, 500, 2_500],
    ['-5', undefined, 500, undefined],
    ['100', undefined, 500, 0],
  ])('integration timeout %s, remaining %s, margin %s: %s ms', (timeout, remaining, margin, expected) => {
    const context = remaining === undefined ? {} : lambdaContext(remaining);
    expect(deadlineBudgetMs(context, margin, { [INTEGRATION_TIMEOUT_ENV]: timeout })).toBe(expected);
  });

  test('reads the variable from process.env by default', () => {
    process.env[INTEGRATION_TIMEOUT_ENV] = '7000';
    try {
      expect(integrationTimeoutMs()).toBe(7000);
    } finally {
      delete process.env[INTEGRATION_TIMEOUT_ENV];
    }
  });
});

describe('contractMiddleware, as Middy calls it', () => {
  const request = (response?: unknown, error?: unknown): MiddyRequest => ({ event: proxyEvent(), context: lambdaContext(), response, error });

  test('after: a malformed response becomes the contract\'s 500 naming the field; a good one stays', async () => {
    const log = lines();
    const middleware = contractMiddleware({ write: log.write, env });
    const bad = request({ statusCode: 200, body: { ok: true } });
    await middleware.after(bad);
    expect((bad.response as any).statusCode).toBe(500);
    expect(log.logged[0]).toMatchObject({ cause: 'MALFORMED_RESPONSE', field: 'body' });
    const good = request({ statusCode: 200, body: 'ok' });
    await middleware.after(good);
    expect(good.response).toEqual({ statusCode: 200, body: 'ok' });
  });

  test('onError: the error becomes the contract\'s 500 (Middy returns request.response)', async () => {
    const log = lines();
    const failed = request(undefined, new Error('boom'));
    await contractMiddleware({ write: log.write, env }).onError(failed);
    expect(schemaErrors((failed.response as any).body)).toEqual([]);
    expect(log.logged[0]).toMatchObject({ cause: 'FUNCTION_ERROR', errorMessage: 'boom' });
  });
});

describe('ContractError', () => {
  test('thrown anywhere, it is its own response: neither logged nor counted', async () => {
    const log = lines();
    const response = await withContract(() => {
      throw new ContractError(409, 'The order changed', { type: 'ORDER_CHANGED' });
    }, { write: log.write, env })(proxyEvent(), lambdaContext());
    expect(response.statusCode).toBe(409);
    expect(JSON.parse(response.body!)).toMatchObject({ type: 'ORDER_CHANGED', requestId: EXTENDED_ID });
    expect(schemaErrors(response.body)).toEqual([]);
    expect(log.logged).toEqual([]);
  });

  test('checks its status where it is thrown', () => {
    expect(() => new ContractError(200, 'fine')).toThrow(/status must be an integer from 400 to 599/);
  });
});
