import * as cdk from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { accountRoleWildcardAck, acknowledge } from '../src/acknowledgements';
import { cdkVersionAtLeast, FINDING_ACKNOWLEDGEMENT_CDK_VERSION, INSTALLED_CDK_VERSION } from '../src/cdk-version';

test.each<[string, cdk.Environment | undefined, string]>([
  ['a stack with an environment', { account: '111122223333', region: 'us-east-2' }, 'arn:<AWS::Partition>:logs:us-east-2:111122223333:*'],
  ['an environment-agnostic stack', undefined, 'arn:<AWS::Partition>:logs:<AWS::Region>:<AWS::AccountId>:*'],
])('the role finding is named exactly as cdk-nag names it for %s', (_, env, resource) => {
  const stack = new cdk.Stack(new cdk.App(), 'S', { env });
  const ack = accountRoleWildcardAck(stack);
  expect(ack.id).toBe(`AwsSolutions-IAM5[Resource::${resource}]`);
  expect(ack.reason).toMatch(/every REST API in this account and region/);
});

test('acknowledge records the rule and reason on that construct only', () => {
  const stack = new cdk.Stack(new cdk.App(), 'S');
  const target = new cdk.CfnResource(stack, 'Target', { type: 'AWS::SNS::Topic' });
  const other = new cdk.CfnResource(stack, 'Other', { type: 'AWS::SNS::Topic' });
  acknowledge(target, { id: 'Serverless-SomeRule', reason: 'Some reason' });
  const keyed = (c: cdk.CfnResource) => c.node.metadata.filter((m) => m.type === cdk.Validations.ACKNOWLEDGED_RULES_METADATA_KEY);
  expect(JSON.stringify(keyed(target))).toContain('Serverless-SomeRule');
  expect(keyed(other)).toEqual([]);
});

test('an aws-cdk-lib older than 2.269.0 leaves the finding visible and warns, naming both versions', () => {
  const stack = new cdk.Stack(new cdk.App(), 'S', { env: { account: '111122223333', region: 'us-east-2' } });
  const target = new cdk.CfnResource(stack, 'Target', { type: 'AWS::IAM::Role' });
  acknowledge(target, accountRoleWildcardAck(stack), '2.257.0');
  expect(target.node.metadata.filter((m) => m.type === cdk.Validations.ACKNOWLEDGED_RULES_METADATA_KEY)).toEqual([]);
  const warnings = Annotations.fromStack(stack).findWarning('/S/Target', Match.stringLikeRegexp('findingNotAcknowledged'));
  expect(warnings).toHaveLength(1);
  expect(String(warnings[0].entry.data)).toMatch(/aws-cdk-lib 2\.257\.0 cannot acknowledge .*AwsSolutions-IAM5\[Resource::arn:.*2\.269\.0 or newer/);
});

test('a rule-level id is acknowledged on every supported aws-cdk-lib', () => {
  const stack = new cdk.Stack(new cdk.App(), 'S');
  const target = new cdk.CfnResource(stack, 'Target', { type: 'AWS::ApiGateway::Stage' });
  acknowledge(target, { id: 'Serverless-SomeRule', reason: 'Some reason' }, '2.257.0');
  expect(JSON.stringify(target.node.metadata)).toContain('Serverless-SomeRule');
  expect(Annotations.fromStack(stack).findWarning('*', Match.anyValue())).toEqual([]);
});

test(`the installed aws-cdk-lib ${INSTALLED_CDK_VERSION} acknowledges the finding, or warns if it predates 2.269.0`, () => {
  const stack = new cdk.Stack(new cdk.App(), 'S', { env: { account: '111122223333', region: 'us-east-2' } });
  const target = new cdk.CfnResource(stack, 'Target', { type: 'AWS::IAM::Role' });
  acknowledge(target, accountRoleWildcardAck(stack));
  const acknowledged = JSON.stringify(target.node.metadata.filter((m) => m.type === cdk.Validations.ACKNOWLEDGED_RULES_METADATA_KEY));
  const warned = Annotations.fromStack(stack).findWarning('*', Match.anyValue()).length;
  if (cdkVersionAtLeast(INSTALLED_CDK_VERSION, FINDING_ACKNOWLEDGEMENT_CDK_VERSION)) {
    expect([acknowledged.includes('AwsSolutions-IAM5[Resource::'), warned]).toEqual([true, 0]);
  } else {
    expect([acknowledged, warned]).toEqual(['[]', 1]);
  }
});
