import * as cdk from 'aws-cdk-lib';
import { Duration } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import { LambdaErrorMapping, ResilientLambdaRestApi, ResilientLambdaRestApiProps } from '../src';
import { newHandler, newStack, resourcesOf, warningIds } from './util';

function synth(props: Partial<ResilientLambdaRestApiProps> = {}, handlerProps = {}) {
  const stack = newStack();
  const api = new ResilientLambdaRestApi(stack, 'Api', { handler: newHandler(stack, 'Handler', handlerProps), ...props });
  return { stack, api, template: Template.fromStack(stack) };
}

describe('a drop-in LambdaRestApi', () => {
  test('is a LambdaRestApi with its members', () => {
    const { api, stack } = synth();
    expect(api).toBeInstanceOf(apigateway.LambdaRestApi);
    expect(stack.resolve(api.url)).toBeDefined();
    expect(stack.resolve(api.metricServerError().namespace)).toBe('AWS/ApiGateway');
  });

  test('proxy: false routes use the same integration, timeout included', () => {
    const stack = newStack();
    const api = new ResilientLambdaRestApi(stack, 'Api', { handler: newHandler(stack), proxy: false });
    api.root.addResource('orders').addMethod('GET');
    api.root.getResource('orders')!.addResource('{id}').addMethod('DELETE');
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::ApiGateway::Method', 2);
    template.allResourcesProperties('AWS::ApiGateway::Method', {
      Integration: { Type: 'AWS_PROXY', TimeoutInMillis: 29000, Uri: Match.anyValue() },
    });
  });

  test('a proxy API still refuses addResource, as LambdaRestApi does', () => {
    const { api } = synth();
    expect(() => api.root.addResource('x')).toThrow(/Cannot call 'addResource' on a proxying LambdaRestApi/);
  });

  test('the user\'s LambdaRestApiProps keep their meaning', () => {
    const { template } = synth({
      restApiName: 'orders-api',
      description: 'Orders',
      binaryMediaTypes: ['image/png'],
      deployOptions: { stageName: 'v1', variables: { color: 'blue' } },
      defaultMethodOptions: { apiKeyRequired: true },
    });
    template.hasResourceProperties('AWS::ApiGateway::RestApi', { Name: 'orders-api', Description: 'Orders', BinaryMediaTypes: ['image/png'] });
    template.hasResourceProperties('AWS::ApiGateway::Stage', { StageName: 'v1', Variables: { color: 'blue' } });
    template.allResourcesProperties('AWS::ApiGateway::Method', { ApiKeyRequired: true });
  });
});

describe('the API name', () => {
  const apiNames = (template: Template) => Object.values(resourcesOf(template, 'AWS::ApiGateway::RestApi')).map((p) => p.Name);
  const alarmApiNames = (template: Template) => [...new Set(Object.values(resourcesOf(template, 'AWS::CloudWatch::Alarm'))
    .flatMap((p) => [...(p.Dimensions ?? []), ...(p.Metrics ?? []).flatMap((m: any) => m.MetricStat?.Metric?.Dimensions ?? [])])
    .filter((d: any) => d.Name === 'ApiName').map((d: any) => d.Value))];

  test('two stacks of one account and region get two names, and their alarms watch their own API', () => {
    const app = new cdk.App();
    const env = { account: '123456789012', region: 'eu-west-1' };
    const stacks = ['Blue', 'Green'].map((stackId) => {
      const stack = new cdk.Stack(app, stackId, { env });
      new ResilientLambdaRestApi(stack, 'Api', { handler: newHandler(stack) });
      return stack;
    });
    const names = stacks.map((stack) => {
      const template = Template.fromStack(stack);
      expect(alarmApiNames(template)).toEqual(apiNames(template));
      return apiNames(template)[0];
    });
    expect(names).toEqual(['Blue-Api', 'Green-Api']);
  });

  test('PhysicalName.GENERATE_IF_NEEDED works with monitoring on: the name is generated at synth', () => {
    const { template } = synth({ restApiName: cdk.PhysicalName.GENERATE_IF_NEEDED });
    expect(apiNames(template)).toEqual(['TestStack-Api']);
    expect(alarmApiNames(template)).toEqual(['TestStack-Api']);
  });

  test('a name the user gives is kept, and a generic one is warned about', () => {
    const given = synth({ restApiName: 'orders-service' });
    expect(apiNames(given.template)).toEqual(['orders-service']);
    expect(alarmApiNames(given.template)).toEqual(['orders-service']);
    expect(warningIds(given.stack)).not.toContain('resilient-lambda-rest-api:restApiNameMayCollide');
    expect(warningIds(synth({ restApiName: 'Api' }).stack)).toContain('resilient-lambda-rest-api:restApiNameMayCollide');
  });
});

describe('endpoint type', () => {
  test.each<[string, Partial<ResilientLambdaRestApiProps>, string[]]>([
    ['REGIONAL by default', {}, ['REGIONAL']],
    ['EDGE when asked', { endpointTypes: [apigateway.EndpointType.EDGE] }, ['EDGE']],
    ['PRIVATE through endpointConfiguration', { endpointConfiguration: { types: [apigateway.EndpointType.PRIVATE] }, policy: undefined }, ['PRIVATE']],
  ])('%s', (_, props, types) => {
    synth(props).template.hasResourceProperties('AWS::ApiGateway::RestApi', { EndpointConfiguration: { Types: types } });
  });
});

describe('integration timeout', () => {
  test('29 s by default, explicit in the template', () => {
    const { template, api } = synth();
    template.allResourcesProperties('AWS::ApiGateway::Method', { Integration: { TimeoutInMillis: 29000 } });
    expect(api.integrationTimeout.toSeconds()).toBe(29);
  });

  test('the user\'s timeout', () => {
    synth({ integrationOptions: { timeout: Duration.seconds(10) } })
      .template.allResourcesProperties('AWS::ApiGateway::Method', { Integration: { TimeoutInMillis: 10000 } });
  });

  test('above 29 s on a REGIONAL API once the quota increase is acknowledged', () => {
    synth({ integrationOptions: { timeout: Duration.seconds(90) }, acknowledgeIntegrationTimeoutQuota: true }, { timeout: Duration.seconds(90) })
      .template.allResourcesProperties('AWS::ApiGateway::Method', { Integration: { TimeoutInMillis: 90000 } });
  });

  test.each<[string, Partial<ResilientLambdaRestApiProps>, RegExp]>([
    ['below 50 ms', { integrationOptions: { timeout: Duration.millis(10) } }, /ResilientLambdaRestApi 'Api': integrationOptions\.timeout must be at least 50 ms/],
    ['above 29 s without acknowledgement', { integrationOptions: { timeout: Duration.seconds(30) } }, /acknowledgeIntegrationTimeoutQuota/],
    ['above 29 s on EDGE', { integrationOptions: { timeout: Duration.seconds(30) }, endpointTypes: [apigateway.EndpointType.EDGE], acknowledgeIntegrationTimeoutQuota: true }, /on EDGE endpoints/],
  ])('%s is a synth-time error and no template', (_, props, message) => {
    const stack = newStack();
    expect(() => new ResilientLambdaRestApi(stack, 'Api', { handler: newHandler(stack), ...props })).toThrow(message);
  });

  test('a function that outlives the integration timeout is a warning', () => {
    expect(warningIds(synth({}, { timeout: Duration.seconds(60) }).stack)).toContain('resilient-lambda-rest-api:functionTimeoutExceedsIntegrationTimeout');
  });
});

describe('the error contract in the template', () => {
  test('21 gateway responses, every specific one with an explicit status', () => {
    const { template, api } = synth();
    const responses = Object.values(resourcesOf(template, 'AWS::ApiGateway::GatewayResponse'));
    expect(responses).toHaveLength(21);
    for (const response of responses) {
      expect(response.StatusCode === undefined).toBe(response.ResponseType.startsWith('DEFAULT_'));
      expect(JSON.parse(response.ResponseTemplates['application/json'].replace('$context.error.messageString', '"m"'))).toMatchObject({ message: 'm' });
    }
    expect(Object.keys(api.errorResponses)).toHaveLength(21);
    template.hasResourceProperties('AWS::ApiGateway::GatewayResponse', {
      ResponseType: 'THROTTLED',
      StatusCode: '429',
      ResponseParameters: { 'gatewayresponse.header.Retry-After': "'1'", 'gatewayresponse.header.Cache-Control': "'no-store'" },
    });
  });

  test('throttledRetryAfter sets the Retry-After header', () => {
    synth({ throttledRetryAfter: Duration.seconds(30) }).template.hasResourceProperties('AWS::ApiGateway::GatewayResponse', {
      ResponseType: 'THROTTLED', ResponseParameters: Match.objectLike({ 'gatewayresponse.header.Retry-After': "'30'" }),
    });
  });

  test('with CORS every error response carries the CORS headers', () => {
    const { template } = synth({ defaultCorsPreflightOptions: { allowOrigins: ['https://app.example'], allowCredentials: true } });
    for (const response of Object.values(resourcesOf(template, 'AWS::ApiGateway::GatewayResponse'))) {
      expect(response.ResponseParameters).toMatchObject({
        'gatewayresponse.header.Access-Control-Allow-Origin': "'https://app.example'",
        'gatewayresponse.header.Access-Control-Allow-Credentials': "'true'",
      });
    }
  });

  test('with several origins an error response never reflects an origin together with credentials, and a warning says so', () => {
    const { template, stack } = synth({ defaultCorsPreflightOptions: { allowOrigins: ['https://a.example', 'https://b.example'], allowCredentials: true } });
    for (const response of Object.values(resourcesOf(template, 'AWS::ApiGateway::GatewayResponse'))) {
      expect(response.ResponseParameters).toMatchObject({
        'gatewayresponse.header.Access-Control-Allow-Origin': 'method.request.header.Origin',
        'gatewayresponse.header.Vary': "'Origin'",
      });
      expect(response.ResponseParameters['gatewayresponse.header.Access-Control-Allow-Credentials']).toBeUndefined();
    }
    expect(warningIds(stack)).toContain('resilient-lambda-rest-api:corsErrorsWithoutCredentials');
  });

  test('without CORS no error response carries CORS headers', () => {
    expect(JSON.stringify(synth().template.toJSON())).not.toContain('Access-Control-Allow-Origin');
  });

  test('overrides reach the template', () => {
    synth({ errorResponses: [{ type: apigateway.ResponseType.INTEGRATION_TIMEOUT, statusCode: '503', responseHeaders: { 'X-Why': "'timeout'" } }] })
      .template.hasResourceProperties('AWS::ApiGateway::GatewayResponse', {
        ResponseType: 'INTEGRATION_TIMEOUT', StatusCode: '503', ResponseParameters: Match.objectLike({ 'gatewayresponse.header.X-Why': "'timeout'" }),
      });
  });

  test('an illegal header value is a synth-time error naming it', () => {
    const stack = newStack();
    expect(() => new ResilientLambdaRestApi(stack, 'Api', {
      handler: newHandler(stack),
      errorResponses: [{ type: apigateway.ResponseType.THROTTLED, responseHeaders: { 'Retry-After': '10' } }],
    })).toThrow(/errorResponses\[0\]\.responseHeaders\['Retry-After'\] is not a legal mapping expression/);
  });

  test('a change to any error response changes the deployment, so the stage gets it', () => {
    const deploymentIds = (props: Partial<ResilientLambdaRestApiProps>) =>
      Object.keys(synth(props).template.findResources('AWS::ApiGateway::Deployment'));
    const base = deploymentIds({});
    expect(deploymentIds({})).toEqual(base);
    expect(deploymentIds({ throttledRetryAfter: Duration.seconds(2) })).not.toEqual(base);
    expect(deploymentIds({ errorResponses: [{ type: apigateway.ResponseType.DEFAULT_4XX, message: 'nope' }] })).not.toEqual(base);
  });
});

describe('monitoring', () => {
  test('is wired to the stage, the access log group and the handler', () => {
    const { api, template } = synth({ monitoring: { alarmNamePrefix: 'orders' } });
    expect(api.monitoring).toBeDefined();
    template.hasResourceProperties('AWS::Logs::MetricFilter', {
      LogGroupName: { Ref: Match.stringLikeRegexp('^ApiAccessLogs') },
      FilterPattern: '{ $.errorType = "INTEGRATION_TIMEOUT" }',
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'orders-IntegrationLatency',
      Metrics: Match.arrayWith([Match.objectLike({
        MetricStat: Match.objectLike({
          Metric: Match.objectLike({ Namespace: 'AWS/ApiGateway', Dimensions: Match.arrayWith([{ Name: 'Stage', Value: 'prod' }]) }),
        }),
      })]),
      Threshold: 29000 * 0.8,
    });
  });

  test('enabled: false leaves the metrics and creates no alarms', () => {
    const { api, template } = synth({ monitoring: { enabled: false } });
    expect(api.monitoring?.requestCountMetric).toBeDefined();
    template.resourceCountIs('AWS::CloudWatch::Alarm', 0);
    template.resourceCountIs('AWS::CloudWatch::CompositeAlarm', 0);
    template.resourceCountIs('AWS::Logs::MetricFilter', 0);
  });

  test('no monitoring without a deployment stage', () => {
    const stack = newStack();
    const api = new ResilientLambdaRestApi(stack, 'Api', { handler: newHandler(stack), deploy: false, proxy: false });
    api.root.addMethod('GET');
    expect(api.monitoring).toBeUndefined();
  });
});

describe('custom (non-proxy) integrations', () => {
  test('errorMappings become integration responses and method responses on every method', () => {
    const stack = newStack();
    const api = new ResilientLambdaRestApi(stack, 'Api', {
      handler: newHandler(stack),
      proxy: false,
      integrationOptions: { proxy: false },
      errorMappings: [LambdaErrorMapping.prefix('NotFound', '404')],
      defaultCorsPreflightOptions: { allowOrigins: ['https://app.example'] },
    });
    api.root.addResource('orders').addMethod('GET');
    const template = Template.fromStack(stack);
    const [method] = Object.values(resourcesOf(template, 'AWS::ApiGateway::Method')).filter((m) => m.HttpMethod === 'GET');
    expect(method.Integration.Type).toBe('AWS');
    expect(method.Integration.IntegrationResponses.map((r: any) => r.StatusCode)).toEqual(['200', '404', '502']);
    expect(method.MethodResponses.map((r: any) => r.StatusCode)).toEqual(['200', '404', '502']);
    expect(method.Integration.IntegrationResponses[1].ResponseParameters['method.response.header.Access-Control-Allow-Origin']).toBe("'https://app.example'");
  });

  test('a custom integration without mappings still maps unmatched function errors to 502', () => {
    const stack = newStack();
    const api = new ResilientLambdaRestApi(stack, 'Api', { handler: newHandler(stack), proxy: false, integrationOptions: { proxy: false } });
    api.root.addMethod('GET');
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGateway::Method', {
      Integration: { IntegrationResponses: [Match.objectLike({ StatusCode: '200' }), Match.objectLike({ StatusCode: '502' })] },
    });
  });

  test('integration responses of the user\'s own are kept when there are no mappings', () => {
    const stack = newStack();
    const api = new ResilientLambdaRestApi(stack, 'Api', {
      handler: newHandler(stack), proxy: false, integrationOptions: { proxy: false, integrationResponses: [{ statusCode: '200' }] },
    });
    api.root.addMethod('GET');
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGateway::Method', { Integration: { IntegrationResponses: [{ StatusCode: '200' }] } });
  });

  test.each<[string, Partial<ResilientLambdaRestApiProps>, RegExp]>([
    ['mappings on a proxy integration', { errorMappings: [LambdaErrorMapping.prefix('NotFound', '404')] }, /errorMappings needs a custom integration/],
    ['mappings next to integration responses', {
      integrationOptions: { proxy: false, integrationResponses: [{ statusCode: '200' }] }, errorMappings: [LambdaErrorMapping.prefix('A', '404')],
    }, /errorMappings or integrationOptions\.integrationResponses, not both/],
    ['mappings next to method responses', {
      integrationOptions: { proxy: false }, defaultMethodOptions: { methodResponses: [{ statusCode: '200' }] }, errorMappings: [LambdaErrorMapping.prefix('A', '404')],
    }, /errorMappings or defaultMethodOptions\.methodResponses, not both/],
    ['a mapping to an illegal status', { integrationOptions: { proxy: false }, errorMappings: [LambdaErrorMapping.prefix('A', '700')] }, /errorMappings\[0\]/],
  ])('%s is a synth-time error', (_, props, message) => {
    const stack = newStack();
    expect(() => new ResilientLambdaRestApi(stack, 'Api', { handler: newHandler(stack), proxy: false, ...props })).toThrow(message);
  });

  test('mapping warnings reach the annotations', () => {
    const stack = newStack();
    new ResilientLambdaRestApi(stack, 'Api', {
      handler: newHandler(stack),
      proxy: false,
      integrationOptions: { proxy: false },
      errorMappings: [LambdaErrorMapping.prefix('NotFound', '404'), LambdaErrorMapping.pattern('[\\s\\S]+', '400')],
    }).root.addMethod('GET');
    expect(warningIds(stack)).toContain('resilient-lambda-rest-api:catchAllErrorMapping');
  });
});

describe('stage throttling', () => {
  test('the lowest regional account defaults, which every region allows', () => {
    synth().template.hasResourceProperties('AWS::ApiGateway::Stage', {
      MethodSettings: [Match.objectLike({ ThrottlingRateLimit: 2500, ThrottlingBurstLimit: 1250 })],
    });
  });

  test('the function\'s reserved concurrency as burst, at a rate every region\'s account default allows', () => {
    synth({}, { reservedConcurrentExecutions: 25 }).template.hasResourceProperties('AWS::ApiGateway::Stage', {
      MethodSettings: [Match.objectLike({ ThrottlingRateLimit: 2500, ThrottlingBurstLimit: 25 })],
    });
  });

  test('a burst above the reserved concurrency is the user\'s to set, with a warning', () => {
    const { stack } = synth({ deployOptions: { throttlingBurstLimit: 100 } }, { reservedConcurrentExecutions: 25 });
    expect(warningIds(stack)).toContain('resilient-lambda-rest-api:burstAboveReservedConcurrency');
  });

  test('data trace is the user\'s to turn on, with a warning', () => {
    const { stack, template } = synth({ deployOptions: { dataTraceEnabled: true } });
    template.hasResourceProperties('AWS::ApiGateway::Stage', { MethodSettings: [Match.objectLike({ DataTraceEnabled: true })] });
    expect(warningIds(stack)).toContain('resilient-lambda-rest-api:dataTraceEnabled');
  });

  test('detailed (per-method) metrics are the user\'s to turn on', () => {
    synth({ deployOptions: { metricsEnabled: true } }).template.hasResourceProperties('AWS::ApiGateway::Stage', {
      MethodSettings: [Match.objectLike({ MetricsEnabled: true })],
    });
  });

  test('tracing is the user\'s to turn off', () => {
    synth({ deployOptions: { tracingEnabled: false } }).template.hasResourceProperties('AWS::ApiGateway::Stage', { TracingEnabled: false });
  });
});

describe('the default stack', () => {
  test('holds these resources', () => {
    const counts: Record<string, number> = {};
    for (const resource of Object.values<any>(synth().template.toJSON().Resources)) {
      counts[resource.Type] = (counts[resource.Type] ?? 0) + 1;
    }
    expect(counts).toEqual({
      'AWS::IAM::Role': 1,
      'AWS::Lambda::Function': 1,
      'AWS::ApiGateway::RestApi': 1,
      'AWS::ApiGateway::Deployment': 1,
      'AWS::ApiGateway::Stage': 1,
      'AWS::ApiGateway::Resource': 1,
      'AWS::ApiGateway::Method': 2,
      'AWS::Lambda::Permission': 2,
      'AWS::ApiGateway::GatewayResponse': 21,
      'AWS::Logs::LogGroup': 2,
      'AWS::CloudWatch::Alarm': 6,
      'AWS::CloudWatch::CompositeAlarm': 1,
      'AWS::Logs::MetricFilter': 5,
      'AWS::Logs::QueryDefinition': 4,
    });
  });

  test('matches the reviewed snapshot', () => {
    expect(synth().template.toJSON()).toMatchSnapshot();
  });

  test('synthesizes to the same template twice', () => {
    const synthOnce = () => {
      const app = new cdk.App();
      const stack = new cdk.Stack(app, 'S');
      new ResilientLambdaRestApi(stack, 'Api', { handler: newHandler(stack) });
      return JSON.stringify(app.synth().getStackByName('S').template);
    };
    expect(synthOnce()).toBe(synthOnce());
  });
});
