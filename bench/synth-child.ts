/**
 * Runs in a fresh Node process, started by the driver, with every library loaded before any clock
 * starts. Two kinds of request:
 *
 * - warm: synthesizes the same API again and again, after one untimed synth, with the alternatives
 *   the request names and no other library loaded. The driver asks for one alternative per process,
 *   as a user's process holds one library: with several, each one's code paths make aws-cdk-lib's
 *   shared functions polymorphic for the others, and aws-cdk-lib's template-validation engine is
 *   rebuilt whenever a template holds a resource type it was not built for. Several alternatives
 *   take turns (A B C, then C B A, ...). Rounds go on until every alternative's time per synth has
 *   stopped falling (the median of its last `window` synths is at most `tolerance` below that of
 *   the `window` before: V8 is done compiling and optimising), or `maxRounds`; the last `window`
 *   rounds are the figures.
 * - search: finds the largest number of methods on one function that stays within every hard
 *   limit, by synthesizing at doubling sizes and then bisecting.
 *
 * The result goes to a JSON file.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { addApiStack, Alternative, ApiBuilder, ApiShape, benchApp, buildApp, loadBuilder, STACK_NAME } from './apis';
import { exceededLimits } from './limits';
import { hasSettled } from './stats';
import { templateStats, TemplateStats } from './template-stats';

/** Warm synths of one API with every alternative, in turns. */
export interface WarmRequest {
  readonly kind: 'warm';
  readonly shape: ApiShape;
  readonly alternatives: Alternative[];
  /** Settled when the median of the last `window` synths is at most `tolerance` (a fraction) below that of the `window` before. */
  readonly window: number;
  readonly tolerance: number;
  /** The most rounds before giving up on settling. */
  readonly maxRounds: number;
  /** Where to write the WarmResult. */
  readonly resultFile: string;
}

/** One alternative's warm synths in one process. */
export interface WarmSeries {
  readonly alternative: Alternative;
  /** CPU milliseconds (user and system, all threads) and wall-clock milliseconds of every timed synth, in order. */
  readonly cpuMs: number[];
  readonly wallMs: number[];
  readonly stats: TemplateStats;
}

/** What a warm request reports. */
export interface WarmResult {
  readonly series: WarmSeries[];
  /** Whether every series settled before `maxRounds`. */
  readonly settled: boolean;
  /** The rounds synthesized; the figures are the last `window`. */
  readonly rounds: number;
}

/** A search for the largest number of methods on one function within the hard limits. */
export interface SearchRequest {
  readonly kind: 'search';
  readonly alternative: Alternative;
  /** A number of methods known to fit. */
  readonly fits: number;
  /** A number of methods known not to fit, if any. */
  readonly failsAt?: number;
  readonly resultFile: string;
}

/** One synthesized size in a search. */
export interface Probe {
  readonly methods: number;
  readonly resources: number;
  readonly policyBytes: number;
  readonly templateBytes: number;
  /** The limits exceeded, or the synth's error. */
  readonly exceeded: string[];
}

/** What a search reports. */
export interface SearchResult {
  /** The largest number of methods that fits. */
  readonly maxMethods: number;
  /** The smallest size that does not fit and why. */
  readonly firstFailure: Probe;
  readonly probes: Probe[];
}

interface Synth {
  readonly ms: number;
  readonly cpuMs: number;
  /** The template's figures, where asked for. */
  readonly stats?: TemplateStats;
}

/**
 * One timed synth. The template's figures, where `withStats`, are computed after the clock stops;
 * warm series ask for them on their first synth only, so that the garbage of estimating policies
 * is not collected inside the next synth's clock.
 */
function synth(build: ApiBuilder, shape: ApiShape, withStats: boolean): Synth {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-synth-'));
  try {
    const cpuStart = process.cpuUsage();
    const start = process.hrtime.bigint();
    buildApp(build, shape, outdir).synth();
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    const cpu = process.cpuUsage(cpuStart);
    const cpuMs = (cpu.user + cpu.system) / 1000;
    if (!withStats) {
      return { ms, cpuMs };
    }
    const text = fs.readFileSync(path.join(outdir, `${STACK_NAME}.template.json`), 'utf8');
    return { ms, cpuMs, stats: templateStats(JSON.parse(text), STACK_NAME, Buffer.byteLength(text)) };
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

/** One untimed synth of every requested alternative's stack in one app: the validation engine then knows every resource type. */
function buildValidationEngine(builders: Map<Alternative, ApiBuilder>, alternatives: Alternative[], shape: ApiShape): void {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-engine-'));
  try {
    const app = benchApp(outdir);
    alternatives.forEach((a) => addApiStack(app, builders.get(a)!, shape, `Engine${a}`));
    app.synth();
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

function warm(request: WarmRequest): WarmResult {
  // Only the requested alternatives' libraries: another loaded library would change what V8 makes of aws-cdk-lib.
  const builders = new Map(request.alternatives.map((a) => [a, loadBuilder(a)]));
  buildValidationEngine(builders, request.alternatives, request.shape);
  const synths = new Map<Alternative, Synth[]>(request.alternatives.map((a) => [a, []]));
  const settled = (): boolean => request.alternatives.every((a) => hasSettled(synths.get(a)!.map((s) => s.cpuMs), request.window, request.tolerance));
  let rounds = 0;
  while (rounds < request.maxRounds && !settled()) {
    const order = rounds % 2 === 0 ? request.alternatives : [...request.alternatives].reverse();
    for (const alternative of order) {
      const mine = synths.get(alternative)!;
      mine.push(synth(builders.get(alternative)!, request.shape, mine.length === 0));
    }
    rounds++;
  }
  return {
    series: request.alternatives.map((alternative) => {
      const mine = synths.get(alternative)!;
      return { alternative, cpuMs: mine.map((s) => s.cpuMs), wallMs: mine.map((s) => s.ms), stats: mine[0].stats! };
    }),
    settled: settled(),
    rounds,
  };
}

function probe(build: ApiBuilder, methods: number): Probe {
  try {
    const stats = synth(build, { methods, functions: 1 }, true).stats!;
    const policyBytes = stats.policies[0]?.bytes ?? 0;
    return { methods, resources: stats.resources, policyBytes, templateBytes: stats.templateBytes, exceeded: exceededLimits(stats) };
  } catch (e) {
    return { methods, resources: NaN, policyBytes: NaN, templateBytes: NaN, exceeded: [`synth fails: ${(e as Error).message.split('\n')[0]}`] };
  }
}

/** Doubles until a size fails, then bisects; assumes every figure grows with the number of methods. */
function search(request: SearchRequest): SearchResult {
  const build = loadBuilder(request.alternative);
  const probes: Probe[] = [];
  const run = (n: number): Probe => {
    const p = probe(build, n);
    probes.push(p);
    return p;
  };
  let fits = request.fits;
  let fails: Probe | undefined = request.failsAt !== undefined ? run(request.failsAt) : undefined;
  while (!fails || fails.exceeded.length === 0) {
    if (fails) {
      fits = fails.methods;
    }
    fails = run(fits * 2);
  }
  while (fails.methods - fits > 1) {
    const mid = Math.floor((fits + fails.methods) / 2);
    const p = run(mid);
    if (p.exceeded.length === 0) {
      fits = mid;
    } else {
      fails = p;
    }
  }
  return { maxMethods: fits, firstFailure: fails, probes: probes.sort((a, b) => a.methods - b.methods) };
}

function main(): void {
  const request: WarmRequest | SearchRequest = JSON.parse(process.argv[2]);
  const result = request.kind === 'warm' ? warm(request) : search(request);
  fs.writeFileSync(request.resultFile, JSON.stringify(result));
}

main();
