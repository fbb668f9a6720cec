import * as cdk from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { defaults, resolvedLengthAtMost, API_DIMENSIONS, FUNCTION_DIMENSIONS, metricStat } from './support';
import {
  defaultAlarmNamePrefix,
  FAILURE_METRICS_NAMESPACE,
  MonitoringOptions,
  ResilientApiMonitoring,
} from '../../src/monitoring';

describe('every default alarm: metric, dimensions, statistic, threshold, period, datapoints, missing data', () => {
  test.each<[string, { [key: string]: unknown }]>([
    ['Shop-Api-prod-ServerErrorRate', {
      Metrics: [
        { Expression: 'IF(total >= 10, FILL(errors, 0) / total, 0)', ReturnData: true },
        { Id: 'errors', ...metricStat('AWS/ApiGateway', '5XXError', API_DIMENSIONS, 'Sum') },
        { Id: 'total', ...metricStat('AWS/ApiGateway', 'Count', API_DIMENSIONS, 'Sum') },
      ],
      Threshold: 0.01,
      ComparisonOperator: 'GreaterThanThreshold',
      DatapointsToAlarm: 3,
    }],
    ['Shop-Api-prod-IntegrationLatency', {
      Metrics: [
        { Expression: 'IF(samples >= 10, latency, 0)', ReturnData: true },
        { Id: 'latency', ...metricStat('AWS/ApiGateway', 'IntegrationLatency', API_DIMENSIONS, 'p99') },
        { Id: 'samples', ...metricStat('AWS/ApiGateway', 'IntegrationLatency', API_DIMENSIONS, 'SampleCount') },
      ],
      Threshold: 23_200,
      ComparisonOperator: 'GreaterThanThreshold',
      DatapointsToAlarm: 3,
    }],
    ['Shop-Api-prod-IntegrationTimeouts', {
      // API Gateway's timeouts (access log) and the 504s the handler helper answered before them (its EMF metric).
      Metrics: [
        { Expression: 'FILL(timeouts, 0) + FILL(deadlines, 0)', ReturnData: true },
        { Id: 'timeouts', ...metricStat(FAILURE_METRICS_NAMESPACE, 'IntegrationTimeout', [{ Name: 'ApiId', Value: { Ref: Match.stringLikeRegexp('^Api') } }, { Name: 'Stage', Value: 'prod' }], 'Sum') },
        { Id: 'deadlines', ...metricStat(FAILURE_METRICS_NAMESPACE, 'FunctionDeadlines', FUNCTION_DIMENSIONS, 'Sum') },
      ],
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      DatapointsToAlarm: 1,
    }],
    ['Shop-Api-prod-LambdaErrorRate', {
      // Lambda's errors and those the handler helper caught (the function returned the contract's 500).
      Metrics: [
        { Expression: 'IF(total >= 10, (FILL(errors, 0) + FILL(caught, 0)) / total, 0)', ReturnData: true },
        { Id: 'errors', ...metricStat('AWS/Lambda', 'Errors', FUNCTION_DIMENSIONS, 'Sum') },
        { Id: 'caught', ...metricStat(FAILURE_METRICS_NAMESPACE, 'FunctionErrors', FUNCTION_DIMENSIONS, 'Sum') },
        { Id: 'total', ...metricStat('AWS/Lambda', 'Invocations', FUNCTION_DIMENSIONS, 'Sum') },
      ],
      Threshold: 0.01,
      ComparisonOperator: 'GreaterThanThreshold',
      DatapointsToAlarm: 3,
    }],
    ['Shop-Api-prod-LambdaThrottles', {
      Namespace: 'AWS/Lambda',
      MetricName: 'Throttles',
      Dimensions: FUNCTION_DIMENSIONS,
      Statistic: 'Sum',
      Period: 60,
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      DatapointsToAlarm: 3,
    }],
    ['Shop-Api-prod-LambdaDuration', {
      Metrics: [
        { Expression: 'IF(samples >= 10, latency, 0)', ReturnData: true },
        { Id: 'latency', ...metricStat('AWS/Lambda', 'Duration', FUNCTION_DIMENSIONS, 'p99') },
        { Id: 'samples', ...metricStat('AWS/Lambda', 'Duration', FUNCTION_DIMENSIONS, 'SampleCount') },
      ],
      Threshold: 8_000,
      ComparisonOperator: 'GreaterThanThreshold',
      DatapointsToAlarm: 3,
    }],
  ])('%s', (name, expected) => {
    defaults.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: name,
      EvaluationPeriods: 5,
      TreatMissingData: 'notBreaching',
      AlarmActions: Match.absent(),
      OKActions: Match.absent(),
      ...expected,
    });
  });

  test('exactly these six metric alarms and one composite alarm exist', () => {
    const names = Object.values(defaults.template.findResources('AWS::CloudWatch::Alarm')).map((r) => r.Properties.AlarmName).sort();
    expect(names).toEqual([
      'Shop-Api-prod-IntegrationLatency', 'Shop-Api-prod-IntegrationTimeouts', 'Shop-Api-prod-LambdaDuration',
      'Shop-Api-prod-LambdaErrorRate', 'Shop-Api-prod-LambdaThrottles', 'Shop-Api-prod-ServerErrorRate',
    ]);
    defaults.template.resourceCountIs('AWS::CloudWatch::CompositeAlarm', 1);
  });

  test('every alarm has a one-minute period, five evaluation periods and missing data not breaching', () => {
    for (const alarm of Object.values(defaults.template.findResources('AWS::CloudWatch::Alarm'))) {
      const p = alarm.Properties;
      const periods = p.Metrics ? p.Metrics.filter((m: any) => m.MetricStat).map((m: any) => m.MetricStat.Period) : [p.Period];
      expect(periods.every((period: number) => period === 60)).toBe(true);
      expect(p.EvaluationPeriods).toBe(5);
      expect(p.TreatMissingData).toBe('notBreaching');
    }
  });

  test('the composite "unhealthy" alarm fires on any of them', () => {
    const composite = Object.values(defaults.template.findResources('AWS::CloudWatch::CompositeAlarm'))[0];
    expect(composite.Properties.AlarmName).toBe('Shop-Api-prod-Unhealthy');
    const rule = JSON.stringify(composite.Properties.AlarmRule);
    for (const id of Object.keys(defaults.template.findResources('AWS::CloudWatch::Alarm'))) {
      expect(rule).toContain(`"${id}","Arn"`);
    }
    expect(rule.match(/ OR /g)).toHaveLength(5);
    expect(composite.Properties.AlarmActions).toBeUndefined();
    expect(resolvedLengthAtMost(composite.Properties.AlarmDescription)).toBeLessThanOrEqual(1024);
  });

  test('descriptions say what broke and name the access log group, the saved query and the execution log group', () => {
    const expected: { [name: string]: string } = {
      'Shop-Api-prod-ServerErrorRate': 'FailuresByCause',
      'Shop-Api-prod-IntegrationLatency': 'SlowestRequests',
      'Shop-Api-prod-IntegrationTimeouts': 'TimeoutsByPath',
      'Shop-Api-prod-LambdaErrorRate': 'ApiToLambdaRequestId',
      'Shop-Api-prod-LambdaThrottles': 'FailuresByCause',
      'Shop-Api-prod-LambdaDuration': 'SlowestRequests',
    };
    for (const alarm of Object.values(defaults.template.findResources('AWS::CloudWatch::Alarm'))) {
      const description = JSON.stringify(alarm.Properties.AlarmDescription);
      expect(description).toContain(`saved Logs Insights query 'Shop-Api-prod/${expected[alarm.Properties.AlarmName]}'`);
      expect(description).toMatch(/on the access log group ",\{"Ref":"AccessLogs/);
      expect(description).toContain('API-Gateway-Execution-Logs_x/prod');
      expect(resolvedLengthAtMost(alarm.Properties.AlarmDescription)).toBeLessThanOrEqual(1024);
    }
  });
});


describe('actions', () => {
  function withTopic(options: MonitoringOptions = {}) {
    const app = new cdk.App();
    const stack = new cdk.Stack(app, 'Shop');
    const topic = new sns.Topic(stack, 'Topic');
    const handler = new lambda.Function(stack, 'Handler', {
      runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler = async () => ({});'),
    });
    const api = new apigateway.LambdaRestApi(stack, 'Api', { handler, restApiName: 'orders' });
    new ResilientApiMonitoring(stack, 'Monitoring', {
      api,
      stageName: 'prod',
      accessLogGroup: new logs.LogGroup(stack, 'AccessLogs'),
      handler,
      integrationTimeout: cdk.Duration.seconds(29),
      options: { alarmActions: [new actions.SnsAction(topic)], okActions: [new actions.SnsAction(topic)], ...options },
    });
    return Template.fromStack(stack);
  }
  const TOPIC = [{ Ref: Match.stringLikeRegexp('^Topic') }];

  test('go on the composite alarm only, by default: one notification per incident', () => {
    const template = withTopic();
    template.hasResourceProperties('AWS::CloudWatch::CompositeAlarm', { AlarmActions: TOPIC, OKActions: TOPIC });
    for (const alarm of Object.values(template.findResources('AWS::CloudWatch::Alarm'))) {
      expect(alarm.Properties.AlarmActions).toBeUndefined();
      expect(alarm.Properties.OKActions).toBeUndefined();
    }
  });

  test.each<[string, MonitoringOptions, boolean]>([
    ['notifyEachAlarm', { notifyEachAlarm: true }, true],
    ['no composite alarm', { unhealthyAlarm: false }, false],
  ])('go on every alarm with %s', (_name, options, composite) => {
    const template = withTopic(options);
    const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm'));
    expect(alarms).toHaveLength(6);
    for (const alarm of alarms) {
      expect(alarm.Properties.AlarmActions).toEqual([{ Ref: expect.stringMatching(/^Topic/) }]);
      expect(alarm.Properties.OKActions).toEqual([{ Ref: expect.stringMatching(/^Topic/) }]);
    }
    template.resourceCountIs('AWS::CloudWatch::CompositeAlarm', composite ? 1 : 0);
  });
});

test.each<[string, string, string, string]>([
  ['a top-level API', 'Api', 'prod', 'Shop-Api-prod'],
  ['a nested API', 'Service/Orders Api', 'v1', 'Shop-Service-Orders-Api-v1'],
  ['odd characters', 'Api:*', 'prod', 'Shop-Api---prod'],
])('the default name prefix of %s', (_name, path, stageName, expected) => {
  const app = new cdk.App();
  const stack = new cdk.Stack(app, 'Shop');
  const scope = path.split('/').reduce<Construct>((parent, id) => new Construct(parent, id), stack);
  expect(defaultAlarmNamePrefix(scope, stageName)).toBe(expected);
});

test('a Lambda throttle is named as one: INTEGRATION_FAILURE with lambdaStatus 429', () => {
  const byName = Object.fromEntries(Object.values(defaults.template.findResources('AWS::CloudWatch::Alarm'))
    .map((a) => [a.Properties.AlarmName, JSON.stringify(a.Properties.AlarmDescription)]));
  expect(byName['Shop-Api-prod-LambdaThrottles']).toContain('errorType INTEGRATION_FAILURE with lambdaStatus 429, counted as LambdaThrottle');
  expect(byName['Shop-Api-prod-ServerErrorRate']).toContain('a Lambda throttle is INTEGRATION_FAILURE with lambdaStatus 429');
});
