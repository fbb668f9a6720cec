import * as cdk from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { build, defaults } from './support';
import {
  gatedPercentileExpression,
  gatedRateExpression,
  MonitoringAlarm,
  MonitoringOptions,
  planMonitoring,
} from '../../src/monitoring';

test('no dashboard by default', () => {
  defaults.template.resourceCountIs('AWS::CloudWatch::Dashboard', 0);
  expect(defaults.monitoring.dashboard).toBeUndefined();
});

test('public members expose every alarm and metric', () => {
  const m = defaults.monitoring;
  expect(m.alarms).toHaveLength(6);
  const named = [m.serverErrorRateAlarm, m.integrationLatencyAlarm, m.integrationTimeoutAlarm, m.lambdaErrorRateAlarm, m.lambdaThrottlesAlarm];
  expect([...named, m.lambdaDurationAlarm])
    .toEqual(m.alarms);
  expect(m.unhealthyAlarm).toBeDefined();
  expect(m.requestCountMetric.metricName).toBe('Count');
  expect(m.serverErrorCountMetric.metricName).toBe('5XXError');
  expect(m.integrationLatencyMetric.statistic).toBe('p99');
  expect(m.serverErrorRateMetric.expression).toBe(gatedRateExpression(10));
  expect(m.gatedIntegrationLatencyMetric.expression).toBe(gatedPercentileExpression(10));
  expect(m.gatedLambdaDurationMetric!.expression).toBe(gatedPercentileExpression(10));
  expect(m.lambdaConcurrencyMetric!.metricName).toBe('ConcurrentExecutions');
  expect([m.failuresByCauseQuery, m.slowestRequestsQuery, m.timeoutsByPathQuery, m.requestIdQuery].every((q) => q !== undefined)).toBe(true);
});


describe('options', () => {
  test('thresholds are data', () => {
    const { template } = build({
      serverErrorRateThreshold: 0.05,
      minimumRequests: 50,
      integrationLatencyThreshold: 0.5,
      lambdaErrorRateThreshold: 0.02,
      lambdaThrottlesThreshold: 5,
      lambdaDurationThreshold: 0.9,
      alarmNamePrefix: 'orders-prod',
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'orders-prod-ServerErrorRate', Threshold: 0.05, Metrics: Match.arrayWith([Match.objectLike({ Expression: 'IF(total >= 50, FILL(errors, 0) / total, 0)' })]),
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { AlarmName: 'orders-prod-IntegrationLatency', Threshold: 14_500 });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { AlarmName: 'orders-prod-LambdaErrorRate', Threshold: 0.02 });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { AlarmName: 'orders-prod-LambdaThrottles', Threshold: 5 });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { AlarmName: 'orders-prod-LambdaDuration', Threshold: 9_000 });
    template.hasResourceProperties('AWS::Logs::QueryDefinition', { Name: 'orders-prod/FailuresByCause' });
  });

  test('alarms can be switched off one by one; the composite covers the rest', () => {
    const { template, monitoring } = build({ disabledAlarms: [MonitoringAlarm.LAMBDA_THROTTLES, MonitoringAlarm.INTEGRATION_LATENCY] });
    template.resourceCountIs('AWS::CloudWatch::Alarm', 4);
    expect(monitoring.lambdaThrottlesAlarm).toBeUndefined();
    expect(monitoring.integrationLatencyAlarm).toBeUndefined();
    expect(JSON.stringify(template.findResources('AWS::CloudWatch::CompositeAlarm')).match(/ OR /g)).toHaveLength(3);
  });

  test('the function timeout comes from the props where given', () => {
    const { template } = build(undefined, { functionTimeout: cdk.Duration.seconds(20) });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { AlarmName: 'Shop-Api-prod-LambdaDuration', Threshold: 16_000 });
  });

  test('an imported function with no timeout given: no duration alarm, the others stay', () => {
    const { template, monitoring } = build(undefined, { imported: true });
    expect(monitoring.lambdaDurationAlarm).toBeUndefined();
    template.resourceCountIs('AWS::CloudWatch::Alarm', 5);
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'Shop-Api-prod-LambdaThrottles', Dimensions: [{ Name: 'FunctionName', Value: Match.anyValue() }],
    });
  });

  test('no access log group: no filters, timeouts alarm or queries, and a warning', () => {
    const { stack, template, monitoring } = build(undefined, { accessLogGroup: undefined });
    template.resourceCountIs('AWS::Logs::MetricFilter', 0);
    template.resourceCountIs('AWS::Logs::QueryDefinition', 0);
    template.resourceCountIs('AWS::CloudWatch::Alarm', 5);
    expect(monitoring.integrationTimeoutAlarm).toBeUndefined();
    Annotations.fromStack(stack).hasWarning('/Shop/Monitoring', Match.stringLikeRegexp('cannot count failures by cause'));
  });

  test('failure metrics and saved queries can be switched off', () => {
    const { template } = build({ failureMetrics: false, savedQueries: false });
    template.resourceCountIs('AWS::Logs::MetricFilter', 0);
    template.resourceCountIs('AWS::Logs::QueryDefinition', 0);
    template.resourceCountIs('AWS::CloudWatch::Alarm', 5);
    for (const alarm of Object.values(template.findResources('AWS::CloudWatch::Alarm'))) {
      expect(JSON.stringify(alarm.Properties.AlarmDescription)).not.toContain('saved Logs Insights query');
    }
  });

  test('enabled: false creates nothing', () => {
    const { template, monitoring } = build({ enabled: false, dashboard: true });
    for (const type of ['AWS::CloudWatch::Alarm', 'AWS::CloudWatch::CompositeAlarm', 'AWS::Logs::MetricFilter', 'AWS::Logs::QueryDefinition', 'AWS::CloudWatch::Dashboard']) {
      template.resourceCountIs(type, 0);
    }
    expect(monitoring.alarms).toEqual([]);
    expect(monitoring.monthlyCost.maxUsd).toBe(0);
  });

  test('the dashboard, when asked for, draws the timeouts as lines and covers API and function', () => {
    const { template } = build({ dashboard: true });
    const body = JSON.stringify(Object.values(template.findResources('AWS::CloudWatch::Dashboard'))[0].Properties.DashboardBody);
    for (const expected of [
      'Requests', '4XX and 5XX rate', 'Latency p99 against integration latency p99', 'Failures by cause', 'Lambda errors and throttles',
      'Lambda duration p99', 'Lambda concurrent executions',
      '\\"value\\":29000,\\"label\\":\\"Integration timeout\\"', '\\"value\\":10000,\\"label\\":\\"Function timeout\\"',
      'ConcurrentExecutions', 'IntegrationLatency', 'Throttles',
    ]) {
      expect(body).toContain(expected);
    }
  });
});

describe('bad input is an error naming the property and the allowed range', () => {
  test.each<[string, MonitoringOptions, RegExp]>([
    ['error rate above 1', { serverErrorRateThreshold: 1.5 }, /monitoring\.serverErrorRateThreshold must be a fraction from 0 and below 1.*got 1\.5/],
    ['error rate negative', { serverErrorRateThreshold: -0.1 }, /monitoring\.serverErrorRateThreshold must be a fraction from 0/],
    ['error rate given as a percentage', { lambdaErrorRateThreshold: 1 }, /monitoring\.lambdaErrorRateThreshold must be a fraction from 0 and below 1 \(0\.01 is 1 %\); got 1/],
    ['latency share of 0', { integrationLatencyThreshold: 0 }, /monitoring\.integrationLatencyThreshold must be a fraction above 0 and below 1; got 0|monitoring\.integrationLatencyThreshold must be a fraction above 0 and below 1 \(0\.01 is 1 %\); got 0/],
    ['latency share of 1', { integrationLatencyThreshold: 1 }, /monitoring\.integrationLatencyThreshold must be a fraction above 0 and below 1/],
    ['duration share above 1', { lambdaDurationThreshold: 80 }, /monitoring\.lambdaDurationThreshold must be a fraction above 0 and below 1.*got 80/],
    ['minimum requests 0', { minimumRequests: 0 }, /monitoring\.minimumRequests must be a whole number, 1 or more; got 0/],
    ['minimum requests fractional', { minimumRequests: 2.5 }, /monitoring\.minimumRequests must be a whole number, 1 or more; got 2\.5/],
    ['throttles threshold 0', { lambdaThrottlesThreshold: 0 }, /monitoring\.lambdaThrottlesThreshold must be a whole number, 1 or more; got 0/],
    ['a prefix with a slash', { alarmNamePrefix: 'a/b' }, /monitoring\.alarmNamePrefix may hold letters, digits and -_\. only; got 'a\/b'/],
  ])('%s', (_name, options, expected) => {
    expect(() => build(options)).toThrow(expected);
  });

  test('all errors are reported at once', () => {
    const { errors } = planMonitoring({ minimumRequests: 0, serverErrorRateThreshold: 2 }, { hasAccessLogGroup: true, functionTimeoutKnown: true });
    expect(errors).toHaveLength(2);
  });
});

describe('risky but legal choices are warnings', () => {
  test.each<[string, MonitoringOptions, string]>([
    ['latency threshold at the timeout', { integrationLatencyThreshold: 0.97 }, 'integrationLatencyThresholdNearTimeout'],
    ['error rate above 10 %', { serverErrorRateThreshold: 0.2 }, 'highServerErrorRateThreshold'],
  ])('%s', (_name, options, id) => {
    expect(Object.keys(planMonitoring(options, { hasAccessLogGroup: true, functionTimeoutKnown: true }).plan.warnings)).toEqual([id]);
    const { stack } = build(options);
    Annotations.fromStack(stack).hasWarning('/Shop/Monitoring', Match.stringLikeRegexp(`resilient-lambda-rest-api:${id}`));
  });

  test('defaults raise no warning', () => {
    expect(planMonitoring(undefined, { hasAccessLogGroup: true, functionTimeoutKnown: true }).plan.warnings).toEqual({});
    Annotations.fromStack(defaults.stack).hasNoWarning('*', Match.anyValue());
  });
});
