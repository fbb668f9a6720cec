/**
 * The benchmark's app, as `cdk synth` runs it: one alternative's API at one size, in a process of
 * its own, loading only that alternative's library. `npx cdk synth --app "node -r
 * ts-node/register/transpile-only bench/app.ts <alternative> <methods> <functions>"`.
 *
 * Where `BENCH_RESULT` names a file, it also writes there what the process spent in the synth
 * itself (building the app and `app.synth()`, after every module is loaded): the cold in-process
 * figure. For the peak heap, V8's GC trace is switched on around the synth (it goes to stdout).
 */
import * as fs from 'fs';
import * as v8 from 'v8';
import { Alternative, ALTERNATIVES, buildApp, loadBuilder } from './apis';

/** What the app reports about its synth. */
export interface AppResult {
  /** Wall-clock and CPU milliseconds of the synth (app construction and `app.synth()`). */
  readonly synthMs: number;
  readonly synthCpuMs: number;
  /** MiB of V8 heap in use before the synth (the loaded modules) and at its end. */
  readonly heapBeforeMiB: number;
  readonly heapAfterMiB: number;
}

/** The environment variable naming the file the app writes its AppResult to. */
export const RESULT_ENV = 'BENCH_RESULT';

function main(): void {
  const [alternative, methods, functions] = process.argv.slice(2);
  if (!ALTERNATIVES.includes(alternative as Alternative)) {
    throw new Error(`usage: app.ts <${ALTERNATIVES.join('|')}> <methods> <functions>`);
  }
  const build = loadBuilder(alternative as Alternative);
  const mib = (): number => process.memoryUsage().heapUsed / 2 ** 20;
  const resultFile = process.env[RESULT_ENV];
  const heapBeforeMiB = mib();
  if (resultFile) {
    v8.setFlagsFromString('--trace-gc');
  }
  const cpuStart = process.cpuUsage();
  const start = process.hrtime.bigint();
  buildApp(build, { methods: Number(methods), functions: Number(functions ?? 1) }).synth();
  const synthMs = Number(process.hrtime.bigint() - start) / 1e6;
  const cpu = process.cpuUsage(cpuStart);
  if (resultFile) {
    v8.setFlagsFromString('--no-trace-gc');
    const result: AppResult = { synthMs, synthCpuMs: (cpu.user + cpu.system) / 1000, heapBeforeMiB, heapAfterMiB: mib() };
    fs.writeFileSync(resultFile, JSON.stringify(result));
  }
}

// The driver imports the types above; only `node bench/app.ts` synthesizes.
if (require.main === module) {
  main();
}
