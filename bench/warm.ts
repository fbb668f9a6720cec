/**
 * Warm synths in lock-step: one serving process per alternative (bench/synth-child.ts), all started
 * before any clock, asked in turns, one synth each per round (A B C, then B C A, ...). Each
 * alternative thus runs in a process of its own, with no other library to change what V8 makes of
 * aws-cdk-lib, while the synths a ratio pairs run moments apart, so that a slow spell of the
 * machine falls on both. Rounds go on until every alternative's time per synth has stopped falling
 * and at least `minRounds` have run; the last `pairs` rounds are the figures.
 */
import { ChildProcess, spawn } from 'child_process';
import * as path from 'path';
import * as readline from 'readline';
import { Alternative, ApiShape } from './apis';
import { hasSettled } from './stats';
import { ANSWER_PREFIX, READY_LINE, ServeRequest, TimedSynth } from './synth-child';
import { TemplateStats } from './template-stats';

/** How long a lock-step set runs. */
export interface LockstepSettings {
  /** Settled when the median of the last `window` synths is at most `tolerance` (a fraction) below that of the `window` before. */
  readonly window: number;
  readonly tolerance: number;
  /** Rounds at least, and at most (when an alternative never settles). */
  readonly minRounds: number;
  readonly maxRounds: number;
  /** The last rounds kept as figures. */
  readonly pairs: number;
}

/** One alternative's synths in one lock-step set. */
export interface LockstepSeries {
  readonly alternative: Alternative;
  /** CPU and wall-clock milliseconds of the kept rounds; index i of every series is round i. */
  readonly cpuMs: number[];
  readonly wallMs: number[];
  /** Synths in the set, the kept ones included. */
  readonly synths: number;
  readonly settled: boolean;
  readonly stats: TemplateStats;
}

/** A serving process and its answers, in order. */
class Server {
  private readonly process: ChildProcess;
  private readonly waiting: Array<(answer: TimedSynth) => void> = [];
  private stderr = '';
  /** Resolves once the process has loaded its library and done its untimed synth. */
  public readonly ready: Promise<void>;
  private onReady?: () => void;

  constructor(request: ServeRequest, env: NodeJS.ProcessEnv) {
    const args = ['-r', require.resolve('ts-node/register/transpile-only'), path.join(__dirname, 'synth-child.ts'), JSON.stringify(request)];
    this.process = spawn(process.execPath, args, {
      cwd: path.resolve(__dirname, '..'), env, stdio: ['pipe', 'pipe', 'pipe'],
    });
    // aws-cdk-lib prints a validation report on every synth of an API that warns: keep only the tail, for errors.
    this.process.stderr!.on('data', (chunk: Buffer) => {
      this.stderr = (this.stderr + chunk.toString()).slice(-20_000);
    });
    this.ready = new Promise((resolve) => {
      this.onReady = resolve;
    });
    readline.createInterface({ input: this.process.stdout! }).on('line', (line) => {
      if (line === READY_LINE) {
        this.onReady?.();
      } else if (line.startsWith(ANSWER_PREFIX)) {
        this.waiting.shift()?.(JSON.parse(line.slice(ANSWER_PREFIX.length)) as TimedSynth);
      }
    });
    this.process.on('exit', (code) => {
      if (code !== 0 && code !== null) {
        throw new Error(`bench: the ${request.alternative} serving process exited with ${code}:\n${this.stderr}`);
      }
    });
  }

  synth(): Promise<TimedSynth> {
    return new Promise((resolve) => {
      this.waiting.push(resolve);
      this.process.stdin!.write('synth\n');
    });
  }

  close(): void {
    this.process.stdin!.end();
  }
}

/** One lock-step set of the given alternatives on one API. */
export async function lockstep(
  shape: ApiShape, alternatives: Alternative[], settings: LockstepSettings, env: NodeJS.ProcessEnv,
): Promise<LockstepSeries[]> {
  const servers = alternatives.map((alternative) => new Server({ kind: 'serve', shape, alternative }, env));
  try {
    // No clock starts while another process is still loading: its start-up would slow the first rounds.
    await Promise.all(servers.map((s) => s.ready));
    const synths: TimedSynth[][] = alternatives.map(() => []);
    const settled = (): boolean => synths.every((s) => hasSettled(s.map((x) => x.cpuMs), settings.window, settings.tolerance));
    let round = 0;
    while (round < settings.maxRounds && (round < settings.minRounds || !settled())) {
      for (let k = 0; k < alternatives.length; k++) {
        const i = (round + k) % alternatives.length;
        synths[i].push(await servers[i].synth());
      }
      round++;
    }
    return alternatives.map((alternative, i) => ({
      alternative,
      cpuMs: synths[i].slice(-settings.pairs).map((s) => s.cpuMs),
      wallMs: synths[i].slice(-settings.pairs).map((s) => s.ms),
      synths: synths[i].length,
      settled: hasSettled(synths[i].map((s) => s.cpuMs), settings.window, settings.tolerance),
      stats: synths[i][0].stats!,
    }));
  } finally {
    servers.forEach((s) => s.close());
  }
}
