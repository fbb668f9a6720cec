// Requests and contexts as API Gateway and Lambda pass them, for the Node helper's tests.
import { LambdaContext, ProxyEvent } from '../../../handlers/node/src';

export const EXTENDED_ID = 'Xq3KzGpUoAMEbXg=';

export function proxyEvent(headers: { [name: string]: string } = {}): ProxyEvent {
  return {
    httpMethod: 'GET',
    path: '/orders/42',
    headers,
    requestContext: { extendedRequestId: EXTENDED_ID, requestId: 'c6af9ac6-7b61-11e6-9a41-93e8deadbeef' },
  };
}

export function lambdaContext(remainingMs = 30_000): LambdaContext {
  return { awsRequestId: 'lambda-1', functionName: 'orders-fn', getRemainingTimeInMillis: () => remainingMs };
}

/** Collects the log lines a wrapper writes. */
export function lines(): { write: (line: string) => void; logged: any[] } {
  const logged: any[] = [];
  return { write: (line) => logged.push(JSON.parse(line)), logged };
}
