import { spawnSync } from 'child_process';
import * as fs from 'fs';
import { builtinModules } from 'module';
import * as os from 'os';
import * as path from 'path';
import * as ts from 'typescript';
import { gatewayResponse, restApi, stage, template } from '../nag/fixtures';

// The audit command must run where neither aws-cdk-lib nor cdk-nag is installed (`npm i --omit=peer`,
// a CI job that only audits templates): its modules may load Node's own and the bundled `yaml`, nothing else.
const SRC = path.join(__dirname, '..', '..', 'src');
const BUNDLED = ['yaml'];

/** Every module the command loads, from its entry: src files (relative to src/) and packages. */
function moduleGraph(entry: string): { files: string[]; packages: string[] } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) {
      return;
    }
    files.add(file);
    const js = ts.transpileModule(fs.readFileSync(path.join(SRC, file), 'utf8'), { compilerOptions: { module: ts.ModuleKind.CommonJS } }).outputText;
    for (const [, spec] of js.matchAll(/require\(["']([^"']+)["']\)/g)) {
      if (spec.startsWith('.')) {
        const rel = path.relative(SRC, path.resolve(path.dirname(path.join(SRC, file)), spec));
        visit(fs.existsSync(path.join(SRC, `${rel}.ts`)) ? `${rel}.ts` : path.join(rel, 'index.ts'));
      } else {
        packages.add(spec);
      }
    }
  };
  visit(entry);
  return { files: [...files].sort(), packages: [...packages].sort() };
}

/** The command's modules compiled into a folder of their own, with only the bundled dependencies beside them. */
function standaloneCopy(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'audit-standalone-'));
  for (const file of moduleGraph('audit/cli.ts').files) {
    const out = path.join(dir, 'lib', file.replace(/\.ts$/, '.js'));
    fs.mkdirSync(path.dirname(out), { recursive: true });
    const js = ts.transpileModule(fs.readFileSync(path.join(SRC, file), 'utf8'), { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } });
    fs.writeFileSync(out, js.outputText);
  }
  for (const name of BUNDLED) {
    fs.cpSync(path.dirname(require.resolve(`${name}/package.json`)), path.join(dir, 'node_modules', name), { recursive: true });
  }
  return dir;
}

test('the audit command loads only Node built-ins and its bundled dependencies', () => {
  const { files, packages } = moduleGraph('audit/cli.ts');
  expect(files).not.toContain('nag/resilience-checks.ts');
  expect(packages.filter((p) => !builtinModules.includes(p) && !BUNDLED.includes(p))).toEqual([]);
  expect(packages).toContain('yaml');
});

test('the audit command runs with neither aws-cdk-lib nor cdk-nag installed', () => {
  const dir = standaloneCopy();
  const env = { PATH: process.env.PATH };
  for (const peer of ['aws-cdk-lib', 'cdk-nag', 'constructs']) {
    const resolve = spawnSync(process.execPath, ['-e', `require.resolve('${peer}')`], { cwd: path.join(dir, 'lib', 'audit'), encoding: 'utf8', env });
    expect(resolve.stderr).toMatch(/Cannot find module/);
  }
  const file = path.join(dir, 'Api.template.json');
  fs.writeFileSync(file, JSON.stringify(template(restApi(), stage(), gatewayResponse('INTEGRATION_FAILURE'))));
  fs.writeFileSync(path.join(dir, 'api.yaml'), 'Resources:\n  Api:\n    Type: AWS::ApiGateway::RestApi\n  Failure:\n    Type: AWS::ApiGateway::GatewayResponse\n'
    + '    Properties: { RestApiId: !Ref Api, ResponseType: INTEGRATION_FAILURE }\n');
  const yaml = spawnSync(process.execPath, [path.join(dir, 'lib', 'audit', 'cli.js'), 'audit', path.join(dir, 'api.yaml')], { cwd: dir, encoding: 'utf8', env });
  expect(yaml.stdout).toMatch(/Error +ResilienceChecks-IntegrationFailureWithoutStatus +Failure/);
  const run = spawnSync(process.execPath, [path.join(dir, 'lib', 'audit', 'cli.js'), 'audit', '--format', 'json', file], { cwd: dir, encoding: 'utf8', env });
  expect(run.stderr).toBe('');
  expect(run.status).toBe(1);
  expect(JSON.parse(run.stdout).map((f: any) => f.rule).sort()).toEqual(['ResilienceChecks-IntegrationFailureWithoutStatus', 'ResilienceChecks-StageWithoutAlarm']);
  fs.rmSync(dir, { recursive: true, force: true });
});
