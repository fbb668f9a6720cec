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
    expect(wireStage(api, planFor({ deploy: false }), [newHandler(stack)], {})).toEqual({});
  });

  test('without a function to watch, monitors the API all the same: its alarms, filters, queries and composite alarm, no Lambda alarms', () => {
    const stack = newStack();
    const api = new apigateway.RestApi(stack, 'Api', { cloudWatchRole: false });
    api.root.addMethod('GET');
    const wired = wireStage(api, planFor({}), [], {});
    expect(wired.monitoring!.alarms.map((a) => a.node.id)).toEqual(['ServerErrorRate', 'IntegrationLatency', 'IntegrationTimeouts']);
    expect(wired.monitoring!.unhealthyAlarm).toBeDefined();
    expect(Object.keys(wired.monitoring!.metricFilters).length).toBeGreaterThan(0);
    expect(wired.monitoring!.failuresByCauseQuery).toBeDefined();
    expect(wired.monitoring!.lambdaErrorCountMetric).toBeUndefined();
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
