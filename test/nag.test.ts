import * as cdk from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as iam from 'aws-cdk-lib/aws-iam';
import { AwsSolutionsChecks, NagPack, ServerlessChecks } from 'cdk-nag';
import { ResilientLambdaRestApi, ResilientSpecRestApi } from '../src';
import { buildDefaultStack, buildFullyConfiguredStack } from './full-config';
import { newHandler, warningIds } from './util';
import { renderAccessLogFormat } from '../src/access-log-format';
import { cdkVersionAtLeast, FINDING_ACKNOWLEDGEMENT_CDK_VERSION, INSTALLED_CDK_VERSION } from '../src/cdk-version';
import { LOG_PUSH_ACTIONS } from '../src/logging';

/** Before aws-cdk-lib 2.269.0 the account role's finding cannot be acknowledged: it stays visible, with a warning. */
const ACKNOWLEDGES_FINDINGS = cdkVersionAtLeast(INSTALLED_CDK_VERSION, FINDING_ACKNOWLEDGEMENT_CDK_VERSION);
const ROLE_FINDING_UNLESS_ACKNOWLEDGED = ACKNOWLEDGES_FINDINGS ? [] : ['AwsSolutions-IAM5'];

/** Findings that are the user's decision: the library must leave them visible. */
const USERS_DECISIONS = ['AwsSolutions-APIG2', 'AwsSolutions-APIG3', 'AwsSolutions-APIG4', 'AwsSolutions-COG4'];
/** The same for an API defined in a document: cdk-nag's authorization rules look at Method resources, which it has none of. */
const SPEC_USERS_DECISIONS = ['AwsSolutions-APIG2', 'AwsSolutions-APIG3'];

function findingsOnTheConstruct(build: (stack: cdk.Stack) => apigateway.RestApiBase, pack: NagPack): string[] {
  const app = new cdk.App();
  const stack = new cdk.Stack(app, 'S', { env: { account: '123456789012', region: 'eu-west-1' } });
  const api = build(stack);
  const report = pack.validateScope(stack);
  const apiPath = `${api.node.path}/`;
  return [...new Set(report.violations
    .filter((v) => v.violatingResources.some((r: any) => String(r.constructPath ?? r.resourceLogicalId).startsWith(apiPath)))
    .map((v) => v.ruleName.replace(/\[.*$/, '')))].sort();
}

describe.each<[string, (stack: cdk.Stack) => ResilientLambdaRestApi, string[]]>([
  ['the default stack', buildDefaultStack, []],
  ['the fully configured stack', buildFullyConfiguredStack, ROLE_FINDING_UNLESS_ACKNOWLEDGED],
])('cdk-nag on %s', (_, build, unacknowledged) => {
  test('AwsSolutions finds only what is the user\'s decision (authorization, WAF, request validation)', () => {
    expect(findingsOnTheConstruct(build, new AwsSolutionsChecks())).toEqual([...USERS_DECISIONS, ...unacknowledged].sort());
  });

  test('Serverless finds nothing on what the construct creates', () => {
    expect(findingsOnTheConstruct(build, new ServerlessChecks())).toEqual([]);
  });
});

describe('cdk-nag on a ResilientSpecRestApi', () => {
  const build = (stack: cdk.Stack) => new ResilientSpecRestApi(stack, 'Api', {
    apiDefinition: apigateway.ApiDefinition.fromInline({ openapi: '3.0.1', paths: { '/orders': { get: { operationId: 'listOrders' } } } }),
    integrations: { listOrders: newHandler(stack) },
  });

  test('AwsSolutions finds only what is the user\'s decision (request validation, WAF: the document holds no methods it could check)', () => {
    expect(findingsOnTheConstruct(build, new AwsSolutionsChecks())).toEqual(SPEC_USERS_DECISIONS);
  });

  test('Serverless finds nothing on what the construct creates', () => {
    expect(findingsOnTheConstruct(build, new ServerlessChecks())).toEqual([]);
  });
});

test('the construct acknowledges one finding, on one resource, and says why (from aws-cdk-lib 2.269.0)', () => {
  const app = new cdk.App();
  const stack = new cdk.Stack(app, 'S', { env: { account: '123456789012', region: 'eu-west-1' } });
  buildFullyConfiguredStack(stack);
  const acknowledged = stack.node.findAll().flatMap((c) => c.node.metadata
    .filter((m) => m.type === cdk.Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
    .flatMap((m) => Object.keys(m.data).map((id) => `${c.node.path} ${id.replace(/^annotation::/i, '')}`)));
  const roleAck = 'S/Api/CloudWatchRole AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:logs:eu-west-1:123456789012:*]';
  expect(acknowledged.sort()).toEqual(ACKNOWLEDGES_FINDINGS ? [roleAck] : []);
  expect(warningIds(stack).filter((id) => id.endsWith(':findingNotAcknowledged'))).toHaveLength(ACKNOWLEDGES_FINDINGS ? 0 : 1);
});

test('the structured-logging rule passes our format without an acknowledgement: every value is quoted, so the format itself is JSON', () => {
  const app = new cdk.App();
  const stack = new cdk.Stack(app, 'S');
  new apigateway.CfnStage(stack, 'Stage', {
    restApiId: 'x', accessLogSetting: { destinationArn: 'arn:aws:logs:eu-west-1:1:log-group:g', format: renderAccessLogFormat() },
  });
  expect(new ServerlessChecks().validateScope(stack).violations.map((v) => v.ruleName)).not.toContain('Serverless-APIGWStructuredLogging');
});

test('without the acknowledgement the wildcard rule fires on the account role\'s policy (the finding is real, the reason explains it)', () => {
  const app = new cdk.App();
  const stack = new cdk.Stack(app, 'S', { env: { account: '123456789012', region: 'eu-west-1' } });
  new iam.Role(stack, 'Role', {
    assumedBy: new iam.ServicePrincipal('apigateway.amazonaws.com'),
    inlinePolicies: { PushLogs: new iam.PolicyDocument({ statements: [new iam.PolicyStatement({ actions: LOG_PUSH_ACTIONS, resources: ['arn:aws:logs:eu-west-1:123456789012:*'] })] }) },
  });
  expect(new AwsSolutionsChecks().validateScope(stack).violations.map((v) => v.ruleName.replace(/\[.*$/, ''))).toContain('AwsSolutions-IAM5');
});

test('an environment-agnostic stack acknowledges the finding as cdk-nag names it there', () => {
  const app = new cdk.App();
  const stack = new cdk.Stack(app, 'S');
  new ResilientLambdaRestApi(stack, 'Api', { handler: newHandler(stack), cloudWatchRole: true });
  const violations = new AwsSolutionsChecks().validateScope(stack).violations.map((v) => v.ruleName);
  const roleFinding = violations.filter((v) => v.startsWith('AwsSolutions-IAM5') && !v.includes('AWSLambdaBasicExecutionRole'));
  if (ACKNOWLEDGES_FINDINGS) {
    expect(roleFinding).toEqual([]);
  } else {
    // The warning names the finding exactly as cdk-nag reports it.
    expect(roleFinding).toEqual(['AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:logs:<AWS::Region>:<AWS::AccountId>:*]']);
    const warnings = Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('findingNotAcknowledged'));
    expect(warnings.map((w) => String(w.entry.data))).toEqual([expect.stringContaining(roleFinding[0])]);
  }
});
