/**
 * Comparison charts as SVG text: a few hundred points, vector output that prints sharply, the same
 * markup on screen, in the report and in the SVG download (the PNG is this SVG rasterised). Pure:
 * no DOM, so it is tested in Node.
 *
 * Each series is a line (median, or mean difference) over a shaded band (5–95% across seeds, or
 * the 95% interval of the difference). The y axis spans the data, not zero: a difference of
 * −3 per 10,000 must not be flattened against an axis that starts at zero. Lever changes are
 * dashed lines with their words ("Early-help budget £40.0m → £69.0m a year"). Observed (DfE)
 * figures, when given, are hollow diamonds, as on the app's trend charts (viz/chart-observed.ts).
 */
import { scaleLinear } from 'd3-scale';
// Type and a constant only: this module stays free of the DOM and of the history file.
import type { ObservedOverlay } from '../../sim/observed/overlay';
import { OBSERVED_LABEL } from '../../sim/observed/types';

export interface BandSeries {
  label: string;
  colour: string;
  mid: ArrayLike<number>;
  low: ArrayLike<number>;
  high: ArrayLike<number>;
}

export interface ChartMarker {
  month: number;
  label: string;
}

export interface ChartTheme {
  background: string;
  text: string;
  muted: string;
  grid: string;
}

export const PRINT_THEME: ChartTheme = { background: '#ffffff', text: '#111111', muted: '#555555', grid: '#d9d9d9' };

export interface SvgChartSpec {
  title: string;
  unit: string;
  /** first month with a value and the last month */
  from: number;
  to: number;
  series: readonly BandSeries[];
  markers: readonly ChartMarker[];
  /** draw y = 0 when it is inside the axis (difference charts) */
  zeroLine: boolean;
  format: (v: number) => string;
  width: number;
  height: number;
  theme: ChartTheme;
  /** a sentence for screen readers: what the chart shows at the end */
  description: string;
  /** observed figures on the same months (`sim/observed/overlay.ts`); those inside from..to are drawn */
  observed?: ObservedOverlay;
}

/** Half the width of an observed diamond: about the app's (0.4 of its font size), at this font. */
const DIAMOND = 5;

export const escapeXml = (text: string) => text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
export const fix = (v: number) => (Math.round(v * 10) / 10).toString();

/** The observed points inside the chart's months, as [month, value]; none without an overlay. */
function observedPoints(spec: SvgChartSpec): [number, number][] {
  const o = spec.observed;
  if (!o) return [];
  const out: [number, number][] = [];
  for (let i = 0; i < o.months.length; i++) {
    if (o.months[i] >= spec.from && o.months[i] <= spec.to && Number.isFinite(o.values[i])) out.push([o.months[i], o.values[i]]);
  }
  return out;
}

function extent(spec: SvgChartSpec, observed: readonly [number, number][]): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  // A figure the axis cut off would be worse than none: the diamonds widen the span like the data.
  for (const [, v] of observed) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  for (const s of spec.series) {
    for (let m = spec.from; m <= spec.to; m++) {
      for (const v of [s.low[m], s.high[m], s.mid[m]]) {
        if (Number.isFinite(v)) {
          if (v < lo) lo = v;
          if (v > hi) hi = v;
        }
      }
    }
  }
  if (!Number.isFinite(lo)) return [0, 1];
  if (spec.zeroLine) {
    // Keep zero in view when the data come near it, so "no effect" is visible; never force it otherwise.
    const span = hi - lo || Math.abs(hi) || 1;
    if (lo > 0 && lo < span) lo = 0;
    if (hi < 0 && -hi < span) hi = 0;
  }
  if (lo === hi) return [lo - (Math.abs(lo) || 1) * 0.05, hi + (Math.abs(hi) || 1) * 0.05];
  const pad = (hi - lo) * 0.06;
  return [lo - pad, hi + pad];
}

/** Path text through the finite points of `values` over months from..to (the pen lifts at gaps). */
function linePath(values: ArrayLike<number>, from: number, to: number, x: (m: number) => number, y: (v: number) => number): string {
  let d = '';
  let pen = false;
  for (let m = from; m <= to; m++) {
    const v = values[m];
    if (!Number.isFinite(v)) {
      pen = false;
      continue;
    }
    d += `${pen ? 'L' : 'M'}${fix(x(m))},${fix(y(v))}`;
    pen = true;
  }
  return d;
}

function bandPath(low: ArrayLike<number>, high: ArrayLike<number>, from: number, to: number, x: (m: number) => number, y: (v: number) => number): string {
  const months: number[] = [];
  for (let m = from; m <= to; m++) if (Number.isFinite(low[m]) && Number.isFinite(high[m])) months.push(m);
  if (months.length === 0) return '';
  const top = months.map((m, k) => `${k === 0 ? 'M' : 'L'}${fix(x(m))},${fix(y(high[m]))}`).join('');
  const bottom = [...months].reverse().map((m) => `L${fix(x(m))},${fix(y(low[m]))}`).join('');
  return `${top}${bottom}Z`;
}

/** Room a legend entry takes: its swatch, gap and label at about 7 px a character. */
const legendEntryWidth = (label: string) => 30 + label.length * 7;

/** A hollow diamond centred on (x, y), as path data. */
const diamond = (x: number, y: number, r: number) => `M${fix(x)},${fix(y - r)}L${fix(x + r)},${fix(y)}L${fix(x)},${fix(y + r)}L${fix(x - r)},${fix(y)}Z`;

export function svgChart(spec: SvgChartSpec): string {
  const { width, height, theme } = spec;
  const font = 13;
  // Only the points this chart's months reach: a static chart never grows to show the others, so a
  // legend entry or a sentence for figures not drawn would describe nothing on it.
  const observed = observedPoints(spec);
  const seriesLegend = spec.series.length > 1;
  let observedAt: { x: number; row: number } | undefined;
  if (observed.length > 0) {
    const end = seriesLegend ? spec.series.reduce((lx, s) => lx + legendEntryWidth(s.label), 8) : 8;
    // A row of its own when the scenarios' names leave no room: an entry cut off by the edge names nothing.
    observedAt = end + 18 + OBSERVED_LABEL.length * 7 <= width - 8 ? { x: end, row: 0 } : { x: 8, row: 1 };
  }
  const legendRows = observedAt ? observedAt.row + 1 : seriesLegend ? 1 : 0;
  const markerRows = Math.min(spec.markers.length, 4);
  const pad = { left: 0, right: 16, top: 44 + legendRows * 18 + markerRows * 15, bottom: 34 };
  // About one gridline per 30 px: small report charts get fewer, so their labels never crowd.
  const tickCount = Math.max(3, Math.min(6, Math.floor((height - pad.top - pad.bottom) / 30)));
  const y = scaleLinear().domain(extent(spec, observed)).range([height - pad.bottom, pad.top]).nice(tickCount);
  const yTicks = y.ticks(tickCount);
  const yLabels = yTicks.map(spec.format);
  // Room for the widest tick label (about 0.6 em a character), so "£5,000.0m" is never clipped.
  pad.left = Math.ceil(12 + 0.6 * font * Math.max(4, ...yLabels.map((l) => l.length)));
  const x = scaleLinear().domain([spec.from, Math.max(spec.to, spec.from + 1)]).range([pad.left, width - pad.right]);
  const parts: string[] = [];
  const id = `c${Math.abs([...spec.title + spec.unit].reduce((h, ch) => (h * 31 + ch.charCodeAt(0)) | 0, 7))}`;
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-labelledby="${id}-t ${id}-d" font-family="Inter, 'Segoe UI', Roboto, 'DejaVu Sans', Arial, sans-serif" font-size="${font}">`,
    `<title id="${id}-t">${escapeXml(`${spec.title} (${spec.unit})`)}</title><desc id="${id}-d">${escapeXml(observed.length > 0 && spec.observed ? `${spec.description} Diamonds: ${spec.observed.description}.` : spec.description)}</desc>`,
    `<rect width="${width}" height="${height}" fill="${theme.background}"/>`,
    `<text x="8" y="16" fill="${theme.text}" font-weight="700">${escapeXml(spec.title)}</text>`,
    `<text x="8" y="32" fill="${theme.muted}" font-size="${font - 1}">${escapeXml(spec.unit)}</text>`,
  );
  if (seriesLegend) {
    let lx = 8;
    for (const s of spec.series) {
      parts.push(`<rect x="${lx}" y="40" width="14" height="10" fill="${s.colour}"/><text x="${lx + 18}" y="49" fill="${theme.text}">${escapeXml(s.label)}</text>`);
      lx += legendEntryWidth(s.label);
    }
  }
  if (observedAt) {
    const { x: ox, row } = observedAt;
    const swatch = diamond(ox + 7, 45 + row * 18, DIAMOND);
    parts.push(`<path d="${swatch}" fill="${theme.background}" stroke="${theme.text}" stroke-width="2"/><text x="${ox + 18}" y="${49 + row * 18}" fill="${theme.text}">${escapeXml(OBSERVED_LABEL)}</text>`);
  }
  yTicks.forEach((t, k) => {
    const py = fix(y(t));
    parts.push(`<line x1="${pad.left}" x2="${width - pad.right}" y1="${py}" y2="${py}" stroke="${theme.grid}"/>`);
    parts.push(`<text x="${pad.left - 6}" y="${py}" dy="0.32em" text-anchor="end" fill="${theme.muted}">${escapeXml(yLabels[k])}</text>`);
  });
  for (const t of x.ticks(Math.max(2, Math.floor(width / 90))).filter(Number.isInteger)) {
    parts.push(`<text x="${fix(x(t))}" y="${height - pad.bottom + 16}" text-anchor="middle" fill="${theme.muted}">${t}</text>`);
  }
  parts.push(`<text x="${width - pad.right}" y="${height - 4}" text-anchor="end" fill="${theme.muted}">month</text>`);
  const [d0, d1] = y.domain();
  if (spec.zeroLine && d0 <= 0 && d1 >= 0) {
    parts.push(`<line x1="${pad.left}" x2="${width - pad.right}" y1="${fix(y(0))}" y2="${fix(y(0))}" stroke="${theme.text}" stroke-width="1.5"/>`);
  }
  for (const s of spec.series) {
    const band = bandPath(s.low, s.high, spec.from, spec.to, x, y);
    if (band) parts.push(`<path d="${band}" fill="${s.colour}" fill-opacity="0.25" stroke="none"/>`);
  }
  for (const s of spec.series) {
    parts.push(`<path d="${linePath(s.mid, spec.from, spec.to, x, y)}" fill="none" stroke="${s.colour}" stroke-width="2.5" stroke-linejoin="round" data-series="${escapeXml(s.label)}"/>`);
  }
  spec.markers.forEach((mk, k) => {
    if (mk.month < spec.from || mk.month > spec.to) return;
    const px = fix(x(mk.month));
    const row = k % 4;
    const ty = pad.top - 4 - (markerRows - 1 - row) * 15;
    // Labels read rightwards from their line, or end at it when they would leave the chart, or,
    // longer than either side, start wherever they fit.
    const at = x(mk.month);
    const wide = mk.label.length * font * 0.55;
    const tx = at + 4 + wide <= width - 2 ? at + 4 : at - 4 - wide >= 2 ? at - 4 : Math.max(2, width - 2 - wide);
    const anchor = tx === at - 4 ? 'end' : 'start';
    parts.push(`<line x1="${px}" x2="${px}" y1="${ty + 3}" y2="${height - pad.bottom}" stroke="${theme.text}" stroke-dasharray="4 3"/>`);
    parts.push(`<text x="${fix(tx)}" y="${ty}" text-anchor="${anchor}" fill="${theme.text}" class="marker-label">${escapeXml(mk.label)}</text>`);
  });
  // Last, so no band, line or lever line hides a figure; class and month let tests find each one.
  for (const [m, v] of observed) {
    parts.push(`<path class="observed-point" data-month="${m}" d="${diamond(x(m), y(v), DIAMOND)}" fill="${theme.background}" stroke="${theme.text}" stroke-width="2"/>`);
  }
  parts.push('</svg>');
  return parts.join('');
}
