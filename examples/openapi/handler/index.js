// One handler for every order operation: API Gateway's proxy event says which one was called.
const ORDERS = [{ id: '1', item: 'book' }, { id: '2', item: 'lamp' }];

function json(statusCode, body) {
  return { statusCode, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
}

exports.handler = async (event) => {
  if (event.httpMethod === 'POST') {
    return json(201, { id: String(ORDERS.length + 1), ...JSON.parse(event.body || '{}') });
  }
  const id = event.pathParameters && event.pathParameters.id;
  if (id === undefined) {
    return json(200, ORDERS);
  }
  const order = ORDERS.find((o) => o.id === id);
  return order ? json(200, order) : json(404, { message: `no order ${id}`, type: 'NOT_FOUND', status: 404, retryable: false });
};
