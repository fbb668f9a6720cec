// What LambdaRestApi documents, checked on ResilientLambdaRestApi, next to LambdaRestApi itself where both apply.
import * as cdk from 'aws-cdk-lib';
import { IPropertyInjector, PropertyInjectors } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { ResilientLambdaRestApi, ResilientLambdaRestApiProps } from '../src';
import { newHandler, newStack, resourcesOf } from './util';

type Build = (stack: cdk.Stack, props: ResilientLambdaRestApiProps) => apigateway.LambdaRestApi;
const BOTH: Array<[string, Build]> = [
  ['LambdaRestApi', (stack, props) => new apigateway.LambdaRestApi(stack, 'Api', props)],
  ['ResilientLambdaRestApi', (stack, props) => new ResilientLambdaRestApi(stack, 'Api', props)],
];
const methodsOf = (template: Template) => Object.values(resourcesOf(template, 'AWS::ApiGateway::Method'));

describe.each(BOTH)('%s', (_name, build) => {
  test('proxies every path with ANY on the root and on a {proxy+} resource', () => {
    const stack = newStack();
    build(stack, { handler: newHandler(stack) });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::ApiGateway::Resource', { PathPart: '{proxy+}' });
    const methods = methodsOf(template);
    expect(methods.map((m) => m.HttpMethod)).toEqual(['ANY', 'ANY']);
    expect(methods.map((m) => m.Integration.Type)).toEqual(['AWS_PROXY', 'AWS_PROXY']);
  });

  test('refuses addResource, addMethod and addProxy on the root of a proxy API', () => {
    const stack = newStack();
    const api = build(stack, { handler: newHandler(stack) });
    expect(() => api.root.addResource('orders')).toThrow(/Cannot call 'addResource' on a proxying LambdaRestApi/);
    expect(() => api.root.addMethod('GET')).toThrow(/Cannot call 'addMethod' on a proxying LambdaRestApi/);
    expect(() => api.root.addProxy()).toThrow(/Cannot call 'addProxy' on a proxying LambdaRestApi/);
  });

  test.each([
    ['an alias', (fn: lambda.Function) => new lambda.Alias(fn, 'Live', { aliasName: 'live', version: fn.currentVersion })],
    ['a version', (fn: lambda.Function) => fn.currentVersion],
  ])('integrates and permits %s of the function, not the function', (_what, handlerOf) => {
    const stack = newStack();
    const handler = handlerOf(newHandler(stack));
    build(stack, { handler });
    const template = Template.fromStack(stack);
    const target = stack.resolve(handler.functionArn);
    for (const method of methodsOf(template)) {
      expect(JSON.stringify(method.Integration.Uri)).toContain(JSON.stringify(target));
    }
    const permissions = Object.values(resourcesOf(template, 'AWS::Lambda::Permission'));
    expect(permissions.length).toBeGreaterThan(0);
    for (const permission of permissions) {
      expect(permission.FunctionName).toEqual(target);
    }
  });

  test('proxy: false lets the app add resources and methods, still through AWS_PROXY with the handler', () => {
    const stack = newStack();
    const api = build(stack, { handler: newHandler(stack), proxy: false });
    const orders = api.root.addResource('orders');
    orders.addMethod('GET');
    orders.addResource('{id}').addMethod('DELETE');
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::ApiGateway::Resource', 2);
    expect(methodsOf(template).map((m) => [m.HttpMethod, m.Integration.Type])).toEqual([['GET', 'AWS_PROXY'], ['DELETE', 'AWS_PROXY']]);
  });

  test('refuses a defaultIntegration: the handler is the integration', () => {
    const stack = newStack();
    expect(() => build(stack, { handler: newHandler(stack), defaultIntegration: new apigateway.MockIntegration() }))
      .toThrow(/Cannot specify "defaultIntegration" since Lambda integration is automatically defined/);
  });

  test('applies integrationOptions to every method', () => {
    const stack = newStack();
    const api = build(stack, {
      handler: newHandler(stack),
      proxy: false,
      integrationOptions: { cacheKeyParameters: ['method.request.path.id'], cacheNamespace: 'orders', passthroughBehavior: apigateway.PassthroughBehavior.NEVER },
    });
    api.root.addResource('orders').addResource('{id}').addMethod('GET');
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGateway::Method', {
      Integration: { CacheKeyParameters: ['method.request.path.id'], CacheNamespace: 'orders', PassthroughBehavior: 'NEVER' },
    });
  });

  test('refuses a stage variable value outside the allowed characters at synth', () => {
    const stack = newStack();
    build(stack, { handler: newHandler(stack), deployOptions: { variables: { target: '<>' } } });
    expect(() => Template.fromStack(stack)).toThrow(/Stage variable value <> does not match the regex/);
  });
});

test('CORS with IAM as the default authorization: the preflight is answered as LambdaRestApi answers it', () => {
  const optionsAuth = ([, build]: [string, Build]) => {
    const stack = newStack();
    build(stack, {
      handler: newHandler(stack),
      defaultMethodOptions: { authorizationType: apigateway.AuthorizationType.IAM },
      defaultCorsPreflightOptions: { allowOrigins: ['https://shop.example'] },
    });
    const methods = methodsOf(Template.fromStack(stack));
    return {
      options: methods.filter((m) => m.HttpMethod === 'OPTIONS').map((m) => m.AuthorizationType ?? 'NONE'),
      others: methods.filter((m) => m.HttpMethod !== 'OPTIONS').map((m) => m.AuthorizationType),
    };
  };
  const [plain, ours] = BOTH.map(optionsAuth);
  expect(ours).toEqual(plain);
  expect(ours.others.every((auth) => auth === 'AWS_IAM')).toBe(true);
  expect(ours.options.length).toBeGreaterThan(0);
});

describe.each([
  ['ResilientLambdaRestApi', ResilientLambdaRestApi.PROPERTY_INJECTION_ID],
  ['LambdaRestApi', apigateway.LambdaRestApi.PROPERTY_INJECTION_ID],
  ['RestApi', apigateway.RestApi.PROPERTY_INJECTION_ID],
])('a property injector registered for %s', (_name, constructUniqueId) => {
  // The endpoint type is one of the props the construct gives a default of its own (REGIONAL).
  const edgeByDefault: IPropertyInjector = {
    constructUniqueId,
    inject: (props: any) => ({ endpointTypes: [apigateway.EndpointType.EDGE], ...props }),
  };
  const endpointTypes = (template: Template) => Object.values(resourcesOf(template, 'AWS::ApiGateway::RestApi'))[0].EndpointConfiguration.Types;

  test('sets a default, in place of the construct\'s', () => {
    const stack = newStack();
    PropertyInjectors.of(stack).add(edgeByDefault);
    new ResilientLambdaRestApi(stack, 'Api', { handler: newHandler(stack) });
    expect(endpointTypes(Template.fromStack(stack))).toEqual(['EDGE']);
  });

  test('leaves what the app gives', () => {
    const stack = newStack();
    PropertyInjectors.of(stack).add(edgeByDefault);
    new ResilientLambdaRestApi(stack, 'Api', { handler: newHandler(stack), endpointTypes: [apigateway.EndpointType.PRIVATE] });
    expect(endpointTypes(Template.fromStack(stack))).toEqual(['PRIVATE']);
  });
});
