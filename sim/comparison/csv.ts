/**
 * The comparison as one tidy CSV (one value a row, so a spreadsheet filter or a pivot table reads
 * it): the summary at the horizons, the quantiles of every month, and every seed's series.
 * Numbers are written in full precision; an undefined value (an interval from one seed) is empty.
 */
import { OUTCOMES, type Outcome } from './outcomes';
import { bandsOf, SIDES, type ComparisonSummary, type PairedResults } from './summary';
import { csvLine } from '../text/csv';

export const CSV_HEADER = 'section,outcome,label,unit,month,series,seed,statistic,value';

/** The summary rows only (also the CLI's `--format csv` head). */
export function summaryCsvLines(summary: ComparisonSummary): string[] {
  const lines: string[] = [];
  for (const row of summary.outcomes) {
    for (const series of SIDES) {
      for (const stat of ['mean', 'median', 'low', 'high'] as const) lines.push(csvLine(['summary', row.id, row.label, row.unit, row.month, series, '', stat, row[series][stat]]));
    }
    for (const stat of ['mean', 'low', 'high'] as const) lines.push(csvLine(['summary', row.id, row.label, row.unit, row.month, 'difference', '', stat, row.difference[stat]]));
  }
  return lines;
}

export function comparisonCsv(summary: ComparisonSummary, results: PairedResults, outcomes: readonly Outcome[] = OUTCOMES): string {
  const lines = [CSV_HEADER, ...summaryCsvLines(summary)];
  for (const o of outcomes) {
    const bands = bandsOf(results, o, summary.months);
    for (let m = o.from; m <= summary.months; m++) {
      for (const series of SIDES) {
        for (const stat of ['mean', 'median', 'low', 'high'] as const) lines.push(csvLine(['quantiles', o.id, o.label, o.unit, m, series, '', stat, bands[series][m][stat]]));
      }
      for (const stat of ['mean', 'low', 'high'] as const) lines.push(csvLine(['quantiles', o.id, o.label, o.unit, m, 'difference', '', stat, bands.difference[m][stat]]));
    }
  }
  for (const o of outcomes) {
    for (const series of SIDES) {
      results[series].forEach((run, k) => {
        for (let m = o.from; m <= summary.months; m++) lines.push(csvLine(['seed', o.id, o.label, o.unit, m, series, results.seeds[k], 'value', run[o.id][m]]));
      });
    }
  }
  return `${lines.join('\n')}\n`;
}
