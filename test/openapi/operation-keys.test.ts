import { describeOperation, editDistance, isLikelyTypo, listForMessage, nearest, routeKey, unknownKeysError } from '../../src/openapi/operation-keys';

describe('routeKey', () => {
  test.each([
    [{ path: '/pets/{petId}', method: 'get', operation: {} }, 'GET /pets/{petId}'],
    [{ path: '/{proxy+}', method: 'x-amazon-apigateway-any-method', operation: {} }, 'ANY /{proxy+}'],
    [{ path: '/', method: 'options', operation: {} }, 'OPTIONS /'],
  ])('%j is %s', (op, key) => {
    expect(routeKey(op)).toBe(key);
  });

  test('describeOperation adds the operationId where there is one', () => {
    expect(describeOperation({ path: '/a', method: 'post', operation: { operationId: 'createA' } })).toBe("POST /a (operationId 'createA')");
    expect(describeOperation({ path: '/a', method: 'post', operation: {} })).toBe('POST /a');
  });
});

describe('listForMessage', () => {
  test.each([
    [[], ''],
    [['a', 'b'], 'a, b'],
    [Array.from({ length: 10 }, (_, i) => `x${i}`), 'x0, x1, x2, x3, x4, x5, x6, x7, x8, x9'],
    [Array.from({ length: 13 }, (_, i) => `x${i}`), 'x0, x1, x2, x3, x4, x5, x6, x7, x8, x9 and 3 more'],
  ])('%j', (items, text) => {
    expect(listForMessage(items)).toBe(text);
  });
});

describe('nearest and suggestions', () => {
  test.each([['', '', 0], ['abc', 'abc', 0], ['kitten', 'sitting', 3], ['', 'abc', 3], ['getOrder', 'getOrders', 1]])('editDistance(%j, %j) = %d', (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
  });

  test('nearest ignores case and keeps the document order on ties', () => {
    expect(nearest('get /pets', ['POST /pets', 'GET /pets', 'GET /users'])).toEqual(['GET /pets', 'POST /pets', 'GET /users']);
    expect(nearest('x', ['aa', 'bb', 'cc', 'dd'], 2)).toEqual(['aa', 'bb']);
  });

  test('a typo is close; an unrelated name is not', () => {
    expect(isLikelyTypo('listOrderz', 'listOrders')).toBe(true);
    expect(isLikelyTypo('GET /pets/{id}', 'GET /pets/{petId}')).toBe(true);
    expect(isLikelyTypo('deleteEverything', 'listOrders')).toBe(false);
  });

  test('unknownKeysError lists at most 10 keys and says how many more', () => {
    const keys = Array.from({ length: 12 }, (_, i) => `k${i}`);
    const message = unknownKeysError(keys, ['listOrders'])!;
    expect(message).toMatch(/^integrations has 12 keys matching/);
    expect(message).toContain("'k9' (nearest: 'listOrders') and 2 more.");
    expect(message).not.toContain("'k10'");
    expect(unknownKeysError([], ['a'])).toBeUndefined();
    expect(unknownKeysError(['a'], [])).toMatch(/^integrations has a key matching .*: 'a' \(the document has no operations\)\./);
  });
});
