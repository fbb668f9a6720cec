import * as path from 'path';
import * as cdk from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import { ResilientSpecRestApi, ResilientSpecRestApiProps } from '../src';
import { newHandler, newStack, resourcesOf, warningIds } from './util';

// ResilientSpecRestApi on documents shaped like the real ones (test/fixtures/openapi/, written for
// these tests): each adopted without editing it.
const fixture = (name: string) => apigateway.ApiDefinition.fromAsset(path.join(__dirname, 'fixtures', 'openapi', name));

function body(stack: cdk.Stack): any {
  return Object.values(resourcesOf(Template.fromStack(stack), 'AWS::ApiGateway::RestApi'))[0].Body;
}

function integrationOf(doc: any, route: string): any {
  const [method, p] = route.split(' ');
  return doc.paths[p][method === 'ANY' ? 'x-amazon-apigateway-any-method' : method.toLowerCase()]['x-amazon-apigateway-integration'];
}

function api(stack: cdk.Stack, props: Partial<ResilientSpecRestApiProps> & Pick<ResilientSpecRestApiProps, 'apiDefinition'>): ResilientSpecRestApi {
  return new ResilientSpecRestApi(stack, 'Api', props);
}

describe('a Swagger 2 document without operationIds', () => {
  test('binds by route and defaultHandler, without editing the document', () => {
    const stack = newStack();
    const dogs = newHandler(stack, 'Dogs');
    const fallback = newHandler(stack, 'Fallback');
    api(stack, { apiDefinition: fixture('kennel.swagger2.yaml'), integrations: { 'GET /dogs/{dogId}': dogs, 'DELETE /dogs/{dogId}': dogs }, defaultHandler: fallback });
    const doc = body(stack);
    const arnOf = (id: string) => `\${${stack.getLogicalId(stack.node.findChild(id).node.defaultChild as cdk.CfnElement)}.Arn}`;
    expect(JSON.stringify(integrationOf(doc, 'GET /dogs/{dogId}').uri)).toContain(arnOf('Dogs'));
    expect(JSON.stringify(integrationOf(doc, 'DELETE /dogs/{dogId}').uri)).toContain(arnOf('Dogs'));
    for (const route of ['GET /dogs', 'POST /dogs', 'ANY /{proxy+}']) {
      expect(JSON.stringify(integrationOf(doc, route).uri)).toContain(arnOf('Fallback'));
    }
    expect(doc.basePath).toBe('/v2');
  });

  test('a mistyped route gets a suggestion, and nothing is built', () => {
    const stack = newStack();
    const dogs = newHandler(stack, 'Dogs');
    expect(() => api(stack, { apiDefinition: fixture('kennel.swagger2.yaml'), integrations: { 'GET /dogs/{id}': dogs }, defaultHandler: dogs }))
      .toThrow(/'GET \/dogs\/\{id\}' \(did you mean 'GET \/dogs\/\{dogId\}'\?\)/);
    expect(warningIds(stack)).toEqual([]);
  });
});

describe('a SAM-style document with CORS headers on DEFAULT_4XX and DEFAULT_5XX', () => {
  test('every contract type of each class keeps the headers; a type the document customises keeps its own', () => {
    const stack = newStack();
    api(stack, { apiDefinition: fixture('sam-cors.yaml'), integrations: { listNotes: newHandler(stack, 'Notes') } });
    const responses = body(stack)['x-amazon-apigateway-gateway-responses'];
    const origin = (t: string) => responses[t].responseParameters['gatewayresponse.header.Access-Control-Allow-Origin'];
    for (const t of ['ACCESS_DENIED', 'THROTTLED', 'QUOTA_EXCEEDED', 'MISSING_AUTHENTICATION_TOKEN', 'INTEGRATION_TIMEOUT', 'INTEGRATION_FAILURE', 'API_CONFIGURATION_ERROR']) {
      expect(origin(t)).toBe("'https://notes.example'");
    }
    expect(responses.THROTTLED.responseParameters['gatewayresponse.header.Access-Control-Allow-Headers']).toBe("'Content-Type,Authorization'");
    expect(responses.INTEGRATION_TIMEOUT.responseParameters['gatewayresponse.header.Access-Control-Allow-Headers']).toBeUndefined();
    expect(origin('UNAUTHORIZED')).toBe("'https://login.notes.example'");
    expect(responses.UNAUTHORIZED.statusCode).toBe('401');
  });

  test('a quoted $context.error.validationErrorString in the document is refused, naming the document key, the variable and the fix', () => {
    const stack = newStack();
    const fn = newHandler(stack, 'Fn');
    expect(() => api(stack, {
      apiDefinition: apigateway.ApiDefinition.fromInline({
        'openapi': '3.0.1',
        'paths': { '/a': { post: { operationId: 'a' } } },
        'x-amazon-apigateway-gateway-responses': {
          BAD_REQUEST_BODY: {
            statusCode: '400',
            responseTemplates: { 'application/json': '{"message":$context.error.messageString,"errors":"$context.error.validationErrorString"}' },
          },
        },
      }),
      integrations: { a: fn },
    })).toThrow(new RegExp("x-amazon-apigateway-gateway-responses\\.BAD_REQUEST_BODY\\.responseTemplates\\['application/json'\\] is not valid JSON .*" +
      '\\(\\$context\\.error\\.validationErrorString is inside quotes: API Gateway has no quoted form of it.*leave it out of the JSON body'));
  });
});

describe('a console export that keeps its own integrations', () => {
  test('one permission pair per function however many operations name it; a function elsewhere is a warning naming it; SQS is no Lambda', () => {
    const stack = newStack();
    api(stack, { apiDefinition: fixture('console-export.json') });
    const permissions = Object.values(resourcesOf(Template.fromStack(stack), 'AWS::Lambda::Permission'));
    expect(permissions.map((p) => p.FunctionName)).toEqual([
      'arn:aws:lambda:eu-west-1:123456789012:function:inventory-prod-items', 'arn:aws:lambda:eu-west-1:123456789012:function:inventory-prod-items',
    ]);
    expect(warningIds(stack)).toContain('resilient-lambda-rest-api:ownIntegrationOtherEnvironment');
    expect(warningIds(stack)).not.toContain('resilient-lambda-rest-api:ownIntegrationPermission');
    const warnings = cdk.assertions.Annotations.fromStack(stack).findWarning('*', cdk.assertions.Match.stringLikeRegexp('legacy-delete'));
    expect(String(warnings[0].entry.data)).toMatch(/^DELETE|paths\['\/items\/\{sku\}'\]\.delete.* call function arn:aws:lambda:us-east-1:210987654321:function:legacy-delete, outside this stack's region and account \(eu-west-1, 123456789012\)/);
  });

  test('174 operations on one function by ARN get 2 permissions, not 348', () => {
    const stack = newStack();
    const uri = 'arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/arn:aws:lambda:eu-west-1:123456789012:function:big/invocations';
    const paths = Object.fromEntries(Array.from({ length: 174 }, (_, i) => [`/r${i}`, { get: { 'x-amazon-apigateway-integration': { type: 'aws_proxy', httpMethod: 'POST', uri } } }]));
    api(stack, { apiDefinition: apigateway.ApiDefinition.fromInline({ openapi: '3.0.1', paths }) });
    Template.fromStack(stack).resourceCountIs('AWS::Lambda::Permission', 2);
  });

  test('Fn::Sub and stage-variable forms are granted; a stage variable without a value is one warning listing the operations', () => {
    const stack = newStack();
    const items = newHandler(stack, 'Items');
    const itemsId = stack.getLogicalId(items.node.defaultChild as cdk.CfnElement);
    const sub = { 'Fn::Sub': `arn:\${AWS::Partition}:apigateway:\${AWS::Region}:lambda:path/2015-03-31/functions/\${${itemsId}.Arn}/invocations` };
    const staged = (v: string) => `arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/arn:aws:lambda:eu-west-1:123456789012:function:\${stageVariables.${v}}/invocations`;
    const op = (uri: unknown) => ({ get: { 'x-amazon-apigateway-integration': { type: 'aws_proxy', httpMethod: 'POST', uri } } });
    api(stack, {
      apiDefinition: apigateway.ApiDefinition.fromInline({
        openapi: '3.0.1',
        paths: { '/a': op(sub), '/b': op(sub), '/c': op(staged('known')), '/d': op(staged('unknown')), '/e': op(staged('unknown')) },
      }),
      deployOptions: { variables: { known: 'orders-fn' } },
    });
    const names = Object.values(resourcesOf(Template.fromStack(stack), 'AWS::Lambda::Permission')).map((p) => JSON.stringify(p.FunctionName));
    expect(names.filter((n) => n.includes(itemsId))).toHaveLength(2);
    expect(names.filter((n) => n.includes('function:orders-fn'))).toHaveLength(2);
    expect(names).toHaveLength(4);
    const warnings = cdk.assertions.Annotations.fromStack(stack).findWarning('*', cdk.assertions.Match.stringLikeRegexp('cannot name at synth'));
    expect(warnings).toHaveLength(1);
    expect(String(warnings[0].entry.data)).toMatch(/paths\['\/d'\]\.get\['x-amazon-apigateway-integration'\], paths\['\/e'\]/);
  });
});

describe('monitoring is never silently off', () => {
  test('a console export with nothing bound: API alarms, filters, queries, composite alarm; Lambda alarms for its function; a warning for one elsewhere', () => {
    const stack = newStack();
    const created = api(stack, { apiDefinition: fixture('console-export.json'), monitoring: { alarmNamePrefix: 'inventory' } });
    const monitoring = created.monitoring!;
    expect(monitoring.alarms.map((a) => a.node.id)).toEqual(['ServerErrorRate', 'IntegrationLatency', 'IntegrationTimeouts', 'LambdaErrorRate', 'LambdaThrottles']);
    expect(monitoring.unhealthyAlarm).toBeDefined();
    expect(monitoring.failuresByCauseQuery).toBeDefined();
    expect(Object.keys(monitoring.metricFilters).length).toBeGreaterThan(0);
    expect(JSON.stringify(stack.resolve(monitoring.lambdaThrottlesMetric!.dimensions))).toContain('inventory-prod-items');
    const warnings = cdk.assertions.Annotations.fromStack(stack).findWarning('*', cdk.assertions.Match.stringLikeRegexp('functionsNotMonitored'));
    expect(String(warnings[0].entry.data)).toMatch(/no Lambda alarms for function arn:aws:lambda:us-east-1:210987654321:function:legacy-delete \(another region or account\)/);
  });

  test('every function the stack can name gets Lambda alarms, which feed the composite alarm', () => {
    const stack = newStack();
    const dogs = newHandler(stack, 'Dogs');
    const fallback = newHandler(stack, 'Fallback');
    const created = api(stack, { apiDefinition: fixture('kennel.swagger2.yaml'), integrations: { 'GET /dogs/{dogId}': dogs }, defaultHandler: fallback });
    const monitoring = created.monitoring!;
    // Fallback serves four operations: the construct's own Lambda alarms watch it; Dogs gets alarms of its own.
    const fallbackId = stack.getLogicalId(fallback.node.defaultChild as cdk.CfnElement);
    expect(JSON.stringify(stack.resolve(monitoring.lambdaThrottlesMetric!.dimensions))).toContain(fallbackId);
    expect(monitoring.additionalHandlerAlarms.map((a) => a.node.path)).toEqual(['LambdaErrorRate', 'LambdaThrottles', 'LambdaDuration'].map((w) => `TestStack/Api/Monitoring/Function1/${w}`));
    const names = Object.values(resourcesOf(Template.fromStack(stack), 'AWS::CloudWatch::Alarm')).map((a) => a.AlarmName);
    expect(names).toContain('TestStack-Api-prod-Function1-LambdaErrorRate');
    expect(monitoring.alarms).toEqual(expect.arrayContaining(monitoring.additionalHandlerAlarms));
    const composite = Object.values(resourcesOf(Template.fromStack(stack), 'AWS::CloudWatch::CompositeAlarm'))[0];
    expect(JSON.stringify(composite.AlarmRule)).toContain('Function1LambdaErrorRate');
  });

  test('monitoring given with deploy: false is a warning, not silence', () => {
    const stack = newStack();
    api(stack, { apiDefinition: fixture('kennel.swagger2.yaml'), defaultHandler: newHandler(stack, 'Fn'), deploy: false, monitoring: { dashboard: true } });
    expect(warningIds(stack)).toContain('resilient-lambda-rest-api:monitoringWithoutStage');
  });
});

describe('documents API Gateway REST cannot import are refused at synth', () => {
  test.each([
    ['OpenAPI 3.1', 'webhooks.openapi31.yaml', /webhooks\.openapi31\.yaml declares openapi: 3\.1\.0, which API Gateway REST APIs cannot import/],
    ['an HTTP API document', 'http-api.yaml', /http-api\.yaml is written for an API Gateway HTTP API \(x-amazon-apigateway-cors, paths\['\/events'\]\.get\['x-amazon-apigateway-integration'\]\.payloadFormatVersion, .*integrationSubtype/],
  ])('%s', (_name, file, message) => {
    const stack = newStack();
    expect(() => api(stack, { apiDefinition: fixture(file), defaultHandler: newHandler(stack, 'Fn') })).toThrow(message);
  });

  test('an inline document with $refs to other files', () => {
    const stack = newStack();
    expect(() => api(stack, {
      apiDefinition: apigateway.ApiDefinition.fromInline({ openapi: '3.0.3', paths: { '/books': { $ref: 'paths/books.yaml' } } }),
      defaultHandler: newHandler(stack, 'Fn'),
    })).toThrow(/has 1 \$ref to other files or URLs, which API Gateway cannot resolve: #\/paths\/~1books: paths\/books\.yaml\./);
  });
});

describe('a document split across files with $ref', () => {
  test('fromAsset resolves the references to local files into the one document API Gateway imports', () => {
    const stack = newStack();
    api(stack, { apiDefinition: fixture('split/api.yaml'), defaultHandler: newHandler(stack, 'Books') });
    const doc = body(stack);
    expect(JSON.stringify(doc)).not.toMatch(/"\$ref":"(?!#)/);
    expect(integrationOf(doc, 'POST /books').type).toBe('aws_proxy');
    expect(doc.paths['/books'].post.requestBody.content['application/json'].schema.properties.title).toEqual({ type: 'string' });
  });
});

describe('a 1.5 MB generated document', () => {
  /** 400 operations over 3 functions, with the long descriptions and examples of generated documents. */
  function generated(stack: cdk.Stack) {
    const handlers = [0, 1, 2].map((i) => newHandler(stack, `Fn${i}`));
    const paths: Record<string, any> = {};
    for (let i = 0; i < 400; i++) {
      paths[`/resource${i}/{id}`] = { get: { description: `Reads resource ${i}. ${'Generated prose. '.repeat(220)}`, responses: { 200: { description: 'ok' } } } };
    }
    const created = new ResilientSpecRestApi(stack, 'Api', {
      apiDefinition: apigateway.ApiDefinition.fromInline({ openapi: '3.0.1', info: { title: 'generated', version: '1' }, paths }),
      integrations: Object.fromEntries(Array.from({ length: 400 }, (_, i) => [`GET /resource${i}/{id}`, handlers[i % 3]])),
    });
    return { created, handlers };
  }

  test('goes to S3 like plain SpecRestApi, with integration URIs that need no reference (function names from stage variables)', () => {
    const stack = newStack();
    const { handlers } = generated(stack);
    const template = Template.fromStack(stack);
    const restApi = Object.values(resourcesOf(template, 'AWS::ApiGateway::RestApi'))[0];
    expect(restApi.Body).toBeUndefined();
    expect(restApi.BodyS3Location).toBeDefined();
    const stage = Object.values(resourcesOf(template, 'AWS::ApiGateway::Stage'))[0];
    expect(stage.Variables).toEqual(Object.fromEntries(handlers.map((h, i) => [`resilientFunction${i}`, { Ref: stack.getLogicalId(h.node.defaultChild as cdk.CfnElement) }])));
    template.resourceCountIs('AWS::Lambda::Permission', 6);
    expect(JSON.stringify(template.toJSON()).length).toBeLessThan(1_000_000);
    // aws-cdk-lib's own template size check has nothing to say in the same synth.
    expect(cdk.assertions.Annotations.fromStack(stack).findWarning('*', cdk.assertions.Match.stringLikeRegexp('Template size'))).toEqual([]);
  });
});
