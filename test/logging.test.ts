import * as cdk from 'aws-cdk-lib';
import { RemovalPolicy } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import { ResilientLambdaRestApi } from '../src';
import { newHandler, newStack, resourcesOf, warningIds } from './util';
import { renderAccessLogFormat } from '../src/access-log-format';
import { executionLogGroupName, LOG_PUSH_ACTIONS } from '../src/logging';

function synth(props: Partial<import('../src').ResilientLambdaRestApiProps> = {}) {
  const stack = newStack();
  const api = new ResilientLambdaRestApi(stack, 'Api', { handler: newHandler(stack), ...props });
  return { stack, api, template: Template.fromStack(stack) };
}

test('executionLogGroupName', () => {
  expect(executionLogGroupName('abc123', 'prod')).toBe('API-Gateway-Execution-Logs_abc123/prod');
});

describe('execution logs', () => {
  test('the group API Gateway writes to is created with a month of retention, kept on delete, before the stage', () => {
    const { template, api } = synth();
    const [groupId] = Object.keys(template.findResources('AWS::Logs::LogGroup', {
      Properties: { LogGroupName: { 'Fn::Join': ['', ['API-Gateway-Execution-Logs_', { Ref: Match.anyValue() }, '/prod']] } },
    }));
    expect(groupId).toBeDefined();
    template.hasResource('AWS::Logs::LogGroup', {
      Properties: { LogGroupName: Match.anyValue(), RetentionInDays: 30 },
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
    template.hasResource('AWS::ApiGateway::Stage', { DependsOn: Match.arrayWith([groupId]) });
    expect(api.executionLogGroup).toBeDefined();
  });

  test('ERROR level, no data trace, no detailed (per-method) metrics, tracing on', () => {
    synth().template.hasResourceProperties('AWS::ApiGateway::Stage', {
      TracingEnabled: true,
      MethodSettings: [{ HttpMethod: '*', ResourcePath: '/*', LoggingLevel: 'ERROR', DataTraceEnabled: false, MetricsEnabled: false }],
    });
  });

  test('no execution log group when execution logging is off', () => {
    const { template, api } = synth({ deployOptions: { loggingLevel: apigateway.MethodLoggingLevel.OFF } });
    template.resourceCountIs('AWS::Logs::LogGroup', 1);
    expect(api.executionLogGroup).toBeUndefined();
  });

  test('retention, removal policy and KMS key are the user\'s choice', () => {
    const stack = newStack();
    const key = new kms.Key(stack, 'Key');
    new ResilientLambdaRestApi(stack, 'Api', {
      handler: newHandler(stack), logRetention: logs.RetentionDays.ONE_YEAR, logRemovalPolicy: RemovalPolicy.DESTROY, logEncryptionKey: key,
    });
    const groups = Template.fromStack(stack).findResources('AWS::Logs::LogGroup');
    expect(Object.values(groups)).toHaveLength(2);
    for (const group of Object.values(groups)) {
      expect(group).toMatchObject({
        DeletionPolicy: 'Delete',
        Properties: { RetentionInDays: 365, KmsKeyId: { 'Fn::GetAtt': [expect.stringMatching(/^Key/), 'Arn'] } },
      });
    }
  });
});

describe('migrating an API whose execution logs API Gateway already created', () => {
  // The README's way through: `cdk import --force` with the group's name, which needs the name to
  // resolve to the existing API's group and the group to have a DeletionPolicy.
  function logicalIdsOf(stack: cdk.Stack, type: string): string[] {
    return Object.keys(Template.fromStack(stack).findResources(type));
  }

  test('the RestApi and its stage keep aws-cdk-lib\'s logical ids, so the group\'s name resolves to the existing API\'s group', () => {
    const before = newStack();
    new apigateway.LambdaRestApi(before, 'Api', { handler: newHandler(before) });
    const after = newStack();
    new ResilientLambdaRestApi(after, 'Api', { handler: newHandler(after) });
    expect(logicalIdsOf(after, 'AWS::ApiGateway::RestApi')).toEqual(logicalIdsOf(before, 'AWS::ApiGateway::RestApi'));
    expect(logicalIdsOf(after, 'AWS::ApiGateway::Stage')).toEqual(logicalIdsOf(before, 'AWS::ApiGateway::Stage'));
  });

  test.each([
    ['the default stage, kept on delete', {}, '/prod', 'Retain'],
    ['a stage of the user\'s, deleted with the stack', { deployOptions: { stageName: 'v1' }, logRemovalPolicy: RemovalPolicy.DESTROY }, '/v1', 'Delete'],
  ])('%s: the name is the API id and the literal stage name, and the group has a DeletionPolicy (resource import needs one)', (_, props, suffix, policy) => {
    const { template } = synth(props);
    const [restApiId] = Object.keys(template.findResources('AWS::ApiGateway::RestApi'));
    const groups = template.findResources('AWS::Logs::LogGroup', {
      Properties: { LogGroupName: { 'Fn::Join': ['', ['API-Gateway-Execution-Logs_', { Ref: restApiId }, suffix]] } },
    });
    expect(Object.values(groups)).toEqual([expect.objectContaining({ DeletionPolicy: policy, UpdateReplacePolicy: policy })]);
  });

  test('the name is not static, which is why CloudFormation\'s automatic import (--import-existing-resources) cannot adopt the group', () => {
    const { template } = synth();
    const names = Object.values(resourcesOf(template, 'AWS::Logs::LogGroup')).map((g) => g.LogGroupName).filter((n) => n !== undefined);
    expect(names).toHaveLength(1);
    expect(typeof names[0]).not.toBe('string');
  });
});

describe('access logs', () => {
  test('go to their own group in the JSON format that names failures', () => {
    const { template, api } = synth();
    template.hasResourceProperties('AWS::ApiGateway::Stage', {
      AccessLogSetting: { DestinationArn: Match.anyValue(), Format: renderAccessLogFormat() },
    });
    expect(api.accessLogGroup).toBeDefined();
  });

  test('the destination is the ARN API Gateway stores, without the log group Arn attribute\'s trailing :*', () => {
    const { template } = synth();
    const [groupId] = Object.keys(template.findResources('AWS::Logs::LogGroup', { Properties: { LogGroupName: Match.absent() } }));
    const [stage] = Object.values(resourcesOf(template, 'AWS::ApiGateway::Stage'));
    // A GetAtt Arn would resolve to arn:...:log-group:NAME:*, which drift detection reports as changed.
    expect(stage.AccessLogSetting.DestinationArn).toEqual({
      'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':logs:eu-west-1:123456789012:log-group:', { Ref: groupId }]],
    });
    expect(JSON.stringify(stage.AccessLogSetting.DestinationArn)).not.toContain(':*');
  });

  test('a destination of the user\'s own is kept, with our format, and no group is created', () => {
    const stack = newStack();
    const own = new logs.LogGroup(stack, 'Own');
    const api = new ResilientLambdaRestApi(stack, 'Api', {
      handler: newHandler(stack), deployOptions: { accessLogDestination: new apigateway.LogGroupLogDestination(own) },
    });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::ApiGateway::Stage', {
      AccessLogSetting: { DestinationArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Own'), 'Arn'] }, Format: renderAccessLogFormat() },
    });
    expect(api.accessLogGroup).toBeUndefined();
  });
});

describe('the account\'s CloudWatch Logs role', () => {
  test('is not managed by default, and a warning says so', () => {
    const { template, stack } = synth();
    template.resourceCountIs('AWS::ApiGateway::Account', 0);
    template.resourceCountIs('AWS::IAM::Role', 1);
    expect(warningIds(stack)).toContain('resilient-lambda-rest-api:accountCloudWatchRoleNotManaged');
  });

  test('no warning when nothing is logged', () => {
    const stack = newStack();
    new ResilientLambdaRestApi(stack, 'Api', { handler: newHandler(stack), deploy: false, proxy: false }).root.addMethod('GET');
    expect(warningIds(stack)).not.toContain('resilient-lambda-rest-api:accountCloudWatchRoleNotManaged');
  });

  test('cloudWatchRole: true creates it with only the actions pushing logs needs, kept on delete', () => {
    const { template, stack } = synth({ cloudWatchRole: true });
    template.resourceCountIs('AWS::ApiGateway::Account', 1);
    const roles = resourcesOf(template, 'AWS::IAM::Role');
    const [roleId, role] = Object.entries(roles).find(([, r]) => r.AssumeRolePolicyDocument.Statement[0].Principal.Service === 'apigateway.amazonaws.com')!;
    expect(role.ManagedPolicyArns).toBeUndefined();
    expect(role.Policies[0].PolicyDocument.Statement).toEqual([{
      Action: LOG_PUSH_ACTIONS,
      Effect: 'Allow',
      Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':logs:eu-west-1:123456789012:*']] },
    }]);
    template.hasResource('AWS::ApiGateway::Account', {
      Properties: { CloudWatchRoleArn: { 'Fn::GetAtt': [roleId, 'Arn'] } }, DeletionPolicy: 'Retain',
    });
    const [accountId] = Object.keys(template.findResources('AWS::ApiGateway::Account'));
    template.hasResource('AWS::ApiGateway::Stage', { DependsOn: Match.arrayWith([accountId]) });
    expect(warningIds(stack)).not.toContain('resilient-lambda-rest-api:accountCloudWatchRoleNotManaged');
  });

  test('its removal policy is the user\'s', () => {
    synth({ cloudWatchRole: true, cloudWatchRoleRemovalPolicy: RemovalPolicy.DESTROY })
      .template.hasResource('AWS::ApiGateway::Account', { DeletionPolicy: 'Delete' });
  });

  test('aws-cdk-lib\'s own role with the broader managed policy is never created', () => {
    const { template } = synth({ cloudWatchRole: true });
    expect(JSON.stringify(template.toJSON())).not.toContain('AmazonAPIGatewayPushToCloudWatchLogs');
  });
});
