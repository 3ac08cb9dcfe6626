/**
 * Time-series charts on canvas 2D, with d3-scale for scales and ticks.
 *
 * A chart draws only when told a new snapshot arrived (`invalidate`), at most once per animation
 * frame, straight from the preallocated ring buffers: nothing is allocated per frame. Ticks and
 * their labels are recomputed only when the scale's domain changes.
 */
import { scaleLinear, type ScaleLinear } from 'd3-scale';
import type { ObservedOverlay } from '../sim/observed/overlay';
import { createObservedLayer } from './chart-observed';
import { calendarTicks } from './calendar-ticks';
import { monthIndexOf } from '../sim/dates';
import type { RingSeries, SeriesTable } from './ring';
import { drawMarkers, type ChartMarker } from './chart-markers';
import { drawGhost, drawLines, drawStacked } from './chart-series-draw';

// Importers of the chart take the marker type from here, beside the chart it marks.
export type { ChartMarker } from './chart-markers';

export interface ChartSeries<K extends string> {
  key: K;
  label: string;
  colour: string;
}

export interface ChartOptions<K extends string> {
  title: string;
  /** Said after the title, e.g. "per 10,000 children". */
  unit: string;
  series: readonly ChartSeries<K>[];
  /** `lines` draws each series; `stacked` stacks them as areas, first series at the bottom. */
  mode: 'lines' | 'stacked';
  formatTick: (v: number) => string;
  /** Horizontal reference lines, e.g. the calibration target. */
  reference?: { value: number; label: string };
  /** Shows the series labels under the title. */
  legend?: boolean;
}

export interface Chart {
  readonly element: HTMLElement;
  /** Mark for redraw on the next animation frame (call when a snapshot arrives). */
  invalidate(): void;
  setMarkers(markers: readonly ChartMarker[]): void;
  setReference(ref: { value: number; label: string } | undefined): void;
  /** The run's start date ("YYYY-MM"): the time axis reads years at each 31 March; undefined: month numbers. */
  setCalendar(startDate: string | undefined): void;
  /** Observed figures on the run's months (`sim/observed/overlay.ts`); undefined draws none. */
  setObserved(overlay: ObservedOverlay | undefined): void;
  /** A branch's other run (A, without the change) drawn dashed beside this one's lines; undefined draws none. */
  setGhost(ghost: SeriesTable<string> | undefined): void;
  resize(): void;
  /** Draw now (tests, screenshots); normally the frame loop does it. */
  drawNow(): void;
}

export interface ChartTheme {
  text: string;
  muted: string;
  grid: string;
  marker: string;
  background: string;
  font: string;
}

/** Shortest x span so the axis doesn't stretch one month across the chart at the start. */
const MIN_MONTH_SPAN = 24;

export function createChart<K extends string>(
  host: HTMLElement,
  data: SeriesTable<K>,
  options: ChartOptions<K>,
  theme: ChartTheme,
): Chart {
  const figure = document.createElement('figure');
  figure.className = 'chart';
  figure.dataset.markers = '0';
  const caption = document.createElement('figcaption');
  const title = document.createElement('span');
  title.className = 'chart-title';
  title.textContent = options.title;
  const unit = document.createElement('span');
  unit.className = 'chart-unit';
  unit.textContent = options.unit;
  // Said once beside the title, not at the axis end where it would read as another tick.
  const axisNote = document.createElement('span');
  axisNote.className = 'chart-axis-note';
  caption.append(title, ' ', unit, axisNote);
  if (options.legend) {
    const legend = document.createElement('ul');
    legend.className = 'chart-legend';
    for (const s of [...options.series].reverse()) {
      const li = document.createElement('li');
      const swatch = document.createElement('span');
      swatch.className = 'swatch';
      swatch.style.background = s.colour;
      li.append(swatch, s.label);
      legend.append(li);
    }
    caption.append(legend);
  }
  // The plot box is sized by CSS; the canvas fills it absolutely, so setting the canvas's pixel
  // size never feeds back into the layout.
  const plot = document.createElement('div');
  plot.className = 'chart-plot';
  const canvas = document.createElement('canvas');
  canvas.setAttribute('role', 'img');
  canvas.setAttribute('aria-label', `${options.title}, ${options.unit}: no data yet`);
  plot.append(canvas);
  const observed = createObservedLayer(caption, figure, theme);
  figure.append(caption, plot);
  host.append(figure);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('Canvas 2D is not available in this browser');

  const x: ScaleLinear<number, number> = scaleLinear();
  const y: ScaleLinear<number, number> = scaleLinear();
  let xTicks: number[] = [];
  let xLabels: string[] = [];
  /** month index of the run's start date: the axis then reads years (calendar-ticks.ts) */
  let calendarStart: number | undefined;
  let yTicks: number[] = [];
  let yLabels: string[] = [];
  let xLo = NaN;
  let xHi = NaN;
  let yHi = NaN;
  let yLo = 0;
  let markers: readonly ChartMarker[] = [];
  let ghost: SeriesTable<string> | undefined;
  let reference = options.reference;
  let width = 0;
  let height = 0;
  let dpr = 1;
  let dirty = true;
  let font = '';
  let frameRequested = false;
  const series: RingSeries[] = options.series.map((s) => data.get(s.key));
  const colours = options.series.map((s) => s.colour);
  const scales = { x, y };
  // Running stack heights for the stacked mode, reused every draw.
  const stackBase = new Float64Array(data.months.capacity);

  const pad = { left: 0, right: 0, top: 0, bottom: 0 };

  function layout(): void {
    const rect = plot.getBoundingClientRect();
    dpr = window.devicePixelRatio || 1;
    width = Math.max(1, Math.round(rect.width));
    height = Math.max(1, Math.round(rect.height));
    canvas.width = Math.round(width * dpr);
    canvas.height = Math.round(height * dpr);
    const fontPx = fontSize();
    font = `${fontPx}px ${theme.font}`;
    pad.left = Math.round(fontPx * 4.2);
    pad.right = Math.round(fontPx * 0.8);
    pad.top = Math.round(fontPx * 0.8);
    pad.bottom = Math.round(fontPx * 1.9);
    x.range([pad.left, width - pad.right]);
    y.range([height - pad.bottom, pad.top]);
    xLo = NaN; // force tick refresh for the new size
  }

  function fontSize(): number {
    return Math.max(12, Math.min(20, height / 11));
  }

  function maxValue(): number {
    let hi = Math.max(reference ? reference.value : 0, observed.maxIn(xLo, xHi));
    const n = data.length;
    if (ghost && options.mode === 'lines') {
      for (const s of options.series) {
        const g = ghost.get(s.key);
        for (let i = 0; i < ghost.length; i++) if (g.at(i) > hi) hi = g.at(i);
      }
    }
    if (options.mode === 'stacked') {
      for (let i = 0; i < n; i++) {
        let sum = 0;
        for (let k = 0; k < series.length; k++) sum += series[k].at(i);
        if (sum > hi) hi = sum; // NaN compares false: months without figures don't count
      }
    } else {
      for (let k = 0; k < series.length; k++) {
        const s = series[k];
        for (let i = 0; i < n; i++) if (s.at(i) > hi) hi = s.at(i);
      }
    }
    return hi;
  }

  /** The lowest figure drawn (this run's and the branch's other run's), a little below it. */
  function minValue(): number {
    let lo = Infinity;
    for (const s of options.series) {
      for (const table of ghost ? [data, ghost] : [data]) {
        const g = table.get(s.key);
        for (let i = 0; i < table.length; i++) if (g.at(i) < lo) lo = g.at(i);
      }
    }
    return Number.isFinite(lo) ? Math.max(0, lo * 0.98) : 0;
  }

  function updateDomains(): void {
    const n = data.length;
    const lo = n > 0 ? data.months.at(0) : 0;
    const hi = Math.max(lo + MIN_MONTH_SPAN, n > 0 ? data.months.at(n - 1) : 0);
    if (lo !== xLo || hi !== xHi) {
      xLo = lo;
      xHi = hi;
      x.domain([lo, hi]);
      // Whole months (or years) only, each label inside the plot.
      const room = width - pad.right - fontSize() * 1.4;
      const most = Math.max(2, Math.floor(width / 110));
      if (calendarStart === undefined) {
        xTicks = x.ticks(most).filter((t) => Number.isInteger(t) && x(t) < room);
        xLabels = xTicks.map(String);
      } else {
        const ticks = calendarTicks(lo, hi, calendarStart, most);
        const keep = ticks.months.map((m) => x(m) < room);
        xTicks = ticks.months.filter((_, k) => keep[k]);
        xLabels = ticks.labels.filter((_, k) => keep[k]);
      }
    }
    // Headroom of 10% so a rising line doesn't rescale the axis every month.
    const top = maxValue();
    // Beside a branch's other run the axis spans the data, not from zero, so the gap between the lines shows.
    const bottom = ghost ? minValue() : 0;
    if (!(top <= yHi) || top < yHi * 0.5 || bottom !== yLo) {
      yLo = bottom;
      yHi = top > 0 ? top + (top - bottom) * 0.1 : 1;
      y.domain([bottom, yHi]).nice(4);
      yHi = y.domain()[1];
      // No figure above zero yet (month 0 has no spend): an axis would only label a made-up 0 to 1.
      const distinct = distinctTicks(top > 0 ? y.ticks(4) : [], options.formatTick);
      yTicks = distinct.ticks;
      yLabels = distinct.labels;
    }
  }

  function draw(): void {
    dirty = false;
    if (width <= 1) layout();
    const c = ctx as CanvasRenderingContext2D;
    updateDomains();
    const fontPx = fontSize();
    c.setTransform(dpr, 0, 0, dpr, 0, 0);
    c.fillStyle = theme.background;
    c.fillRect(0, 0, width, height);
    c.font = font;
    c.lineWidth = 1;

    c.strokeStyle = theme.grid;
    c.fillStyle = theme.muted;
    c.textAlign = 'right';
    c.textBaseline = 'middle';
    // No figures yet (loading): a y axis would only show a made-up 0 to 1.
    const yTickCount = data.length > 0 ? yTicks.length : 0;
    for (let i = 0; i < yTickCount; i++) {
      const py = Math.round(y(yTicks[i])) + 0.5;
      c.beginPath();
      c.moveTo(pad.left, py);
      c.lineTo(width - pad.right, py);
      c.stroke();
      c.fillText(yLabels[i], pad.left - fontPx * 0.4, py);
    }
    c.textAlign = 'center';
    c.textBaseline = 'top';
    for (let i = 0; i < xTicks.length; i++) {
      const px = x(xTicks[i]);
      c.fillText(xLabels[i], px, height - pad.bottom + fontPx * 0.35);
    }


    const n = data.length;
    if (options.mode === 'stacked') drawStacked(c, scales, data.months, series, colours, n, stackBase);
    else {
      if (ghost) drawGhost(c, scales, ghost, options.series, xLo, fontPx);
      drawLines(c, scales, data.months, series, colours, n);
    }
    observed.draw(c, x, y, xLo, xHi, fontPx);

    if (reference) {
      const py = Math.round(y(reference.value)) + 0.5;
      c.setLineDash([fontPx * 0.5, fontPx * 0.35]);
      c.strokeStyle = theme.muted;
      c.lineWidth = 1.5;
      c.beginPath();
      c.moveTo(pad.left, py);
      c.lineTo(width - pad.right, py);
      c.stroke();
      c.setLineDash([]);
      c.fillStyle = theme.muted;
      c.textAlign = 'left';
      c.textBaseline = 'bottom';
      c.fillText(reference.label, pad.left + 4, py - 2);
    }

    drawMarkers(c, markers, x, { pad, width, height, xLo, xHi }, theme, fontPx);
    c.font = font;
    c.lineWidth = 1;
  }

  function describe(): void {
    const n = data.length;
    if (n === 0) return;
    const parts = options.series.map((s, k) => `${s.label} ${options.formatTick(series[k].last())}`);
    canvas.setAttribute(
      'aria-label',
      `${options.title}, ${options.unit}, month ${data.months.last()}: ${parts.join(', ')}; ${markers.length} lever change${markers.length === 1 ? '' : 's'} marked${markers.map((m) => ` (month ${m.month}: ${m.label})`).join('')}${observed.description}`,
    );
  }

  const onFrame = (): void => {
    frameRequested = false;
    if (dirty) {
      draw();
      describe();
    }
  };

  const observer = new ResizeObserver(() => {
    layout();
    dirty = true;
    onFrame();
  });
  observer.observe(plot);

  return {
    element: figure,
    invalidate() {
      dirty = true;
      if (!frameRequested) {
        frameRequested = true;
        requestAnimationFrame(onFrame);
      }
    },
    setMarkers(months) {
      markers = months;
      figure.dataset.markers = String(months.length);
      this.invalidate();
    },
    setCalendar(startDate) {
      calendarStart = startDate === undefined ? undefined : monthIndexOf(startDate);
      axisNote.textContent = calendarStart === undefined ? ' · by month' : ' · years at 31 March';
      xLo = NaN; // recompute the ticks
      this.invalidate();
    },
    setReference(ref) {
      reference = ref;
      yHi = NaN;
      this.invalidate();
    },
    setGhost(table) {
      ghost = table;
      yHi = NaN;
      this.invalidate();
    },
    setObserved(overlay) {
      observed.set(overlay);
      yHi = NaN;
      this.invalidate();
    },
    resize() {
      layout();
      this.invalidate();
    },
    drawNow() {
      draw();
      describe();
    },
  };
}

/** Ticks whose labels differ (a tick that formats like its neighbour, "£1 £1", says nothing). */
export function distinctTicks(ticks: readonly number[], format: (v: number) => string): { ticks: number[]; labels: string[] } {
  const out = { ticks: [] as number[], labels: [] as string[] };
  for (const t of ticks) {
    const label = format(t);
    if (out.labels.includes(label)) continue;
    out.ticks.push(t);
    out.labels.push(label);
  }
  return out;
}
