import { auditTemplate } from '../../src/audit/audit';
import { findingRecords, renderJsonReport } from '../../src/audit/report';
import { gatewayResponse, restApi, template } from '../nag/fixtures';

const BROKEN = template(restApi(), gatewayResponse('INTEGRATION_FAILURE'));

describe('the JSON report', () => {
  test('writes one object per finding: template, resource, line, rule, level, message, fix', () => {
    const text = JSON.stringify(BROKEN, undefined, 1);
    const records = JSON.parse(renderJsonReport([{ source: { file: 'a.json', stackName: 'a', text, template: BROKEN }, findings: auditTemplate(BROKEN) }]));
    expect(records).toEqual([{
      template: 'a.json',
      resource: 'ResponseINTEGRATION_FAILURE',
      line: text.split('\n').findIndex((l) => l.includes('"ResponseINTEGRATION_FAILURE"')) + 1,
      rule: 'ResilienceChecks-IntegrationFailureWithoutStatus',
      level: 'Error',
      message: expect.stringMatching(/^INTEGRATION_FAILURE has no status code: .*\. INTEGRATION_FAILURE customised without a status code changes/),
      fix: expect.stringMatching(/^Set an explicit statusCode/),
    }]);
  });

  test('leaves the line out where the text is not known, and writes an empty array without findings', () => {
    expect(findingRecords([{ source: { file: 'a.json', stackName: 'a', template: BROKEN }, findings: auditTemplate(BROKEN) }])[0].line).toBeUndefined();
    expect(JSON.parse(renderJsonReport([]))).toEqual([]);
  });
});
