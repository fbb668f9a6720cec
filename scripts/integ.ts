// The integ tests of test/integ (integ.*.ts apps written with @aws-cdk/integ-tests-alpha, in aws-cdk's
// layout: the snapshot of integ.NAME.ts is integ.NAME.ts.snapshot/), run the way integ-runner runs them.
// integ-runner itself cannot: its newest release (2.197.10) reads cloud assemblies up to schema 53 and
// aws-cdk-lib 2.276 writes schema 55, so it fails on every snapshot and every deploy. This script does
// its two jobs with the aws-cdk CLI of this project:
//
//   snapshot           synthesize each app and compare its templates with the committed snapshot (no AWS)
//   snapshot --update  rewrite the committed snapshots from a fresh synthesis
//   deploy [--no-clean] deploy each app with your credentials, print every assertion result, destroy
//
// Like integ-runner, the comparison ignores asset hashes; it also ignores the `salt` that
// integ-tests-alpha writes into each assertion (Date.now() at synthesis, so it differs on every run).
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

export const INTEG_DIR = path.join(__dirname, '..', 'test', 'integ');
const ROOT = path.join(__dirname, '..');

/** The integ test apps in a directory, as integ-runner's TypeScript preset finds them. */
export function integTests(dir: string = INTEG_DIR): string[] {
  return fs.readdirSync(dir).filter((f) => /^integ\..*(?<!\.d)\.ts$/.test(f)).sort().map((f) => path.join(dir, f));
}

/** Where a test's snapshot lives (integ-runner's naming). */
export function snapshotDirOf(testFile: string): string {
  return `${testFile}.snapshot`;
}

/** Synthesizes one integ app into a directory, as the CDK CLI would run it. */
export function synthesize(testFile: string, outDir: string): void {
  fs.rmSync(outDir, { recursive: true, force: true });
  const result = spawnSync(process.execPath, [require.resolve('ts-node/dist/bin'), '--prefer-ts-exts', testFile], {
    cwd: ROOT,
    env: { ...process.env, CDK_OUTDIR: outDir, TS_NODE_TRANSPILE_ONLY: 'true' },
    encoding: 'utf8',
  });
  if (result.status !== 0) {
    throw new Error(`synthesizing ${path.relative(ROOT, testFile)} failed:\n${result.stdout}${result.stderr}`);
  }
}

/** The files of an assembly a snapshot keeps: templates, asset manifests, the manifests. */
function snapshotFiles(assemblyDir: string): string[] {
  return fs.readdirSync(assemblyDir).filter((f) => /\.(template|assets)\.json$/.test(f) || ['manifest.json', 'integ.json', 'cdk.out'].includes(f)).sort();
}

/** The stack templates of an assembly, by template file name. */
export function templatesOf(assemblyDir: string): { [file: string]: any } {
  const manifest = JSON.parse(fs.readFileSync(path.join(assemblyDir, 'manifest.json'), 'utf8'));
  const templates: { [file: string]: any } = {};
  for (const artifact of Object.values<any>(manifest.artifacts ?? {})) {
    if (artifact.type === 'aws:cloudformation:stack') {
      const file = artifact.properties.templateFile;
      templates[file] = JSON.parse(fs.readFileSync(path.join(assemblyDir, file), 'utf8'));
    }
  }
  return templates;
}

/** The asset ids (content hashes) of an assembly. */
function assetIdsOf(assemblyDir: string): string[] {
  return fs.readdirSync(assemblyDir).filter((f) => f.endsWith('.assets.json')).flatMap((f) => {
    const assets = JSON.parse(fs.readFileSync(path.join(assemblyDir, f), 'utf8'));
    return [...Object.keys(assets.files ?? {}), ...Object.keys(assets.dockerImages ?? {})];
  });
}

/**
 * A template in a form that compares equal across syntheses of the same app: asset hashes become
 * `<asset>` and the assertions' per-synthesis `salt` becomes `<salt>`.
 */
export function normalizeTemplate(template: any, assetIds: string[]): any {
  const pattern = assetIds.length > 0 ? new RegExp(assetIds.join('|'), 'g') : undefined;
  const walk = (value: any): any => {
    if (typeof value === 'string') {
      return pattern ? value.replace(pattern, '<asset>') : value;
    }
    if (Array.isArray(value)) {
      return value.map(walk);
    }
    if (value && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [walk(k), walk(v)]));
    }
    return value;
  };
  const normalized = walk(template);
  for (const resource of Object.values<any>(normalized.Resources ?? {})) {
    if (String(resource.Type).startsWith('Custom::DeployAssert@') && resource.Properties?.salt !== undefined) {
      resource.Properties.salt = '<salt>';
    }
  }
  return normalized;
}

/** The differences between two JSON values, one line per differing path. */
export function jsonDifferences(expected: any, actual: any, at = ''): string[] {
  if (JSON.stringify(expected) === JSON.stringify(actual)) {
    return [];
  }
  const bothObjects = expected && actual && typeof expected === 'object' && typeof actual === 'object' && Array.isArray(expected) === Array.isArray(actual);
  if (!bothObjects) {
    return [`${at || '(root)'}: snapshot ${JSON.stringify(expected)}, now ${JSON.stringify(actual)}`];
  }
  const keys = [...new Set([...Object.keys(expected), ...Object.keys(actual)])];
  return keys.flatMap((key) => {
    const child = at ? `${at}.${key}` : key;
    if (!(key in actual)) {
      return [`${child}: in the snapshot only`];
    }
    if (!(key in expected)) {
      return [`${child}: new, not in the snapshot`];
    }
    return jsonDifferences(expected[key], actual[key], child);
  });
}

/** How a freshly synthesized assembly differs from a snapshot: stack templates (normalized) and the integ manifest. */
export function compareWithSnapshot(snapshotDir: string, assemblyDir: string): string[] {
  if (!fs.existsSync(path.join(snapshotDir, 'manifest.json'))) {
    return [`no snapshot at ${path.relative(ROOT, snapshotDir)}: run 'npx projen integ:snapshot:update' and review it`];
  }
  const expected = templatesOf(snapshotDir);
  const actual = templatesOf(assemblyDir);
  const expectedAssets = assetIdsOf(snapshotDir);
  const actualAssets = assetIdsOf(assemblyDir);
  const differences: string[] = [];
  for (const file of [...new Set([...Object.keys(expected), ...Object.keys(actual)])].sort()) {
    if (!(file in actual)) {
      differences.push(`${file}: in the snapshot, no longer synthesized`);
    } else if (!(file in expected)) {
      differences.push(`${file}: synthesized, not in the snapshot`);
    } else {
      differences.push(...jsonDifferences(normalizeTemplate(expected[file], expectedAssets), normalizeTemplate(actual[file], actualAssets))
        .map((d) => `${file}: ${d}`));
    }
  }
  const integManifest = (dir: string) => JSON.parse(fs.readFileSync(path.join(dir, 'integ.json'), 'utf8')).testCases;
  differences.push(...jsonDifferences(integManifest(snapshotDir), integManifest(assemblyDir)).map((d) => `integ.json: ${d}`));
  return differences;
}

/**
 * Replaces a snapshot with a fresh assembly, keeping what the comparison reads. Like integ-runner, the
 * manifest loses its metadata (creation stack traces with local paths, construct annotations).
 */
export function writeSnapshot(assemblyDir: string, snapshotDir: string): void {
  fs.rmSync(snapshotDir, { recursive: true, force: true });
  fs.mkdirSync(snapshotDir, { recursive: true });
  for (const file of snapshotFiles(assemblyDir)) {
    fs.copyFileSync(path.join(assemblyDir, file), path.join(snapshotDir, file));
  }
  const manifestFile = path.join(snapshotDir, 'manifest.json');
  const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8'));
  for (const artifact of Object.values<any>(manifest.artifacts ?? {})) {
    delete artifact.metadata;
    delete artifact.additionalMetadataFile;
  }
  fs.writeFileSync(manifestFile, JSON.stringify(manifest, undefined, 2) + '\n');
}

/** What one assertion of integ-tests-alpha reports in its stack output. */
export interface AssertionResult {
  readonly status: string;
  readonly message?: string;
}

/** The assertion results in a `cdk deploy --outputs-file` file, by stack and output name. */
export function assertionResults(outputs: { [stack: string]: { [output: string]: string } }): { [name: string]: AssertionResult } {
  const results: { [name: string]: AssertionResult } = {};
  for (const [stack, values] of Object.entries(outputs)) {
    for (const [name, value] of Object.entries(values)) {
      if (name.startsWith('AssertionResults')) {
        results[`${stack}.${name}`] = JSON.parse(value);
      }
    }
  }
  return results;
}

function cdk(args: string[]): number {
  const result = spawnSync('npx', ['cdk', ...args], { cwd: ROOT, stdio: 'inherit' });
  return result.status ?? 1;
}

function runSnapshot(update: boolean): number {
  let failed = 0;
  for (const test of integTests()) {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'integ-snapshot-'));
    try {
      const started = Date.now();
      synthesize(test, out);
      const snapshot = snapshotDirOf(test);
      const name = path.relative(ROOT, test);
      if (update) {
        writeSnapshot(out, snapshot);
        console.log(`  UPDATED    ${name} -> ${path.relative(ROOT, snapshot)}`);
        continue;
      }
      const differences = compareWithSnapshot(snapshot, out);
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      if (differences.length === 0) {
        console.log(`  UNCHANGED  ${name} ${seconds}s`);
      } else {
        failed++;
        console.log(`  CHANGED    ${name} ${seconds}s`);
        differences.slice(0, 40).forEach((d) => console.log(`      ${d}`));
        if (differences.length > 40) {
          console.log(`      ... and ${differences.length - 40} more`);
        }
      }
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  }
  if (failed > 0) {
    console.error(`${failed} snapshot(s) changed: if the change is meant, run 'npx projen integ:snapshot:update', review the diff, and ` +
      "prove it on AWS with 'npx projen integ'");
  }
  return failed > 0 ? 1 : 0;
}

function runDeploy(clean: boolean): number {
  let failed = 0;
  for (const test of integTests()) {
    const name = path.basename(test, '.ts');
    const out = path.join(ROOT, 'cdk.out', name);
    synthesize(test, out);
    const outputsFile = path.join(out, 'outputs.json');
    console.log(`\n=== ${name}: deploy (the assertions run as part of it)`);
    const deployed = cdk(['deploy', '--app', out, '--all', '--require-approval', 'never', '--outputs-file', outputsFile]);
    try {
      if (deployed !== 0) {
        failed++;
        console.error(`${name}: the deploy failed (an assertion that waits for its answer fails the deploy when it times out; see the events above)`);
        continue;
      }
      const results = assertionResults(JSON.parse(fs.readFileSync(outputsFile, 'utf8')));
      for (const [assertion, result] of Object.entries(results)) {
        console.log(`  ${result.status === 'success' ? 'PASS' : 'FAIL'}  ${assertion}${result.message ? `\n${result.message}` : ''}`);
      }
      const failures = Object.values(results).filter((r) => r.status !== 'success').length;
      console.log(`${name}: ${Object.keys(results).length - failures} assertions passed, ${failures} failed`);
      failed += failures > 0 ? 1 : 0;
    } finally {
      if (clean) {
        console.log(`\n=== ${name}: destroy`);
        if (cdk(['destroy', '--app', out, '--all', '--force']) !== 0) {
          failed++;
          console.error(`${name}: the destroy failed; delete the stacks in the CloudFormation console`);
        }
      }
    }
  }
  return failed > 0 ? 1 : 0;
}

if (require.main === module) {
  const [command, ...flags] = process.argv.slice(2);
  if (command === 'snapshot') {
    process.exitCode = runSnapshot(flags.includes('--update'));
  } else if (command === 'deploy') {
    process.exitCode = runDeploy(!flags.includes('--no-clean'));
  } else {
    console.error('usage: integ.ts snapshot [--update] | deploy [--no-clean]');
    process.exitCode = 2;
  }
}
