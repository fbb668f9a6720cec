/** BENCHMARKS.md, written from the figures of one run. */
import { Alternative, ALTERNATIVE_LABELS, ALTERNATIVES, ApiShape, STACK_NAME } from './apis';
import { HARD_LIMITS } from './limits';
import { formatRatio, median, pairedRatios, spread } from './stats';
import { Probe } from './synth-child';
import { TemplateStats } from './template-stats';
import { LockstepSettings } from './warm';
import { DEPLOY_VALUES } from '../src/policy-size';

/** The machine the run took place on. */
export interface Machine {
  readonly cpuModel: string;
  readonly cores: number;
  readonly memoryGiB: number;
  readonly os: string;
  readonly node: string;
  readonly awsCdkLib: string;
  readonly awsCdkCli: string;
  readonly solutionsConstructs: string;
  readonly date: string;
  /** One-minute load average when the run started and ended. */
  readonly loadAverage: number;
  readonly loadAverageEnd?: number;
}

/** One `cdk synth` of the app in a process tree of its own. */
export interface ProcessRun {
  /** Wall-clock and CPU milliseconds of the whole `cdk synth` (CLI, app process, every thread). */
  readonly wallMs: number;
  readonly cpuMs: number;
  /** Wall-clock and CPU milliseconds of the synth within the app process (cold: the first in the process). */
  readonly synthMs: number;
  readonly synthCpuMs: number;
  readonly peakHeapMiB: number;
  readonly heapBeforeMiB: number;
}

/** The settled warm synths of one alternative in one lock-step set. */
export interface WarmWindow {
  /** CPU and wall-clock milliseconds of the kept synths, one per round: index i of every alternative is round i. */
  readonly cpuMs: number[];
  readonly wallMs: number[];
  /** Synths of this alternative in the process, the window included. */
  readonly synths: number;
  /** Whether this alternative's time per synth settled within the set's rounds. */
  readonly settled: boolean;
}

/** Every figure of one alternative on one API. */
export interface Measurement {
  readonly alternative: Alternative;
  readonly shape: ApiShape;
  /** Whole-process runs, by round: index i of every alternative ran in the same round. */
  readonly runs: ProcessRun[];
  /** Warm synths, by lock-step set: index i of every alternative comes from the same set. */
  readonly warm: WarmWindow[];
  /** The template's figures (the same in every run, or the benchmark stops). */
  readonly stats: TemplateStats;
}

/** The largest API on one function that stays within the hard limits. */
export interface Search {
  readonly alternative: Alternative;
  readonly maxMethods: number;
  readonly firstFailure: Probe;
  readonly probes: Probe[];
}

/** When warm synths count as settled, and which are kept (bench/warm.ts). */
export type WarmSettings = LockstepSettings;

export interface ReportInput {
  readonly machine: Machine;
  readonly measurements: Measurement[];
  /** The sizes of the headline, `cdk synth` of the whole app. */
  readonly headlineShapes: ApiShape[];
  /** The size of the detail table. */
  readonly mainShape: ApiShape;
  readonly searches: Search[];
  readonly durationS: number;
  readonly warm: WarmSettings;
  /** The previous run of the same method, if any: this run's ratios are checked against its spreads. */
  readonly previous?: { readonly measurements: Measurement[]; readonly date: string };
}

export const ALTERNATIVE_COLORS: Record<Alternative, string> = {
  LambdaRestApi: '#1f77b4',
  ApiGatewayToLambda: '#ff7f0e',
  ResilientLambdaRestApi: '#2ca02c',
};

/** What each resource type that ResilientLambdaRestApi adds to a plain LambdaRestApi is for. */
const WHAT_IT_BUYS: Record<string, string> = {
  'AWS::ApiGateway::GatewayResponse': 'The error contract: every gateway response type (auth, throttling, timeouts, integration failures, ...) answers with one JSON error shape, an explicit status code and, for 429, `Retry-After`. One resource per response type.',
  'AWS::Logs::LogGroup': 'The execution-log group (created under the name API Gateway writes to, so it has a retention instead of API Gateway\'s never-expiring one) and the access-log group with the JSON format that names the failure.',
  'AWS::Lambda::Permission': 'Permissions are one API-scoped statement for the stage plus one for the console\'s test-invoke stage, whatever the number of methods, instead of two per method.',
  'AWS::CloudWatch::Alarm': 'Alarms on the API\'s failure metrics.',
  'AWS::CloudWatch::CompositeAlarm': 'One composite alarm that summarises the others.',
  'AWS::Logs::MetricFilter': 'Metric filters that turn access-log lines into failure metrics for the alarms.',
  'AWS::CloudWatch::Dashboard': 'A dashboard of the API\'s failures.',
  'AWS::Logs::QueryDefinition': 'Saved Logs Insights queries for investigating failures.',
  'AWS::SNS::Topic': 'A topic the alarms notify.',
  'AWS::IAM::Role': 'An IAM role.',
  'AWS::ApiGateway::Account': 'The account-wide CloudWatch Logs role setting of API Gateway.',
};

const ms = (v: number): string => (Number.isFinite(v) ? v.toFixed(0) : '–');
const sec = (v: number): string => (Number.isFinite(v) ? (v / 1000).toFixed(1) : '–');
const int = (v: number): string => (Number.isFinite(v) ? v.toLocaleString('en-US') : '–');

/** Median with min–max, formatted by `f`. */
function withRange(values: number[], f: (v: number) => string): string {
  const s = spread(values);
  return values.length > 1 ? `${f(s.median)} (${f(s.min)}–${f(s.max)})` : f(s.median);
}

const runs = (m: Measurement, pick: (r: ProcessRun) => number): number[] => m.runs.map(pick);
const warmSamples = (m: Measurement, pick: (w: WarmWindow) => number[]): number[] => m.warm.flatMap(pick);

/** Paired ratios of ours to another: whole-process runs of the same round, warm synths of the same lock-step set and round. */
function coldRatios(a: Measurement, b: Measurement, pick: (r: ProcessRun) => number): number[] {
  return pairedRatios(runs(a, pick), runs(b, pick));
}
function warmRatios(a: Measurement, b: Measurement, pick: (w: WarmWindow) => number[]): number[] {
  return a.warm.flatMap((w, i) => (b.warm[i] ? pairedRatios(pick(w), pick(b.warm[i])) : []));
}

function find(input: { readonly measurements: Measurement[] }, alternative: Alternative, shape: ApiShape): Measurement | undefined {
  return input.measurements.find((m) => m.alternative === alternative && m.shape.methods === shape.methods && m.shape.functions === shape.functions);
}

function policyBytes(stats: TemplateStats): number {
  return stats.policies[0]?.bytes ?? 0;
}

/** Permissions on each function, as "n" when all have the same number, else "min–max". */
function permissionsPerFunction(stats: TemplateStats): string {
  const counts = stats.policies.map((p) => p.permissions);
  const lo = Math.min(...counts);
  const hi = Math.max(...counts);
  return lo === hi ? `${hi}` : `${lo}–${hi}`;
}

function exceeded(stats: TemplateStats): string[] {
  return HARD_LIMITS.filter((l) => l.measure(stats) > l.limit).map((l) => l.name);
}

/** Resources beyond what the routes need: a plain LambdaRestApi with one permission per function. */
export function fixedOverhead(ours: TemplateStats, plain: TemplateStats, functions: number): number {
  return ours.resources - (plain.resources - plain.permissions + functions);
}

const OURS: Alternative = 'ResilientLambdaRestApi';

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : word.endsWith('s') ? 'es' : 's'}`;
const shapeLabel = (shape: ApiShape): string => `${plural(shape.methods, 'method')} on ${plural(shape.functions, 'function')}`;
const PEERS: Alternative[] = ['LambdaRestApi', 'ApiGatewayToLambda'];

function headlineTable(input: ReportInput): string {
  const header = input.headlineShapes.map((s) => `${s.methods} method${s.methods === 1 ? '' : 's'}: CPU s | ${s.methods} method${s.methods === 1 ? '' : 's'}: wall s`).join(' | ');
  const rows = ALTERNATIVES.map((alternative) => [
    ALTERNATIVE_LABELS[alternative],
    ...input.headlineShapes.flatMap((shape) => {
      const m = find(input, alternative, shape)!;
      return [withRange(runs(m, (r) => r.cpuMs), sec), withRange(runs(m, (r) => r.wallMs), sec)];
    }),
  ]);
  const ratioRows = PEERS.map((peer) => [
    `ours ÷ ${peer}`,
    ...input.headlineShapes.flatMap((shape) => {
      const ours = find(input, OURS, shape)!;
      const other = find(input, peer, shape)!;
      return [formatRatio(coldRatios(ours, other, (r) => r.cpuMs)), formatRatio(coldRatios(ours, other, (r) => r.wallMs))];
    }),
  ]);
  return [
    `| | ${header} |`,
    `|---|${input.headlineShapes.map(() => '--:|--:|').join('')}`,
    ...[...rows, ...ratioRows].map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');
}

function mainTable(input: ReportInput): string {
  const rows = ALTERNATIVES.map((alternative) => {
    const m = find(input, alternative, input.mainShape)!;
    return [
      ALTERNATIVE_LABELS[m.alternative],
      `${withRange(runs(m, (r) => r.synthCpuMs), ms)}; wall ${ms(median(runs(m, (r) => r.synthMs)))}`,
      `${withRange(warmSamples(m, (w) => w.cpuMs), ms)}; wall ${ms(median(warmSamples(m, (w) => w.wallMs)))}`,
      median(runs(m, (r) => r.peakHeapMiB)).toFixed(0),
      int(m.stats.resources),
      int(m.stats.permissions),
      int(policyBytes(m.stats)),
      int(m.stats.templateBytes),
    ];
  });
  return [
    '| | synth in the app process, cold: CPU ms | synth, warm (settled): CPU ms | peak heap (MiB) | resources | `AWS::Lambda::Permission` | function policy (bytes, est.) | template (bytes) |',
    '|---|--:|--:|--:|--:|--:|--:|--:|',
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');
}

function mainRatios(input: ReportInput): string {
  const ours = find(input, OURS, input.mainShape)!;
  return PEERS.map((peer) => {
    const other = find(input, peer, input.mainShape)!;
    return `- ours ÷ ${peer}: cold synth CPU ${formatRatio(coldRatios(ours, other, (r) => r.synthCpuMs))}, ` +
      `wall ${formatRatio(coldRatios(ours, other, (r) => r.synthMs))}; ` +
      `warm synth CPU ${formatRatio(warmRatios(ours, other, (w) => w.cpuMs))}, wall ${formatRatio(warmRatios(ours, other, (w) => w.wallMs))}.`;
  }).join('\n');
}

function scalingTable(input: ReportInput): string {
  const sorted = [...input.measurements].sort((a, b) => a.shape.functions - b.shape.functions || a.shape.methods - b.shape.methods);
  const rows = sorted.map((m) => {
    const over = exceeded(m.stats);
    const plain = find(input, 'LambdaRestApi', m.shape)!;
    return [
      `${m.shape.methods}`,
      `${m.shape.functions}`,
      m.alternative,
      int(m.stats.resources),
      int(m.stats.permissions),
      permissionsPerFunction(m.stats),
      int(policyBytes(m.stats)),
      int(m.stats.templateBytes),
      sec(median(runs(m, (r) => r.cpuMs))),
      ms(median(runs(m, (r) => r.synthCpuMs))),
      ms(median(warmSamples(m, (w) => w.cpuMs))),
      m.alternative === 'LambdaRestApi' ? '1' : formatRatio(warmRatios(m, plain, (w) => w.cpuMs)),
      over.length === 0 ? 'yes' : `**no**: ${over.join(', ')}`,
    ];
  });
  return [
    '| methods | functions | alternative | resources | permissions | permissions per function | largest function policy (bytes, est.) | template (bytes) | `cdk synth` (CPU s) | synth, cold (CPU ms) | synth, warm (CPU ms) | warm ÷ `LambdaRestApi` | within the limits? |',
    '|--:|--:|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|',
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');
}

function searchTable(input: ReportInput): string {
  const rows = input.searches.map((s) => [
    ALTERNATIVE_LABELS[s.alternative],
    `**${s.maxMethods}**`,
    s.firstFailure.exceeded.join('; '),
    s.probes.map((p) => `${p.methods}${p.exceeded.length > 0 ? '✗' : '✓'}`).join(' '),
  ]);
  return [
    '| | most methods on one function in one stack | what stops one more | sizes synthesized (✓ fits, ✗ does not) |',
    '|---|--:|---|---|',
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');
}

function overheadSection(input: ReportInput): string {
  const main = input.mainShape;
  const plain = find(input, 'LambdaRestApi', main)!.stats;
  const solutions = find(input, 'ApiGatewayToLambda', main)!.stats;
  const ours = find(input, OURS, main)!.stats;
  const types = [...new Set([...Object.keys(plain.resourceTypes), ...Object.keys(solutions.resourceTypes), ...Object.keys(ours.resourceTypes)])];
  const count = (s: TemplateStats, t: string): number => s.resourceTypes[t] ?? 0;
  const rows = types
    .sort((a, b) => (count(ours, b) - count(plain, b)) - (count(ours, a) - count(plain, a)) || a.localeCompare(b))
    .map((t) => {
      const diff = count(ours, t) - count(plain, t);
      const buys = diff !== 0 || t === 'AWS::Lambda::Permission' ? WHAT_IT_BUYS[t] ?? '(not described by the benchmark: see the construct\'s README)' : '';
      return `| \`${t}\` | ${count(plain, t)} | ${count(solutions, t)} | ${count(ours, t)} | ${diff > 0 ? `+${diff}` : diff} | ${buys} |`;
    });
  const shapes = input.measurements
    .filter((m) => m.alternative === OURS && m.shape.functions === 1)
    .sort((a, b) => a.shape.methods - b.shape.methods)
    .map((m) => `${m.shape.methods} → ${fixedOverhead(m.stats, find(input, 'LambdaRestApi', m.shape)!.stats, m.shape.functions)}`);
  const overhead = fixedOverhead(ours, plain, main.functions);
  return [
    `What the routes need is a plain \`LambdaRestApi\` with one API-scoped permission per function. Beyond that, \`ResilientLambdaRestApi\` adds **${overhead} resources** at ${main.methods} methods; by number of methods on one function: ${shapes.join(', ')}. The overhead does not grow with the API.`,
    '',
    `Resources by type, ${main.methods} methods on one function:`,
    '',
    '| type | `LambdaRestApi` | `ApiGatewayToLambda` | `ResilientLambdaRestApi` | ours − `LambdaRestApi` | what ours buys with it |',
    '|---|--:|--:|--:|--:|---|',
    ...rows,
  ].join('\n');
}

/** Whether paired ratios meet a target: by every pair, by the median only, or not. */
function verdict(ratios: number[], target: number): string {
  const s = spread(ratios);
  if (s.max <= target) {
    return 'met';
  }
  return s.median <= target ? 'met by the median' : '**not met**';
}

function targets(input: ReportInput): string {
  const plainOf = (shape: ApiShape): Measurement => find(input, 'LambdaRestApi', shape)!;
  const oursOf = (shape: ApiShape): Measurement => find(input, OURS, shape)!;
  const whole = input.headlineShapes.map((shape) => {
    const r = coldRatios(oursOf(shape), plainOf(shape), (run) => run.cpuMs);
    return `${shape.methods} method${shape.methods === 1 ? '' : 's'} ${formatRatio(r)}: ${verdict(r, 1.1)}`;
  });
  const warmAt = (shape: ApiShape, target: number): string => {
    const r = warmRatios(oursOf(shape), plainOf(shape), (w) => w.cpuMs);
    return `${shape.methods} methods${shape.functions > 1 ? ` on ${shape.functions} functions` : ''} ${formatRatio(r)}: ${verdict(r, target)}`;
  };
  const larger = input.measurements
    .filter((m) => m.alternative === OURS && m.shape.methods >= 50)
    .sort((a, b) => a.shape.functions - b.shape.functions || a.shape.methods - b.shape.methods)
    .map((m) => warmAt(m.shape, 1.0));
  const lines = [
    `- **Whole \`cdk synth\` at most 1.10× plain \`LambdaRestApi\`** (CPU time, paired rounds): ${whole.join('; ')}.`,
    `- **Warm synth at most 1.3× plain at ${input.mainShape.methods} methods**: ${warmAt(input.mainShape, 1.3)}. **At most 1.0× from 50 methods on**: ${larger.join('; ')}.`,
  ];
  const oneFunction = input.measurements
    .filter((m) => m.alternative === OURS && m.shape.functions === 1)
    .sort((a, b) => a.shape.methods - b.shape.methods);
  const perFunction = [...new Set(oneFunction.map((m) => m.stats.permissions))];
  lines.push(`- **Permissions per function constant in the number of methods**: ${oneFunction.map((m) => `${m.shape.methods} → ${m.stats.permissions}`).join(', ')} (${perFunction.length === 1 ? 'met' : '**not met**'}).`);
  const spreadOver = input.measurements.find((m) => m.alternative === OURS && m.shape.functions > 1);
  if (spreadOver) {
    const counts = spreadOver.stats.policies.map((p) => p.permissions);
    lines.push(`  With further functions bound through \`api.lambdaIntegration(fn)\` (${spreadOver.shape.methods} methods over ${spreadOver.shape.functions} functions): ` +
      `${Math.min(...counts)} to ${Math.max(...counts)} permissions per function.`);
  }
  return lines.join('\n');
}

/** A ratio the page states, by what it compares. */
interface PageRatio {
  readonly label: string;
  readonly ratios: number[];
}

/** Every ratio with a spread that the page states, of one run's measurements. */
function pageRatios(input: Pick<ReportInput, 'headlineShapes' | 'mainShape'>, measurements: Measurement[]): PageRatio[] {
  const at = (alternative: Alternative, shape: ApiShape): Measurement | undefined => find({ measurements }, alternative, shape);
  const out: PageRatio[] = [];
  type Pairing = (a: Measurement, b: Measurement) => number[];
  const add = (label: string, ours: Measurement | undefined, other: Measurement | undefined, ratios: Pairing): void => {
    if (ours && other) {
      out.push({ label, ratios: ratios(ours, other) });
    }
  };
  for (const shape of input.headlineShapes) {
    for (const peer of PEERS) {
      add(`\`cdk synth\` CPU, ${shapeLabel(shape)}, ours ÷ ${peer}`, at(OURS, shape), at(peer, shape), (a, b) => coldRatios(a, b, (r) => r.cpuMs));
      add(`\`cdk synth\` wall, ${shapeLabel(shape)}, ours ÷ ${peer}`, at(OURS, shape), at(peer, shape), (a, b) => coldRatios(a, b, (r) => r.wallMs));
    }
  }
  for (const peer of PEERS) {
    const shape = input.mainShape;
    add(`cold synth CPU, ${shapeLabel(shape)}, ours ÷ ${peer}`, at(OURS, shape), at(peer, shape), (a, b) => coldRatios(a, b, (r) => r.synthCpuMs));
    add(`cold synth wall, ${shapeLabel(shape)}, ours ÷ ${peer}`, at(OURS, shape), at(peer, shape), (a, b) => coldRatios(a, b, (r) => r.synthMs));
    add(`warm synth wall, ${shapeLabel(shape)}, ours ÷ ${peer}`, at(OURS, shape), at(peer, shape), (a, b) => warmRatios(a, b, (w) => w.wallMs));
    if (peer !== 'LambdaRestApi') {
      // Ours ÷ LambdaRestApi at every size comes below, with the scaling table's.
      add(`warm synth CPU, ${shapeLabel(shape)}, ours ÷ ${peer}`, at(OURS, shape), at(peer, shape), (a, b) => warmRatios(a, b, (w) => w.cpuMs));
    }
  }
  const shapes = [...new Map(measurements.map((m) => [`${m.shape.methods}/${m.shape.functions}`, m.shape])).values()];
  for (const shape of shapes) {
    for (const alternative of ALTERNATIVES.filter((a) => a !== 'LambdaRestApi')) {
      add(`warm synth CPU, ${shapeLabel(shape)}, ${alternative === OURS ? 'ours' : alternative} ÷ LambdaRestApi`, at(alternative, shape), at('LambdaRestApi', shape), (a, b) => warmRatios(a, b, (w) => w.cpuMs));
    }
  }
  return out.filter((r) => r.ratios.length > 1);
}

/** Which of this run's ratios fall outside the spread the previous run of the same method stated. */
function reproduction(input: ReportInput): string {
  if (!input.previous) {
    return 'No earlier run of this method is in `bench/out/` to compare with: rerun the benchmark, and this section says which ratios of the rerun fall outside the spreads of this one.';
  }
  const before = new Map(pageRatios(input, input.previous.measurements).map((r) => [r.label, spread(r.ratios)]));
  const rows = pageRatios(input, input.measurements).flatMap((r) => {
    const was = before.get(r.label);
    if (!was) {
      return [];
    }
    const now = median(r.ratios);
    const within = now >= was.min && now <= was.max;
    const earlier = `${was.median.toFixed(2)}× (${was.min.toFixed(2)}–${was.max.toFixed(2)})`;
    return [{ within, row: `| ${r.label} | ${earlier} | ${now.toFixed(2)}× | ${within ? 'yes' : '**no**'} |` }];
  });
  const inside = rows.filter((r) => r.within).length;
  return [
    `This run against the run before it (${input.previous.date}, the same method): **${inside} of ${rows.length}** ratios with a spread have their new median within the spread the earlier run stated.`,
    '',
    '| ratio | earlier run: median (min–max) | this run: median | within? |',
    '|---|--:|--:|---|',
    ...rows.map((r) => r.row),
  ].join('\n');
}

/** The report, and the tables alone for the console. */
export function renderReport(input: ReportInput): { markdown: string; tables: string } {
  const m = input.machine;
  const main = input.mainShape;
  const mainRuns = find(input, OURS, main)!.runs.length;
  const headlineRounds = find(input, OURS, input.headlineShapes[0])!.runs.length;
  const heapBase = median(ALTERNATIVES.flatMap((a) => runs(find(input, a, main)!, (r) => r.heapBeforeMiB)));
  const windows = input.measurements.flatMap((x) => x.warm);
  const unsettled = input.measurements.filter((x) => x.alternative === OURS && x.warm.some((w) => !w.settled));
  const synthsToSettle = spread(windows.map((w) => w.synths));
  const mainWarmProcesses = find(input, OURS, main)!.warm.length;
  const scalingWarmSets = Math.min(...input.measurements.filter((x) => x.shape.methods > main.methods).map((x) => x.warm.length));
  const tables = [
    '## What a user waits for: `cdk synth`',
    '',
    headlineTable(input),
    '',
    `## ${main.methods} GET methods on one function`,
    '',
    mainTable(input),
    '',
    mainRatios(input),
    '',
    '## Scaling',
    '',
    scalingTable(input),
    '',
    '## Most methods in one stack',
    '',
    searchTable(input),
  ].join('\n');
  const markdown = `<!-- Generated by \`npx projen bench\` (bench/run.ts). Do not edit by hand: rerun the benchmark. -->
# Benchmarks

Users choose between aws-cdk-lib's \`LambdaRestApi\`, \`@aws-solutions-constructs/aws-apigateway-lambda\`'s
\`ApiGatewayToLambda\` and \`ResilientLambdaRestApi\`. This page synthesizes the same REST API with each
of the three, in one run on one machine, and shows what each costs in synth time, memory,
CloudFormation resources and Lambda policy size, and how far each scales before a hard limit
stops the deploy.

![Resources and function policy size against methods, with the 500-resource and 20 KiB limits](bench/scaling.svg)

Every ratio on this page is the median of paired samples, taken side by side (whole-process runs of
the same round, or warm synths of the same lock-step round), with their smallest and largest in
parentheses. Where that range crosses 1.0 the page says "crosses 1.0": those samples do not show
either alternative faster, whatever the median says. A target counts as met when every pair meets
it, "met by the median" when only the median does. [Does it reproduce?](#does-it-reproduce) checks
this run's ratios against the spreads of the run before.

## Targets

${targets(input)}
- **Fixed overhead**: see [What the construct adds](#what-the-construct-adds).

## What a user waits for: \`cdk synth\`

The whole \`cdk synth\` of an app holding the API and nothing else: the aws-cdk CLI ${m.awsCdkCli} starts,
runs the app (\`node -r ts-node/register/transpile-only bench/app.ts\`, which loads only the alternative's
library, this one compiled to JavaScript as npm ships it), the app synthesizes, the CLI reads the cloud
assembly. CPU seconds are those of every process and thread of the run; wall seconds run from start to
exit. Medians over ${headlineRounds} rounds, min–max in parentheses; in each round every alternative runs
once, a different one first each round, and the ratios pair the runs of the same round.

${headlineTable(input)}

## ${main.methods} GET methods on one function

*Cold* is the synth inside the app process of the same ${mainRuns} runs (building the app and \`app.synth()\`,
every module already loaded): what \`cdk synth\` spends on the synth itself, V8 compiling the code
and aws-cdk-lib building its template-validation engine included. *Warm* is a later synth in a process that has
done several, each alternative in a process of its own with only its library loaded, as in a user's process
(with several, each one's code paths would make aws-cdk-lib's shared functions polymorphic for the others, and
aws-cdk-lib ${m.awsCdkLib} rebuilds its template-validation engine whenever a template holds a resource type it was not
built for). The three processes start, load and synthesize once before any clock starts; then they take turns, one
synth each per round (A B C, then B C A, ...), so that the synths a ratio pairs run moments apart and a slow spell
of the machine falls on both. Rounds go on until each alternative's time per synth has stopped falling (the median
of its last ${input.warm.window} synths is at most ${(input.warm.tolerance * 100).toFixed(0)}% below the median of the ${input.warm.window} before: V8 has stopped compiling and
optimising), ${input.warm.minRounds} rounds at least and ${input.warm.maxRounds} at most; the last ${input.warm.pairs} rounds are the figures. There are
${plural(mainWarmProcesses, 'such set')} of fresh processes here, so ${mainWarmProcesses * input.warm.pairs} pairs per ratio. Medians, min–max in parentheses. Peak heap is the median over the runs
and includes about ${heapBase.toFixed(0)} MiB of modules loaded before the synth.

${mainTable(input)}

${mainRatios(input)}

## Scaling

Methods \`GET /r{i}\` on one function, and 200 methods spread in equal blocks over 10 functions
(the first function is the default integration; the others are bound with \`new LambdaIntegration(fn)\` for aws-cdk-lib and
aws-solutions-constructs, and with \`api.lambdaIntegration(fn)\` for this library, as each documents).
Beyond the headline sizes, \`cdk synth\` and the cold synth come from one run per row; warm figures come from
${plural(scalingWarmSets, 'lock-step set')} per size, as described above. Lock-step sets ran ${synthsToSettle.min === synthsToSettle.max ? synthsToSettle.min : `${synthsToSettle.min} to ${synthsToSettle.max}`} rounds${unsettled.length > 0 ? `; **at ${unsettled.map((x) => `${shapeLabel(x.shape)} (${x.warm.filter((w) => !w.settled).length} of ${plural(x.warm.length, 'set')})`).join(' and ')} ours did not settle within ${input.warm.maxRounds} rounds**, so those figures are noisier` : ''}.
"Within the limits" checks ${HARD_LIMITS.map((l) => `${l.name} (${l.limit.toLocaleString('en-US')} ${l.unit})`).join(', ')}.

${scalingTable(input)}

## Does it reproduce?

${reproduction(input)}

## Most methods in one stack

Found by synthesizing: starting from the sizes above, the benchmark doubles the number of methods on one
function until a stack breaks a hard limit, then bisects to the largest one that does not. aws-cdk-lib
${input.machine.awsCdkLib} also refuses to synthesize a stack above 500 resources (\`TooManyResourcesInStack\`); the benchmark
switches that check off (context \`@aws-cdk/core:stackResourceLimit: 0\`) so that it can count past it.

${searchTable(input)}

API Gateway's own quota of 300 resources (paths) per REST API is adjustable and not counted here; in
these APIs every method has its own path, so it would be met at 300 methods.

## What the construct adds

${overheadSection(input)}

## Machine

| | |
|---|---|
| CPU | ${m.cpuModel}, ${m.cores} cores |
| Memory | ${m.memoryGiB.toFixed(1)} GiB |
| OS | ${m.os} |
| Node.js | ${m.node} |
| aws-cdk-lib | ${m.awsCdkLib} |
| aws-cdk (CLI) | ${m.awsCdkCli} |
| @aws-solutions-constructs/aws-apigateway-lambda | ${m.solutionsConstructs} |
| Date | ${m.date} |
| Load average (1 min) at start / end | ${m.loadAverage.toFixed(2)} / ${(m.loadAverageEnd ?? NaN).toFixed(2)} |
| Duration of the run | ${(input.durationS / 60).toFixed(1)} min |

Timings depend on the machine and on whatever else runs on it; the alternatives take turns and the
ratios pair samples taken side by side, so load falls on all of them alike, but a loaded machine
widens every spread. Compare ratios, not absolute times, across machines.

## How to rerun

\`\`\`sh
npx projen bench
\`\`\`

It is not part of \`npx projen test\` or the build. It rewrites this file and \`bench/scaling.svg\`
(and \`bench/scaling.png\` where \`rsvg-convert\` from librsvg is installed), prints the tables, and keeps
the raw figures in \`bench/out/results.json\` (not committed). \`npx projen bench:profile\` writes CPU
profiles of \`cdk synth\`'s app process, ours and plain \`LambdaRestApi\`, to \`bench/out/\` and prints where
the time goes, by package and by function.

## How it is measured

- **The API.** One stack, \`${STACK_NAME}\`, environment-agnostic, in an app with the feature flags \`cdk init\`
  writes (aws-cdk-lib's \`CURRENTLY_RECOMMENDED_FLAGS\`). Functions are \`lambda.Function\`s with inline code.
  Each alternative at its defaults, with \`proxy: false\`: \`new LambdaRestApi(stack, 'Api', { handler, proxy: false })\`,
  \`new ApiGatewayToLambda(stack, 'Api', { existingLambdaObj: handler, apiGatewayProps: { proxy: false } })\`,
  \`new ResilientLambdaRestApi(stack, 'Api', { handler, proxy: false })\`; then method *i* is
  \`api.root.addResource('r' + i).addMethod('GET', integration)\`.
- **\`cdk synth\`.** The CLI runs with \`--quiet --no-notices --no-version-reporting\` and telemetry off, writing to a
  temporary directory; CPU time is the user and system time of the whole process tree (bash's \`times\` after
  it exits), which other load on the machine inflates far less than wall-clock time. Both are reported.
- **Synth time in a process.** The clock covers building the app and the constructs and \`app.synth()\`
  (which includes aws-cdk-lib's built-in template validation and writing the cloud assembly), not Node or
  module start-up; CPU time is the process's user and system time over all threads (\`process.cpuUsage()\`).
  *Cold* is the first synth in the process, what \`cdk synth\` pays, and includes code that aws-cdk-lib loads
  lazily, V8 compiling it and the template-validation engine being built. *Warm* is a settled later synth of
  the same API, the construct's own cost once everything is compiled. Every sample is in \`bench/out/results.json\`.
- **Peak heap.** V8's heap in use during the cold synth: the largest of the sizes before each garbage collection
  (V8's \`--trace-gc\`, switched on for the synth only, in the app process of \`cdk synth\`) and the size at its end. It is not the process's RSS.
- **Resources and permissions** are counted in the synthesized template.
- **Function policy** is estimated: each \`AWS::Lambda::Permission\` becomes the statement Lambda stores
  (\`Sid\`, \`Effect\`, \`Principal: { Service }\`, \`Action\`, \`Resource\` = the function ARN,
  \`Condition: { ArnLike: { AWS:SourceArn } }\`), with deploy-time values at their real lengths (region
  \`${DEPLOY_VALUES.region}\`, a 12-digit account, a 10-character API id, and the names CloudFormation
  generates, \`{stack}-{logicalId}-{12 characters}\`, cut to 64 characters for the function and 100 for the
  statement id), and the policy's compact JSON is measured in bytes. Lambda rejects a policy above
  20,480 bytes.
- **Template size** is the file CDK writes to the cloud assembly, which is what gets uploaded.
`;
  return { markdown, tables };
}
