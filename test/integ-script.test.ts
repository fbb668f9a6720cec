import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import {
  assertionResults, compareWithSnapshot, INTEG_DIR, integTests, jsonDifferences, normalizeTemplate, snapshotDirOf, templatesOf, writeSnapshot,
} from '../scripts/integ';

const HASH = 'b5c2a7158e57582e84496b24c0499302cec1fd88624535b3dfb629311b3fdc2a';
const OTHER_HASH = 'a'.repeat(64);

function assertionTemplate(hash: string, salt: string, extra: Record<string, unknown> = {}) {
  return {
    Resources: {
      Call: { Type: 'Custom::DeployAssert@HttpCallexample', Properties: { salt, parameters: { url: 'https://x' }, ...extra } },
      Provider: { Type: 'AWS::Lambda::Function', Properties: { Code: { S3Key: `${hash}.zip` } } },
    },
  };
}

/** A minimal cloud assembly: one stack, its asset manifest, the manifests and some files a snapshot drops. */
function assembly(template: any, hash: string, testCases: any = { T: { stacks: ['S'] } }): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'integ-script-test-'));
  fs.writeFileSync(path.join(dir, 'S.template.json'), JSON.stringify(template));
  fs.writeFileSync(path.join(dir, 'S.assets.json'), JSON.stringify({ files: { [hash]: {} } }));
  fs.writeFileSync(path.join(dir, 'S.metadata.json'), '{"trace":"/home/someone/app.ts"}');
  fs.writeFileSync(path.join(dir, 'tree.json'), '{}');
  fs.writeFileSync(path.join(dir, 'cdk.out'), '{"version":"55.0.0"}');
  fs.writeFileSync(path.join(dir, 'integ.json'), JSON.stringify({ version: '55.0.0', testCases }));
  fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify({
    version: '55.0.0',
    artifacts: {
      S: { type: 'aws:cloudformation:stack', properties: { templateFile: 'S.template.json' }, metadata: { '/S': [] }, additionalMetadataFile: 'S.metadata.json' },
    },
  }));
  fs.mkdirSync(path.join(dir, `asset.${hash}.bundle`));
  return dir;
}

describe('scripts/integ', () => {
  test('finds the integ test apps as integ-runner does, and names their snapshots its way', () => {
    expect(integTests()).toContain(path.join(INTEG_DIR, 'integ.failure-lab.ts'));
    expect(integTests().every((f) => /^integ\..*\.ts$/.test(path.basename(f)) && !f.endsWith('.d.ts'))).toBe(true);
    expect(snapshotDirOf('/x/integ.a.ts')).toBe('/x/integ.a.ts.snapshot');
  });

  test('normalizes asset hashes and the assertions\' salt, and nothing else', () => {
    const normalized = normalizeTemplate(assertionTemplate(HASH, '1796121850739'), [HASH]);
    expect(normalized.Resources.Call.Properties).toEqual({ salt: '<salt>', parameters: { url: 'https://x' } });
    expect(normalized.Resources.Provider.Properties.Code.S3Key).toBe('<asset>.zip');
    expect(normalizeTemplate({ Resources: { R: { Type: 'AWS::X', Properties: { salt: 1 } } } }, []).Resources.R.Properties.salt).toBe(1);
  });

  test('lists differences by path', () => {
    expect(jsonDifferences({ a: { b: 1, c: [1] } }, { a: { b: 2, c: [1], d: true } })).toEqual(['a.b: snapshot 1, now 2', 'a.d: new, not in the snapshot']);
    expect(jsonDifferences({ a: 1 }, {})).toEqual(['a: in the snapshot only']);
    expect(jsonDifferences([1], { 0: 1 })).toEqual(['(root): snapshot [1], now {"0":1}']);
    expect(jsonDifferences({ a: [1, 2] }, { a: [1, 2] })).toEqual([]);
  });

  test('finds a fresh synthesis equal to its snapshot despite a new salt and new asset hashes', () => {
    const snapshot = assembly(assertionTemplate(HASH, '1'), HASH);
    const fresh = assembly(assertionTemplate(OTHER_HASH, '2'), OTHER_HASH);
    expect(compareWithSnapshot(snapshot, fresh)).toEqual([]);
  });

  test('reports a changed template, a new or missing stack, and a changed integ manifest', () => {
    const snapshot = assembly(assertionTemplate(HASH, '1'), HASH);
    const changed = assembly(assertionTemplate(HASH, '1', { expected: '{"status":504}' }), HASH, { T: { stacks: ['S', 'S2'] } });
    expect(compareWithSnapshot(snapshot, changed)).toEqual([
      'S.template.json: Resources.Call.Properties.expected: new, not in the snapshot',
      'integ.json: T.stacks.1: new, not in the snapshot',
    ]);
    const manifest = JSON.parse(fs.readFileSync(path.join(changed, 'manifest.json'), 'utf8'));
    manifest.artifacts.S.properties.templateFile = 'Other.template.json';
    fs.copyFileSync(path.join(changed, 'S.template.json'), path.join(changed, 'Other.template.json'));
    fs.writeFileSync(path.join(changed, 'manifest.json'), JSON.stringify(manifest));
    expect(compareWithSnapshot(snapshot, changed).slice(0, 2)).toEqual([
      'Other.template.json: synthesized, not in the snapshot',
      'S.template.json: in the snapshot, no longer synthesized',
    ]);
  });

  test('asks for a snapshot where there is none', () => {
    const fresh = assembly(assertionTemplate(HASH, '1'), HASH);
    expect(compareWithSnapshot(path.join(fresh, 'none'), fresh)).toEqual([expect.stringMatching(/^no snapshot at .*: run 'npx projen integ:snapshot:update'/)]);
  });

  test('writes a snapshot without assets, construct tree or metadata, which compares equal to its source', () => {
    const fresh = assembly(assertionTemplate(HASH, '1'), HASH);
    const snapshot = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'integ-script-test-')), 'integ.x.ts.snapshot');
    writeSnapshot(fresh, snapshot);
    expect(fs.readdirSync(snapshot).sort()).toEqual(['S.assets.json', 'S.template.json', 'cdk.out', 'integ.json', 'manifest.json']);
    const manifest = JSON.parse(fs.readFileSync(path.join(snapshot, 'manifest.json'), 'utf8'));
    expect(manifest.artifacts.S).toEqual({ type: 'aws:cloudformation:stack', properties: { templateFile: 'S.template.json' } });
    expect(Object.keys(templatesOf(snapshot))).toEqual(['S.template.json']);
    expect(compareWithSnapshot(snapshot, fresh)).toEqual([]);
  });

  test('reads the assertion results from the outputs of cdk deploy', () => {
    expect(assertionResults({
      Lab: { ApiUrl: 'https://x' },
      Assert: { AssertionResultsHttpApiCallab: '{"status":"success"}', AssertionResultsAwsApiCallcd: '{"status":"fail","message":"Expected 502 but received 500"}' },
    })).toEqual({
      'Assert.AssertionResultsHttpApiCallab': { status: 'success' },
      'Assert.AssertionResultsAwsApiCallcd': { status: 'fail', message: 'Expected 502 but received 500' },
    });
  });
});
