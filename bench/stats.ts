/** The median of a non-empty list. */
export function median(values: number[]): number {
  if (values.length === 0) {
    return NaN;
  }
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** The smallest, middle and largest of some samples. */
export interface Spread {
  readonly min: number;
  readonly median: number;
  readonly max: number;
}

/** The min, median and max of a list (NaN for an empty one). */
export function spread(values: number[]): Spread {
  return values.length === 0
    ? { min: NaN, median: NaN, max: NaN }
    : { min: Math.min(...values), median: median(values), max: Math.max(...values) };
}

/**
 * Whether a series has settled: the median of its last `window` samples is no more than
 * `tolerance` (a fraction) below the median of the `window` before, so the time per synth has
 * stopped falling. V8 keeps compiling and optimising (and tiering up WebAssembly in the background)
 * for the first synths in a process; warm figures are taken only once this holds. Medians, so that
 * one garbage collection does not decide it.
 */
export function hasSettled(samples: number[], window: number, tolerance: number): boolean {
  if (samples.length < 2 * window) {
    return false;
  }
  const last = median(samples.slice(-window));
  const before = median(samples.slice(-2 * window, -window));
  return last >= (1 - tolerance) * before;
}

/** Ratios of paired samples, a[i] / b[i], taken under the same conditions (same round, same process). */
export function pairedRatios(a: number[], b: number[]): number[] {
  return a.slice(0, Math.min(a.length, b.length)).map((x, i) => x / b[i]);
}

/**
 * A ratio as the page shows it: the median of the paired ratios with their min and max, and, where
 * that range crosses 1.0 (these samples show neither side faster), "crosses 1.0".
 */
export function formatRatio(ratios: number[]): string {
  const s = spread(ratios);
  if (!Number.isFinite(s.median)) {
    return '–';
  }
  if (ratios.length === 1) {
    return `${s.median.toFixed(2)}×`;
  }
  const crosses = s.min < 1 && s.max > 1 ? ', crosses 1.0' : '';
  return `${s.median.toFixed(2)}× (${s.min.toFixed(2)}–${s.max.toFixed(2)}${crosses})`;
}

/**
 * The largest heap size (MiB) in a V8 `--trace-gc` log: every collection line reads
 * `... <kind> <before> (<committed>) -> <after> (<committed>) MB, ...`.
 */
export function peakHeapFromGcTrace(trace: string): number {
  let peak = 0;
  for (const match of trace.matchAll(/ ([\d.]+) \([\d.]+\) -> [\d.]+ \([\d.]+\) MB/g)) {
    peak = Math.max(peak, Number(match[1]));
  }
  return peak;
}

/** User plus system CPU milliseconds of the children, from bash's `times` (its last line: `0m6.958s 0m0.748s`). */
export function childCpuMsFromTimes(output: string): number {
  const lines = output.trim().split('\n');
  const match = /^(\d+)m([\d.]+)s (\d+)m([\d.]+)s$/.exec(lines[lines.length - 1].trim());
  if (!match) {
    throw new Error(`no 'times' output at the end of: ${output.slice(-200)}`);
  }
  const [, um, us, sm, ss] = match.map(Number);
  return (um * 60 + us + sm * 60 + ss) * 1000;
}
