/**
 * The scaling chart, drawn as SVG by hand (no plotting dependency): CloudFormation resources and
 * the largest function policy against the number of methods, one line per alternative, with the
 * hard limits drawn across.
 */

/** One alternative's points. */
export interface ScalingSeries {
  readonly label: string;
  readonly color: string;
  /** Methods on one function: [methods, resources, policy bytes]. */
  readonly points: Array<[number, number, number]>;
  /** The same number of methods spread over several functions, drawn as a hollow marker. */
  readonly spread?: { methods: number; functions: number; resources: number; policyBytes: number };
  /** The largest number of methods that fits in one stack, drawn as a label. */
  readonly maxMethods?: number;
}

/** A horizontal limit line on one panel. */
interface LimitLine {
  readonly value: number;
  readonly label: string;
}

const WIDTH = 1000;
const HEIGHT = 500;
const PANEL = { top: 90, height: 330, width: 400 };
const PANEL_LEFT = [70, 570];
const FONT = 'font-family="Helvetica, Arial, sans-serif"';

function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A round axis maximum above `value` and its tick step. */
export function niceAxis(value: number): { max: number; step: number } {
  const rough = value / 5;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= rough) ?? 10 * magnitude;
  return { max: Math.ceil(value / step) * step, step };
}

function panel(
  left: number, title: string, unit: string, xMax: number,
  series: ScalingSeries[], value: (p: [number, number, number]) => number, spreadValue: (s: NonNullable<ScalingSeries['spread']>) => number,
  limit: LimitLine,
): string {
  const values = series.flatMap((s) => [...s.points.map(value), ...(s.spread ? [spreadValue(s.spread)] : [])]);
  const y = niceAxis(Math.max(limit.value * 1.15, ...values));
  const x = niceAxis(xMax);
  const px = (v: number): number => left + (v / x.max) * PANEL.width;
  const py = (v: number): number => PANEL.top + PANEL.height - (v / y.max) * PANEL.height;
  const out: string[] = [];
  out.push(`<text x="${left + PANEL.width / 2}" y="${PANEL.top - 14}" text-anchor="middle" font-size="15" font-weight="bold" ${FONT}>${esc(title)}</text>`);
  for (let v = 0; v <= y.max + 1e-9; v += y.step) {
    out.push(`<line x1="${left}" y1="${py(v)}" x2="${left + PANEL.width}" y2="${py(v)}" stroke="#e4e4e4"/>`);
    out.push(`<text x="${left - 6}" y="${py(v) + 4}" text-anchor="end" font-size="11" ${FONT}>${+v.toFixed(2)}</text>`);
  }
  for (let v = 0; v <= x.max + 1e-9; v += x.step) {
    out.push(`<line x1="${px(v)}" y1="${PANEL.top + PANEL.height}" x2="${px(v)}" y2="${PANEL.top + PANEL.height + 5}" stroke="#333"/>`);
    out.push(`<text x="${px(v)}" y="${PANEL.top + PANEL.height + 18}" text-anchor="middle" font-size="11" ${FONT}>${v}</text>`);
  }
  out.push(`<rect x="${left}" y="${PANEL.top}" width="${PANEL.width}" height="${PANEL.height}" fill="none" stroke="#333"/>`);
  out.push(`<text x="${left + PANEL.width / 2}" y="${PANEL.top + PANEL.height + 36}" text-anchor="middle" font-size="12" ${FONT}>methods</text>`);
  out.push(`<text transform="translate(${left - 48},${PANEL.top + PANEL.height / 2}) rotate(-90)" text-anchor="middle" font-size="12" ${FONT}>${esc(unit)}</text>`);
  out.push(`<line x1="${left}" y1="${py(limit.value)}" x2="${left + PANEL.width}" y2="${py(limit.value)}" stroke="#d62728" stroke-width="2" stroke-dasharray="8 5"/>`);
  for (const s of series) {
    const path = s.points.map((p, i) => `${i === 0 ? 'M' : 'L'}${px(p[0]).toFixed(1)},${py(value(p)).toFixed(1)}`).join(' ');
    out.push(`<path d="${path}" fill="none" stroke="${s.color}" stroke-width="2.5"/>`);
    for (const p of s.points) {
      out.push(`<circle cx="${px(p[0]).toFixed(1)}" cy="${py(value(p)).toFixed(1)}" r="4" fill="${s.color}"/>`);
    }
    if (s.spread) {
      out.push(`<rect x="${(px(s.spread.methods) - 5).toFixed(1)}" y="${(py(spreadValue(s.spread)) - 5).toFixed(1)}" width="10" height="10" fill="white" stroke="${s.color}" stroke-width="2"/>`);
    }
  }
  // The limit's label last, so that no line crosses it.
  out.push(`<text x="${left + PANEL.width - 8}" y="${py(limit.value) - 6}" text-anchor="end" font-size="12" fill="#d62728" stroke="white" stroke-width="4" paint-order="stroke" ${FONT}>${esc(limit.label)}</text>`);
  return out.join('\n');
}

/** The whole chart as an SVG document. */
export function renderScalingSvg(series: ScalingSeries[], title: string): string {
  const xMax = Math.max(...series.flatMap((s) => s.points.map((p) => p[0])));
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}">`);
  out.push(`<rect width="${WIDTH}" height="${HEIGHT}" fill="white"/>`);
  out.push(`<text x="${WIDTH / 2}" y="26" text-anchor="middle" font-size="18" font-weight="bold" ${FONT}>${esc(title)}</text>`);
  let legendX = 70;
  for (const s of series) {
    const text = s.maxMethods !== undefined ? `${s.label} (fits ${s.maxMethods} methods)` : s.label;
    out.push(`<line x1="${legendX}" y1="50" x2="${legendX + 24}" y2="50" stroke="${s.color}" stroke-width="3"/>`);
    out.push(`<text x="${legendX + 30}" y="54" font-size="12" ${FONT}>${esc(text)}</text>`);
    legendX += 50 + text.length * 7;
  }
  out.push(panel(PANEL_LEFT[0], 'CloudFormation resources in the stack', 'resources', xMax, series,
    (p) => p[1], (s) => s.resources, { value: 500, label: 'CloudFormation limit: 500 resources per stack' }));
  out.push(panel(PANEL_LEFT[1], 'Resource policy of the largest function', 'KiB', xMax, series,
    (p) => p[2] / 1024, (s) => s.policyBytes / 1024, { value: 20, label: 'Lambda limit: 20 KiB (20,480 bytes) per function policy' }));
  const spread = series.find((s) => s.spread)?.spread;
  const note = spread
    ? `Dots: all methods on one function. Hollow squares: ${spread.methods} methods spread over ${spread.functions} functions.`
    : 'Dots: all methods on one function.';
  out.push(`<text x="${WIDTH / 2}" y="${HEIGHT - 20}" text-anchor="middle" font-size="12" fill="#444" ${FONT}>${esc(note)}</text>`);
  out.push('</svg>');
  return out.join('\n') + '\n';
}
