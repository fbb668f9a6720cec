import { Template } from 'aws-cdk-lib/assertions';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import { newHandler, newStack, warningIds } from './util';
import { planCommon } from '../src/plan';
import { InvokeGrants, wireStage } from '../src/wiring';

function planFor(api: apigateway.RestApiBaseProps) {
  return planCommon({ api, location: { stackName: 'TestStack', pathInStack: 'Api', id: 'Api' }, options: {}, timeoutProperty: 'integrationTimeout', functions: {}, corsProperty: 'cors' });
}

describe('wireStage', () => {
  test('wires nothing without a deployment stage', () => {
    const stack = newStack();
    const api = new apigateway.RestApi(stack, 'Api', { deploy: false });
    api.root.addMethod('GET');
    expect(wireStage(api, planFor({ deploy: false }), newHandler(stack), {})).toEqual({});
  });

  test('creates the log groups but no monitoring without a function to watch', () => {
    const stack = newStack();
    const api = new apigateway.RestApi(stack, 'Api', { cloudWatchRole: false });
    api.root.addMethod('GET');
    const wired = wireStage(api, planFor({}), undefined, {});
    expect(wired.monitoring).toBeUndefined();
    expect(wired.accessLogGroup).toBeDefined();
    expect(warningIds(stack)).toContain('resilient-lambda-rest-api:accountCloudWatchRoleNotManaged');
  });
});

describe('InvokeGrants', () => {
  test('grants a function once however often it is granted', () => {
    const stack = newStack();
    const api = new apigateway.RestApi(stack, 'Api', { cloudWatchRole: false });
    api.root.addMethod('GET');
    const fn = newHandler(stack);
    const grants = new InvokeGrants(api, planFor({}));
    grants.grant(fn);
    grants.grant(fn);
    Template.fromStack(stack).resourceCountIs('AWS::Lambda::Permission', 2);
  });
});
