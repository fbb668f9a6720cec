/**
 * The warm half of `npx projen bench:profile`: where a settled synth's time goes, ours against plain
 * `LambdaRestApi`, by phase of aws-cdk-lib's synth. Each alternative runs in a process of its own
 * (this file, as a child) that synthesizes until the time per synth has settled, as the benchmark's
 * warm figures do, and then profiles the next synths with V8's sampling profiler. The parent sorts
 * every sample into the first phase found on its stack, from the outermost frame in.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as inspector from 'inspector';
import * as os from 'os';
import * as path from 'path';
import { Alternative, buildApp, LIBRARY_ENV, loadBuilder } from './apis';
import { hasSettled } from './stats';

/** A V8 CPU profile, as the inspector's Profiler.stop returns it. */
export interface CpuProfile {
  readonly nodes: Array<{
    readonly id: number;
    readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
    readonly children?: number[];
  }>;
  readonly samples: number[];
  readonly timeDeltas: number[];
}

/**
 * The phases, by the function that starts each (aws-cdk-lib's own names; a renamed one leaves its
 * time in "the rest of app.synth()"). The first match from the outermost frame wins.
 */
const PHASES: Array<[string, string]> = [
  ['addApiStack', 'building the constructs'],
  ['prepareApp', 'prepareApp: resolving references between constructs'],
  ['invokeAspectsV2', 'Aspects'],
  ['invokeAspects', 'Aspects'],
  ['invokeValidationPlugins', 'validation report (printed when a construct warns)'],
  ['synthesizeTemplate', 'the template: resolving every resource'],
  ['emitArtifact', 'the stack artifact: collecting construct metadata'],
  ['_synthesizeTree', 'tree.json: every construct and its properties'],
  ['buildAssembly', 'the cloud assembly manifest'],
  ['synth', 'the rest of app.synth()'],
];
const GC = '(garbage collector)';

/** Milliseconds per synth, by phase. */
export type PhaseTimes = Record<string, number>;

/** Each node's parent in a profile's call tree, by node id. */
export function parentsOf(profile: CpuProfile): Map<number, number> {
  const parent = new Map<number, number>();
  profile.nodes.forEach((n) => (n.children ?? []).forEach((c) => parent.set(c, n.id)));
  return parent;
}

/** Sorts a profile's samples into phases; `synths` divides the totals. */
export function phaseTimes(profile: CpuProfile, synths: number): PhaseTimes {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = parentsOf(profile);
  const times: PhaseTimes = {};
  profile.samples.forEach((id, i) => {
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    const stack: string[] = [];
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      stack.unshift(byId.get(at)!.callFrame.functionName);
    }
    const phase = stack[stack.length - 1] === GC ? 'garbage collection' :
      PHASES.find(([fn]) => stack.includes(fn))?.[1] ?? 'outside the synth (the loop, idle)';
    times[phase] = (times[phase] ?? 0) + ms / synths;
  });
  return times;
}

/** Profiles settled synths of one alternative in a child process; returns milliseconds per synth by phase. */
export function profileWarm(alternative: Alternative, methods: number, libraryDir: string, profileFile: string): PhaseTimes {
  const synths = 30;
  const run = spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', __filename, alternative, String(methods), String(synths), profileFile], {
    cwd: path.resolve(__dirname, '..'),
    encoding: 'utf8',
    maxBuffer: 256 * 2 ** 20,
    env: { ...process.env, TS_NODE_PROJECT: path.join(__dirname, 'tsconfig.json'), [LIBRARY_ENV]: libraryDir },
  });
  if (run.status !== 0) {
    throw new Error(`warm profile of ${alternative} failed:\n${run.stderr}`);
  }
  return phaseTimes(JSON.parse(fs.readFileSync(profileFile, 'utf8')), synths);
}

/** A markdown table of the phases, ours against plain, with the difference. */
export function phaseTable(plain: PhaseTimes, ours: PhaseTimes): string {
  const phases = [...new Set([...PHASES.map(([, p]) => p), 'garbage collection', 'outside the synth (the loop, idle)'])]
    .filter((p) => plain[p] !== undefined || ours[p] !== undefined);
  const total = (t: PhaseTimes): number => Object.values(t).reduce((a, b) => a + b, 0);
  const row = (label: string, a: number, b: number): string => `| ${label} | ${a.toFixed(1)} | ${b.toFixed(1)} | ${(b - a >= 0 ? '+' : '') + (b - a).toFixed(1)} |`;
  return [
    '| phase | `LambdaRestApi` (ms per synth) | `ResilientLambdaRestApi` (ms per synth) | difference |',
    '|---|--:|--:|--:|',
    ...phases.map((p) => row(p, plain[p] ?? 0, ours[p] ?? 0)),
    row('**total**', total(plain), total(ours)),
  ].join('\n');
}

/** The child: synthesize until settled, then profile `synths` more. */
function child(): void {
  const [alternative, methods, synths, profileFile] = process.argv.slice(2);
  const build = loadBuilder(alternative as Alternative);
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-warm-profile-'));
  const synth = (): number => {
    const start = process.cpuUsage();
    buildApp(build, { methods: Number(methods), functions: 1 }, outdir).synth();
    const cpu = process.cpuUsage(start);
    return (cpu.user + cpu.system) / 1000;
  };
  const times: number[] = [];
  while (times.length < 60 && !hasSettled(times, 5, 0.05)) {
    times.push(synth());
  }
  const session = new inspector.Session();
  session.connect();
  const post = (method: string, params?: object): Promise<any> => new Promise((resolve, reject) =>
    session.post(method, params, (err, result) => (err ? reject(err) : resolve(result))));
  void (async () => {
    await post('Profiler.enable');
    await post('Profiler.setSamplingInterval', { interval: 100 });
    await post('Profiler.start');
    for (let i = 0; i < Number(synths); i++) {
      synth();
    }
    const { profile } = await post('Profiler.stop');
    fs.writeFileSync(profileFile, JSON.stringify(profile));
    fs.rmSync(outdir, { recursive: true, force: true });
  })();
}

if (require.main === module) {
  child();
}
