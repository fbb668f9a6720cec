import { StageWithoutAlarm } from '../../../src/nag/rules/stage-without-alarm';
import { alarm, findings, restApi, stage, template } from '../fixtures';

describe('StageWithoutAlarm', () => {
  test('fires on a stage no alarm watches', () => {
    expect(findings(StageWithoutAlarm, template(restApi(), stage()))).toEqual(['Stage: stage prod has no alarm on 5XXError or IntegrationLatency']);
  });

  test('fires when the alarms watch another stage, another API or another metric', () => {
    expect(findings(StageWithoutAlarm, template(restApi(), stage(), alarm('5XXError', { ApiName: 'orders', Stage: 'beta' })))).toHaveLength(1);
    expect(findings(StageWithoutAlarm, template(restApi(), stage(), alarm('5XXError', { ApiName: 'other', Stage: 'prod' })))).toHaveLength(1);
    expect(findings(StageWithoutAlarm, template(restApi(), stage(), alarm('Count', { ApiName: 'orders', Stage: 'prod' })))).toHaveLength(1);
  });

  test('does not fire with an alarm on the 5XXError or IntegrationLatency of the stage, also in metric math', () => {
    expect(findings(StageWithoutAlarm, template(restApi(), stage(), alarm('IntegrationLatency', { ApiName: 'orders', Stage: 'prod' })))).toEqual([]);
    const math = {
      Alarm: {
        Type: 'AWS::CloudWatch::Alarm',
        Properties: {
          Metrics: [{ Id: 'e', MetricStat: { Metric: { Namespace: 'AWS/ApiGateway', MetricName: '5XXError', Dimensions: [{ Name: 'ApiName', Value: 'orders' }, { Name: 'Stage', Value: 'prod' }] }, Period: 60, Stat: 'Sum' } }],
        },
      },
    };
    expect(findings(StageWithoutAlarm, template(restApi(), stage(), math))).toEqual([]);
  });

  test('reports a stage whose name is a parameter or an expression, by its logical id', () => {
    expect(findings(StageWithoutAlarm, template(restApi(), stage({ StageName: { Ref: 'StageName' } }))))
      .toEqual(['Stage: stage Stage (named ${StageName}) has no alarm on 5XXError or IntegrationLatency']);
    expect(findings(StageWithoutAlarm, template(restApi(), stage({ StageName: { 'Fn::Sub': '${Env}-api' } }))))
      .toEqual(['Stage: stage Stage (named ${Env}-api) has no alarm on 5XXError or IntegrationLatency']);
  });

  test('is satisfied by an alarm whose Stage dimension is the same expression', () => {
    expect(findings(StageWithoutAlarm, template(restApi(), stage({ StageName: { Ref: 'StageName' } }),
      alarm('5XXError', { ApiName: 'orders', Stage: { Ref: 'StageName' } })))).toEqual([]);
  });

  test('reports a Stage and a canary Deployment with the same StageName once: they are one stage', () => {
    const canary = {
      Canary: {
        Type: 'AWS::ApiGateway::Deployment',
        Properties: { RestApiId: { Ref: 'Api' }, StageName: 'prod', DeploymentCanarySettings: { PercentTraffic: 10 } },
      },
    };
    expect(findings(StageWithoutAlarm, template(restApi(), stage(), canary))).toEqual(['Stage: stage prod has no alarm on 5XXError or IntegrationLatency']);
    const byParameter = { Canary: { ...canary.Canary, Properties: { ...canary.Canary.Properties, StageName: { Ref: 'StageName' } } } };
    expect(findings(StageWithoutAlarm, template(restApi(), stage({ StageName: { Ref: 'StageName' } }), byParameter))).toHaveLength(1);
  });
});

