/**
 * The lever-change markers on a chart's time axis: a line at each change, labelled in words at the
 * top. Apart from the chart (charts.ts) so the rule for which labels fit reads on its own.
 */
import type { ScaleLinear } from 'd3-scale';

/** A lever change on the time axis, said in words ("Early-help budget £40.0m a year → £69.0m a year"). */
export interface ChartMarker {
  month: number;
  label: string;
}

/** Where the plot sits on the canvas, in CSS pixels. */
export interface PlotFrame {
  pad: { left: number; right: number; top: number; bottom: number };
  width: number;
  height: number;
  /** The months on show, first and last: markers outside are not drawn. */
  xLo: number;
  xHi: number;
}

/** The colours and font family the markers use (a chart theme has them all). */
export interface MarkerStyle {
  marker: string;
  background: string;
  font: string;
}

/**
 * A line at each lever change, labelled in words at the top; a label that would run into the
 * previous one is left out (the canvas's text alternative lists them all). Leaves the canvas's
 * font set to the markers' own: the caller sets its font back.
 */
export function drawMarkers(
  c: CanvasRenderingContext2D,
  markers: readonly ChartMarker[],
  x: ScaleLinear<number, number>,
  frame: PlotFrame,
  style: MarkerStyle,
  fontPx: number,
): void {
  const { pad, width, height } = frame;
  c.strokeStyle = style.marker;
  c.lineWidth = 2;
  c.font = `600 ${Math.round(fontPx * 0.85)}px ${style.font}`;
  c.textBaseline = 'top';
  // Newest first: the latest change always gets its label; an older one whose label would run
  // into a newer one's is left out.
  let freeUntil = Infinity;
  for (const group of groupByMonth(markers).reverse()) {
    const m = group.month;
    if (m < frame.xLo || m > frame.xHi) continue;
    const px = Math.round(x(m)) + 0.5;
    c.beginPath();
    c.moveTo(px, pad.top);
    c.lineTo(px, height - pad.bottom);
    c.stroke();
    const room = width - pad.right - px - 6;
    const label = fitText(c, group.label, Math.max(room, px - pad.left - 6));
    if (label === '') continue;
    const w = c.measureText(label).width;
    const right = room >= w;
    const left = right ? px + 5 : px - 5 - w;
    if (left + w > freeUntil) continue;
    const top = pad.top + 2;
    c.fillStyle = style.background;
    c.globalAlpha = 0.85;
    c.fillRect(left - 3, top - 1, w + 6, fontPx * 0.85 * 1.25);
    c.globalAlpha = 1;
    c.fillStyle = style.marker;
    c.textAlign = 'left';
    c.fillText(label, left, top);
    freeUntil = left - fontPx * 0.5;
  }
}

/** Markers at the same month, their labels joined. */
export function groupByMonth(markers: readonly ChartMarker[]): ChartMarker[] {
  const out: ChartMarker[] = [];
  for (const m of [...markers].sort((a, b) => a.month - b.month)) {
    const last = out[out.length - 1];
    if (last && last.month === m.month) last.label = `${last.label}; ${m.label}`;
    else out.push({ month: m.month, label: m.label });
  }
  return out;
}

/** The longest start of `text` (cut with an ellipsis) that fits `width` pixels. */
function fitText(c: CanvasRenderingContext2D, text: string, width: number): string {
  if (c.measureText(text).width <= width) return text;
  for (let n = text.length - 1; n > 8; n--) {
    const cut = `${text.slice(0, n).trimEnd()}\u2026`;
    if (c.measureText(cut).width <= width) return cut;
  }
  return '';
}
