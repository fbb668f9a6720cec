import * as cdk from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as sns from 'aws-cdk-lib/aws-sns';
import { AlarmFactory, alarmName, fitDescription, MAX_DESCRIPTION_LENGTH, Sensitivity } from '../../src/monitoring/alarm-factory';

const METRIC = new cloudwatch.Metric({ namespace: 'Test', metricName: 'Things', statistic: 'Sum', period: cdk.Duration.minutes(5) });

function factory(actionsOnMetricAlarms: boolean, withActions = true) {
  const stack = new cdk.Stack();
  const topic = new sns.Topic(stack, 'Topic');
  const f = new AlarmFactory(stack, {
    namePrefix: 'Shop-Api-prod',
    alarmActions: withActions ? [new actions.SnsAction(topic)] : [],
    okActions: withActions ? [new actions.SnsAction(topic)] : [],
    actionsOnMetricAlarms,
  });
  return { stack, f };
}

test.each<[string, string, string]>([
  ['Shop-Api-prod', 'ServerErrorRate', 'Shop-Api-prod-ServerErrorRate'],
  ['x', 'Unhealthy', 'x-Unhealthy'],
])('alarmName(%s, %s) is %s', (prefix, what, expected) => {
  expect(alarmName(prefix, what)).toBe(expected);
});

test.each<[string, string, number]>([
  ['short text is kept', 'Something broke.', 'Something broke.'.length],
  ['long text is cut to the limit', 'x'.repeat(2000), MAX_DESCRIPTION_LENGTH],
  ['text at the limit is kept', 'y'.repeat(MAX_DESCRIPTION_LENGTH), MAX_DESCRIPTION_LENGTH],
])('fitDescription: %s', (_name, text, length) => {
  expect(fitDescription(text)).toHaveLength(length);
});

test('fitDescription leaves a description with tokens whole', () => {
  const withToken = `${'x'.repeat(2000)}${cdk.Lazy.string({ produce: () => 'name' })}`;
  expect(fitDescription(withToken)).toBe(withToken);
});

test('every alarm gets the same period, evaluation periods, missing-data treatment and name scheme', () => {
  const { stack, f } = factory(true);
  f.alarm({ what: 'Trend', metric: METRIC, threshold: 3, comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD, sensitivity: Sensitivity.TREND, description: 'd' });
  f.alarm({ what: 'Any', metric: METRIC, threshold: 1, comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD, sensitivity: Sensitivity.ANY, description: 'd' });
  const template = Template.fromStack(stack);
  template.hasResourceProperties('AWS::CloudWatch::Alarm', {
    AlarmName: 'Shop-Api-prod-Trend', Period: 60, EvaluationPeriods: 5, DatapointsToAlarm: 3, TreatMissingData: 'notBreaching', Threshold: 3,
  });
  template.hasResourceProperties('AWS::CloudWatch::Alarm', {
    AlarmName: 'Shop-Api-prod-Any', Period: 60, EvaluationPeriods: 5, DatapointsToAlarm: 1, TreatMissingData: 'notBreaching', Threshold: 1,
  });
});

test('actions go on metric alarms only when asked, and always on composite alarms', () => {
  const { stack, f } = factory(false);
  const a = f.alarm({ what: 'A', metric: METRIC, threshold: 1, comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD, sensitivity: Sensitivity.TREND, description: 'd' });
  f.anyOf('Unhealthy', [a], 'd');
  const template = Template.fromStack(stack);
  template.hasResourceProperties('AWS::CloudWatch::Alarm', { AlarmName: 'Shop-Api-prod-A', AlarmActions: Match.absent(), OKActions: Match.absent() });
  template.hasResourceProperties('AWS::CloudWatch::CompositeAlarm', {
    AlarmName: 'Shop-Api-prod-Unhealthy',
    AlarmActions: [{ Ref: Match.stringLikeRegexp('Topic') }],
    OKActions: [{ Ref: Match.stringLikeRegexp('Topic') }],
  });
});

test('no actions given: no actions anywhere', () => {
  const { stack, f } = factory(true, false);
  const a = f.alarm({ what: 'A', metric: METRIC, threshold: 1, comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD, sensitivity: Sensitivity.TREND, description: 'd' });
  f.anyOf('Unhealthy', [a], 'd');
  const template = Template.fromStack(stack);
  template.hasResourceProperties('AWS::CloudWatch::Alarm', { AlarmActions: Match.absent(), OKActions: Match.absent() });
  template.hasResourceProperties('AWS::CloudWatch::CompositeAlarm', { AlarmActions: Match.absent(), OKActions: Match.absent() });
});
