import { DataTraceEnabled } from '../../../src/nag/rules/data-trace-enabled';
import { findings, restApi, stage, template } from '../fixtures';

describe('DataTraceEnabled', () => {
  test('fires on a stage with data trace on', () => {
    expect(findings(DataTraceEnabled, template(restApi(), stage({ MethodSettings: [{ HttpMethod: '*', ResourcePath: '/*', DataTraceEnabled: true }] }))))
      .toEqual(['Stage: stage prod logs request and response bodies']);
  });

  test('fires on a Deployment whose StageDescription turns it on', () => {
    const deployment = { Deployment: { Type: 'AWS::ApiGateway::Deployment', Properties: { RestApiId: { Ref: 'Api' }, StageName: 'v1', StageDescription: { DataTraceEnabled: true } } } };
    expect(findings(DataTraceEnabled, template(restApi(), deployment))).toEqual(['Deployment: stage v1 logs request and response bodies']);
  });

  test('does not fire with data trace off or unset', () => {
    expect(findings(DataTraceEnabled, template(restApi(), stage({ MethodSettings: [{ HttpMethod: '*', ResourcePath: '/*', DataTraceEnabled: false }] }), stage({}, 'Other')))).toEqual([]);
  });
});
