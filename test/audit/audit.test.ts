import * as cdk from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import { ResilienceChecks } from '../../src';
import { auditExitCode, auditTemplate, renderAuditTable } from '../../src/audit/audit';
import { gatewayResponse, restApi, stage, template } from '../nag/fixtures';
import { newHandler } from '../util';

const BROKEN = template(restApi(), stage(), gatewayResponse('INTEGRATION_FAILURE'), gatewayResponse('DEFAULT_5XX', { StatusCode: '500' }));

describe('auditTemplate', () => {
  test('runs every rule over every resource', () => {
    expect(auditTemplate(BROKEN).map((f) => `${f.level} ${f.rule} ${f.logicalId}`).sort()).toEqual([
      'Error ResilienceChecks-IntegrationFailureWithoutStatus ResponseINTEGRATION_FAILURE',
      'Warning ResilienceChecks-FallbackStatusCode ResponseDEFAULT_5XX',
      'Warning ResilienceChecks-StageWithoutAlarm Stage',
    ]);
  });

  test("leaves out what a resource acknowledges in cdk-nag's template metadata", () => {
    const acknowledged = template(BROKEN.Resources!, {
      Stage: { ...BROKEN.Resources!.Stage, Metadata: { cdk_nag: { rules_to_suppress: [{ id: 'ResilienceChecks-StageWithoutAlarm', reason: 'watched elsewhere' }] } } },
    });
    expect(auditTemplate(acknowledged).map((f) => f.rule)).not.toContain('ResilienceChecks-StageWithoutAlarm');
  });

  test('honours acknowledgements the pack writes into the template (writeSuppressionsToCloudFormation)', () => {
    const app = new cdk.App();
    const stack = new cdk.Stack(app, 'S');
    const api = new apigateway.LambdaRestApi(stack, 'Api', { handler: newHandler(stack) });
    cdk.Validations.of(api.deploymentStage).acknowledge({ id: 'ResilienceChecks-StageWithoutAlarm', reason: 'watched elsewhere' });
    new ResilienceChecks(app, { writeSuppressionsToCloudFormation: true });
    const written = app.synth().getStackByName('S').template;
    expect(auditTemplate(written, 'S')).toEqual([]);
  });

  test('finds nothing in an empty template', () => {
    expect(auditTemplate({})).toEqual([]);
  });
});

describe('renderAuditTable', () => {
  test('lists errors first, then what each rule means', () => {
    const lines = renderAuditTable(auditTemplate(BROKEN)).split('\n');
    expect(lines[0]).toMatch(/^Level +Rule +Resource +Finding$/);
    expect(lines[2]).toMatch(/^Error +ResilienceChecks-IntegrationFailureWithoutStatus +ResponseINTEGRATION_FAILURE +INTEGRATION_FAILURE has no status code/);
    expect(lines).toContain('');
    expect(lines.some((l) => l.startsWith('ResilienceChecks-FallbackStatusCode: A status code on DEFAULT_4XX'))).toBe(true);
  });

  test('says so when there is nothing', () => {
    expect(renderAuditTable([])).toBe('No findings.');
  });
});

test('the exit code is 1 on errors, 0 on warnings only', () => {
  expect(auditExitCode(auditTemplate(BROKEN))).toBe(1);
  expect(auditExitCode(auditTemplate(template(restApi(), stage())))).toBe(0);
});
