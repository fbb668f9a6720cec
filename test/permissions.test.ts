import { Duration } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { InvokePermissionScope, ResilientLambdaRestApi } from '../src';
import { newHandler, newStack, resourcesOf, warningIds } from './util';

function sourceArnsOf(template: Template): string[] {
  return Object.values(resourcesOf(template, 'AWS::Lambda::Permission')).map((p) =>
    p.SourceArn['Fn::Join'][1].map((part: unknown) => (typeof part === 'string' ? part : JSON.stringify(part))).join(''),
  );
}

function addRoutes(api: apigateway.RestApi, count: number): void {
  const methods = ['GET', 'POST', 'PUT', 'DELETE'];
  for (let i = 0; i < count / methods.length; i++) {
    const resource = api.root.addResource(`r${i}`);
    methods.forEach((m) => resource.addMethod(m));
  }
}

describe('invoke permissions', () => {
  test('proxy API: one permission for the deployment stage and one for test-invoke, scoped to this API', () => {
    const stack = newStack();
    new ResilientLambdaRestApi(stack, 'Api', { handler: newHandler(stack) });
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::Lambda::Permission', 2);
    const arns = sourceArnsOf(template);
    expect(arns).toEqual([
      expect.stringMatching(/execute-api:eu-west-1:123456789012:\{"Ref":"Api[0-9A-F]+"\}\/prod\/\*\/\*$/),
      expect.stringMatching(/execute-api:eu-west-1:123456789012:\{"Ref":"Api[0-9A-F]+"\}\/test-invoke-stage\/\*\/\*$/),
    ]);
    template.allResourcesProperties('AWS::Lambda::Permission', { Principal: 'apigateway.amazonaws.com', Action: 'lambda:InvokeFunction' });
  });

  test.each([1, 4, 40, 200])('%d methods on one function still give exactly two permissions', (methods) => {
    const stack = newStack();
    const api = new ResilientLambdaRestApi(stack, 'Api', { handler: newHandler(stack), proxy: false });
    addRoutes(api, methods);
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::ApiGateway::Method', Math.max(4, methods));
    template.resourceCountIs('AWS::Lambda::Permission', 2);
  });

  test('api.lambdaIntegration(fn): 200 methods over 10 functions give two permissions per function', () => {
    const stack = newStack();
    const api = new ResilientLambdaRestApi(stack, 'Api', { handler: newHandler(stack), proxy: false });
    const others = Array.from({ length: 9 }, (_, i) => api.lambdaIntegration(newHandler(stack, `Fn${i}`)));
    for (let i = 0; i < 200; i++) {
      const integration = i % 10 === 0 ? undefined : others[(i % 10) - 1];
      api.root.addResource(`r${i}`).addMethod('GET', integration);
    }
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::ApiGateway::Method', 200);
    template.resourceCountIs('AWS::Lambda::Permission', 20);
    template.allResourcesProperties('AWS::ApiGateway::Method', { Integration: { TimeoutInMillis: 29000, Type: 'AWS_PROXY' } });
  });

  test('api.lambdaIntegration keeps the handler\'s options, takes changes and checks them', () => {
    const stack = newStack();
    const api = new ResilientLambdaRestApi(stack, 'Api', { handler: newHandler(stack), proxy: false, integrationOptions: { timeout: Duration.seconds(5) } });
    api.root.addResource('a').addMethod('GET', api.lambdaIntegration(newHandler(stack, 'A')));
    api.root.addResource('b').addMethod('GET', api.lambdaIntegration(newHandler(stack, 'B'), { timeout: Duration.seconds(9) }));
    const timeouts = Object.values(resourcesOf(Template.fromStack(stack), 'AWS::ApiGateway::Method')).map((m) => m.Integration.TimeoutInMillis).sort();
    expect(timeouts).toEqual([5000, 9000]);
    expect(() => api.lambdaIntegration(newHandler(stack, 'C'), { timeout: Duration.seconds(40) })).toThrow(/lambdaIntegration: integrationOptions\.timeout is 40000 ms/);
  });

  test('api.lambdaIntegration of an imported function warns', () => {
    const stack = newStack();
    const api = new ResilientLambdaRestApi(stack, 'Api', { handler: newHandler(stack), proxy: false });
    api.root.addMethod('GET', api.lambdaIntegration(lambda.Function.fromFunctionArn(stack, 'I', 'arn:aws:lambda:us-east-1:999999999999:function:x')));
    expect(warningIds(stack)).toContain('resilient-lambda-rest-api:importedFunctionPermission');
  });

  test('with per-method permissions api.lambdaIntegration keeps them per method', () => {
    const stack = newStack();
    const api = new ResilientLambdaRestApi(stack, 'Api', { handler: newHandler(stack), proxy: false, integrationOptions: { scopePermissionToMethod: true } });
    api.root.addResource('a').addMethod('GET', api.lambdaIntegration(newHandler(stack, 'A')));
    Template.fromStack(stack).resourceCountIs('AWS::Lambda::Permission', 2);
  });

  test('a plain LambdaRestApi needs two per method (what we avoid)', () => {
    const stack = newStack();
    const api = new apigateway.LambdaRestApi(stack, 'Api', { handler: newHandler(stack), proxy: false });
    addRoutes(api, 8);
    Template.fromStack(stack).resourceCountIs('AWS::Lambda::Permission', 16);
  });

  test('a stage name of the user\'s own is in the ARN', () => {
    const stack = newStack();
    new ResilientLambdaRestApi(stack, 'Api', { handler: newHandler(stack), deployOptions: { stageName: 'live' } });
    expect(sourceArnsOf(Template.fromStack(stack))[0]).toMatch(/\/live\/\*\/\*$/);
  });

  test('allowTestInvoke: false drops the test-invoke permission, without aws-cdk-lib\'s warning', () => {
    const stack = newStack();
    new ResilientLambdaRestApi(stack, 'Api', { handler: newHandler(stack), integrationOptions: { allowTestInvoke: false } });
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::Lambda::Permission', 1);
    expect(sourceArnsOf(template)[0]).toMatch(/\/prod\/\*\/\*$/);
    expect(warningIds(stack)).not.toContain('@aws-cdk/aws-apigateway:allowTestInvoke');
  });

  test('ALL_STAGES: one permission for every stage of this API', () => {
    const stack = newStack();
    new ResilientLambdaRestApi(stack, 'Api', { handler: newHandler(stack), invokePermissionScope: InvokePermissionScope.ALL_STAGES });
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::Lambda::Permission', 1);
    expect(sourceArnsOf(template)[0]).toMatch(/\{"Ref":"Api[0-9A-F]+"\}\/\*\/\*\/\*$/);
  });

  test('without a deployment the scope is every stage', () => {
    const stack = newStack();
    const api = new ResilientLambdaRestApi(stack, 'Api', { handler: newHandler(stack), deploy: false, proxy: false });
    api.root.addMethod('GET');
    expect(sourceArnsOf(Template.fromStack(stack))).toEqual([expect.stringMatching(/\/\*\/\*\/\*$/)]);
  });

  test('scopePermissionToMethod: true keeps aws-cdk-lib\'s per-method permissions', () => {
    const stack = newStack();
    const api = new ResilientLambdaRestApi(stack, 'Api', {
      handler: newHandler(stack), proxy: false, integrationOptions: { scopePermissionToMethod: true },
    });
    addRoutes(api, 4);
    Template.fromStack(stack).resourceCountIs('AWS::Lambda::Permission', 8);
  });

  test('an imported function gets no permission and a warning that says what to do', () => {
    const stack = newStack();
    const handler = lambda.Function.fromFunctionArn(stack, 'Imported', 'arn:aws:lambda:us-east-1:999999999999:function:elsewhere');
    new ResilientLambdaRestApi(stack, 'Api', { handler });
    Template.fromStack(stack).resourceCountIs('AWS::Lambda::Permission', 0);
    expect(warningIds(stack)).toContain('resilient-lambda-rest-api:importedFunctionPermission');
  });

  test('an imported function of the same environment gets its permissions and no warning', () => {
    const stack = newStack();
    const handler = lambda.Function.fromFunctionAttributes(stack, 'Imported', {
      functionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:here', sameEnvironment: true,
    });
    new ResilientLambdaRestApi(stack, 'Api', { handler });
    Template.fromStack(stack).resourceCountIs('AWS::Lambda::Permission', 2);
    expect(warningIds(stack)).not.toContain('resilient-lambda-rest-api:importedFunctionPermission');
  });
});

describe('a function policy near the 20 KB limit', () => {
  const NEAR_LIMIT = 'resilient-lambda-rest-api:functionPolicyNearSizeLimit';
  function appWith(integrate: (api: ResilientLambdaRestApi, fn: lambda.IFunction) => apigateway.Integration, methods: number) {
    const stack = newStack();
    const api = new ResilientLambdaRestApi(stack, 'Api', { handler: newHandler(stack), proxy: false });
    const orders = newHandler(stack, 'Orders');
    for (let i = 0; i < methods; i++) {
      api.root.addResource(`orders${i}`).addMethod('GET', integrate(api, orders));
    }
    return { stack, api };
  }

  test('a migrating app that keeps new LambdaIntegration(fn) on many methods is warned, naming api.lambdaIntegration(fn)', () => {
    const { stack, api } = appWith((_api, fn) => new apigateway.LambdaIntegration(fn), 24);
    expect(warningIds(stack)).toContain(NEAR_LIMIT);
    const message = Annotations.fromStack(stack).findWarning(`/${stack.stackName}/${api.node.id}`, Match.stringLikeRegexp('functionPolicyNearSizeLimit'));
    expect(message[0].entry.data).toMatch(/function TestStack\/Orders holds 48 permissions, an estimated \d+ bytes.*api\.lambdaIntegration\(fn\)/);
  });

  test('the same methods through api.lambdaIntegration(fn) are not', () => {
    const { stack } = appWith((api, fn) => api.lambdaIntegration(fn), 24);
    expect(warningIds(stack)).not.toContain(NEAR_LIMIT);
  });

  test('a few methods with new LambdaIntegration(fn) are not', () => {
    const { stack } = appWith((_api, fn) => new apigateway.LambdaIntegration(fn), 5);
    expect(warningIds(stack)).not.toContain(NEAR_LIMIT);
  });
});
