import { Duration } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { functionAlarmPlan, withFunctionAlarms } from '../../src/monitoring/function-alarms';
import { MonitoringAlarm } from '../../src/monitoring/options';
import { planMonitoring } from '../../src/monitoring/plan';
import { newHandler, newStack } from '../util';

const stack = newStack();
const context = { hasAccessLogGroup: true, functionTimeoutKnown: true };

describe('functionAlarmPlan', () => {
  test('asks for the Lambda alarms only; duration only where the function\'s timeout is known', () => {
    const { plan } = planMonitoring(undefined, context);
    expect(functionAlarmPlan(plan, undefined, newHandler(stack, 'Timed', { timeout: Duration.seconds(5) }))).toMatchObject({
      plan: { alarms: [MonitoringAlarm.LAMBDA_ERROR_RATE, MonitoringAlarm.LAMBDA_THROTTLES, MonitoringAlarm.LAMBDA_DURATION] },
      functionTimeoutMs: 5000,
      alarmMetrics: 6,
    });
    const imported = lambda.Function.fromFunctionArn(stack, 'Imported', 'arn:aws:lambda:eu-west-1:123456789012:function:f');
    expect(functionAlarmPlan(plan, undefined, imported).plan.alarms).toEqual([MonitoringAlarm.LAMBDA_ERROR_RATE, MonitoringAlarm.LAMBDA_THROTTLES]);
  });

  test('keeps the alarms the options disable off, and everything off when monitoring is', () => {
    const options = { disabledAlarms: [MonitoringAlarm.LAMBDA_THROTTLES] };
    expect(functionAlarmPlan(planMonitoring(options, context).plan, options, newHandler(stack, 'A')).plan.alarms)
      .toEqual([MonitoringAlarm.LAMBDA_ERROR_RATE, MonitoringAlarm.LAMBDA_DURATION]);
    const off = { enabled: false };
    expect(functionAlarmPlan(planMonitoring(off, context).plan, off, newHandler(stack, 'B'))).toMatchObject({ plan: { alarms: [] }, alarmMetrics: 0 });
  });

  test('the cost counts the metrics of every function\'s alarms', () => {
    const { plan } = planMonitoring(undefined, context);
    const extra = functionAlarmPlan(plan, undefined, newHandler(stack, 'C'));
    expect(withFunctionAlarms(plan.inventory, [extra, extra]).alarmMetrics).toBe(plan.inventory.alarmMetrics + 12);
  });

  test('the stage plan has no Lambda alarms without a function', () => {
    expect(planMonitoring(undefined, { ...context, hasFunction: false }).plan.alarms)
      .toEqual([MonitoringAlarm.SERVER_ERROR_RATE, MonitoringAlarm.INTEGRATION_LATENCY, MonitoringAlarm.INTEGRATION_TIMEOUTS]);
  });
});
