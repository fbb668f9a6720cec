/** BENCHMARKS.md, written from the figures of one run. */
import { Alternative, ALTERNATIVE_LABELS, ApiShape, STACK_NAME } from './apis';
import { HARD_LIMITS } from './limits';
import { median } from './stats';
import { Probe } from './synth-child';
import { TemplateStats } from './template-stats';
import { DEPLOY_VALUES } from '../src/policy-size';

/** The machine the run took place on. */
export interface Machine {
  readonly cpuModel: string;
  readonly cores: number;
  readonly memoryGiB: number;
  readonly os: string;
  readonly node: string;
  readonly awsCdkLib: string;
  readonly solutionsConstructs: string;
  readonly date: string;
  /** One-minute load average when the run started and ended. */
  readonly loadAverage: number;
  readonly loadAverageEnd?: number;
}

/** Every process's figures for one alternative on one API. */
export interface Measurement {
  readonly alternative: Alternative;
  readonly shape: ApiShape;
  /** Wall-clock and CPU milliseconds of the cold synth, one per process. */
  readonly coldMs: number[];
  readonly coldCpuMs: number[];
  /** Wall-clock and CPU milliseconds of the warm synths. */
  readonly warmMs: number[];
  readonly warmCpuMs: number[];
  readonly peakHeapMiB: number[];
  readonly heapBeforeMiB: number[];
  /** The template's figures (the same in every process). */
  readonly stats: TemplateStats;
}

/** The largest API on one function that stays within the hard limits. */
export interface Search {
  readonly alternative: Alternative;
  readonly maxMethods: number;
  readonly firstFailure: Probe;
  readonly probes: Probe[];
}

export interface ReportInput {
  readonly machine: Machine;
  readonly main: Measurement[];
  readonly scaling: Measurement[];
  readonly searches: Search[];
  readonly durationS: number;
  readonly warmup: number;
  readonly warmRuns: number;
  /** Warm synths per process in the scaling run. */
  readonly scalingWarmSamples: number;
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
const int = (v: number): string => (Number.isFinite(v) ? v.toLocaleString('en-US') : '–');
const ratio = (a: number, b: number): string => `${(a / b).toFixed(2)}×`;

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

function mainTable(input: ReportInput): string {
  const rows = input.main.map((m) => [
    ALTERNATIVE_LABELS[m.alternative],
    `${ms(median(m.coldCpuMs))} (${ms(median(m.coldMs))})`,
    `${ms(median(m.warmCpuMs))} (${ms(median(m.warmMs))})`,
    median(m.peakHeapMiB).toFixed(0),
    int(m.stats.resources),
    int(m.stats.permissions),
    int(policyBytes(m.stats)),
    int(m.stats.templateBytes),
  ]);
  return [
    '| | synth, cold: CPU ms (wall ms) | synth, warm: CPU ms (wall ms) | peak heap (MiB) | resources | `AWS::Lambda::Permission` | function policy (bytes, est.) | template (bytes) |',
    '|---|--:|--:|--:|--:|--:|--:|--:|',
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');
}

function scalingTable(input: ReportInput): string {
  const rows = input.scaling.map((m) => {
    const over = exceeded(m.stats);
    return [
      `${m.shape.methods}`,
      `${m.shape.functions}`,
      m.alternative,
      int(m.stats.resources),
      int(m.stats.permissions),
      permissionsPerFunction(m.stats),
      int(policyBytes(m.stats)),
      int(m.stats.templateBytes),
      ms(median(m.coldCpuMs)),
      ms(median(m.warmCpuMs)),
      over.length === 0 ? 'yes' : `**no**: ${over.join(', ')}`,
    ];
  });
  return [
    '| methods | functions | alternative | resources | permissions | permissions per function | largest function policy (bytes, est.) | template (bytes) | synth, cold (CPU ms) | synth, warm (CPU ms) | within the limits? |',
    '|--:|--:|---|--:|--:|--:|--:|--:|--:|--:|---|',
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
  const byAlt = (list: Measurement[], a: Alternative): Measurement => list.find((m) => m.alternative === a)!;
  const plain = byAlt(input.main, 'LambdaRestApi').stats;
  const solutions = byAlt(input.main, 'ApiGatewayToLambda').stats;
  const ours = byAlt(input.main, 'ResilientLambdaRestApi').stats;
  const types = [...new Set([...Object.keys(plain.resourceTypes), ...Object.keys(solutions.resourceTypes), ...Object.keys(ours.resourceTypes)])];
  const count = (s: TemplateStats, t: string): number => s.resourceTypes[t] ?? 0;
  const rows = types
    .sort((a, b) => (count(ours, b) - count(plain, b)) - (count(ours, a) - count(plain, a)) || a.localeCompare(b))
    .map((t) => {
      const diff = count(ours, t) - count(plain, t);
      const buys = diff !== 0 || t === 'AWS::Lambda::Permission' ? WHAT_IT_BUYS[t] ?? '(not described by the benchmark: see the construct\'s README)' : '';
      return `| \`${t}\` | ${count(plain, t)} | ${count(solutions, t)} | ${count(ours, t)} | ${diff > 0 ? `+${diff}` : diff} | ${buys} |`;
    });
  const shapes = [...input.scaling.filter((m) => m.shape.functions === 1), ...input.main]
    .filter((m) => m.alternative === 'ResilientLambdaRestApi')
    .sort((a, b) => a.shape.methods - b.shape.methods)
    .map((m) => {
      const plainHere = [...input.scaling, ...input.main].find((p) => p.alternative === 'LambdaRestApi' && p.shape.methods === m.shape.methods && p.shape.functions === m.shape.functions)!;
      return `${m.shape.methods} → ${fixedOverhead(m.stats, plainHere.stats, m.shape.functions)}`;
    });
  const overhead = fixedOverhead(ours, plain, input.main[0].shape.functions);
  return [
    `What the routes need is a plain \`LambdaRestApi\` with one API-scoped permission per function. Beyond that, \`ResilientLambdaRestApi\` adds **${overhead} resources** at ${input.main[0].shape.methods} methods; by number of methods on one function: ${shapes.join(', ')}. The overhead does not grow with the API.`,
    '',
    `Resources by type, ${input.main[0].shape.methods} methods on one function:`,
    '',
    '| type | `LambdaRestApi` | `ApiGatewayToLambda` | `ResilientLambdaRestApi` | ours − `LambdaRestApi` | what ours buys with it |',
    '|---|--:|--:|--:|--:|---|',
    ...rows,
  ].join('\n');
}

function targets(input: ReportInput): string {
  const get = (list: Measurement[], a: Alternative, methods: number, functions = 1): Measurement | undefined =>
    list.find((m) => m.alternative === a && m.shape.methods === methods && m.shape.functions === functions);
  const methods = input.main[0].shape.methods;
  const ours = get(input.main, 'ResilientLambdaRestApi', methods)!;
  const plain = get(input.main, 'LambdaRestApi', methods)!;
  const verdict = (a: number[], b: number[]): string => `${ratio(median(a), median(b))} (${median(a) / median(b) <= 1.5 ? 'met' : '**not met**'})`;
  const lines = [
    `- **Synth time at most 1.5× plain \`LambdaRestApi\`** (${methods} methods, medians of CPU time): `
      + `cold ${verdict(ours.coldCpuMs, plain.coldCpuMs)}, warm ${verdict(ours.warmCpuMs, plain.warmCpuMs)}. `
      + `Wall clock: cold ${ratio(median(ours.coldMs), median(plain.coldMs))}, warm ${ratio(median(ours.warmMs), median(plain.warmMs))}.`,
  ];
  const big = [200, 100, 50].map((n) => [get(input.scaling, 'ResilientLambdaRestApi', n), get(input.scaling, 'LambdaRestApi', n)] as const).find(([o, p]) => o && p);
  if (big) {
    const [o, p] = big;
    lines.push(`  At ${o!.shape.methods} methods (one process each, so noisier): CPU cold ${ratio(median(o!.coldCpuMs), median(p!.coldCpuMs))}, warm ${ratio(median(o!.warmCpuMs), median(p!.warmCpuMs))}.`);
  }
  const oneFunction = input.scaling.filter((m) => m.alternative === 'ResilientLambdaRestApi' && m.shape.functions === 1);
  const perFunction = [...new Set(oneFunction.map((m) => m.stats.permissions))];
  lines.push(`- **Permissions per function constant in the number of methods**: ${oneFunction.map((m) => `${m.shape.methods} → ${m.stats.permissions}`).join(', ')} (${perFunction.length === 1 ? 'met' : '**not met**'}).`);
  const spread = input.scaling.find((m) => m.alternative === 'ResilientLambdaRestApi' && m.shape.functions > 1);
  if (spread) {
    const counts = spread.stats.policies.map((p) => p.permissions);
    lines.push(`  With further functions bound through \`api.lambdaIntegration(fn)\` (${spread.shape.methods} methods over ${spread.shape.functions} functions): ` +
      `${Math.min(...counts)} to ${Math.max(...counts)} permissions per function.`);
  }
  return lines.join('\n');
}

/** The report, and the tables alone for the console. */
export function renderReport(input: ReportInput): { markdown: string; tables: string } {
  const m = input.machine;
  const heapBase = median(input.main.flatMap((x) => x.heapBeforeMiB));
  const tables = [
    `## ${input.main[0].shape.methods} GET methods on one function`,
    '',
    mainTable(input),
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

## Targets

${targets(input)}
- **Fixed overhead**: see [What the construct adds](#what-the-construct-adds).

## ${input.main[0].shape.methods} GET methods on one function

Synth times are CPU milliseconds (wall-clock in parentheses), medians over ${input.main[0].coldMs.length} fresh processes per alternative (cold) and over synths
${input.warmup + 1} to ${input.warmRuns} within each of those processes (warm, ${input.main[0].warmMs.length} samples). Peak heap is the median
over the same processes and includes about ${heapBase.toFixed(0)} MiB of modules loaded before the synth.

${mainTable(input)}

CPU time relative to plain \`LambdaRestApi\`: ${input.main.map((x) => `${x.alternative} cold ${ratio(median(x.coldCpuMs), median(input.main[0].coldCpuMs))}, warm ${ratio(median(x.warmCpuMs), median(input.main[0].warmCpuMs))}`).join('; ')}.

## Scaling

Methods \`GET /r{i}\` on one function, and 200 methods spread in equal blocks over 10 functions
(the first function is the default integration; the others are bound with \`new LambdaIntegration(fn)\` for aws-cdk-lib and
aws-solutions-constructs, and with \`api.lambdaIntegration(fn)\` for this library, as each documents).
Synth times here come from one process per row (one cold synth, median of ${input.scalingWarmSamples} warm synths after ${input.warmup} discarded).
"Within the limits" checks ${HARD_LIMITS.map((l) => `${l.name} (${l.limit.toLocaleString('en-US')} ${l.unit})`).join(', ')}.

${scalingTable(input)}

## Most methods in one stack

Found by synthesizing: starting from the scaling sizes, the benchmark doubles the number of methods on one
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
| @aws-solutions-constructs/aws-apigateway-lambda | ${m.solutionsConstructs} |
| Date | ${m.date} |
| Load average (1 min) at start / end | ${m.loadAverage.toFixed(2)} / ${(m.loadAverageEnd ?? NaN).toFixed(2)} |
| Duration of the run | ${(input.durationS / 60).toFixed(1)} min |

Timings depend on the machine and on whatever else runs on it; the alternatives take turns, so load
falls on all of them alike. Compare ratios, not absolute times, across machines.

## How to rerun

\`\`\`sh
npx projen bench
\`\`\`

It is not part of \`npx projen test\` or the build. It rewrites this file and \`bench/scaling.svg\`
(and \`bench/scaling.png\` where \`rsvg-convert\` from librsvg is installed), prints the tables, and keeps
the raw figures in \`bench/out/results.json\` (not committed).

## How it is measured

- **The API.** One stack, \`${STACK_NAME}\`, environment-agnostic, in an app with the feature flags \`cdk init\`
  writes (aws-cdk-lib's \`CURRENTLY_RECOMMENDED_FLAGS\`). Functions are \`lambda.Function\`s with inline code.
  Each alternative at its defaults, with \`proxy: false\`: \`new LambdaRestApi(stack, 'Api', { handler, proxy: false })\`,
  \`new ApiGatewayToLambda(stack, 'Api', { existingLambdaObj: handler, apiGatewayProps: { proxy: false } })\`,
  \`new ResilientLambdaRestApi(stack, 'Api', { handler, proxy: false })\`; then method *i* is
  \`api.root.addResource('r' + i).addMethod('GET', integration)\`.
- **Synth time.** Every measurement runs in a fresh \`node\` process (TypeScript transpiled by ts-node, all modules
  imported before the clock starts). The clock covers building the app and the constructs and \`app.synth()\`
  (which includes aws-cdk-lib's built-in template validation and writing the cloud assembly), not Node or
  module start-up. *Cold* is the first synth in the process, what \`cdk synth\` pays, and includes code that
  aws-cdk-lib loads lazily and V8 compiling it. *Warm* is a later synth of the same API in the same process,
  the construct's own cost. Both are reported as CPU time of the process during the synth (user and system,
  all threads, from \`process.cpuUsage()\`), which other load on the machine inflates far less than wall-clock
  time; wall-clock medians are in parentheses in the first table and every sample is in \`bench/out/results.json\`.
- **Peak heap.** V8's heap in use during the cold synth: the largest of the sizes before each garbage collection
  (V8's \`--trace-gc\`, switched on for the synth only) and the size at its end. It is not the process's RSS.
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
