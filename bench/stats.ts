/** The median of a non-empty list. */
export function median(values: number[]): number {
  if (values.length === 0) {
    return NaN;
  }
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
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
