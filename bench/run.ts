/**
 * `npx projen bench`: synthesizes the same API with aws-cdk-lib's LambdaRestApi,
 * aws-solutions-constructs' ApiGatewayToLambda and ResilientLambdaRestApi, each measurement in a
 * fresh Node process, one after the other on this machine; prints the tables and writes
 * BENCHMARKS.md and the scaling chart (bench/scaling.svg, and bench/scaling.png where
 * rsvg-convert is installed). Raw results go to bench/out/.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Alternative, ALTERNATIVES, ApiShape } from './apis';
import { renderScalingSvg, ScalingSeries } from './plot';
import { ALTERNATIVE_COLORS, Machine, Measurement, renderReport, Search } from './report';
import { SECTION_END, SECTION_START, withSpecSection } from './spec';
import { median, peakHeapFromGcTrace } from './stats';
import { MeasureRequest, MeasureResult, SearchRequest, SearchResult } from './synth-child';

const ROOT = path.resolve(__dirname, '..');
const OUT_DIR = path.join(ROOT, 'bench', 'out');

/** The representative API of the main table. */
const MAIN_SHAPE: ApiShape = { methods: 10, functions: 1 };
/** Fresh processes per alternative for the main table. */
const MAIN_PROCESSES = 5;
/** Synths per process after the cold one; the first WARMUP of them are discarded. */
const MAIN_WARM_RUNS = 5;
const WARMUP = 2;
/** The scaling sizes: methods on one function, then spread over ten. */
const SCALING_SHAPES: ApiShape[] = [
  { methods: 1, functions: 1 },
  { methods: 50, functions: 1 },
  { methods: 100, functions: 1 },
  { methods: 200, functions: 1 },
  { methods: 200, functions: 10 },
];
const SCALING_WARM_RUNS = 4;

function log(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}

/** Runs one request in a fresh Node process and returns its result and its stdout (the GC trace). */
function runChild<T>(request: Omit<MeasureRequest, 'resultFile'> | Omit<SearchRequest, 'resultFile'>): { result: T; stdout: string } {
  const resultFile = path.join(OUT_DIR, `child-${process.pid}.json`);
  const child = spawnSync(
    process.execPath,
    ['-r', require.resolve('ts-node/register/transpile-only'), path.join(__dirname, 'synth-child.ts'), JSON.stringify({ ...request, resultFile })],
    { cwd: ROOT, encoding: 'utf8', maxBuffer: 256 * 2 ** 20, env: { ...process.env, TS_NODE_PROJECT: path.join(__dirname, 'tsconfig.json') } },
  );
  if (child.status !== 0) {
    throw new Error(`bench child failed (${JSON.stringify(request)}):\n${child.stderr}`);
  }
  const result = JSON.parse(fs.readFileSync(resultFile, 'utf8')) as T;
  fs.rmSync(resultFile);
  return { result, stdout: child.stdout };
}

/** Measures every alternative on one API, `processes` times each, taking turns so that any load on the machine falls on all alike. */
function measureShape(shape: ApiShape, processes: number, warmRuns: number): Measurement[] {
  const byAlternative = new Map<Alternative, Measurement>();
  for (let round = 0; round < processes; round++) {
    for (let i = 0; i < ALTERNATIVES.length; i++) {
      const alternative = ALTERNATIVES[(i + round) % ALTERNATIVES.length];
      const { result, stdout } = runChild<MeasureResult>({ kind: 'measure', alternative, shape, warmRuns });
      const previous = byAlternative.get(alternative);
      const peakHeapMiB = Math.max(result.heapBeforeMiB, result.heapAfterMiB, peakHeapFromGcTrace(stdout));
      byAlternative.set(alternative, {
        alternative,
        shape,
        coldMs: [...(previous?.coldMs ?? []), result.coldMs],
        coldCpuMs: [...(previous?.coldCpuMs ?? []), result.coldCpuMs],
        warmMs: [...(previous?.warmMs ?? []), ...result.warmMs.slice(WARMUP)],
        warmCpuMs: [...(previous?.warmCpuMs ?? []), ...result.warmCpuMs.slice(WARMUP)],
        peakHeapMiB: [...(previous?.peakHeapMiB ?? []), peakHeapMiB],
        heapBeforeMiB: [...(previous?.heapBeforeMiB ?? []), result.heapBeforeMiB],
        stats: result.stats,
      });
      log(`${alternative} ${shape.methods} methods / ${shape.functions} fn: cold ${result.coldCpuMs.toFixed(0)} ms CPU / ${result.coldMs.toFixed(0)} ms wall, ${result.stats.resources} resources`);
    }
  }
  return ALTERNATIVES.map((a) => byAlternative.get(a)!);
}

/** Brackets the search with what the scaling run already showed, then lets a child bisect. */
function searchMaxMethods(alternative: Alternative, scaling: Measurement[], exceeds: (m: Measurement) => boolean): Search {
  const oneFunction = scaling
    .filter((m) => m.alternative === alternative && m.shape.functions === 1)
    .sort((a, b) => a.shape.methods - b.shape.methods);
  const fits = Math.max(1, ...oneFunction.filter((m) => !exceeds(m)).map((m) => m.shape.methods));
  const failsAt = oneFunction.find((m) => m.shape.methods > fits && exceeds(m))?.shape.methods;
  const { result } = runChild<SearchResult>({ kind: 'search', alternative, fits, failsAt });
  log(`${alternative}: at most ${result.maxMethods} methods (${result.firstFailure.exceeded.join('; ')})`);
  return { alternative, ...result };
}

function machine(): Machine {
  const cpus = os.cpus();
  const version = (pkg: string): string => JSON.parse(fs.readFileSync(require.resolve(`${pkg}/package.json`, { paths: [ROOT] }), 'utf8')).version;
  return {
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    memoryGiB: os.totalmem() / 2 ** 30,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    awsCdkLib: version('aws-cdk-lib'),
    solutionsConstructs: version('@aws-solutions-constructs/aws-apigateway-lambda'),
    date: new Date().toISOString().slice(0, 10),
    loadAverage: os.loadavg()[0],
  };
}

function runBenchmark(): void {
  const started = Date.now();
  fs.mkdirSync(OUT_DIR, { recursive: true });
  const host = machine();

  log(`main table: ${MAIN_SHAPE.methods} methods, ${MAIN_PROCESSES} processes per alternative`);
  const main = measureShape(MAIN_SHAPE, MAIN_PROCESSES, MAIN_WARM_RUNS);

  log('scaling');
  const scaling = SCALING_SHAPES.flatMap((shape) => measureShape(shape, 1, SCALING_WARM_RUNS));

  log('largest API per alternative');
  const exceeds = (m: Measurement): boolean => m.stats.resources > 500 || (m.stats.policies[0]?.bytes ?? 0) > 20_480;
  const searches = ALTERNATIVES.map((a) => searchMaxMethods(a, scaling, exceeds));

  const series: ScalingSeries[] = ALTERNATIVES.map((alternative) => {
    const mine = scaling.filter((m) => m.alternative === alternative);
    const spread = mine.find((m) => m.shape.functions > 1);
    return {
      label: alternative,
      color: ALTERNATIVE_COLORS[alternative],
      points: mine.filter((m) => m.shape.functions === 1).map((m) => [m.shape.methods, m.stats.resources, m.stats.policies[0]?.bytes ?? 0]),
      spread: spread && {
        methods: spread.shape.methods,
        functions: spread.shape.functions,
        resources: spread.stats.resources,
        policyBytes: spread.stats.policies[0]?.bytes ?? 0,
      },
      maxMethods: searches.find((s) => s.alternative === alternative)?.maxMethods,
    };
  });
  const svgFile = path.join(ROOT, 'bench', 'scaling.svg');
  fs.writeFileSync(svgFile, renderScalingSvg(series, 'One REST API on Lambda: what each construct puts in the stack'));
  const png = spawnSync('rsvg-convert', ['-o', path.join(ROOT, 'bench', 'scaling.png'), svgFile]);
  const pngWritten = png.status === 0;
  log(pngWritten ? 'wrote bench/scaling.svg and bench/scaling.png' : 'wrote bench/scaling.svg (no rsvg-convert: no PNG)');

  const durationS = (Date.now() - started) / 1000;
  const report = renderReport({
    machine: { ...host, loadAverageEnd: os.loadavg()[0] },
    main,
    scaling,
    searches,
    durationS,
    warmup: WARMUP,
    warmRuns: MAIN_WARM_RUNS,
    scalingWarmSamples: SCALING_WARM_RUNS - WARMUP,
  });
  const benchmarksFile = path.join(ROOT, 'BENCHMARKS.md');
  // The OpenAPI section comes from bench/spec.ts: keep it.
  const previous = fs.existsSync(benchmarksFile) ? fs.readFileSync(benchmarksFile, 'utf8') : '';
  const specStart = previous.indexOf(SECTION_START);
  const specEnd = previous.indexOf(SECTION_END);
  fs.writeFileSync(benchmarksFile, specStart >= 0 && specEnd > specStart
    ? withSpecSection(report.markdown, previous.slice(specStart, specEnd + SECTION_END.length))
    : report.markdown);
  fs.writeFileSync(path.join(OUT_DIR, 'results.json'), JSON.stringify({ machine: host, main, scaling, searches }, undefined, 1));
  process.stdout.write(`${report.tables}\n`);
  log(`wrote BENCHMARKS.md in ${durationS.toFixed(0)} s; medians: ${main.map((m) => `${m.alternative} ${median(m.coldCpuMs).toFixed(0)} ms CPU`).join(', ')}`);
}

runBenchmark();
