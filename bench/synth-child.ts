/**
 * Runs in a fresh Node process, started by the driver, so that every measurement starts cold as
 * `cdk synth` does. Two kinds of request:
 *
 * - measure: builds and synthesizes one API with one alternative, first cold, then `warmRuns`
 *   more times in the same process; reports the timings, the peak heap of the cold synth and the
 *   template's figures.
 * - search: finds the largest number of methods on one function that stays within every hard
 *   limit, by synthesizing at doubling sizes and then bisecting.
 *
 * The peak heap comes from V8's GC trace, switched on for the cold synth only: the heap in use
 * before every collection in the synth, and at its end. stdout carries that trace and nothing else;
 * the result goes to a JSON file.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as v8 from 'v8';
import { Alternative, ApiShape, buildApp, STACK_NAME } from './apis';
import { exceededLimits } from './limits';
import { templateStats, TemplateStats } from './template-stats';

/** A measurement of one API. */
export interface MeasureRequest {
  readonly kind: 'measure';
  readonly alternative: Alternative;
  readonly shape: ApiShape;
  /** Synths after the cold one, in the same process. */
  readonly warmRuns: number;
  /** Where to write the MeasureResult. */
  readonly resultFile: string;
}

/** What a measurement reports. */
export interface MeasureResult {
  /** Milliseconds of the first synth in the process: app construction and `app.synth()`. */
  readonly coldMs: number;
  /** CPU milliseconds (user and system, all threads) of the cold synth. */
  readonly coldCpuMs: number;
  /** Milliseconds of each later synth of the same API in the same process. */
  readonly warmMs: number[];
  /** CPU milliseconds of each later synth. */
  readonly warmCpuMs: number[];
  /** MiB of V8 heap in use before the cold synth (the loaded modules). */
  readonly heapBeforeMiB: number;
  /** MiB of V8 heap in use at the end of the cold synth. */
  readonly heapAfterMiB: number;
  readonly stats: TemplateStats;
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
  readonly stats: TemplateStats;
}

function synth(alternative: Alternative, shape: ApiShape): Synth {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-synth-'));
  try {
    const cpuStart = process.cpuUsage();
    const start = process.hrtime.bigint();
    buildApp(alternative, shape, outdir).synth();
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    const cpu = process.cpuUsage(cpuStart);
    const text = fs.readFileSync(path.join(outdir, `${STACK_NAME}.template.json`), 'utf8');
    return { ms, cpuMs: (cpu.user + cpu.system) / 1000, stats: templateStats(JSON.parse(text), STACK_NAME, Buffer.byteLength(text)) };
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

function measure(request: MeasureRequest): MeasureResult {
  const mib = (): number => process.memoryUsage().heapUsed / 2 ** 20;
  const heapBeforeMiB = mib();
  v8.setFlagsFromString('--trace-gc');
  const cold = synth(request.alternative, request.shape);
  v8.setFlagsFromString('--no-trace-gc');
  const heapAfterMiB = mib();
  const warm = Array.from({ length: request.warmRuns }, () => synth(request.alternative, request.shape));
  return {
    coldMs: cold.ms,
    coldCpuMs: cold.cpuMs,
    warmMs: warm.map((w) => w.ms),
    warmCpuMs: warm.map((w) => w.cpuMs),
    heapBeforeMiB,
    heapAfterMiB,
    stats: cold.stats,
  };
}

function probe(alternative: Alternative, methods: number): Probe {
  try {
    const { stats } = synth(alternative, { methods, functions: 1 });
    const policyBytes = stats.policies[0]?.bytes ?? 0;
    return { methods, resources: stats.resources, policyBytes, templateBytes: stats.templateBytes, exceeded: exceededLimits(stats) };
  } catch (e) {
    return { methods, resources: NaN, policyBytes: NaN, templateBytes: NaN, exceeded: [`synth fails: ${(e as Error).message.split('\n')[0]}`] };
  }
}

/** Doubles until a size fails, then bisects; assumes every figure grows with the number of methods. */
function search(request: SearchRequest): SearchResult {
  const probes: Probe[] = [];
  const run = (n: number): Probe => {
    const p = probe(request.alternative, n);
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
  const request: MeasureRequest | SearchRequest = JSON.parse(process.argv[2]);
  const result = request.kind === 'measure' ? measure(request) : search(request);
  fs.writeFileSync(request.resultFile, JSON.stringify(result));
}

main();
