// aws-cdk-lib's own template validation (feature flag @aws-cdk/core:validateAgainstDefaultRules, turned
// into errors in every test stack) finds nothing in the default and the fully configured stacks.
// The flag exists from aws-cdk-lib 2.262.0: at the 2.257.0 floor these stacks get only the assertions' own checks.
// This file checks aws-cdk-lib's template validation too: turn it back on (test/jest.setup.ts turns it off).
process.env.CDK_VALIDATION = 'true';

import { Template } from 'aws-cdk-lib/assertions';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as logs from 'aws-cdk-lib/aws-logs';
import { buildDefaultStack, buildFullyConfiguredStack } from './full-config';
import { newHandler, newStack } from './util';

test.each([['default', buildDefaultStack], ['fully configured', buildFullyConfiguredStack]] as const)(
  'the %s stack passes aws-cdk-lib\'s template validation', (_, build) => {
    const stack = newStack();
    build(stack);
    expect(() => Template.fromStack(stack)).not.toThrow();
  },
);

// The validation names it "Circular" (2.262.0 on); before it, the assertions' own check names a "dependency cycle".
test('the validation does fail a stack with the log-group/stage cycle the construct avoids', () => {
  const stack = newStack();
  const api = new apigateway.LambdaRestApi(stack, 'Api', { handler: newHandler(stack) });
  const group = new logs.LogGroup(stack, 'ExecutionLogs', {
    logGroupName: `API-Gateway-Execution-Logs_${api.restApiId}/${api.deploymentStage.stageName}`,
  });
  api.deploymentStage.node.addDependency(group);
  expect(() => Template.fromStack(stack)).toThrow(/Circular|dependency cycle/);
});
