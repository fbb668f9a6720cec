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

  test('exits 1 on a file that is not JSON, and 2 without a template', () => {
    const bad = run(['audit', writeTemplate('bad.json', 'not json')]);
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/cannot read a JSON template/);
    expect(run(['audit']).code).toBe(2);
    expect(run([]).err).toMatch(/^Usage: resilient-lambda-rest-api audit/);
    expect(run(['--help'])).toMatchObject({ code: 0, out: expect.stringMatching(/^Usage/) });
  });
});
