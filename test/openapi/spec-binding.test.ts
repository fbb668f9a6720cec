import * as cdk from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { substituteHostile } from '../../src/checks';
import { ERROR_RESPONSE_DEFAULTS, JSON_CONTENT_TYPE, renderErrorResponses } from '../../src/contract/error-responses';
import {
  bindIntegrations,
  documentGatewayResponses,
  lambdaIntegrationUri,
  readOwnIntegration,
  renderGatewayResponsesExtension,
} from '../../src/openapi/spec-binding';
import { newHandler, newStack } from '../util';

const stack = newStack();
const orders = newHandler(stack, 'Orders');
const users = newHandler(stack, 'Users');
const uriOf = (fn: lambda.IFunction) => `uri-of-${fn.node.id}`;

function document(paths: Record<string, any>): Record<string, any> {
  return { openapi: '3.0.1', paths };
}

describe('bindIntegrations', () => {
  test('writes a Lambda proxy integration with the timeout in force into every bound operation', () => {
    const doc = document({
      '/orders': { get: { operationId: 'listOrders' }, post: { operationId: 'createOrder' } },
      '/users': { get: { operationId: 'listUsers' } },
    });
    const result = bindIntegrations(doc, { listOrders: orders, createOrder: orders, listUsers: users }, 10_000, uriOf);
    expect(result.errors).toEqual([]);
    expect(doc.paths['/orders'].post['x-amazon-apigateway-integration']).toEqual({
      type: 'aws_proxy', httpMethod: 'POST', uri: 'uri-of-Orders', timeoutInMillis: 10_000,
    });
    expect(doc.paths['/users'].get['x-amazon-apigateway-integration'].uri).toBe('uri-of-Users');
    expect([...result.functions.entries()]).toEqual([[orders, 2], [users, 1]]);
    expect(result.boundOperations).toBe(3);
  });

  test('keeps an operation\'s own integration and reports it for the checks', () => {
    const own = { type: 'http_proxy', httpMethod: 'GET', uri: 'https://example.com', timeoutInMillis: 5000 };
    const doc = document({ '/proxy': { get: { 'operationId': 'proxy', 'x-amazon-apigateway-integration': own } } });
    const result = bindIntegrations(doc, {}, 29_000, uriOf);
    expect(result.errors).toEqual([]);
    expect(doc.paths['/proxy'].get['x-amazon-apigateway-integration']).toBe(own);
    expect(result.ownIntegrations).toEqual([{
      location: "paths['/proxy'].get['x-amazon-apigateway-integration']", timeoutMs: 5000, lambda: false, functionArn: undefined,
    }]);
  });

  test('names every operation without an integration, every unknown key and every duplicate id', () => {
    const doc = document({
      '/a': { get: { operationId: 'a' }, post: {} },
      '/b': { get: { operationId: 'a' } },
      '/c': { get: { 'operationId': 'c', 'x-amazon-apigateway-integration': { type: 'mock' } } },
    });
    const result = bindIntegrations(doc, { b: orders, c: orders }, 29_000, uriOf);
    expect(result.errors).toEqual([
      "paths['/a'].get (operationId 'a') has no integration: add 'a' to integrations or give the operation an x-amazon-apigateway-integration",
      "paths['/a'].post has no operationId and no x-amazon-apigateway-integration: give it an operationId and add it to integrations",
      "operationId 'a' is given twice (paths['/a'].get and paths['/b'].get); operation ids must be unique",
      "paths['/b'].get (operationId 'a') has no integration: add 'a' to integrations or give the operation an x-amazon-apigateway-integration",
      "paths['/c'].get (operationId 'c') has an x-amazon-apigateway-integration of its own and an entry in integrations; keep one",
      "integrations['b'] is no operationId of the document (its operation ids: a, c)",
    ]);
  });

  test('does not take an inherited property for a binding', () => {
    const doc = document({ '/a': { get: { operationId: 'toString' } } });
    expect(bindIntegrations(doc, {}, 29_000, uriOf).errors).toEqual([expect.stringMatching(/operationId 'toString'\) has no integration/)]);
  });
});

describe('readOwnIntegration', () => {
  const op = { path: '/a', method: 'get', operation: {} };
  test.each([
    [{ type: 'aws_proxy', uri: 'arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/arn:aws:lambda:eu-west-1:123456789012:function:f/invocations' },
      { lambda: true, functionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:f', timeoutMs: 29_000 }],
    [{ type: 'AWS', uri: 'arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/arn:aws:lambda:eu-west-1:1:function:${stageVariables.fn}/invocations', timeoutInMillis: 900 },
      { lambda: true, functionArn: undefined, timeoutMs: 900 }],
    [{ type: 'aws_proxy', uri: { 'Fn::GetAtt': ['F', 'Arn'] } }, { lambda: true, functionArn: undefined }],
    [{ type: 'aws', uri: 'arn:aws:apigateway:eu-west-1:sqs:path/1/q' }, { lambda: false, functionArn: undefined }],
    [{ type: 'mock' }, { lambda: false }],
  ])('reads %j', (integration, expected) => {
    expect(readOwnIntegration(op, integration)).toMatchObject(expected);
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

describe('documentGatewayResponses', () => {
  test('reads the document\'s gateway responses as overrides', () => {
    const result = documentGatewayResponses({
      'x-amazon-apigateway-gateway-responses': {
        UNAUTHORIZED: {
          statusCode: 401,
          responseParameters: { 'gatewayresponse.header.WWW-Authenticate': "'Bearer'" },
          responseTemplates: { 'application/json': '{"message":$context.error.messageString}' },
        },
        THROTTLED: {},
      },
    });
    expect(result.errors).toEqual([]);
    expect(result.overrides.map((o) => ({ ...o, type: o.type.responseType }))).toEqual([
      {
        type: 'UNAUTHORIZED',
        statusCode: '401',
        responseHeaders: { 'WWW-Authenticate': "'Bearer'" },
        templates: { 'application/json': '{"message":$context.error.messageString}' },
      },
      { type: 'THROTTLED', statusCode: undefined, responseHeaders: undefined, templates: undefined },
    ]);
  });

  test('checks them like errorResponses, naming them by their place in the document', () => {
    const result = documentGatewayResponses({
      'x-amazon-apigateway-gateway-responses': {
        INTEGRATION_TIMEOUT: {
          statusCode: '99',
          responseParameters: { 'gatewayresponse.header.X-A': 'unquoted', 'gatewayresponse.path.p': "'x'" },
          responseTemplates: { 'application/json': '{"message":"$context.error.messageString"}' },
        },
        DEFAULT_5XX: { statusCode: '503' },
      },
    });
    expect(result.errors).toEqual([
      "x-amazon-apigateway-gateway-responses.INTEGRATION_TIMEOUT.responseParameters has 'gatewayresponse.path.p': gateway responses only map headers (gatewayresponse.header.NAME)",
      expect.stringMatching(/^x-amazon-apigateway-gateway-responses\.INTEGRATION_TIMEOUT\.statusCode must be an HTTP status code/),
      expect.stringMatching(/^x-amazon-apigateway-gateway-responses\.INTEGRATION_TIMEOUT\.responseHeaders\['X-A'\] is not a legal mapping expression/),
      expect.stringMatching(/^x-amazon-apigateway-gateway-responses\.INTEGRATION_TIMEOUT\.templates\['application\/json'\] is not valid JSON/),
    ]);
    expect(result.warnings.map((w) => w.id)).toEqual(['fallbackStatusCode']);
  });

  test('refuses gateway responses that are no object', () => {
    expect(documentGatewayResponses({ 'x-amazon-apigateway-gateway-responses': [] }).errors).toEqual([
      'x-amazon-apigateway-gateway-responses must be an object of gateway responses by type',
    ]);
  });
});

describe('renderGatewayResponsesExtension', () => {
  const HOSTILE_MESSAGES = ['quote " backslash \\', 'line\nbreak', '$context.requestId', '#if($x)', '\u2028', '</script>'];

  test('renders every response type of the contract, as API Gateway imports them', () => {
    const extension = renderGatewayResponsesExtension(renderErrorResponses({ throttledRetryAfterSeconds: 1, commonHeaders: { 'Access-Control-Allow-Origin': "'*'" } }));
    expect(Object.keys(extension)).toEqual(ERROR_RESPONSE_DEFAULTS.map((d) => d.responseType));
    expect(extension.THROTTLED).toEqual({
      statusCode: '429',
      responseParameters: {
        'gatewayresponse.header.Cache-Control': "'no-store'",
        'gatewayresponse.header.Access-Control-Allow-Origin': "'*'",
        'gatewayresponse.header.Retry-After': "'1'",
      },
      responseTemplates: { [JSON_CONTENT_TYPE]: expect.any(String) },
    });
    expect(extension.DEFAULT_4XX.statusCode).toBeUndefined();
  });

  test.each(HOSTILE_MESSAGES)('every response stays valid JSON with hostile values, fixed messages included: %j', (message) => {
    const overrides = ERROR_RESPONSE_DEFAULTS.map((d) => ({ type: { responseType: d.responseType } as any, message }));
    for (const rendered of [renderErrorResponses(), renderErrorResponses({ overrides })]) {
      const extension = renderGatewayResponsesExtension(rendered);
      for (const [type, response] of Object.entries<any>(extension)) {
        const body = JSON.parse(substituteHostile(response.responseTemplates[JSON_CONTENT_TYPE], message));
        expect(body).toMatchObject({ requestId: 'a1b2-c3d4' });
        if (!['DEFAULT_4XX', 'DEFAULT_5XX'].includes(type)) {
          expect(body.type).toBe(type);
        }
      }
    }
  });
});
