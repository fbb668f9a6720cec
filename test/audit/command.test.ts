import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runCommand } from '../../src/audit/command';
import { gatewayResponse, restApi, stage, template } from '../nag/fixtures';

function run(args: string[]): { code: number; out: string; err: string } {
  let out = '';
  let err = '';
  const code = runCommand(args, { out: (t) => { out += `${t}\n`; }, err: (t) => { err += `${t}\n`; } });
  return { code, out, err };
}

function writeTemplate(name: string, t: unknown): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'audit-'));
  const file = path.join(dir, name);
  fs.writeFileSync(file, typeof t === 'string' ? t : JSON.stringify(t));
  return file;
}

describe('resilient-lambda-rest-api audit', () => {
  test('exits 1 and prints the table when a template has an error', () => {
    const file = writeTemplate('Broken.template.json', template(restApi(), gatewayResponse('INTEGRATION_FAILURE')));
    const { code, out } = run(['audit', file]);
    expect(code).toBe(1);
    expect(out).toContain(`${file}: 1 error(s), 0 warning(s)`);
    expect(out).toMatch(/Error +ResilienceChecks-IntegrationFailureWithoutStatus/);
  });

  test('exits 0 with warnings only, and audits every template given', () => {
    const clean = writeTemplate('Clean.template.json', template(restApi()));
    const warned = writeTemplate('Warned.template.json', template(restApi(), stage()));
    const { code, out } = run(['audit', clean, warned]);
    expect(code).toBe(0);
    expect(out).toContain(`${clean}: 0 error(s), 0 warning(s)\nNo findings.`);
    expect(out).toContain(`${warned}: 0 error(s), 1 warning(s)`);
  });

  test('exits 1 on a file that is not a template, and 2 on bad usage', () => {
    const bad = run(['audit', writeTemplate('bad.json', '{ not json')]);
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/cannot read a CloudFormation template/);
    expect(run(['audit']).code).toBe(2);
    expect(run([]).err).toMatch(/Usage: resilient-lambda-rest-api audit/);
    expect(run(['lint', 'x.json']).err).toMatch(/^the only command is audit/);
    expect(run(['audit', '--format', 'xml', 'x.json'])).toMatchObject({ code: 2, err: expect.stringMatching(/^--format must be one of table, json, sarif; got 'xml'/) });
    expect(run(['audit', '--verbose', 'x.json'])).toMatchObject({ code: 2, err: expect.stringMatching(/^unknown option '--verbose'/) });
    expect(run(['--help'])).toMatchObject({ code: 0, out: expect.stringMatching(/^Usage/) });
    expect(run(['audit', '-h'])).toMatchObject({ code: 0, out: expect.stringMatching(/^Usage/) });
  });

  test('reads YAML with short-form tags', () => {
    const yaml = [
      'Resources:',
      '  Api:',
      '    Type: AWS::ApiGateway::RestApi',
      '    Properties: { Name: orders }',
      '  Failure:',
      '    Type: AWS::ApiGateway::GatewayResponse',
      '    Properties:',
      '      RestApiId: !Ref Api',
      '      ResponseType: INTEGRATION_FAILURE',
    ].join('\n');
    const { code, out } = run(['audit', writeTemplate('api.yaml', yaml)]);
    expect(code).toBe(1);
    expect(out).toMatch(/Error +ResilienceChecks-IntegrationFailureWithoutStatus +Failure/);
  });

  test('--format json writes one array of findings for every template, and nothing else on stdout', () => {
    const broken = writeTemplate('Broken.template.json', template(restApi(), gatewayResponse('INTEGRATION_FAILURE')));
    const warned = writeTemplate('Warned.template.json', template(restApi(), stage()));
    const { code, out } = run(['audit', '--format', 'json', broken, warned]);
    expect(code).toBe(1);
    expect(JSON.parse(out).map((f: any) => [f.template, f.resource, f.level])).toEqual([
      [broken, 'ResponseINTEGRATION_FAILURE', 'Error'],
      [warned, 'Stage', 'Warning'],
    ]);
  });

  test('--format=sarif writes one SARIF log', () => {
    const warned = writeTemplate('Warned.template.json', template(restApi(), stage()));
    const { code, out } = run(['audit', '--format=sarif', warned]);
    expect(code).toBe(0);
    expect(JSON.parse(out)).toMatchObject({ version: '2.1.0', runs: [{ results: [{ ruleId: 'ResilienceChecks-StageWithoutAlarm', level: 'warning' }] }] });
  });
});
