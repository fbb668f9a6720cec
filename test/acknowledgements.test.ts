import * as cdk from 'aws-cdk-lib';
import { accountRoleWildcardAck, acknowledge } from '../src/acknowledgements';

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
