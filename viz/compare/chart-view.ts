/**
 * The comparison's charts for one outcome at a time (a picker chooses it): A and B over time with
 * their bands on the same axes, and B − A with its 95% interval. Each has SVG and PNG downloads.
 * The A and B chart carries the observed (DfE) figures where the outcome has a series; B − A does
 * not: a difference between two policies has no observed counterpart.
 */
import { formatNumber } from '../../sim/comparison/format';
import { OUTCOMES, outcomeById, type Outcome } from '../../sim/comparison/outcomes';
import { bandsOf, type PairedResults } from '../../sim/comparison/summary';
import { OKABE_ITO, THEME } from '../palette';
import { downloadBlob, panel, slug, svgToPng } from './files';
import { observedFor } from './observed';
import { PRINT_THEME, svgChart, type ChartMarker, type ChartTheme } from './svg-chart';

export const SIDE_COLOUR = { a: OKABE_ITO.skyBlue, b: OKABE_ITO.orange, difference: OKABE_ITO.reddishPurple } as const;
const SCREEN_THEME: ChartTheme = { background: THEME.surface, text: THEME.text, muted: THEME.textMuted, grid: THEME.grid };

export interface ChartData {
  results: PairedResults;
  months: number;
  names: { a: string; b: string };
  markers: ChartMarker[];
  /** the start date A and B share (`sharedStartDate`), placing observed figures; absent draws none */
  startDate?: string;
}

/** The two charts of an outcome as SVG markup. */
export function outcomeCharts(outcome: Outcome, data: ChartData, theme: ChartTheme, size: { width: number; height: number }): { pair: string; difference: string } {
  const bands = bandsOf(data.results, outcome, data.months);
  const pick = (list: { mean: number; median?: number; low: number; high: number }[], key: 'median' | 'mean') => ({
    mid: list.map((s) => (key === 'median' ? (s.median ?? NaN) : s.mean)),
    low: list.map((s) => s.low),
    high: list.map((s) => s.high),
  });
  const format = (v: number) => formatNumber(v, outcome.format);
  const last = data.months;
  const end = (side: 'a' | 'b') => format(bands[side][last].median);
  const d = bands.difference[last];
  const common = { from: outcome.from, to: data.months, markers: data.markers, format, theme, ...size };
  return {
    pair: svgChart({
      ...common,
      title: `${outcome.label}: A and B`,
      unit: `${outcome.unit}; median and 5–95% of ${data.results.seeds.length} seeds`,
      zeroLine: false,
      series: [
        { label: `A: ${data.names.a}`, colour: SIDE_COLOUR.a, ...pick(bands.a, 'median') },
        { label: `B: ${data.names.b}`, colour: SIDE_COLOUR.b, ...pick(bands.b, 'median') },
      ],
      description: `At month ${last}, A ${end('a')} and B ${end('b')} (medians across seeds).`,
      observed: observedFor(outcome.id, data.startDate),
    }),
    difference: svgChart({
      ...common,
      title: `${outcome.label}: B − A`,
      unit: `${outcome.unit}; mean and 95% interval`,
      zeroLine: true,
      series: [{ label: 'B − A', colour: SIDE_COLOUR.difference, ...pick(bands.difference, 'mean') }],
      description: `At month ${last}, B − A is ${formatNumber(d.mean, outcome.format, true)} (95% interval ${formatNumber(d.low, outcome.format, true)} to ${formatNumber(d.high, outcome.format, true)}).`,
    }),
  };
}

export interface ChartView {
  readonly element: HTMLElement;
  update(data: ChartData): void;
  outcome(): string;
  setOutcome(id: string): void;
}

const SIZE = { width: 640, height: 300 };

export function createChartView(onOutcome: (id: string) => void): ChartView {
  const section = panel('compare-charts', 'compare-charts-heading', 'Over time');
  const picker = document.createElement('select');
  picker.id = 'compare-outcome';
  for (const o of OUTCOMES) picker.append(new Option(o.label, o.id));
  const label = document.createElement('label');
  label.htmlFor = picker.id;
  label.textContent = 'Outcome';
  const bar = document.createElement('div');
  bar.className = 'field inline';
  bar.append(label, picker);
  const hosts = { pair: document.createElement('figure'), difference: document.createElement('figure') };
  const grid = document.createElement('div');
  grid.className = 'chart-grid';
  let latest: ChartData | undefined;
  let svgs = { pair: '', difference: '' };
  for (const key of ['pair', 'difference'] as const) {
    const fig = hosts[key];
    fig.className = 'svg-chart';
    fig.dataset.chart = key;
    const plot = document.createElement('div');
    plot.className = 'svg-host';
    const actions = document.createElement('figcaption');
    for (const kind of ['SVG', 'PNG'] as const) {
      const b = document.createElement('button');
      b.type = 'button';
      b.className = 'secondary small';
      b.textContent = kind;
      b.setAttribute('aria-label', `Download the ${key === 'pair' ? 'A and B' : 'B − A'} chart as ${kind}`);
      b.addEventListener('click', () => void save(key, kind));
      actions.append(b);
    }
    fig.append(plot, actions);
    grid.append(fig);
  }
  section.append(bar, grid);

  async function save(key: 'pair' | 'difference', kind: 'SVG' | 'PNG'): Promise<void> {
    if (!svgs[key]) return;
    const name = `${slug(`${picker.value}-${key === 'pair' ? 'a-and-b' : 'b-minus-a'}`)}`;
    if (kind === 'SVG') downloadBlob(`${name}.svg`, new Blob([svgs[key]], { type: 'image/svg+xml' }));
    // A PNG goes into documents and slides: light on white, whatever the page's theme.
    else if (latest) downloadBlob(`${name}.png`, await svgToPng(outcomeCharts(outcomeById(picker.value) ?? OUTCOMES[0], latest, PRINT_THEME, SIZE)[key], SIZE.width, SIZE.height));
  }

  const draw = () => {
    const outcome = outcomeById(picker.value) ?? OUTCOMES[0];
    if (!latest || latest.results.seeds.length === 0) return;
    svgs = outcomeCharts(outcome, latest, SCREEN_THEME, SIZE);
    for (const key of ['pair', 'difference'] as const) (hosts[key].firstElementChild as HTMLElement).innerHTML = svgs[key];
  };
  picker.addEventListener('change', () => {
    draw();
    onOutcome(picker.value);
  });
  return {
    element: section,
    update(data) {
      latest = data;
      draw();
    },
    outcome: () => picker.value,
    setOutcome(id) {
      if (outcomeById(id)) picker.value = id;
    },
  };
}
