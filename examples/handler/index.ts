// The example's handler, on the handler helper: every failure it has on purpose reaches the client in the
// contract's shape from the function itself (the helper is bundled by NodejsFunction's esbuild; in your
// own app import it as 'resilient-lambda-rest-api-handler').
import { ContractError, errorResponse, ProxyEvent, withContract } from '../../handlers/node/src';

const ORDERS: { [id: string]: { id: string; item: string } } = { 1: { id: '1', item: 'book' } };

async function route(event: ProxyEvent, signal: AbortSignal): Promise<unknown> {
  const path = String(event.path);
  if (path === '/timeout') {
    // Runs past the 3 s integration timeout: the helper answers 504 FUNCTION_TIMEOUT at 2.5 s and aborts `signal`.
    await new Promise((resolve) => signal.addEventListener('abort', resolve));
    return { statusCode: 200, body: 'too late' };
  }
  if (path === '/throw') {
    // An unhandled error: the helper answers 500 FUNCTION_ERROR and logs the error with the request ids.
    throw new Error('something broke in the handler');
  }
  if (path === '/malformed') {
    // Not a proxy response (the body is an object): 500 FUNCTION_ERROR, and the log line names `body`.
    return { statusCode: 200, body: { ok: true } };
  }
  const order = /^\/orders\/([^/]+)$/.exec(path);
  if (order) {
    if (!ORDERS[order[1]]) {
      throw new ContractError(404, `No order ${order[1]}`);
    }
    return { statusCode: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(ORDERS[order[1]]) };
  }
  if (path === '/teapot') {
    return errorResponse(418, 'I am a teapot', { event, type: 'TEAPOT' });
  }
  return { statusCode: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ok: true, path }) };
}

export const handler = withContract((event, _context, signal) => route(event, signal));
