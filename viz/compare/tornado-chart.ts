/**
 * The tornado of one outcome at one horizon as SVG text: a bar per uncertain parameter, from the
 * mean B − A with the parameter at its low end to the mean B − A at its high end (the others at
 * their values), largest swing on top, about a centre line at today's mean B − A and a zero line.
 * Each bar is a `<g data-path>` so tests and scripts find the parameter it stands for. Pure: no
 * DOM, tested in Node; the same markup on screen and in the report.
 */
import { scaleLinear } from 'd3-scale';
import type { TornadoBar } from '../../sim/uncertainty/analysis';
import { escapeXml, fix, type ChartTheme } from './svg-chart';

export interface TornadoRow {
  path: string;
  low: { value: number; difference: number };
  high: { value: number; difference: number };
  swing: number;
}

/** The bars in the order drawn: largest swing first (ties by path), only those with finite ends. */
export function tornadoRows(bars: readonly TornadoBar[], max = Infinity): TornadoRow[] {
  return bars
    .filter((b) => Number.isFinite(b.low.difference) && Number.isFinite(b.high.difference))
    .map((b) => ({ path: b.path, low: b.low, high: b.high, swing: Math.abs(b.high.difference - b.low.difference) }))
    .sort((x, y) => y.swing - x.swing || x.path.localeCompare(y.path))
    .slice(0, max);
}

export interface TornadoSpec {
  title: string;
  unit: string;
  /** today's mean B − A (every parameter at its value): the bars' common end */
  centre: number;
  rows: readonly TornadoRow[];
  format: (v: number) => string;
  /** a parameter's value as written by its bar's ends */
  formatValue: (v: number) => string;
  colours: { low: string; high: string };
  width: number;
  theme: ChartTheme;
  description: string;
}

const ROW = 22;
const FONT = 12;

/** [lo, hi] of every bar end, the centre and zero (a tornado always shows where the sign changes). */
export function tornadoExtent(spec: Pick<TornadoSpec, 'centre' | 'rows'>): [number, number] {
  const values = [0, spec.centre, ...spec.rows.flatMap((r) => [r.low.difference, r.high.difference])].filter(Number.isFinite);
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  if (lo === hi) return [lo - 1, hi + 1];
  const pad = (hi - lo) * 0.04;
  return [lo - pad, hi + pad];
}

export function tornadoSvg(spec: TornadoSpec): string {
  const { width, theme } = spec;
  const label = Math.min(Math.round(width * 0.4), 12 + FONT * 0.6 * Math.max(8, ...spec.rows.map((r) => r.path.length)));
  const pad = { left: label, right: 12, top: 58, bottom: 30 };
  const height = pad.top + pad.bottom + Math.max(1, spec.rows.length) * ROW;
  const x = scaleLinear().domain(tornadoExtent(spec)).range([pad.left + 60, width - pad.right - 60]).nice(5);
  const id = `t${Math.abs([...spec.title].reduce((h, ch) => (h * 31 + ch.charCodeAt(0)) | 0, 7))}`;
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" class="tornado" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-labelledby="${id}-t ${id}-d" font-family="Inter, 'Segoe UI', Roboto, 'DejaVu Sans', Arial, sans-serif" font-size="${FONT}">`,
    `<title id="${id}-t">${escapeXml(`${spec.title} (${spec.unit})`)}</title><desc id="${id}-d">${escapeXml(spec.description)}</desc>`,
    `<rect width="${width}" height="${height}" fill="${theme.background}"/>`,
    `<text x="8" y="16" fill="${theme.text}" font-weight="700">${escapeXml(spec.title)}</text>`,
    `<text x="8" y="31" fill="${theme.muted}">${escapeXml(spec.unit)}</text>`,
    `<rect x="8" y="39" width="12" height="9" fill="${spec.colours.low}"/><text x="24" y="48" fill="${theme.text}">at the low end</text>`,
    `<rect x="130" y="39" width="12" height="9" fill="${spec.colours.high}"/><text x="146" y="48" fill="${theme.text}">at the high end</text>`,
  ];
  const bottom = height - pad.bottom;
  for (const t of x.ticks(5)) {
    parts.push(`<line x1="${fix(x(t))}" x2="${fix(x(t))}" y1="${pad.top}" y2="${bottom}" stroke="${theme.grid}"/>`);
    parts.push(`<text x="${fix(x(t))}" y="${bottom + 15}" text-anchor="middle" fill="${theme.muted}">${escapeXml(spec.format(t))}</text>`);
  }
  if (spec.rows.length === 0) parts.push(`<text x="${pad.left}" y="${pad.top + 15}" fill="${theme.muted}">No uncertain parameter differs between the ends of its range.</text>`);
  spec.rows.forEach((r, k) => {
    const top = pad.top + k * ROW + 3;
    const h = ROW - 6;
    const c = x(spec.centre);
    const end = (v: number, colour: string) => `<rect x="${fix(Math.min(c, x(v)))}" y="${top}" width="${fix(Math.max(1, Math.abs(x(v) - c)))}" height="${h}" fill="${colour}"/>`;
    // Each end's parameter value written beside it, on the side away from the centre.
    const words = (v: number, value: number) => {
      const right = x(v) >= c;
      return `<text x="${fix(x(v) + (right ? 4 : -4))}" y="${top + h / 2}" dy="0.32em" text-anchor="${right ? 'start' : 'end'}" fill="${theme.muted}" font-size="${FONT - 1}">${escapeXml(spec.formatValue(value))}</text>`;
    };
    parts.push(
      `<g class="tornado-bar" data-path="${escapeXml(r.path)}" data-swing="${r.swing}">`,
      `<text x="${pad.left - 6}" y="${top + h / 2}" dy="0.32em" text-anchor="end" fill="${theme.text}">${escapeXml(r.path)}</text>`,
      end(r.low.difference, spec.colours.low),
      end(r.high.difference, spec.colours.high),
      words(r.low.difference, r.low.value),
      words(r.high.difference, r.high.value),
      '</g>',
    );
  });
  const [d0, d1] = x.domain();
  if (d0 <= 0 && d1 >= 0) parts.push(`<line x1="${fix(x(0))}" x2="${fix(x(0))}" y1="${pad.top - 4}" y2="${bottom}" stroke="${theme.text}" stroke-width="1.5"/>`);
  parts.push(`<line x1="${fix(x(spec.centre))}" x2="${fix(x(spec.centre))}" y1="${pad.top - 4}" y2="${bottom}" stroke="${theme.text}" stroke-dasharray="4 3"/>`);
  parts.push(`<text x="${width - pad.right}" y="${height - 3}" text-anchor="end" fill="${theme.muted}">mean B − A over the seeds; dashed: every parameter at its value</text>`);
  parts.push('</svg>');
  return parts.join('');
}
