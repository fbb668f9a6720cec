import { toBeValidSarifLog } from '@microsoft/jest-sarif';
import { auditTemplate } from '../../src/audit/audit';
import { TemplateReport } from '../../src/audit/report';
import { artifactUri, renderSarifReport } from '../../src/audit/sarif';
import { RESILIENCE_RULES } from '../../src/nag/rules';
import { gatewayResponse, restApi, stage, template } from '../nag/fixtures';

// The published SARIF 2.1.0 schema, as Microsoft's SARIF team ships it in @microsoft/jest-sarif.
expect.extend({ toBeValidSarifLog });
declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace jest {
    interface Matchers<R> {
      toBeValidSarifLog(): R;
    }
  }
}

const BROKEN = template(restApi(), stage(), gatewayResponse('INTEGRATION_FAILURE'));
const TEXT = JSON.stringify(BROKEN, undefined, 1);

function report(file = 'cdk.out/Api.template.json'): TemplateReport {
  return { source: { file, stackName: 'Api', text: TEXT, template: BROKEN }, findings: auditTemplate(BROKEN, 'Api') };
}

describe('renderSarifReport', () => {
  test('writes a log that validates against the SARIF 2.1.0 schema', () => {
    const unreadable: TemplateReport = { source: { file: 'bad.yaml', stackName: 'bad', error: 'cannot read a CloudFormation template' }, findings: [] };
    expect(JSON.parse(renderSarifReport([report(), unreadable]))).toBeValidSarifLog();
    expect(JSON.parse(renderSarifReport([]))).toBeValidSarifLog();
  });

  test('the schema check can fail: a result without a message is refused', () => {
    const log = JSON.parse(renderSarifReport([report()]));
    delete log.runs[0].results[0].message;
    expect(() => expect(log).toBeValidSarifLog()).toThrow();
  });

  test('lists every rule with its help text and level, and locates each result at its resource', () => {
    const log = JSON.parse(renderSarifReport([report()]));
    const run = log.runs[0];
    expect(log.version).toBe('2.1.0');
    expect(run.tool.driver.rules.map((r: any) => r.id)).toEqual(RESILIENCE_RULES.map((r) => `ResilienceChecks-${r.id}`));
    const rule = run.tool.driver.rules.find((r: any) => r.name === 'IntegrationFailureWithoutStatus');
    expect(rule.defaultConfiguration.level).toBe('error');
    expect(rule.help.text).toMatch(/Fix: Set an explicit statusCode/);
    const result = run.results.find((r: any) => r.ruleId === 'ResilienceChecks-IntegrationFailureWithoutStatus');
    expect(run.tool.driver.rules[result.ruleIndex].id).toBe(result.ruleId);
    expect(result.level).toBe('error');
    expect(result.locations[0].physicalLocation.artifactLocation.uri).toBe('cdk.out/Api.template.json');
    expect(TEXT.split('\n')[result.locations[0].physicalLocation.region.startLine - 1]).toMatch(/"ResponseINTEGRATION_FAILURE":/);
    expect(result.locations[0].logicalLocations[0]).toEqual({ name: 'ResponseINTEGRATION_FAILURE', fullyQualifiedName: 'Api/ResponseINTEGRATION_FAILURE', kind: 'resource' });
    expect(run.invocations[0].executionSuccessful).toBe(true);
  });

  test('turns unreadable templates into error notifications of an unsuccessful run', () => {
    const log = JSON.parse(renderSarifReport([{ source: { file: 'bad.yaml', stackName: 'bad', error: 'no' }, findings: [] }]));
    expect(log.runs[0].invocations[0]).toMatchObject({ executionSuccessful: false, toolExecutionNotifications: [{ level: 'error', message: { text: 'bad.yaml: no' } }] });
  });
});

test('artifactUri writes relative paths as they are and absolute ones as file URIs', () => {
  expect(artifactUri('cdk.out/My Stack.template.json')).toBe('cdk.out/My%20Stack.template.json');
  expect(artifactUri('/tmp/a.json')).toBe('file:///tmp/a.json');
});
