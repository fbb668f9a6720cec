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

function wallMs(args: string[]): number {
  const start = process.hrtime.bigint();
  const run = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (run.status !== 0 && run.status !== 1) {
    throw new Error(`${args.join(' ')} exited ${run.status}: ${run.stderr}`);
  }
  return ms;
}

function row(label: string, args: string[]): string {
  const times = Array.from({ length: RUNS }, () => wallMs(args));
  const sorted = [...times].sort((a, b) => a - b);
  return `| ${label} | ${median(times).toFixed(0)} | ${sorted[0].toFixed(0)} | ${sorted[sorted.length - 1].toFixed(0)} |`;
}

if (!fs.existsSync(CLI)) {
  throw new Error(`${CLI} is missing: run \`npx projen compile\` first`);
}
console.log(`Wall time of one process, ${RUNS} runs each, milliseconds (Node ${process.version}):\n`);
console.log('| Command | median | min | max |\n|---|---|---|---|');
console.log(row('`node -e ""` (Node starting, for reference)', ['-e', '']));
for (const template of TEMPLATES) {
  console.log(row(`\`audit ${template}\``, [CLI, 'audit', template]));
  console.log(row(`\`audit --format sarif ${template}\``, [CLI, 'audit', '--format', 'sarif', template]));
}
