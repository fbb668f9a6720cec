/**
 * `npx projen bench`: synthesizes the same API with aws-cdk-lib's LambdaRestApi,
 * aws-solutions-constructs' ApiGatewayToLambda and ResilientLambdaRestApi on this machine, the
 * alternatives always taking turns; prints the tables and writes BENCHMARKS.md and the scaling
 * chart (bench/scaling.svg, and bench/scaling.png where rsvg-convert is installed). Raw results go
 * to bench/out/, and the results of the run before move to bench/out/results.previous.json: the
 * page says which of this run's ratios fall outside the spreads that run stated. `--quick` (run it
 * as `npx ts-node --prefer-ts-exts bench/run.ts --quick`: projen does not pass flags on) runs one
 * round of everything and writes the page to bench/out/ only, to check the script; `--report-only`
 * renders the page again from the last results.
 *
 * Three kinds of measurement:
 * - whole process (the headline): `cdk synth` of the app, through the aws-cdk CLI, one process per
 *   run; also gives the cold synth within the app process and its peak heap;
 * - warm: each alternative synthesized again and again in a process of its own until the per-synth
 *   time settles, the processes taking turns synth by synth (bench/warm.ts);
 * - search: the largest API within the hard limits.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Alternative, ALTERNATIVES, ApiShape, LIBRARY_ENV, STACK_NAME } from './apis';
import { AppResult, RESULT_ENV } from './app';
import { compileLibrary } from './compile-library';
import { renderScalingSvg, ScalingSeries } from './plot';
import { ALTERNATIVE_COLORS, Machine, Measurement, ProcessRun, renderReport, Search, WarmSettings, WarmWindow } from './report';
import { childCpuMsFromTimes, median, peakHeapFromGcTrace } from './stats';
import { SearchRequest, SearchResult } from './synth-child';
import { templateStats, TemplateStats } from './template-stats';
import { lockstep } from './warm';

const ROOT = path.resolve(__dirname, '..');
const OUT_DIR = path.join(ROOT, 'bench', 'out');
const QUICK = process.argv.includes('--quick');

/** The example-sized APIs of the headline: `cdk synth` of the whole app, ours against each peer. */
const HEADLINE_SHAPES: ApiShape[] = [{ methods: 1, functions: 1 }, { methods: 10, functions: 1 }];
/** Rounds of whole-process runs at the headline sizes; each round runs every alternative once. */
const HEADLINE_ROUNDS = QUICK ? 1 : 9;
/** The representative API of the detail table. */
const MAIN_SHAPE: ApiShape = { methods: 10, functions: 1 };
/** The larger sizes: methods on one function, then spread over ten; one whole-process round each. */
const SCALING_SHAPES: ApiShape[] = [
  { methods: 50, functions: 1 },
  { methods: 100, functions: 1 },
  { methods: 200, functions: 1 },
  { methods: 200, functions: 10 },
];
/**
 * Warm synths, in lock-step sets (bench/warm.ts): settled when the median of each alternative's last
 * `window` synths is at most `tolerance` below that of the `window` before, at least `minRounds`; the
 * last `pairs` rounds are the figures.
 */
const WARM: WarmSettings = { window: 5, tolerance: 0.05, minRounds: QUICK ? 4 : 15, maxRounds: QUICK ? 6 : 40, pairs: QUICK ? 2 : 8 };
/** Lock-step sets (fresh processes for every alternative) at the headline sizes, and at the larger ones. */
const HEADLINE_WARM_SETS = QUICK ? 1 : 3;
const SCALING_WARM_SETS = QUICK ? 1 : 2;
/** Bumped when the way of measuring changes: a rerun is compared with a previous run of the same method only. */
const METHOD = 5;

const CDK_CLI = path.join(ROOT, 'node_modules', '.bin', 'cdk');
const CHILD_ENV = { ...process.env, TS_NODE_PROJECT: path.join(__dirname, 'tsconfig.json'), CDK_DISABLE_CLI_TELEMETRY: 'true' };

/**
 * The sections other scripts write: where the warm synth's time goes (`npx projen bench:profile`,
 * bench/profile.ts), cdk-nag's (`npx projen bench:nag`, bench/nag.ts) and the OpenAPI one (`npx
 * projen bench:spec`, bench/spec.ts); kept, before the Machine section.
 */
function withKeptSections(markdown: string): string {
  const file = path.join(ROOT, 'BENCHMARKS.md');
  const previous = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  const sections = ['profile', 'nag', 'spec'].map((name) => new RegExp(`<!-- generated:${name} -->\\n[\\s\\S]*?<!-- /generated:${name} -->\\n`).exec(previous)?.[0] ??
    `<!-- generated:${name} -->\n<!-- /generated:${name} -->\n`);
  return markdown.replace('## Machine', `${sections.join('\n')}\n## Machine`);
}

function log(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}

/** The alternatives in the order of one round: each round starts with the next one, so that no alternative always goes first. */
function rotated(round: number): Alternative[] {
  return ALTERNATIVES.map((_, i) => ALTERNATIVES[(i + round) % ALTERNATIVES.length]);
}

/**
 * Runs `cdk synth` of the benchmark's app in a fresh process tree, as a user does: the aws-cdk CLI,
 * which starts the app with ts-node (transpile-only), which loads the library compiled to JavaScript.
 * CPU time is that of the whole tree (bash's `times`), wall-clock time from start to exit.
 */
function runCdkSynth(alternative: Alternative, shape: ApiShape, library: string): { run: ProcessRun; stats: TemplateStats } {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-cdk-out-'));
  const resultFile = path.join(OUT_DIR, `app-${process.pid}.json`);
  const app = `"${process.execPath}" -r ts-node/register/transpile-only bench/app.ts ${alternative} ${shape.methods} ${shape.functions}`;
  try {
    const start = process.hrtime.bigint();
    const child = spawnSync('bash', ['-c', '"$@"; rc=$?; times >&2; exit $rc', 'bash',
      CDK_CLI, 'synth', '--quiet', '--no-notices', '--no-version-reporting', '--output', outdir, '--app', app], {
      cwd: ROOT, encoding: 'utf8', maxBuffer: 256 * 2 ** 20, env: { ...CHILD_ENV, [LIBRARY_ENV]: library, [RESULT_ENV]: resultFile },
    });
    const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
    if (child.status !== 0) {
      throw new Error(`cdk synth failed (${alternative}, ${JSON.stringify(shape)}):\n${child.stderr}`);
    }
    const result = JSON.parse(fs.readFileSync(resultFile, 'utf8')) as AppResult;
    const text = fs.readFileSync(path.join(outdir, `${STACK_NAME}.template.json`), 'utf8');
    return {
      run: {
        wallMs,
        cpuMs: childCpuMsFromTimes(child.stderr),
        synthMs: result.synthMs,
        synthCpuMs: result.synthCpuMs,
        peakHeapMiB: Math.max(result.heapBeforeMiB, result.heapAfterMiB, peakHeapFromGcTrace(child.stdout)),
        heapBeforeMiB: result.heapBeforeMiB,
      },
      stats: templateStats(JSON.parse(text), STACK_NAME, Buffer.byteLength(text)),
    };
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
    fs.rmSync(resultFile, { force: true });
  }
}

/** Runs a search in a fresh Node process and returns its result. */
function runSearch(request: Omit<SearchRequest, 'resultFile'>, library: string): SearchResult {
  const resultFile = path.join(OUT_DIR, `child-${process.pid}.json`);
  const child = spawnSync(
    process.execPath,
    ['-r', require.resolve('ts-node/register/transpile-only'), path.join(__dirname, 'synth-child.ts'), JSON.stringify({ ...request, resultFile })],
    { cwd: ROOT, encoding: 'utf8', maxBuffer: 256 * 2 ** 20, env: { ...CHILD_ENV, [LIBRARY_ENV]: library } },
  );
  if (child.status !== 0) {
    throw new Error(`bench child failed (${JSON.stringify(request)}):\n${child.stderr}`);
  }
  const result = JSON.parse(fs.readFileSync(resultFile, 'utf8')) as SearchResult;
  fs.rmSync(resultFile);
  return result;
}

/**
 * The same resources and permissions wherever an API is synthesized, or the benchmark is wrong.
 * Template bytes are compared only between in-process synths: `cdk synth` adds path metadata.
 */
function sameStats(where: string, a: TemplateStats, b: TemplateStats, compareBytes: boolean): void {
  const key = (t: TemplateStats): string => JSON.stringify(compareBytes ? t : { ...t, templateBytes: 0 });
  if (key(a) !== key(b)) {
    throw new Error(`${where}: the template differs between runs:\n${JSON.stringify(a)}\n${JSON.stringify(b)}`);
  }
}

/**
 * Whole-process runs of every alternative on one API, `rounds` rounds, then `warmSets` lock-step
 * sets of warm synths. The template figures are those of the in-process synths (no path metadata).
 */
async function measureShape(shape: ApiShape, rounds: number, warmSets: number, library: string): Promise<Measurement[]> {
  const label = `${shape.methods} methods / ${shape.functions} fn`;
  const runs = new Map<Alternative, ProcessRun[]>(ALTERNATIVES.map((a) => [a, []]));
  const cliStats = new Map<Alternative, TemplateStats>();
  for (let round = 0; round < rounds; round++) {
    for (const alternative of rotated(round)) {
      const { run, stats } = runCdkSynth(alternative, shape, library);
      runs.get(alternative)!.push(run);
      const first = cliStats.get(alternative);
      if (first) {
        sameStats(`${alternative} ${label}`, first, stats, false);
      }
      cliStats.set(alternative, stats);
      log(`cdk synth ${alternative} ${label}: ${(run.cpuMs / 1000).toFixed(1)} s CPU / ${(run.wallMs / 1000).toFixed(1)} s wall (synth ${run.synthCpuMs.toFixed(0)} ms CPU)`);
    }
  }
  const warm = new Map<Alternative, WarmWindow[]>(ALTERNATIVES.map((a) => [a, []]));
  const stats = new Map<Alternative, TemplateStats>();
  for (let set = 0; set < warmSets; set++) {
    // The compiled library, as in the whole-process runs: ts-node's source maps would weigh on every stack trace aws-cdk-lib captures.
    const series = await lockstep(shape, rotated(set), WARM, { ...CHILD_ENV, [LIBRARY_ENV]: library });
    for (const one of series) {
      const where = `${one.alternative} ${label}`;
      sameStats(where, stats.get(one.alternative) ?? one.stats, one.stats, true);
      sameStats(where, cliStats.get(one.alternative) ?? one.stats, one.stats, false);
      stats.set(one.alternative, one.stats);
      warm.get(one.alternative)!.push({ cpuMs: one.cpuMs, wallMs: one.wallMs, synths: one.synths, settled: one.settled });
    }
    log(`warm ${label}, set ${set + 1}: ${series.map((x) => `${x.alternative} ${median(x.cpuMs).toFixed(0)} ms CPU after ${x.synths} synths${x.settled ? '' : ' (**not settled**)'}`).join(', ')}`);
  }
  return ALTERNATIVES.map((alternative) => ({
    alternative, shape, runs: runs.get(alternative)!, warm: warm.get(alternative)!, stats: stats.get(alternative)!,
  }));
}

/** Brackets the search with what the scaling run already showed, then lets a child bisect. */
function searchMaxMethods(alternative: Alternative, scaling: Measurement[], exceeds: (m: Measurement) => boolean, library: string): Search {
  const oneFunction = scaling
    .filter((m) => m.alternative === alternative && m.shape.functions === 1)
    .sort((a, b) => a.shape.methods - b.shape.methods);
  const fits = Math.max(1, ...oneFunction.filter((m) => !exceeds(m)).map((m) => m.shape.methods));
  const failsAt = oneFunction.find((m) => m.shape.methods > fits && exceeds(m))?.shape.methods;
  const result = runSearch({ kind: 'search', alternative, fits, failsAt }, library);
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
    awsCdkCli: version('aws-cdk'),
    solutionsConstructs: version('@aws-solutions-constructs/aws-apigateway-lambda'),
    date: new Date().toISOString().slice(0, 10),
    loadAverage: os.loadavg()[0],
  };
}

function writeChart(scaling: Measurement[], searches: Search[]): void {
  const series: ScalingSeries[] = ALTERNATIVES.map((alternative) => {
    const mine = scaling.filter((m) => m.alternative === alternative && m.shape.methods !== MAIN_SHAPE.methods);
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
  log(png.status === 0 ? 'wrote bench/scaling.svg and bench/scaling.png' : 'wrote bench/scaling.svg (no rsvg-convert: no PNG)');
}

/** What one run measured, kept in bench/out/results.json; the page is rendered from it. */
interface Results {
  /** The way of measuring (METHOD when the run took place). */
  readonly method?: number;
  readonly machine: Machine;
  readonly measured: Measurement[];
  readonly searches: Search[];
  readonly durationS: number;
}

async function measureAll(): Promise<Results> {
  const started = Date.now();
  const host = machine();
  const library = compileLibrary(path.join(ROOT, 'src'), path.join(OUT_DIR, 'lib'));
  const measured: Measurement[] = [];
  for (const shape of HEADLINE_SHAPES) {
    log(`headline: cdk synth, ${shape.methods} methods, ${HEADLINE_ROUNDS} rounds`);
    measured.push(...await measureShape(shape, HEADLINE_ROUNDS, HEADLINE_WARM_SETS, library));
  }
  for (const shape of SCALING_SHAPES) {
    log(`scaling: ${shape.methods} methods on ${shape.functions} functions`);
    measured.push(...await measureShape(shape, 1, SCALING_WARM_SETS, library));
  }
  log('largest API per alternative');
  const exceeds = (m: Measurement): boolean => m.stats.resources > 500 || (m.stats.policies[0]?.bytes ?? 0) > 20_480;
  const searches = ALTERNATIVES.map((a) => searchMaxMethods(a, measured, exceeds, library));
  return { method: METHOD, machine: { ...host, loadAverageEnd: os.loadavg()[0] }, measured, searches, durationS: (Date.now() - started) / 1000 };
}

/** Measures (or, with `--report-only`, reads the last results), then writes the page and the chart. */
async function runBenchmark(): Promise<void> {
  fs.mkdirSync(OUT_DIR, { recursive: true });
  const resultsFile = path.join(OUT_DIR, QUICK ? 'results.quick.json' : 'results.json');
  // The run before this one, to check that this run's ratios fall within the spreads that run stated.
  const previousFile = path.join(OUT_DIR, QUICK ? 'results.quick.previous.json' : 'results.previous.json');
  let results: Results;
  if (process.argv.includes('--report-only')) {
    results = JSON.parse(fs.readFileSync(resultsFile, 'utf8')) as Results;
  } else {
    results = await measureAll();
    if (fs.existsSync(resultsFile)) {
      fs.renameSync(resultsFile, previousFile);
    }
    fs.writeFileSync(resultsFile, JSON.stringify(results, undefined, 1));
  }
  const previous = fs.existsSync(previousFile) ? JSON.parse(fs.readFileSync(previousFile, 'utf8')) as Results : undefined;
  if (!QUICK) {
    writeChart(results.measured, results.searches);
  }
  const report = renderReport({
    machine: results.machine,
    measurements: results.measured,
    headlineShapes: HEADLINE_SHAPES,
    mainShape: MAIN_SHAPE,
    searches: results.searches,
    durationS: results.durationS,
    warm: WARM,
    previous: previous && previous.method === results.method ? { measurements: previous.measured, date: previous.machine.date } : undefined,
  });
  fs.writeFileSync(QUICK ? path.join(OUT_DIR, 'BENCHMARKS.quick.md') : path.join(ROOT, 'BENCHMARKS.md'), withKeptSections(report.markdown));
  process.stdout.write(`${report.tables}\n`);
  log(`wrote ${QUICK ? 'bench/out/BENCHMARKS.quick.md' : 'BENCHMARKS.md'}; the measurements took ${(results.durationS / 60).toFixed(1)} min`);
}

runBenchmark().catch((e) => {
  process.stderr.write(`${(e as Error).stack}\n`);
  process.exit(1);
});
