/**
 * Children in care split one way (by age, by legal status): a stacked chart over time, whole
 * region, from the panels' own history, and under it the table of the latest shares that is the
 * chart's text alternative.
 */
import { createChart, type Chart, type ChartTheme } from './charts';
import type { CareMixHistory, CareMixKey, CarePanel } from './care-mix';
import { formatCount } from './format';
import { createShareTable, type ShareTable } from './share-table';

export interface CareSplitOptions<P extends string> {
  title: string;
  /** The table's name (`data-table`) and the heading of its first column. */
  name: string;
  partHeading: string;
  parts: readonly P[];
  label: Record<P, string>;
  colour: Record<P, string>;
  /** The history's series of each part. */
  key: (part: P) => CareMixKey;
  /** The table's groups of figures; the first is the chart's (children in care now). */
  groups: readonly string[];
}

export function createCareSplit<P extends string>(host: HTMLElement, history: CareMixHistory, theme: ChartTheme, options: CareSplitOptions<P>): { chart: Chart; table: ShareTable } {
  const { parts, label } = options;
  const series = parts.map((p) => ({ key: options.key(p), label: label[p], colour: options.colour[p] }));
  const chart = createChart(host, history.series, { title: options.title, unit: 'children, whole region', mode: 'stacked', series, formatTick: formatCount, legend: true }, theme);
  const table = createShareTable(host, {
    name: options.name,
    caption: options.title,
    partHeading: options.partHeading,
    parts: parts.map((p) => ({ key: p, label: label[p] })),
    groups: options.groups,
  });
  return { chart, table };
}

/**
 * A panel of one chart whose words change only with the month: the chart redraws on every
 * snapshot (the frame loop draws at most once a frame), `show` runs once for each month shown.
 */
export function monthlyPanel(chart: Chart, history: CareMixHistory, show: () => void): CarePanel {
  let shown = -1;
  let generation = -1;
  return {
    charts: [chart],
    update() {
      chart.invalidate();
      if (history.latest.month === shown && history.generation === generation) return;
      shown = history.latest.month;
      generation = history.generation;
      show();
    },
  };
}
