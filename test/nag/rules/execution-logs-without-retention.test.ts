import { ExecutionLogsWithoutRetention } from '../../../src/nag/rules/execution-logs-without-retention';
import { findings, restApi, stage, template } from '../fixtures';

const LOGGING = { MethodSettings: [{ HttpMethod: '*', ResourcePath: '/*', LoggingLevel: 'ERROR' }] };

function logGroup(retention?: number): any {
  return {
    Logs: {
      Type: 'AWS::Logs::LogGroup',
      Properties: { LogGroupName: { 'Fn::Join': ['', ['API-Gateway-Execution-Logs_', { Ref: 'Api' }, '/prod']] }, RetentionInDays: retention },
    },
  };
}

describe('ExecutionLogsWithoutRetention', () => {
  test('fires on execution logging with no managed log group, or one without retention', () => {
    expect(findings(ExecutionLogsWithoutRetention, template(restApi(), stage(LOGGING)))).toEqual(['Stage: no log group API-Gateway-Execution-Logs_${Api}/prod']);
    expect(findings(ExecutionLogsWithoutRetention, template(restApi(), stage(LOGGING), logGroup()))).toEqual(['Stage: log group Logs keeps logs forever (no RetentionInDays)']);
  });

  test('does not fire with the managed group and a retention, nor with logging off', () => {
    expect(findings(ExecutionLogsWithoutRetention, template(restApi(), stage(LOGGING), logGroup(30)))).toEqual([]);
    expect(findings(ExecutionLogsWithoutRetention, template(restApi(), stage()))).toEqual([]);
  });
});
