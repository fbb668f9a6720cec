import * as cdk from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { grantOwnIntegrations, ownIntegrationElsewhereWarning, ownIntegrationPermissionWarning } from '../../src/openapi/own-integration-grants';
import { OwnIntegration } from '../../src/openapi/own-integrations';
import { newStack } from '../util';

const uriOf = (arn: string) => `arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/${arn}/invocations`;
const own = (path: string, uri: unknown, isLambda = true): OwnIntegration => ({ location: path, timeoutMs: 29_000, lambda: isLambda, service: 'lambda', uri });

function grantAll(stack: cdk.Stack, owns: OwnIntegration[], variables: Record<string, string> = {}) {
  const api = new apigateway.SpecRestApi(stack, 'Api', { apiDefinition: apigateway.ApiDefinition.fromInline({ openapi: '3.0.1', paths: {} }) });
  const granted: lambda.IFunction[] = [];
  return { ...grantOwnIntegrations(api, owns, variables, (fn) => granted.push(fn)), granted };
}

describe('grantOwnIntegrations', () => {
  test('grants each function once; skips what is no Lambda', () => {
    const arn = 'arn:aws:lambda:eu-west-1:123456789012:function:f';
    const result = grantAll(newStack(), [own('a', uriOf(arn)), own('b', uriOf(arn)), own('c', 'arn:aws:apigateway:eu-west-1:sqs:path/1/q', false)]);
    expect(result.granted.map((f) => f.functionArn)).toEqual([arn]);
    expect(result.functions).toEqual(result.granted);
    expect(result.warnings).toEqual([]);
  });

  test('cannot tell another environment in an environment-agnostic stack, and grants', () => {
    const stack = new cdk.Stack(new cdk.App(), 'Agnostic');
    const result = grantAll(stack, [own('a', uriOf('arn:aws:lambda:us-east-1:1:function:g'))]);
    expect(result.granted).toHaveLength(1);
    expect(result.warnings).toEqual([]);
  });

  test('fills in a stage variable the stage defines', () => {
    const result = grantAll(newStack(), [own('a', uriOf('arn:aws:lambda:eu-west-1:123456789012:function:${stageVariables.fn}'))], { fn: 'orders' });
    expect(result.granted.map((f) => f.functionArn)).toEqual(['arn:aws:lambda:eu-west-1:123456789012:function:orders']);
  });
});

describe('the warnings', () => {
  test('list at most 10 operations', () => {
    const locations = Array.from({ length: 12 }, (_, i) => `paths['/r${i}'].get`);
    expect(ownIntegrationPermissionWarning(locations).message).toMatch(/^paths\['\/r0'\]\.get, .*paths\['\/r9'\]\.get and 2 more call a Lambda function/);
    expect(ownIntegrationElsewhereWarning('arn:aws:lambda:us-east-1:1:function:g', ['x'], 'eu-west-1', '2').message)
      .toMatch(/^x call function arn:aws:lambda:us-east-1:1:function:g, outside this stack's region and account \(eu-west-1, 2\)/);
  });
});
