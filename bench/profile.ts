/**
 * `npx projen bench:profile`: CPU profiles of the app process that `cdk synth` runs (bench/app.ts),
 * ours and plain `LambdaRestApi` at 1 and 10 methods, with this library compiled to JavaScript as
 * npm ships it; writes the .cpuprofile files to bench/out/profiles/ and prints, for each, where the
 * main thread's time goes: self time by package (and by aws-cdk-lib module), the functions with
 * the most self time, and the time spent inside this library's functions (their callees included).
 * Then the warm synth (bench/profile-warm.ts): where a settled synth's time goes, by phase of
 * aws-cdk-lib's synth, ours against plain at 1 and 10 methods.
 * Shares of a profile hold on a loaded machine too; its absolute times do not. V8 compiles
 * WebAssembly and collects garbage partly on other threads, which a profile of the main thread
 * does not show: `npx projen bench` measures those in CPU time.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Alternative, LIBRARY_ENV } from './apis';
import { compileLibrary } from './compile-library';
import { CpuProfile, parentsOf, phaseTable, profileWarm } from './profile-warm';
import { applyBlocks } from '../scripts/readme';

const ROOT = path.resolve(__dirname, '..');
const OUT_DIR = path.join(ROOT, 'bench', 'out');
const PROFILE_DIR = path.join(OUT_DIR, 'profiles');
const LIBRARY_DIR = path.join(OUT_DIR, 'profile-lib');

/** Milliseconds by key, largest first. */
type Tally = Array<[string, number]>;

/** Where the profile's time goes. */
export interface ProfileSummary {
  readonly totalMs: number;
  readonly byPackage: Tally;
  readonly byFunction: Tally;
  /** Inclusive time of this library's functions: samples with the function anywhere on the stack. */
  readonly oursInclusive: Tally;
  /** Samples with any of this library's functions on the stack. */
  readonly oursInclusiveMs: number;
}

/** The package (or V8's pseudo-frame) a frame's URL belongs to, with aws-cdk-lib split by module. */
export function packageOf(url: string, functionName: string): string {
  if (url === '') {
    return functionName.startsWith('(') ? functionName : '(native)';
  }
  if (url.startsWith('node:')) {
    return 'node';
  }
  const file = url.replace(/^file:\/\//, '');
  if (file.startsWith(LIBRARY_DIR)) {
    return 'resilient-lambda-rest-api';
  }
  if (file.startsWith(path.join(ROOT, 'bench'))) {
    return 'bench app';
  }
  const parts = file.split('/node_modules/');
  if (parts.length === 1) {
    return file.startsWith('wasm:') ? 'wasm' : 'other';
  }
  const segments = parts[parts.length - 1].split('/');
  const pkg = segments[0].startsWith('@') ? `${segments[0]}/${segments[1]}` : segments[0];
  return pkg === 'aws-cdk-lib' && parts.length === 2 ? `aws-cdk-lib/${segments[1]}` : pkg;
}

function top(map: Map<string, number>, n: number): Tally {
  return [...map.entries()].sort((a, b) => b[1] - a[1]).slice(0, n);
}

/** Self time by package and function, and this library's inclusive time, from a CPU profile. */
export function summarise(profile: CpuProfile): ProfileSummary {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = parentsOf(profile);
  const byPackage = new Map<string, number>();
  const byFunction = new Map<string, number>();
  const oursInclusive = new Map<string, number>();
  let oursInclusiveMs = 0;
  let totalMs = 0;
  const add = (map: Map<string, number>, key: string, ms: number): void => {
    map.set(key, (map.get(key) ?? 0) + ms);
  };
  profile.samples.forEach((id, i) => {
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    totalMs += ms;
    const node = byId.get(id)!;
    const { functionName, url, lineNumber } = node.callFrame;
    add(byPackage, packageOf(url, functionName), ms);
    add(byFunction, `${functionName || '(anonymous)'} ${url ? `${path.relative(ROOT, url.replace(/^file:\/\//, ''))}:${lineNumber + 1}` : ''}`.trim(), ms);
    const onStack = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const frame = byId.get(at)!.callFrame;
      if (packageOf(frame.url, frame.functionName) === 'resilient-lambda-rest-api') {
        onStack.add(`${frame.functionName || '(anonymous)'} ${path.relative(LIBRARY_DIR, frame.url.replace(/^file:\/\//, ''))}`);
      }
    }
    onStack.forEach((key) => add(oursInclusive, key, ms));
    if (onStack.size > 0) {
      oursInclusiveMs += ms;
    }
  });
  return { totalMs, byPackage: top(byPackage, 15), byFunction: top(byFunction, 15), oursInclusive: top(oursInclusive, 15), oursInclusiveMs };
}

function profileApp(alternative: Alternative, methods: number): ProfileSummary {
  const name = `${alternative}-${methods}.cpuprofile`;
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-profile-'));
  try {
    const child = spawnSync(process.execPath, [
      '--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`, `--cpu-prof-name=${name}`, '--cpu-prof-interval=200',
      '-r', 'ts-node/register/transpile-only', path.join('bench', 'app.ts'), alternative, String(methods), '1',
    ], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, TS_NODE_PROJECT: path.join(__dirname, 'tsconfig.json'), [LIBRARY_ENV]: LIBRARY_DIR, CDK_OUTDIR: outdir },
    });
    if (child.status !== 0) {
      throw new Error(`profiling ${alternative} failed:\n${child.stderr}`);
    }
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
  return summarise(JSON.parse(fs.readFileSync(path.join(PROFILE_DIR, name), 'utf8')));
}

function table(title: string, tally: Tally, totalMs: number): string {
  return [`| ${title} | ms | share |`, '|---|--:|--:|', ...tally.map(([k, ms]) => `| ${k.replace(/\|/g, '\\|')} | ${ms.toFixed(0)} | ${((100 * ms) / totalMs).toFixed(1)}% |`)].join('\n');
}

/** The section of BENCHMARKS.md between the `profile` markers. */
function pageSection(warm: string[]): string {
  return [
    '## Where a warm synth\'s time goes',
    '',
    'A CPU profile (V8\'s sampler, every 100 µs, which slows every synth alike) of 30 settled synths, each alternative',
    'in a process of its own, sorted by phase of aws-cdk-lib\'s synth. The construct\'s own functions take about a',
    'millisecond per synth (below each table); what it costs is aws-cdk-lib building, resolving and describing the',
    'resources it adds (gateway responses, alarms, metric filters, saved queries, log groups), each phase about in',
    'proportion to the constructs, and the validation report: with the feature flags of `cdk init`, aws-cdk-lib prints',
    'every warning as one, and at its defaults the construct warns once (`accountCloudWatchRoleNotManaged`, which an',
    'account that has the role acknowledges). As the API grows, the two permissions per method that plain',
    '`LambdaRestApi` adds cost more than all that (see the scaling table). The two profiles run one after the other,',
    'so a slow spell of the machine can fall on one only: read them for where the time goes, and the lock-step ratios',
    'above for how much. Rerun with `npx projen bench:profile` (bench/profile.ts, bench/profile-warm.ts).',
    '',
    ...warm.flatMap((w) => [w, '']),
  ].join('\n').trimEnd();
}

function main(): void {
  fs.mkdirSync(PROFILE_DIR, { recursive: true });
  compileLibrary(path.join(ROOT, 'src'), LIBRARY_DIR);
  const sections: string[] = [];
  for (const methods of [1, 10]) {
    for (const alternative of ['LambdaRestApi', 'ResilientLambdaRestApi'] as Alternative[]) {
      const s = profileApp(alternative, methods);
      sections.push([
        `## ${alternative}, ${methods} method${methods === 1 ? '' : 's'}: ${s.totalMs.toFixed(0)} ms on the main thread` +
          (alternative === 'ResilientLambdaRestApi' ? `, ${s.oursInclusiveMs.toFixed(0)} ms (${((100 * s.oursInclusiveMs) / s.totalMs).toFixed(1)}%) inside this library` : ''),
        '',
        table('package (self time)', s.byPackage, s.totalMs),
        '',
        table('function (self time)', s.byFunction, s.totalMs),
        ...(alternative === 'ResilientLambdaRestApi' ? ['', table('this library\'s function (inclusive)', s.oursInclusive, s.totalMs)] : []),
      ].join('\n'));
      process.stderr.write(`[profile] ${alternative} ${methods}: ${s.totalMs.toFixed(0)} ms\n`);
    }
  }
  const pageSections: string[] = [];
  for (const methods of [1, 10]) {
    const file = (alternative: Alternative): string => path.join(PROFILE_DIR, `warm-${alternative}-${methods}.cpuprofile`);
    const plain = profileWarm('LambdaRestApi', methods, LIBRARY_DIR, file('LambdaRestApi'));
    const ours = profileWarm('ResilientLambdaRestApi', methods, LIBRARY_DIR, file('ResilientLambdaRestApi'));
    const s = summarise(JSON.parse(fs.readFileSync(file('ResilientLambdaRestApi'), 'utf8')));
    const selfMs = s.byPackage.find(([pkg]) => pkg === 'resilient-lambda-rest-api')?.[1] ?? 0;
    const body = [
      phaseTable(plain, ours),
      '',
      `This library's own functions: ${(selfMs / 30).toFixed(2)} ms of self time per synth; ${(s.oursInclusiveMs / 30).toFixed(1)} ms with what they call ` +
        '(aws-cdk-lib building the constructs they ask for).',
    ].join('\n');
    sections.push(`## Warm, ${methods} method${methods === 1 ? '' : 's'}: a settled synth by phase, each alternative in a process of its own (30 synths profiled)\n\n${body}`);
    pageSections.push(`### ${methods} method${methods === 1 ? '' : 's'}\n\n${body}`);
    process.stderr.write(`[profile] warm ${methods}: done\n`);
  }
  const text = `# Where the app process of \`cdk synth\` spends its main thread\n\n${sections.join('\n\n')}\n`;
  fs.writeFileSync(path.join(OUT_DIR, 'profile.md'), text);
  const page = path.join(ROOT, 'BENCHMARKS.md');
  fs.writeFileSync(page, applyBlocks(fs.readFileSync(page, 'utf8'), { profile: pageSection(pageSections) }));
  process.stdout.write(text);
}

if (require.main === module) {
  main();
}
