import * as cdk from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { bindIntegrations, lambdaIntegrationUri } from '../../src/openapi/spec-binding';
import { newHandler, newStack } from '../util';

const stack = newStack();
const orders = newHandler(stack, 'Orders');
const users = newHandler(stack, 'Users');
const uriOf = (fn: lambda.IFunction) => `uri-of-${fn.node.id}`;

function document(paths: Record<string, any>): Record<string, any> {
  return { openapi: '3.0.1', paths };
}

const bind = (doc: Record<string, any>, integrations: Record<string, lambda.IFunction>, defaultHandler?: lambda.IFunction) =>
  bindIntegrations(doc, { integrations, defaultHandler }, 29_000, uriOf);

describe('bindIntegrations', () => {
  test('writes a Lambda proxy integration with the timeout in force into every bound operation', () => {
    const doc = document({
      '/orders': { get: { operationId: 'listOrders' }, post: { operationId: 'createOrder' } },
      '/users': { get: { operationId: 'listUsers' } },
    });
    const result = bindIntegrations(doc, { integrations: { listOrders: orders, createOrder: orders, listUsers: users } }, 10_000, uriOf);
    expect(result.errors).toEqual([]);
    expect(doc.paths['/orders'].post['x-amazon-apigateway-integration']).toEqual({
      type: 'aws_proxy', httpMethod: 'POST', uri: 'uri-of-Orders', timeoutInMillis: 10_000,
    });
    expect(doc.paths['/users'].get['x-amazon-apigateway-integration'].uri).toBe('uri-of-Users');
    expect([...result.functions.entries()]).toEqual([[orders, 2], [users, 1]]);
    expect(result.boundOperations).toBe(3);
  });

  test('binds by route, the path exactly as the document writes it, ANY for the catch-all method', () => {
    const doc = document({
      '/pets/{petId}': { get: {}, delete: {} },
      '/{proxy+}': { 'x-amazon-apigateway-any-method': {} },
    });
    const result = bind(doc, { 'GET /pets/{petId}': orders, 'DELETE /pets/{petId}': users, 'ANY /{proxy+}': users });
    expect(result.errors).toEqual([]);
    expect(doc.paths['/pets/{petId}'].get['x-amazon-apigateway-integration'].uri).toBe('uri-of-Orders');
    expect(doc.paths['/pets/{petId}'].delete['x-amazon-apigateway-integration'].uri).toBe('uri-of-Users');
    expect(doc.paths['/{proxy+}']['x-amazon-apigateway-any-method']['x-amazon-apigateway-integration'].uri).toBe('uri-of-Users');
  });

  test('defaultHandler binds every operation with neither a key nor an integration of its own', () => {
    const ownIntegration = { type: 'mock' };
    const doc = document({
      '/a': { get: { operationId: 'a' }, post: {} },
      '/b': { get: { 'x-amazon-apigateway-integration': ownIntegration } },
    });
    const result = bind(doc, { a: users }, orders);
    expect(result.errors).toEqual([]);
    expect(doc.paths['/a'].get['x-amazon-apigateway-integration'].uri).toBe('uri-of-Users');
    expect(doc.paths['/a'].post['x-amazon-apigateway-integration'].uri).toBe('uri-of-Orders');
    expect(doc.paths['/b'].get['x-amazon-apigateway-integration']).toBe(ownIntegration);
    expect([...result.functions.entries()]).toEqual([[users, 1], [orders, 1]]);
    expect(result.ownIntegrations).toHaveLength(1);
  });

  test('keeps an operation\'s own integration and reports it for the checks', () => {
    const own = { type: 'http_proxy', httpMethod: 'GET', uri: 'https://example.com', timeoutInMillis: 5000 };
    const doc = document({ '/proxy': { get: { 'operationId': 'proxy', 'x-amazon-apigateway-integration': own } } });
    const result = bind(doc, {});
    expect(result.errors).toEqual([]);
    expect(doc.paths['/proxy'].get['x-amazon-apigateway-integration']).toBe(own);
    expect(result.ownIntegrations).toEqual([{
      location: "paths['/proxy'].get['x-amazon-apigateway-integration']", timeoutMs: 5000, lambda: false, service: 'http', uri: 'https://example.com',
    }]);
  });

  test('names the operations without an integration, the unknown keys with the nearest ones, duplicate ids and double bindings', () => {
    const doc = document({
      '/a': { get: { operationId: 'a' }, post: {} },
      '/b': { get: { operationId: 'a' } },
      '/c': { get: { 'operationId': 'c', 'x-amazon-apigateway-integration': { type: 'mock' } } },
      '/d': { get: { operationId: 'getD' } },
    });
    const result = bind(doc, { 'b': orders, 'c': orders, 'getD': orders, 'GET /d': users, 'get /a': orders, 'listOrderz': orders });
    expect(result.errors).toEqual([
      "operation ids must be unique; given to several operations: 'a' (paths['/a'].get and paths['/b'].get)",
      "GET /c (operationId 'c') has an x-amazon-apigateway-integration of its own and integrations['c']; keep one",
      "GET /d (operationId 'getD') is bound twice, by integrations['getD'] and integrations['GET /d']; keep one",
      "3 operations have no integration: GET /a (operationId 'a'), POST /a, GET /b (operationId 'a'). " +
        "Add each to integrations by operationId or 'METHOD /path', give it an x-amazon-apigateway-integration, or set defaultHandler",
      "integrations has 3 keys matching no operationId and no 'METHOD /path' of the document: 'b' (did you mean 'a'?), 'get /a' (did you mean 'GET /a'?), " +
        "'listOrderz' (nearest: 'POST /a', 'getD', 'GET /d'). Keys are an operationId or the method in upper case and the path exactly as the document writes it " +
        "('GET /pets/{petId}', 'ANY /{proxy+}')",
    ]);
  });

  test('an empty integrations on a large document gives a short error: 10 operations and "and N more"', () => {
    const paths = Object.fromEntries(Array.from({ length: 174 }, (_, i) => [`/r${i}`, { get: { operationId: `getR${i}` } }]));
    const result = bind(document(paths), {});
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatch(/^174 operations have no integration: GET \/r0 \(operationId 'getR0'\), .*GET \/r9 \(operationId 'getR9'\) and 164 more\. /);
    expect(result.errors[0].length).toBeLessThan(600);
  });

  test('does not take an inherited property for a binding', () => {
    const doc = document({ '/a': { get: { operationId: 'toString' } } });
    expect(bind(doc, {}).errors).toEqual([expect.stringMatching(/GET \/a \(operationId 'toString'\)\. Add each/)]);
  });
});

describe('lambdaIntegrationUri', () => {
  const uriPrefix = 'arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/';

  test('names a function of the same stack by its logical id, in one string', () => {
    const s = newStack();
    const fn = newHandler(s, 'Fn');
    expect(s.resolve(lambdaIntegrationUri(fn, s))).toEqual({ 'Fn::Sub': `${uriPrefix}\${${s.getLogicalId(fn.node.defaultChild as cdk.CfnElement)}.Arn}/invocations` });
  });

  test('puts a literal ARN in the string', () => {
    const s = newStack();
    const fn = lambda.Function.fromFunctionArn(s, 'Imported', 'arn:aws:lambda:eu-west-1:123456789012:function:f');
    expect(s.resolve(lambdaIntegrationUri(fn, s))).toEqual({ 'Fn::Sub': `${uriPrefix}arn:aws:lambda:eu-west-1:123456789012:function:f/invocations` });
  });

  test('keeps a function of another stack as a reference', () => {
    const s = newStack();
    const other = new cdk.Stack(s.node.scope as cdk.App, 'Other', { env: { account: '123456789012', region: 'eu-west-1' } });
    const fn = newHandler(other, 'Fn');
    const resolved = s.resolve(lambdaIntegrationUri(fn, s));
    expect(resolved['Fn::Sub'][0]).toBe(`${uriPrefix}\${Arn}/invocations`);
    expect(Object.keys(resolved['Fn::Sub'][1])).toEqual(['Arn']);
  });
});
