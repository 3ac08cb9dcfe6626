/**
 * A chart's series on the canvas: lines (with a dot on the latest value), the branch's other run
 * dashed beside them, or stacked areas. Straight from the ring buffers, nothing allocated per
 * frame (charts.ts owns the scales, the axes and when to draw).
 */
import type { ScaleLinear } from 'd3-scale';
import type { RingSeries, SeriesTable } from './ring';

/** The scales from months and figures to canvas pixels, as the chart last set them. */
export interface PlotScales {
  x: ScaleLinear<number, number>;
  y: ScaleLinear<number, number>;
}

/** The first `n` months of each series as a line, in its colour. */
export function drawLines(c: CanvasRenderingContext2D, { x, y }: PlotScales, months: RingSeries, series: readonly RingSeries[], colours: readonly string[], n: number): void {
  c.lineWidth = 3;
  c.lineJoin = 'round';
  for (let k = 0; k < series.length; k++) {
    const s = series[k];
    c.strokeStyle = colours[k];
    c.beginPath();
    // A NaN is "no figure this month" (e.g. spend at month 0): lift the pen there.
    let penDown = false;
    for (let i = 0; i < n; i++) {
      const v = s.at(i);
      if (!Number.isFinite(v)) {
        penDown = false;
        continue;
      }
      const px = x(months.at(i));
      const py = y(v);
      if (penDown) c.lineTo(px, py);
      else c.moveTo(px, py);
      penDown = true;
    }
    c.stroke();
    // A dot on the latest value: the "now" of the chart, visible even with a single month.
    const last = n > 0 ? s.at(n - 1) : NaN;
    if (Number.isFinite(last)) {
      c.fillStyle = colours[k];
      c.beginPath();
      c.arc(x(months.at(n - 1)), y(last), 4.5, 0, Math.PI * 2);
      c.fill();
    }
  }
}

/** The branch's other run: the same colours, dashed and fainter, so B (solid) reads against A. Months before `xLo` are left out. */
export function drawGhost(
  c: CanvasRenderingContext2D,
  { x, y }: PlotScales,
  table: SeriesTable<string>,
  series: readonly { key: string; colour: string }[],
  xLo: number,
  fontPx: number,
): void {
  c.save();
  c.lineWidth = 2.5;
  c.globalAlpha = 0.75;
  c.setLineDash([fontPx * 0.45, fontPx * 0.3]);
  for (const s of series) {
    const g = table.get(s.key);
    c.strokeStyle = s.colour;
    c.beginPath();
    let penDown = false;
    for (let i = 0; i < table.length; i++) {
      const v = g.at(i);
      const m = table.months.at(i);
      if (!Number.isFinite(v) || m < xLo) {
        penDown = false;
        continue;
      }
      if (penDown) c.lineTo(x(m), y(v));
      else c.moveTo(x(m), y(v));
      penDown = true;
    }
    c.stroke();
  }
  c.restore();
}

/** The series stacked as areas, the first at the bottom; `stackBase` (at least `n` long) is scratch space reused every draw. */
export function drawStacked(
  c: CanvasRenderingContext2D,
  { x, y }: PlotScales,
  months: RingSeries,
  series: readonly RingSeries[],
  colours: readonly string[],
  n: number,
  stackBase: Float64Array,
): void {
  // Stacks start at the first month with figures (month 0 has no spend).
  let first = 0;
  while (first < n && !Number.isFinite(series[0].at(first))) first++;
  if (first >= n) return;
  stackBase.fill(0, 0, n);
  for (let k = 0; k < series.length; k++) {
    const s = series[k];
    c.fillStyle = colours[k];
    c.beginPath();
    for (let i = first; i < n; i++) {
      const px = x(months.at(i));
      const py = y(stackBase[i] + s.at(i));
      if (i === first) c.moveTo(px, py);
      else c.lineTo(px, py);
    }
    for (let i = n - 1; i >= first; i--) c.lineTo(x(months.at(i)), y(stackBase[i]));
    c.closePath();
    c.fill();
    for (let i = first; i < n; i++) stackBase[i] += s.at(i);
  }
}
