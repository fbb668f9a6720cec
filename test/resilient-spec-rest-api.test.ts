import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as cdk from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { ResilientLambdaRestApi, ResilientSpecRestApi, ResilientSpecRestApiProps } from '../src';
import { newHandler, newStack, resourcesOf, warningIds } from './util';
import { substituteHostile } from '../src/checks';
import { ERROR_RESPONSE_DEFAULTS } from '../src/contract/error-responses';

const fixture = (name: string) => path.join(__dirname, 'fixtures', name);

function ordersApi(stack: cdk.Stack, props: Partial<ResilientSpecRestApiProps> = {}): ResilientSpecRestApi {
  const orders = newHandler(stack, 'Orders');
  const order = newHandler(stack, 'Order');
  return new ResilientSpecRestApi(stack, 'Api', {
    apiDefinition: apigateway.ApiDefinition.fromAsset(fixture('orders.openapi3.yaml')),
    integrations: { listOrders: orders, createOrder: orders, getOrder: order },
    ...props,
  });
}

/** A document of `operations` GET operations, `/r{i}/item`, bound round-robin to `functions` functions. */
function bigApi(stack: cdk.Stack, operations: number, functions: number, description = 'ok'): ResilientSpecRestApi {
  const handlers = Array.from({ length: functions }, (_, f) => newHandler(stack, `Fn${f}`));
  const paths: Record<string, any> = {};
  const integrations: Record<string, lambda.IFunction> = {};
  for (let i = 0; i < operations; i++) {
    paths[`/r${Math.floor(i / 4)}/item${i % 4}`] = { get: { operationId: `op${i}`, responses: { 200: { description } } } };
    integrations[`op${i}`] = handlers[i % functions];
  }
  return new ResilientSpecRestApi(stack, 'Api', {
    apiDefinition: apigateway.ApiDefinition.fromInline({ openapi: '3.0.1', info: { title: 'big', version: '1' }, paths }),
    integrations,
  });
}

function body(template: Template): any {
  return Object.values(resourcesOf(template, 'AWS::ApiGateway::RestApi'))[0].Body;
}

describe('ResilientSpecRestApi', () => {
  test('imports the transformed document inline: integrations and the error contract written in, no asset, no GatewayResponse resources', () => {
    const stack = newStack();
    ordersApi(stack);
    const template = Template.fromStack(stack);
    const doc = body(template);
    expect(doc.paths['/orders/{id}'].get['x-amazon-apigateway-integration']).toEqual({
      type: 'aws_proxy',
      httpMethod: 'POST',
      uri: { 'Fn::Sub': `arn:\${AWS::Partition}:apigateway:\${AWS::Region}:lambda:path/2015-03-31/functions/\${${stack.getLogicalId(stack.node.findChild('Order').node.defaultChild as cdk.CfnElement)}.Arn}/invocations` },
      timeoutInMillis: 29_000,
    });
    expect(Object.keys(doc['x-amazon-apigateway-gateway-responses'])).toEqual(ERROR_RESPONSE_DEFAULTS.map((d) => d.responseType));
    expect(doc['x-amazon-apigateway-gateway-responses'].INTEGRATION_TIMEOUT.statusCode).toBe('504');
    template.resourceCountIs('AWS::ApiGateway::GatewayResponse', 0);
    template.hasResourceProperties('AWS::ApiGateway::RestApi', { BodyS3Location: cdk.assertions.Match.absent() });
    expect(Object.keys(stack.node.findChild('Api').node.children)).not.toContain('APIDefinition');
  });

  test('addGatewayResponse refuses a type of the contract (it lives in the document) and keeps one definition per type', () => {
    const stack = newStack();
    const api = ordersApi(stack);
    expect(() => api.addGatewayResponse('Default5xx', { type: apigateway.ResponseType.DEFAULT_5XX, statusCode: '500' }))
      .toThrow(/addGatewayResponse\('Default5xx'\): DEFAULT_5XX is part of the error contract .* change it with errorResponses/);
    Template.fromStack(stack).resourceCountIs('AWS::ApiGateway::GatewayResponse', 0);
  });

  test('addGatewayResponse still adds a type the contract does not cover', () => {
    const stack = newStack();
    const api = ordersApi(stack);
    api.addGatewayResponse('Custom', { type: apigateway.ResponseType.of('SOME_FUTURE_TYPE'), statusCode: '500' });
    Template.fromStack(stack).resourceCountIs('AWS::ApiGateway::GatewayResponse', 1);
  });

  test('gives each function one invoke permission for the stage and one for the test-invoke stage', () => {
    const stack = newStack();
    ordersApi(stack);
    const permissions = Object.values(resourcesOf(Template.fromStack(stack), 'AWS::Lambda::Permission'));
    expect(permissions).toHaveLength(4);
    const sourceArns = permissions.map((p) => JSON.stringify(p.SourceArn));
    expect(sourceArns.filter((a) => a.includes('/prod/*/*'))).toHaveLength(2);
    expect(sourceArns.filter((a) => a.includes('/test-invoke-stage/*/*'))).toHaveLength(2);
  });

  test('sets the stage defaults, log groups, monitoring and the account-role warning as ResilientLambdaRestApi does', () => {
    const stack = newStack();
    const api = ordersApi(stack);
    const template = Template.fromStack(stack);
    // The same stage settings as a ResilientLambdaRestApi in front of the same function.
    const lambdaStack = newStack();
    new ResilientLambdaRestApi(lambdaStack, 'Api', { handler: newHandler(lambdaStack, 'Orders') });
    const stageOf = (t: Template) => {
      const { MethodSettings, TracingEnabled, StageName } = Object.values(resourcesOf(t, 'AWS::ApiGateway::Stage'))[0];
      return { MethodSettings, TracingEnabled, StageName };
    };
    expect(stageOf(template)).toEqual(stageOf(Template.fromStack(lambdaStack)));
    expect(stageOf(template)).toMatchObject({ StageName: 'prod', MethodSettings: [{ LoggingLevel: 'ERROR' }] });
    template.resourceCountIs('AWS::Logs::LogGroup', 2);
    template.hasResourceProperties('AWS::ApiGateway::RestApi', { EndpointConfiguration: { Types: ['REGIONAL'] } });
    expect(api.accessLogGroup).toBeDefined();
    expect(api.executionLogGroup).toBeDefined();
    expect(api.monitoring?.alarms.length).toBeGreaterThan(0);
    // Orders serves two operations: the Lambda alarms watch it.
    expect(JSON.stringify(stack.resolve(api.monitoring!.lambdaThrottlesMetric!.dimensions))).toContain(
      stack.getLogicalId(stack.node.findChild('Orders').node.defaultChild as cdk.CfnElement));
    expect(warningIds(stack)).toContain('resilient-lambda-rest-api:accountCloudWatchRoleNotManaged');
  });

  test('reads a Swagger 2 document in JSON', () => {
    const stack = newStack();
    const fn = newHandler(stack);
    new ResilientSpecRestApi(stack, 'Api', {
      apiDefinition: apigateway.ApiDefinition.fromAsset(fixture('orders.swagger2.json')),
      integrations: { listOrders: fn, getOrder: fn },
    });
    const doc = body(Template.fromStack(stack));
    expect(doc.swagger).toBe('2.0');
    expect(doc.paths['/orders'].get['x-amazon-apigateway-integration'].type).toBe('aws_proxy');
  });

  test('redeploys the stage when the document changes, and only then', () => {
    const deploymentId = (description: string) => {
      const stack = newStack();
      const fn = newHandler(stack);
      new ResilientSpecRestApi(stack, 'Api', {
        apiDefinition: apigateway.ApiDefinition.fromInline({ openapi: '3.0.1', paths: { '/a': { get: { operationId: 'a', description } } } }),
        integrations: { a: fn },
      });
      return Object.keys(Template.fromStack(stack).findResources('AWS::ApiGateway::Deployment'))[0];
    };
    expect(deploymentId('one')).toBe(deploymentId('one'));
    expect(deploymentId('one')).not.toBe(deploymentId('two'));
  });

  test('redeploys the stage when the integration timeout changes', () => {
    const deploymentId = (seconds: number) => {
      const stack = newStack();
      ordersApi(stack, { integrationTimeout: cdk.Duration.seconds(seconds) });
      return Object.keys(Template.fromStack(stack).findResources('AWS::ApiGateway::Deployment'))[0];
    };
    expect(deploymentId(10)).not.toBe(deploymentId(20));
  });

  test('puts CORS headers on error responses when errorCorsOptions are given', () => {
    const stack = newStack();
    ordersApi(stack, { errorCorsOptions: { allowOrigins: ['https://a.example', 'https://b.example'] } });
    const responses = body(Template.fromStack(stack))['x-amazon-apigateway-gateway-responses'];
    for (const response of Object.values<any>(responses)) {
      expect(response.responseParameters).toMatchObject({
        'gatewayresponse.header.Access-Control-Allow-Origin': 'method.request.header.Origin',
        'gatewayresponse.header.Vary': "'Origin'",
      });
    }
  });

  test('applies errorResponses and the document\'s own gateway responses', () => {
    const stack = newStack();
    const fn = newHandler(stack);
    new ResilientSpecRestApi(stack, 'Api', {
      apiDefinition: apigateway.ApiDefinition.fromInline({
        'openapi': '3.0.1',
        'paths': { '/a': { get: { operationId: 'a' } } },
        'x-amazon-apigateway-gateway-responses': { UNAUTHORIZED: { responseParameters: { 'gatewayresponse.header.WWW-Authenticate': "'Bearer'" } } },
      }),
      integrations: { a: fn },
      errorResponses: [{ type: apigateway.ResponseType.INTEGRATION_TIMEOUT, statusCode: '503' }],
    });
    const responses = body(Template.fromStack(stack))['x-amazon-apigateway-gateway-responses'];
    expect(responses.INTEGRATION_TIMEOUT.statusCode).toBe('503');
    expect(responses.UNAUTHORIZED.statusCode).toBe('401');
    expect(responses.UNAUTHORIZED.responseParameters['gatewayresponse.header.WWW-Authenticate']).toBe("'Bearer'");
    expect(JSON.parse(substituteHostile(responses.UNAUTHORIZED.responseTemplates['application/json']))).toMatchObject({ type: 'UNAUTHORIZED', status: 401 });
  });

  test('keeps an operation\'s own Lambda integration and grants its function', () => {
    const stack = newStack();
    const fn = newHandler(stack);
    const arn = 'arn:aws:lambda:eu-west-1:123456789012:function:legacy';
    new ResilientSpecRestApi(stack, 'Api', {
      apiDefinition: apigateway.ApiDefinition.fromInline({
        openapi: '3.0.1',
        paths: {
          '/a': { get: { operationId: 'a' } },
          '/legacy': {
            get: {
              'x-amazon-apigateway-integration': {
                type: 'aws_proxy', httpMethod: 'POST', uri: `arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/${arn}/invocations`, timeoutInMillis: 5000,
              },
            },
          },
          '/variable': { get: { 'x-amazon-apigateway-integration': { type: 'aws_proxy', httpMethod: 'POST', uri: 'arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/${stageVariables.fn}/invocations' } } },
        },
      }),
      integrations: { a: fn },
    });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::Lambda::Permission', { FunctionName: arn });
    expect(body(template).paths['/legacy'].get['x-amazon-apigateway-integration'].timeoutInMillis).toBe(5000);
    expect(warningIds(stack)).toContain('resilient-lambda-rest-api:ownIntegrationPermission');
  });

  test('warns when a function it invokes has a resource policy near the size limit, with advice for this class', () => {
    const stack = newStack();
    const fn = newHandler(stack);
    new ResilientSpecRestApi(stack, 'Api', {
      apiDefinition: apigateway.ApiDefinition.fromInline({ openapi: '3.0.1', paths: { '/a': { get: {} } } }),
      defaultHandler: fn,
    });
    for (let i = 0; i < 60; i++) {
      fn.addPermission(`Legacy${i}`, { principal: new cdk.aws_iam.ServicePrincipal('apigateway.amazonaws.com'), sourceArn: `arn:aws:execute-api:eu-west-1:123456789012:legacy/*/GET/r${i}` });
    }
    const warnings = cdk.assertions.Annotations.fromStack(stack).findWarning('*', cdk.assertions.Match.stringLikeRegexp('functionPolicyNearSizeLimit'));
    expect(warnings).toHaveLength(1);
    expect(String(warnings[0].entry.data)).toMatch(/holds 62 permissions.*This API adds one permission per function/);
  });

  test('warns when the paths make more API Gateway resources than the default quota', () => {
    const stack = newStack();
    bigApi(stack, 1204, 1);
    expect(warningIds(stack)).toContain('resilient-lambda-rest-api:resourcesAboveDefaultQuota');
  });

  test('warns about an imported function whose policy it cannot change', () => {
    const stack = newStack();
    const imported = lambda.Function.fromFunctionArn(stack, 'Imported', 'arn:aws:lambda:eu-west-1:999999999999:function:f');
    new ResilientSpecRestApi(stack, 'Api', {
      apiDefinition: apigateway.ApiDefinition.fromInline({ openapi: '3.0.1', paths: { '/a': { get: { operationId: 'a' } } } }),
      integrations: { a: imported },
    });
    expect(warningIds(stack)).toContain('resilient-lambda-rest-api:importedFunctionPermission');
  });

  describe('errors at synth, naming what is wrong', () => {
    test.each<[string, Partial<ResilientSpecRestApiProps>, RegExp]>([
      ['an operation without integration', { integrations: {} }, /3 operations have no integration: GET \/orders \(operationId 'listOrders'\), POST \/orders .* or set defaultHandler/],
      ['an unknown integrations key', { integrations: { listOrders: undefined as any, nope: undefined as any } }, /integrations has a key matching no operationId and no 'METHOD \/path' of the document: 'nope' \(nearest: 'getOrder'/],
      ['a document that does not parse', { apiDefinition: apigateway.ApiDefinition.fromAsset(fixture('broken.yaml')) }, /broken\.yaml:8:1 does not parse as YAML/],
      ['a timeout out of range', { integrationTimeout: cdk.Duration.millis(10) }, /integrationTimeout must be at least 50 ms/],
      ['a quote in an error CORS origin', { errorCorsOptions: { allowOrigins: ["https://a'b"] } }, /errorCorsOptions\.allowOrigins holds/],
      ['a document in S3', { apiDefinition: apigateway.ApiDefinition.fromBucket(s3.Bucket.fromBucketName(newStack(), 'B', 'api-documents'), 'api.yaml') }, /fromInline or ApiDefinition\.fromAsset/],
    ])('%s', (_name, props, message) => {
      const stack = newStack();
      const fn = newHandler(stack, 'Fn');
      const integrations = props.integrations === undefined ? { listOrders: fn, createOrder: fn, getOrder: fn }
        : Object.fromEntries(Object.keys(props.integrations).map((k) => [k, fn]));
      expect(() => new ResilientSpecRestApi(stack, 'Api', {
        apiDefinition: apigateway.ApiDefinition.fromAsset(fixture('orders.openapi3.yaml')),
        ...props,
        integrations,
      })).toThrow(message);
      expect(stack.node.tryFindChild('Api')).toBeUndefined();
    });

    test('an own integration with a timeout out of range, and a response given in two places', () => {
      const stack = newStack();
      const fn = newHandler(stack);
      expect(() => new ResilientSpecRestApi(stack, 'Api', {
        apiDefinition: apigateway.ApiDefinition.fromInline({
          'openapi': '3.0.1',
          'paths': { '/a': { get: { 'x-amazon-apigateway-integration': { type: 'mock', timeoutInMillis: 40_000 } } }, '/b': { get: { operationId: 'b' } } },
          'x-amazon-apigateway-gateway-responses': { THROTTLED: { statusCode: '503' } },
        }),
        integrations: { b: fn },
        errorResponses: [{ type: apigateway.ResponseType.THROTTLED, statusCode: '429' }],
      })).toThrow(/paths\['\/a'\]\.get\['x-amazon-apigateway-integration'\]\.timeoutInMillis is 40000 ms.*THROTTLED is in errorResponses and in the document's x-amazon-apigateway-gateway-responses/);
    });

    test('a document too large for the template in a stack whose account and region are not known', () => {
      const stack = new cdk.Stack(new cdk.App(), 'Agnostic');
      expect(() => bigApi(stack, 2, 1, 'x'.repeat(600_000)))
        .toThrow(/takes \d+ bytes in the template, above the limit of 800000 .*cannot go to S3 instead: the stack's account and region are not known at synth.*give the stack an env/);
    });

    test('a document too large for the template that holds CloudFormation expressions', () => {
      const stack = newStack();
      const uri = { 'Fn::Sub': 'arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${Legacy.Arn}/invocations' };
      expect(() => new ResilientSpecRestApi(stack, 'Api', {
        apiDefinition: apigateway.ApiDefinition.fromInline({
          openapi: '3.0.1',
          paths: { '/a': { get: { 'description': 'x'.repeat(1_100_000), 'x-amazon-apigateway-integration': { type: 'aws_proxy', httpMethod: 'POST', uri } } } },
        }),
      })).toThrow(/cannot go to S3 instead: it holds CloudFormation expressions \(#\/paths\/~1a\/get\/x-amazon-apigateway-integration\/uri\)/);
    });
  });

  test('holds 1,000 operations over 20 functions in one stack within every CloudFormation limit', () => {
    const app = new cdk.App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'spec-1000-')) });
    const stack = new cdk.Stack(app, 'Big', { env: { account: '123456789012', region: 'eu-west-1' } });
    bigApi(stack, 1000, 20);
    const artifact = app.synth().getStackByName('Big');
    const resources = Object.values<any>(artifact.template.Resources);
    const templateBytes = fs.statSync(artifact.templateFullPath).size;
    expect(resources.length).toBeLessThan(500);
    expect(templateBytes).toBeLessThan(1_048_576);
    const permissions = resources.filter((r) => r.Type === 'AWS::Lambda::Permission');
    // One for the stage and one for the console's test-invoke stage, per function.
    expect(permissions).toHaveLength(40);
    const operations = Object.values<any>(artifact.template.Resources[Object.keys(artifact.template.Resources).find((k) => k.startsWith('Api') && artifact.template.Resources[k].Type === 'AWS::ApiGateway::RestApi')!].Properties.Body.paths);
    expect(operations.filter((item) => item.get['x-amazon-apigateway-integration'])).toHaveLength(1000);
  });
});
