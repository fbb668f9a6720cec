/**
 * `npx projen bench:nag`: what cdk-nag packs cost on the 200-method API, ResilienceChecks side by
 * side with AwsSolutions, in CPU time of `validateScope(stack)` (medians of several runs in one
 * process, taking turns). Writes the section between the `nag` markers of BENCHMARKS.md, which
 * `npx projen bench` keeps.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Stack } from 'aws-cdk-lib';
import { AwsSolutionsChecks, NagPack } from 'cdk-nag';
import { Alternative, buildApp, loadBuilder, STACK_NAME } from './apis';
import { median } from './stats';
import { applyBlocks } from '../scripts/readme';
import { ResilienceChecks } from '../src';

const METHODS = 200;
/** Runs per pack and API; the first is reported on its own (it pays for V8 compiling the rules). */
const RUNS = 7;
const PACKS: Array<[string, () => NagPack]> = [['AwsSolutions', () => new AwsSolutionsChecks()], ['ResilienceChecks', () => new ResilienceChecks()]];
const APIS: Alternative[] = ['LambdaRestApi', 'ResilientLambdaRestApi'];

interface Row {
  readonly api: Alternative;
  readonly pack: string;
  readonly cpuMs: number[];
  readonly findings: number;
}

function cpuMsOf(run: () => void): number {
  const start = process.cpuUsage();
  run();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

function measure(): Row[] {
  const rows: Row[] = [];
  for (const api of APIS) {
    const stack = buildApp(loadBuilder(api), { methods: METHODS, functions: 1 }).node.findChild(STACK_NAME) as Stack;
    const samples = PACKS.map(() => [] as number[]);
    const findings = PACKS.map(() => 0);
    for (let run = 0; run < RUNS; run++) {
      PACKS.forEach(([, create], p) => {
        let count = 0;
        samples[p].push(cpuMsOf(() => {
          count = create().validateScope(stack).violations.reduce((n, v) => n + v.violatingResources.length, 0);
        }));
        findings[p] = count;
      });
    }
    PACKS.forEach(([pack], p) => rows.push({ api, pack, cpuMs: samples[p], findings: findings[p] }));
  }
  return rows;
}

function render(rows: Row[]): string {
  const table = rows.map((r) =>
    `| \`${r.api}\` | ${r.pack} | ${r.cpuMs[0].toFixed(0)} | ${median(r.cpuMs.slice(1)).toFixed(0)} | ${r.findings} |`);
  return [
    `## cdk-nag packs on ${METHODS} methods`,
    '',
    `\`validateScope(stack)\` on the ${METHODS}-method API of the scaling table (one function, \`proxy: false\`), in one process:`,
    `CPU milliseconds of the first run and the median of runs 2 to ${RUNS}, the packs taking turns. Findings count`,
    'violating resources. Node ' + process.version + ', ' + os.cpus().length + ' CPUs (' + (os.cpus()[0]?.model ?? 'unknown') + ').',
    '',
    '| API | pack | first run (CPU ms) | median (CPU ms) | findings |',
    '|---|---|--:|--:|--:|',
    ...table,
    '',
    'Rerun with `npx projen bench:nag` (bench/nag.ts).',
  ].join('\n');
}

if (require.main === module) {
  const rows = measure();
  const section = render(rows);
  const file = path.join(__dirname, '..', 'BENCHMARKS.md');
  fs.writeFileSync(file, applyBlocks(fs.readFileSync(file, 'utf8'), { nag: section }));
  process.stdout.write(`${section}\n`);
}
