import * as fs from 'node:fs';
import { loadAwsServiceSpecSync } from '@aws-cdk/aws-service-spec';
import * as cdk from 'aws-cdk-lib';
import { Duration } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sns from 'aws-cdk-lib/aws-sns';
import { InvokePermissionScope, LambdaErrorMapping, ResilientLambdaRestApi } from '../src';
import { buildFullyConfiguredStack } from './full-config';
import { checkTemplate, SchemaFinding, subVariables, validateTemplate } from './support/cfn-schema';
import { newHandler, newStack } from './util';

// The spec database is ~2.6 MB gzipped and takes one to two seconds to load: once per file.
const db = loadAwsServiceSpecSync();

function defaultStack(): cdk.Stack {
  const stack = newStack();
  new ResilientLambdaRestApi(stack, 'Api', { handler: newHandler(stack) });
  return stack;
}

function fullyConfiguredStack(): cdk.Stack {
  const stack = newStack();
  const handler = newHandler(stack, 'Handler', { timeout: Duration.seconds(10) });
  const key = new kms.Key(stack, 'LogKey', { enableKeyRotation: true });
  const topic = new sns.Topic(stack, 'OnCall');
  const api = new ResilientLambdaRestApi(stack, 'Api', {
    handler,
    proxy: false,
    integrationOptions: { proxy: false },
    errorMappings: [LambdaErrorMapping.prefix('NotFound', '404')],
    errorResponses: [
      { type: apigateway.ResponseType.INTEGRATION_TIMEOUT, statusCode: '503', message: 'Busy, retry shortly' },
      { type: apigateway.ResponseType.THROTTLED, responseHeaders: { 'X-Reason': "'throttled'" } },
    ],
    defaultCorsPreflightOptions: { allowOrigins: ['https://app.example'], allowCredentials: true },
    deployOptions: { stageName: 'live', throttlingRateLimit: 200, throttlingBurstLimit: 50 },
    throttledRetryAfter: Duration.seconds(2),
    invokePermissionScope: InvokePermissionScope.ALL_STAGES,
    cloudWatchRole: true,
    logRetention: logs.RetentionDays.THREE_MONTHS,
    logEncryptionKey: key,
    monitoring: { dashboard: true, alarmActions: [new actions.SnsAction(topic)] },
  });
  const orders = api.root.addResource('orders');
  orders.addMethod('GET');
  orders.addMethod('POST');
  orders.addResource('{id}').addMethod('DELETE');
  return stack;
}

/** The template of examples/app.ts, caught from the `app.synth()` it runs when it is loaded. */
async function exampleAppTemplate(): Promise<Record<string, unknown>> {
  const synth = jest.spyOn(cdk.App.prototype, 'synth');
  try {
    // Same module registry as this file, so the spy sees the example's App.
    jest.requireActual('../examples/app');
    const assembly = synth.mock.results[0].value;
    const template = assembly.getStackByName('ResilientApiExample').template;
    fs.rmSync(assembly.directory, { recursive: true, force: true });
    return template;
  } finally {
    synth.mockRestore();
  }
}

describe('synthesized templates against the CloudFormation resource specification', () => {
  test.each([
    ['the default stack', async () => Template.fromStack(defaultStack()).toJSON()],
    ['a fully configured stack', async () => Template.fromStack(fullyConfiguredStack()).toJSON()],
    ['the shared fully configured stack of test/full-config.ts', async () => {
      const stack = newStack();
      buildFullyConfiguredStack(stack);
      return Template.fromStack(stack).toJSON();
    }],
    ['the example app', exampleAppTemplate],
  ])('%s has no findings', async (_name, synthesize) => {
    const template = await synthesize();
    const check = checkTemplate(template, db);
    expect(check.findings).toEqual([]);
    // Guards against a validator that passes because it looked at nothing.
    expect(check.resources).toBeGreaterThan(10);
    expect(check.properties).toBeGreaterThan(50);
    expect(check.types).toEqual(expect.arrayContaining(['AWS::ApiGateway::RestApi', 'AWS::ApiGateway::Stage', 'AWS::Logs::LogGroup']));
  });

  test('the default template, broken in place, has the findings', () => {
    const template = Template.fromStack(defaultStack()).toJSON();
    const [stageId, stageResource] = Object.entries(template.Resources).find(([, r]: [string, any]) => r.Type === 'AWS::ApiGateway::Stage')!;
    const properties = (stageResource as any).Properties;
    properties.MethodSettings[0].LoggingLevel = ['ERROR'];
    const [accessLogsId] = Object.entries(template.Resources).find(([, r]: [string, any]) => r.Type === 'AWS::Logs::LogGroup' && !r.Properties.LogGroupName)!;
    properties.AccessLogSetting.DestinationArn = { 'Fn::GetAtt': [accessLogsId, 'Name'] };
    delete properties.RestApiId;
    expect(validateTemplate(template, db)).toEqual([
      expect.objectContaining({ logicalId: stageId, path: 'Properties.AccessLogSetting.DestinationArn.Fn::GetAtt', message: expect.stringMatching(/has no attribute 'Name'; it has Arn$/) }),
      { logicalId: stageId, type: 'AWS::ApiGateway::Stage', path: 'Properties.RestApiId', message: 'required property is missing' },
      { logicalId: stageId, type: 'AWS::ApiGateway::Stage', path: 'Properties.MethodSettings[0].LoggingLevel', message: 'expected string, got list' },
    ]);
  });
});

/** A template around one resource, next to a function that references can point at. */
function templateWith(resource: Record<string, unknown>, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    Resources: {
      Fn: { Type: 'AWS::Lambda::Function', Properties: { Role: 'arn:aws:iam::123456789012:role/r', Code: { ZipFile: 'x' } } },
      Subject: resource,
    },
    ...extra,
  };
}

const stage = (properties: Record<string, unknown>) => ({ Type: 'AWS::ApiGateway::Stage', Properties: { RestApiId: 'abc', ...properties } });

describe('the validator finds', () => {
  test.each<[string, Record<string, unknown>, Partial<SchemaFinding>]>([
    ['an unknown resource type',
      templateWith({ Type: 'AWS::ApiGateway::RestAPI', Properties: {} }),
      { logicalId: 'Subject', path: 'Type', message: "resource type 'AWS::ApiGateway::RestAPI' is not in the CloudFormation resource specification" }],
    ['an unknown property',
      templateWith(stage({ TracingEnable: true })),
      { path: 'Properties.TracingEnable', message: "unknown property 'TracingEnable'" }],
    ['a property in the wrong case, with a hint',
      templateWith(stage({ tracingEnabled: true })),
      { path: 'Properties.tracingEnabled', message: "unknown property 'tracingEnabled' (did you mean 'TracingEnabled'?)" }],
    ['a missing required property',
      templateWith({ Type: 'AWS::ApiGateway::Stage', Properties: { StageName: 'prod' } }),
      { path: 'Properties.RestApiId', message: 'required property is missing' }],
    ['a missing required property of a nested type',
      templateWith({ Type: 'AWS::Logs::MetricFilter', Properties: { LogGroupName: 'g', FilterPattern: '', MetricTransformations: [{ MetricName: 'm', MetricNamespace: 'n' }] } }),
      { path: 'Properties.MetricTransformations[0].MetricValue', message: 'required property is missing' }],
    ['a string where a boolean belongs',
      templateWith(stage({ TracingEnabled: 'true' })),
      { path: 'Properties.TracingEnabled', message: 'expected boolean, got string "true"' }],
    ['a fraction where an integer belongs',
      templateWith(stage({ MethodSettings: [{ HttpMethod: '*', ResourcePath: '/*', ThrottlingBurstLimit: 2.5 }] })),
      { path: 'Properties.MethodSettings[0].ThrottlingBurstLimit', message: 'expected integer, got number 2.5' }],
    ['a number where a string belongs, nested in a list',
      templateWith(stage({ MethodSettings: [{ HttpMethod: '*', ResourcePath: '/*', LoggingLevel: 1 }] })),
      { path: 'Properties.MethodSettings[0].LoggingLevel', message: 'expected string, got number 1' }],
    ['an object where a list belongs',
      templateWith(stage({ MethodSettings: { HttpMethod: '*' } })),
      { path: 'Properties.MethodSettings', message: 'expected list, got object' }],
    ['a string where a nested type belongs',
      templateWith(stage({ AccessLogSetting: 'arn:aws:logs:eu-west-1:123456789012:log-group:g' })),
      { path: 'Properties.AccessLogSetting', message: expect.stringMatching(/^expected AccessLogSetting object, got string/) }],
    ['an unknown property of a nested type',
      templateWith(stage({ AccessLogSetting: { DestinationARN: 'arn:aws:logs:eu-west-1:123456789012:log-group:g' } })),
      { path: 'Properties.AccessLogSetting.DestinationARN', message: "unknown property 'DestinationARN' (did you mean 'DestinationArn'?)" }],
    ['a list where a map belongs',
      templateWith(stage({ Variables: ['a'] })),
      { path: 'Properties.Variables', message: 'expected map, got list' }],
    ['a wrong map value',
      templateWith(stage({ Variables: { a: true } })),
      { path: 'Properties.Variables.a', message: 'expected string, got boolean true' }],
    ['a malformed tag',
      templateWith(stage({ Tags: [{ Key: 'team' }] })),
      { path: 'Properties.Tags[0].Value', message: 'required property is missing' }],
    ['a string outside the allowed values',
      templateWith({ Type: 'AWS::ApiGateway::Method', Properties: { RestApiId: 'a', ResourceId: 'b', HttpMethod: 'GET', Integration: { Type: 'LAMBDA_PROXY' } } }),
      { path: 'Properties.Integration.Type', message: expect.stringMatching(/^'LAMBDA_PROXY' is not one of .*\bAWS_PROXY\b/) }],
    ['a number outside the allowed values',
      templateWith({ Type: 'AWS::Logs::LogGroup', Properties: { RetentionInDays: 45 } }),
      { path: 'Properties.RetentionInDays', message: expect.stringMatching(/^45 is not one of 1, 3, 5, 7, 14, 30/) }],
    ['a wrong branch of Fn::If',
      templateWith(stage({ TracingEnabled: { 'Fn::If': ['IsProd', true, 'no'] } }), { Conditions: { IsProd: { 'Fn::Equals': ['a', 'a'] } } }),
      { path: 'Properties.TracingEnabled.Fn::If[2]', message: 'expected boolean, got string "no"' }],
    ['a Ref to a missing resource',
      templateWith(stage({ RestApiId: { Ref: 'Missing' } })),
      { path: 'Properties.RestApiId.Ref', message: 'Ref target "Missing" is not a resource, parameter or pseudo parameter' }],
    ['a GetAtt of a missing resource',
      templateWith(stage({ ClientCertificateId: { 'Fn::GetAtt': ['Missing', 'Arn'] } })),
      { path: 'Properties.ClientCertificateId.Fn::GetAtt', message: 'GetAtt target "Missing" is not a resource of the template' }],
    ['a GetAtt of an unknown attribute',
      templateWith(stage({ AccessLogSetting: { DestinationArn: { 'Fn::GetAtt': ['Fn', 'ARN'] } } })),
      { path: 'Properties.AccessLogSetting.DestinationArn.Fn::GetAtt', message: expect.stringMatching(/^'Fn' \(AWS::Lambda::Function\) has no attribute 'ARN'; it has .*\bArn\b/) }],
    ['an Fn::Sub reference to a missing resource',
      templateWith(stage({ Description: { 'Fn::Sub': 'api ${Missing.Arn} in ${AWS::Region}' } })),
      { path: 'Properties.Description.Fn::Sub', message: 'GetAtt target "Missing" is not a resource of the template' }],
    ['a DependsOn a missing id',
      templateWith({ ...stage({}), DependsOn: ['Fn', 'Missing'] }),
      { path: 'DependsOn[1]', message: "DependsOn target 'Missing' is not a resource of the template" }],
    ['a misspelt resource attribute',
      templateWith({ ...stage({}), DeletionPolicy: 'Retain', DependOn: 'Fn' }),
      { path: 'DependOn', message: "unknown resource attribute 'DependOn'" }],
    ['a wrong DeletionPolicy',
      templateWith({ ...stage({}), UpdateReplacePolicy: 'Keep' }),
      { path: 'UpdateReplacePolicy', message: '"Keep" is not one of Delete, Retain, RetainExceptOnCreate, Snapshot' }],
    ['a property named like an Object method',
      templateWith(stage({ constructor: 'x' })),
      { path: 'Properties.constructor', message: "unknown property 'constructor'" }],
    ['a DependsOn named like an Object method',
      templateWith({ ...stage({}), DependsOn: 'toString' }),
      { path: 'DependsOn', message: "DependsOn target 'toString' is not a resource of the template" }],
    ['a custom resource without a ServiceToken',
      templateWith({ Type: 'Custom::Thing', Properties: { Anything: 1 } }),
      { path: 'Properties.ServiceToken', message: 'required property is missing' }],
  ])('%s', (_name, template, finding) => {
    expect(validateTemplate(template, db)).toEqual([expect.objectContaining(finding)]);
  });

  test('a Ref to a missing resource in an output', () => {
    const template = templateWith(stage({}), { Outputs: { Url: { Value: { Ref: 'Nothing' } } } });
    expect(validateTemplate(template, db)).toEqual([
      { logicalId: 'Url', type: 'Output', path: 'Value.Ref', message: 'Ref target "Nothing" is not a resource, parameter or pseudo parameter' },
    ]);
  });
});

describe('the validator accepts', () => {
  test.each<[string, Record<string, unknown>]>([
    ['intrinsics in place of any type', stage({ TracingEnabled: { Ref: 'Flag' }, MethodSettings: { 'Fn::Split': [',', 'a'] }, DeploymentId: { 'Fn::GetAtt': ['Fn', 'Arn'] } })],
    ['AWS::NoValue in a branch of Fn::If', stage({ Description: { 'Fn::If': ['IsProd', 'prod', { Ref: 'AWS::NoValue' }] } })],
    ['a type the property had before (ApiGateway Method RequestParameters as booleans)',
      { Type: 'AWS::ApiGateway::Method', Properties: { RestApiId: 'a', ResourceId: 'b', HttpMethod: 'GET', AuthorizationType: 'NONE', RequestParameters: { 'method.request.path.id': true } } }],
    ['a union member (RestApi Policy as JSON)', { Type: 'AWS::ApiGateway::RestApi', Properties: { Policy: { Version: '2012-10-17', Statement: [] } } }],
    ['pseudo parameters, locals and literals in Fn::Sub', stage({ Description: { 'Fn::Sub': ['${AWS::StackName}-${Fn}-${Fn.Arn}-${Local}-${!Literal}', { Local: 'x' }] } })],
    ['a custom resource with any properties', { Type: 'Custom::Thing', Properties: { ServiceToken: { 'Fn::GetAtt': ['Fn', 'Arn'] }, Anything: [1, { a: 2 }] } }],
  ])('%s', (_name, resource) => {
    const extra = { Parameters: { Flag: { Type: 'String' } }, Conditions: { IsProd: { 'Fn::Equals': ['a', 'a'] } } };
    expect(validateTemplate(templateWith(resource, extra), db)).toEqual([]);
  });

  test('a GetAtt of a custom resource attribute', () => {
    const template = templateWith({ Type: 'Custom::Thing', Properties: { ServiceToken: 'arn' } }, {
      Outputs: { Out: { Value: { 'Fn::GetAtt': ['Subject', 'Whatever'] } } },
    });
    expect(validateTemplate(template, db)).toEqual([]);
  });
});

test.each([
  ['${A}-${B.Arn}', ['A', 'B.Arn']],
  ['${!Literal} and ${ AWS::Region }', ['AWS::Region']],
  ['no variables', []],
])('subVariables(%j)', (text, names) => {
  expect(subVariables(text)).toEqual(names);
});
