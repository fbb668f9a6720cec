/**
 * `npx projen bench:spec`: an API of 100, 1,000 and 3,000 operations over 20 functions, built with
 * `ResilientSpecRestApi`, with a hand-written `SpecRestApi` (the same document with the
 * integrations written in by hand, one permission per function) and with `LambdaRestApi` (one
 * resource and method per operation). Each synth runs in a fresh Node process, three per case, the
 * alternatives taking turns; the figures go into the OpenAPI section of BENCHMARKS.md (between its
 * markers, which `npx projen bench` keeps).
 *
 * Run as `bench/spec.ts child <alternative> <operations> <resultFile>` it measures one synth; as
 * `bench/spec.ts render` it writes the section again from the raw results in bench/out.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Aws, Stack, Validations } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { CURRENTLY_RECOMMENDED_FLAGS } from 'aws-cdk-lib/cx-api';
import { STACK_RESOURCE_LIMIT_CONTEXT } from './apis';
import { exceededLimits } from './limits';
import { median } from './stats';
import { templateStats } from './template-stats';
import { ResilientSpecRestApi } from '../src';

const ROOT = path.resolve(__dirname, '..');
const OUT_DIR = path.join(ROOT, 'bench', 'out');
export const SPEC_ALTERNATIVES = ['ResilientSpecRestApi', 'SpecRestApi', 'LambdaRestApi'] as const;
type SpecAlternative = typeof SPEC_ALTERNATIVES[number];
const SIZES = [100, 1000, 3000];
const FUNCTIONS = 20;
const PROCESSES = 3;
export const SECTION_START = '<!-- generated:spec -->';
export const SECTION_END = '<!-- /generated:spec -->';
const STACK_NAME = 'BenchSpecStack';

/** Operation i: `GET /r{i / 4}/item{i % 4}`, a short OpenAPI 3 operation, on function i mod 20. */
function operations(count: number): { paths: Record<string, any>; functionOf: (i: number) => number } {
  const paths: Record<string, any> = {};
  for (let i = 0; i < count; i++) {
    paths[`/r${Math.floor(i / 4)}/item${i % 4}`] = { get: { operationId: `op${i}`, responses: { 200: { description: 'ok' } } } };
  }
  return { paths, functionOf: (i) => i % FUNCTIONS };
}

function build(alternative: SpecAlternative, count: number, outdir: string): App {
  const app = new App({ outdir, context: { ...CURRENTLY_RECOMMENDED_FLAGS, [STACK_RESOURCE_LIMIT_CONTEXT]: 0 } });
  const stack = new Stack(app, STACK_NAME);
  Validations.of(stack).acknowledge({ id: 'CloudFormation-Validate::F0007', reason: 'The benchmark counts resources past the 500 limit and checks the limit itself' });
  const handlers = Array.from({ length: FUNCTIONS }, (_, f) => new lambda.Function(stack, `Handler${f}`, {
    runtime: lambda.Runtime.NODEJS_22_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => ({ statusCode: 200, body: "ok" });'),
  }));
  const { paths, functionOf } = operations(count);
  const document = { openapi: '3.0.1', info: { title: 'bench', version: '1' }, paths };
  switch (alternative) {
    case 'ResilientSpecRestApi': {
      const integrations = Object.fromEntries(Object.keys(paths).map((_, i) => [`op${i}`, handlers[functionOf(i)]]));
      new ResilientSpecRestApi(stack, 'Api', { apiDefinition: apigateway.ApiDefinition.fromInline(document), integrations });
      break;
    }
    case 'SpecRestApi': {
      // What a careful user writes by hand: the integration in each operation, one permission per function.
      Object.values<any>(paths).forEach((item, i) => {
        item.get['x-amazon-apigateway-integration'] = {
          type: 'aws_proxy',
          httpMethod: 'POST',
          uri: `arn:${Aws.PARTITION}:apigateway:${Aws.REGION}:lambda:path/2015-03-31/functions/${handlers[functionOf(i)].functionArn}/invocations`,
        };
      });
      const api = new apigateway.SpecRestApi(stack, 'Api', { apiDefinition: apigateway.ApiDefinition.fromInline(document) });
      for (const handler of handlers) {
        handler.addPermission('ApiInvoke', { principal: new iam.ServicePrincipal('apigateway.amazonaws.com'), sourceArn: api.arnForExecuteApi() });
      }
      break;
    }
    case 'LambdaRestApi': {
      const api = new apigateway.LambdaRestApi(stack, 'Api', { handler: handlers[0], proxy: false });
      const integrations = handlers.map((h) => new apigateway.LambdaIntegration(h));
      const resources = new Map<string, apigateway.IResource>();
      Object.keys(paths).forEach((p, i) => {
        let parent: apigateway.IResource = api.root;
        for (const segment of p.split('/').filter((s) => s)) {
          const key = `${parent.path}/${segment}`;
          parent = resources.get(key) ?? parent.addResource(segment);
          resources.set(key, parent);
        }
        parent.addMethod('GET', integrations[functionOf(i)]);
      });
      break;
    }
  }
  return app;
}

interface ChildResult {
  readonly cpuMs: number;
  readonly error?: string;
  readonly resources?: number;
  readonly permissions?: number;
  readonly templateBytes?: number;
  readonly exceeded?: string[];
}

function child(alternative: SpecAlternative, count: number, resultFile: string): void {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-spec-'));
  const start = process.cpuUsage();
  let result: ChildResult;
  try {
    const app = build(alternative, count, outdir);
    const artifact = app.synth().getStackByName(STACK_NAME);
    const cpu = process.cpuUsage(start);
    const stats = templateStats(artifact.template, STACK_NAME, fs.statSync(artifact.templateFullPath).size);
    result = {
      cpuMs: (cpu.user + cpu.system) / 1000,
      resources: stats.resources,
      permissions: stats.permissions,
      templateBytes: stats.templateBytes,
      exceeded: exceededLimits(stats),
    };
  } catch (e) {
    const cpu = process.cpuUsage(start);
    // A validation error lists its messages on the lines after the first: keep the one that says what failed.
    const lines = (e as Error).message.split('\n').map((l) => l.trim()).filter((l) => l.length > 0);
    const message = lines.find((l) => /bytes|limit/.test(l)) ?? lines[0];
    result = { cpuMs: (cpu.user + cpu.system) / 1000, error: message.replace(/^\[[^\]]*\]\s*/, '').slice(0, 300) };
  }
  fs.rmSync(outdir, { recursive: true, force: true });
  fs.writeFileSync(resultFile, JSON.stringify(result));
}

function runChild(alternative: SpecAlternative, count: number): ChildResult {
  const resultFile = path.join(OUT_DIR, `spec-child-${process.pid}.json`);
  const run = spawnSync(
    process.execPath,
    ['-r', require.resolve('ts-node/register/transpile-only'), __filename, 'child', alternative, String(count), resultFile],
    { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 2 ** 20, env: { ...process.env, TS_NODE_PROJECT: path.join(__dirname, 'tsconfig.json') } },
  );
  if (run.status !== 0) {
    throw new Error(`bench child failed (${alternative} ${count}):\n${run.stderr}`);
  }
  const result = JSON.parse(fs.readFileSync(resultFile, 'utf8')) as ChildResult;
  fs.rmSync(resultFile);
  return result;
}

const LABELS: Record<SpecAlternative, string> = {
  ResilientSpecRestApi: '`ResilientSpecRestApi` (this library)',
  SpecRestApi: 'aws-cdk-lib `SpecRestApi`, integrations and permissions by hand',
  LambdaRestApi: 'aws-cdk-lib `LambdaRestApi`, a resource and method per operation',
};

function verdict(r: ChildResult): string {
  if (r.error) {
    // The error's first clause says what failed; the rest is advice.
    return `**fails at synth**: ${r.error.replace(/ \(.*$/, '').replace(/\|/g, '\\|')}`;
  }
  return r.exceeded!.length === 0 ? 'yes' : `**no**: ${r.exceeded!.map((e) => e.replace(/ \(.*/, '')).join(', ')}`;
}

/** The OpenAPI section of BENCHMARKS.md. */
function section(results: Map<string, ChildResult[]>, minutes: number): string {
  const rows: string[] = [];
  for (const count of SIZES) {
    for (const alternative of SPEC_ALTERNATIVES) {
      const runs = results.get(`${alternative}/${count}`)!;
      // Every run of a case gives the same figures; the last one's messages are the most complete.
      const r = runs[runs.length - 1];
      const figure = (v: number | undefined) => (v === undefined ? '-' : v.toLocaleString('en-US'));
      rows.push(`| ${count.toLocaleString('en-US')} | ${LABELS[alternative]} | ${figure(r.resources)} | ${figure(r.permissions)} | ` +
        `${figure(r.templateBytes)} | ${median(runs.map((x) => x.cpuMs)).toFixed(0)} | ${verdict(r)} |`);
    }
  }
  return [
    SECTION_START,
    '## OpenAPI: 100 to 3,000 operations over 20 functions',
    '',
    'Written by `npx projen bench:spec` (bench/spec.ts), kept as it is by `npx projen bench`.',
    '',
    `Operation *i* is \`GET /r{i/4}/item{i%4}\` with one 200 response, on function *i* mod ${FUNCTIONS}. \`ResilientSpecRestApi\` at its`,
    'defaults; the hand-written `SpecRestApi` carries the same document with an `aws_proxy` integration written into each',
    'operation and one `lambda:InvokeFunction` permission per function for the whole API (no error contract, logs or alarms);',
    '`LambdaRestApi` (`proxy: false`) gets the same paths as resources and a `LambdaIntegration` per function.',
    `Synth time is the median CPU time (user and system) of ${PROCESSES} fresh processes per case, from building the app to the end of`,
    '`app.synth()`, aws-cdk-lib\'s template validation included; the alternatives took turns. "Within the limits" checks',
    '500 resources per stack, 20,480 bytes of function policy and 1,048,576 bytes of template.',
    '',
    '| operations | alternative | resources | permissions | template (bytes) | synth (CPU ms, median) | within the limits? |',
    '|--:|---|--:|--:|--:|--:|---|',
    ...rows,
    '',
    'Routes in a document cost no resources, so the resource count of both `SpecRestApi` columns stays flat; the',
    'template grows with the document instead. `ResilientSpecRestApi` writes each integration as one `Fn::Sub` line',
    '(the hand-written `Fn::Join` takes about ten), which is why its template is the smaller of the two although it adds',
    'the error contract, logs and alarms. Neither fits 3,000 operations in one template: the document holds the',
    'function ARNs, which CloudFormation resolves only inside the template (text included with `AWS::Include` counts',
    'in the processed template too), so an API that large must be split. `ResilientSpecRestApi` says so at synth.',
    '',
    `One run of ${minutes.toFixed(1)} minutes, ${new Date().toISOString().slice(0, 10)}, on the machine described below (shared with other work:`,
    'compare ratios). `LambdaRestApi` at 3,000 operations spends most of its time in aws-cdk-lib\'s validation of an 8 MB template.',
    SECTION_END,
  ].join('\n');
}

/** BENCHMARKS.md with the OpenAPI section replaced (or added before "## Machine"). */
function withSpecSection(markdown: string, block: string): string {
  const start = markdown.indexOf(SECTION_START);
  const end = markdown.indexOf(SECTION_END);
  if (start >= 0 && end > start) {
    return markdown.slice(0, start) + block + markdown.slice(end + SECTION_END.length);
  }
  const machine = markdown.indexOf('## Machine');
  return machine < 0 ? `${markdown}\n${block}\n` : `${markdown.slice(0, machine)}${block}\n\n${markdown.slice(machine)}`;
}

function main(): void {
  fs.mkdirSync(OUT_DIR, { recursive: true });
  const started = Date.now();
  const results = new Map<string, ChildResult[]>();
  for (const count of SIZES) {
    for (let p = 0; p < PROCESSES; p++) {
      for (const alternative of SPEC_ALTERNATIVES) {
        const r = runChild(alternative, count);
        process.stderr.write(`[bench:spec] ${alternative} ${count}: ${r.cpuMs.toFixed(0)} ms CPU ${r.error ?? `${r.resources} resources ${r.templateBytes} bytes`}\n`);
        results.set(`${alternative}/${count}`, [...results.get(`${alternative}/${count}`) ?? [], r]);
      }
    }
  }
  const minutes = (Date.now() - started) / 60_000;
  fs.writeFileSync(RESULTS_FILE, JSON.stringify({ minutes, results: Object.fromEntries(results) }, undefined, 1));
  writeSection(results, minutes);
}

const RESULTS_FILE = path.join(OUT_DIR, 'spec-results.json');

function writeSection(results: Map<string, ChildResult[]>, minutes: number): void {
  const file = path.join(ROOT, 'BENCHMARKS.md');
  const block = section(results, minutes);
  fs.writeFileSync(file, withSpecSection(fs.readFileSync(file, 'utf8'), block));
  process.stdout.write(`${block}\n`);
}

/** Writes the section again from the raw results of the last run (`bench/spec.ts render`), without measuring. */
function render(): void {
  const raw = JSON.parse(fs.readFileSync(RESULTS_FILE, 'utf8'));
  // A run before the file held its duration: take it from the section it wrote.
  const minutes = raw.minutes ?? Number(/One run of ([\d.]+) minutes/.exec(fs.readFileSync(path.join(ROOT, 'BENCHMARKS.md'), 'utf8'))?.[1]);
  writeSection(new Map(Object.entries<ChildResult[]>(raw.results ?? raw)), minutes);
}

if (process.argv[2] === 'child') {
  child(process.argv[3] as SpecAlternative, Number(process.argv[4]), process.argv[5]);
} else if (process.argv[2] === 'render') {
  render();
} else if (require.main === module) {
  main();
}
