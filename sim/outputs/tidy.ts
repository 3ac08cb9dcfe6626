/**
 * The tidy long CSV: one value a row, with the scenario, the variant (an experiment's; empty for a
 * plain run), the run, the seed, the month with its date and financial year, the measure and its
 * unit, and the council (empty for the region's rows; with councils, each council's rows follow the
 * region's each month). The app's Export CSV, `npm run sim -- --format csv` and `npm run experiment` all write
 * these rows, so a run gives the same bytes from each. Month by month, each month's measures in
 * the order `measures.ts` lists them.
 */
import type { MarketRecord, MonthRecord } from '../records';
import { csvCell } from '../text/csv';
import { monthMeasures, type MeasureRow, type MeasureSeries } from './measures';

/** `council`: empty for the region's rows; a council's ONS code for its own rows (a scenario with councils: sim/records.ts). */
export const TIDY_HEADER = 'scenario,variant,run,seed,month,date,financial_year,measure,unit,value,council\n';

export interface RunLabel {
  scenario: string;
  /** an experiment's variant; '' for a plain run */
  variant: string;
  /** the run's number: 0-based within a CLI call, the run id within an experiment */
  run: number;
  seed: number;
}

export interface MonthLabel {
  month: number;
  date: string;
  financialYear: string;
}

function rowsOf(label: RunLabel, months: readonly MonthLabel[], measuresAt: (k: number) => MeasureRow[], councilsAt: (k: number) => [string, MeasureRow[]][] = () => []): string {
  const head = `${csvCell(label.scenario)},${csvCell(label.variant)},${label.run},${label.seed},`;
  let text = '';
  months.forEach((m, k) => {
    const when = `${head}${m.month},${m.date},${m.financialYear},`;
    for (const [name, unit, value] of measuresAt(k)) text += `${when}${csvCell(name)},${csvCell(unit)},${csvCell(value)},\n`;
    for (const [code, rows] of councilsAt(k)) for (const [name, unit, value] of rows) text += `${when}${csvCell(name)},${csvCell(unit.replace('whole region', 'whole council'))},${csvCell(value)},${csvCell(code)}\n`;
  });
  return text;
}

/** Every measure of every month of a run (the app's export, the CLI's CSV). `marketAt` gives a month's market figures where known. */
export function tidyRunRows(label: RunLabel, records: readonly MonthRecord[], marketAt: (month: number) => MarketRecord | undefined, scale: number): string {
  return rowsOf(
    label,
    records,
    (k) => monthMeasures(records[k], marketAt(records[k].month), scale),
    // then each council's own measures, its code in the last column (the market figures are the region's: in its rows only)
    (k) => Object.entries(records[k].councils ?? {}).map(([code, c]): [string, MeasureRow[]] => [code, monthMeasures(c, undefined, scale)]),
  );
}

/** The kept measures of a run (an experiment's). */
export function tidySeriesRows(label: RunLabel, months: readonly MonthLabel[], series: readonly MeasureSeries[]): string {
  return rowsOf(label, months, (k) => series.map((s): MeasureRow => [s.name, s.unit, s.values[k]]));
}
