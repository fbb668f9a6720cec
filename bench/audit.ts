/**
 * `npx projen bench:audit`: how long the `audit` command takes on one template, as a user runs it
 * (`node lib/audit/cli.js audit <template>`, a new process each time), next to a Node process that
 * does nothing. Needs the compiled library (`npx projen compile`). Prints medians; asserts nothing.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { median } from './stats';

const ROOT = path.join(__dirname, '..');
const CLI = path.join(ROOT, 'lib', 'audit', 'cli.js');
const RUNS = 21;
const TEMPLATES = ['test/audit/corpus/sam-expanded.json', 'test/audit/corpus/nested-parent.yaml'];

/** GNU time, where the machine has it: the child's own CPU time, which a loaded machine inflates less than wall time. */
const GNU_TIME = '/usr/bin/time';

interface Timing {
  readonly wallMs: number;
  readonly cpuMs?: number;
}

function timeOnce(args: string[]): Timing {
  const withTime = fs.existsSync(GNU_TIME);
  const [command, commandArgs] = withTime ? [GNU_TIME, ['-f', 'cpu %U %S', process.execPath, ...args]] : [process.execPath, args];
  const start = process.hrtime.bigint();
  const run = spawnSync(command, commandArgs, { cwd: ROOT, encoding: 'utf8' });
  const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
  if (run.status !== 0 && run.status !== 1) {
    throw new Error(`${args.join(' ')} exited ${run.status}: ${run.stderr}`);
  }
  const cpu = /cpu ([\d.]+) ([\d.]+)/.exec(run.stderr);
  return { wallMs, cpuMs: cpu ? (Number(cpu[1]) + Number(cpu[2])) * 1000 : undefined };
}

function row(label: string, args: string[]): string {
  const timings = Array.from({ length: RUNS }, () => timeOnce(args));
  const wall = timings.map((t) => t.wallMs);
  const cpu = timings.map((t) => t.cpuMs).filter((ms): ms is number => ms !== undefined);
  const cpuCell = cpu.length > 0 ? median(cpu).toFixed(0) : '—';
  return `| ${label} | ${median(wall).toFixed(0)} | ${Math.min(...wall).toFixed(0)} | ${Math.max(...wall).toFixed(0)} | ${cpuCell} |`;
}

if (!fs.existsSync(CLI)) {
  throw new Error(`${CLI} is missing: run \`npx projen compile\` first`);
}
console.log(`Wall time of one process, ${RUNS} runs each, milliseconds (Node ${process.version}):\n`);
console.log('| Command | wall median | wall min | wall max | CPU median |\n|---|---|---|---|---|');
console.log(row('`node -e ""` (Node starting, for reference)', ['-e', '']));
for (const template of TEMPLATES) {
  console.log(row(`\`audit ${template}\``, [CLI, 'audit', template]));
  console.log(row(`\`audit --format sarif ${template}\``, [CLI, 'audit', '--format', 'sarif', template]));
}
