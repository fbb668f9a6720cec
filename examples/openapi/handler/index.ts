// One handler for every order operation: API Gateway's proxy event says which one was called. The handler
// helper answers its errors (a missing order, a body that is not JSON) in the same shape as the gateway's.
import { ContractError, ProxyEvent, withContract } from '../../../handlers/node/src';

const ORDERS = [{ id: '1', item: 'book' }, { id: '2', item: 'lamp' }];

function json(statusCode: number, body: unknown) {
  return { statusCode, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
}

function parseBody(event: ProxyEvent): { [key: string]: unknown } {
  try {
    return JSON.parse(String(event.body ?? '{}'));
  } catch {
    throw new ContractError(400, 'The body is not JSON');
  }
}

export const handler = withContract(async (event) => {
  if (event.httpMethod === 'POST') {
    return json(201, { ...parseBody(event), id: String(ORDERS.length + 1) });
  }
  const id = event.pathParameters?.id;
  if (id === undefined) {
    return json(200, ORDERS);
  }
  const order = ORDERS.find((o) => o.id === id);
  if (!order) {
    throw new ContractError(404, `No order ${id}`);
  }
  return json(200, order);
});
