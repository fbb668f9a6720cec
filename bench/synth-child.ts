/**
 * Runs in a fresh Node process, started by the driver, with one alternative's library loaded before
 * any clock starts. Two kinds of request:
 *
 * - serve: the warm synths of one alternative. After one untimed synth it prints READY_LINE and reads stdin;
 *   on each `synth` it synthesizes the API once and answers with a line of JSON (a TimedSynth, after
 *   ANSWER_PREFIX), the template's figures in the first answer only. The driver (bench/warm.ts) keeps one such process
 *   per alternative and asks them in turns, so that each alternative runs in a process of its own
 *   (as in a user's process, which holds one library) while paired synths run moments apart.
 * - search: finds the largest number of methods on one function that stays within every hard
 *   limit, by synthesizing at doubling sizes and then bisecting; the result goes to a JSON file.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as readline from 'readline';
import { Alternative, ApiBuilder, ApiShape, buildApp, loadBuilder, STACK_NAME } from './apis';
import { exceededLimits } from './limits';
import { templateStats, TemplateStats } from './template-stats';

/** Warm synths of one alternative on one API, on request. */
export interface ServeRequest {
  readonly kind: 'serve';
  readonly shape: ApiShape;
  readonly alternative: Alternative;
}

/** What starts a serving process's answer line (aws-cdk-lib may print other lines). */
export const ANSWER_PREFIX = 'bench-synth: ';

/** What a serving process prints once its library is loaded and its untimed synth done. */
export const READY_LINE = 'bench-ready';

/** One timed synth, as a serving process answers it. */
export interface TimedSynth {
  /** Wall-clock and CPU milliseconds (user and system, all threads). */
  readonly ms: number;
  readonly cpuMs: number;
  /** The template's figures, in the first answer only. */
  readonly stats?: TemplateStats;
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

/**
 * One timed synth. The template's figures, where `withStats`, are computed after the clock stops;
 * a serving process computes them on its first synth only, so that the garbage of estimating
 * policies is not collected inside the next synth's clock.
 */
function synth(build: ApiBuilder, shape: ApiShape, withStats: boolean): TimedSynth {
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

/** Answers `synth` lines on stdin until stdin ends. */
function serve(request: ServeRequest): void {
  // Only this alternative's library: another loaded library would change what V8 makes of aws-cdk-lib.
  const build = loadBuilder(request.alternative);
  synth(build, request.shape, false);
  process.stdout.write(`${READY_LINE}\n`);
  let first = true;
  readline.createInterface({ input: process.stdin }).on('line', (line) => {
    if (line.trim() !== 'synth') {
      throw new Error(`serve: unknown command ${JSON.stringify(line)}`);
    }
    process.stdout.write(`${ANSWER_PREFIX}${JSON.stringify(synth(build, request.shape, first))}\n`);
    first = false;
  });
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
  const request: ServeRequest | SearchRequest = JSON.parse(process.argv[2]);
  if (request.kind === 'serve') {
    serve(request);
  } else {
    fs.writeFileSync(request.resultFile, JSON.stringify(search(request)));
  }
}

// The driver imports the types and constants above; only `node bench/synth-child.ts` serves or searches.
if (require.main === module) {
  main();
}
