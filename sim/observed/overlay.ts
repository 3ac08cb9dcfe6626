/**
 * Observed figures placed on a run's month axis, for the charts: computed once when a run starts
 * (its start date is known), as plain arrays the renderer reads every frame without allocating.
 */
import { DEFAULT_START_DATE, monthIndexOf, runMonthOfDate } from '../dates';
import { observedHistory, seriesOf } from './history';
import { OBSERVED_LABEL, REGION_LABELS, type ComparableMeasure, type ObservedHistory, type ObservedRegion } from './types';

export interface ObservedOverlay {
  /** run months of the 31 March records that have an observed figure (month 0 included), ascending */
  months: Float64Array;
  /** the observed rates per 10,000 at those months */
  values: Float64Array;
  /** e.g. "observed (DfE), North East: 2010 57, 2016 84 (derived)": the text alternative */
  description: string;
}

/**
 * The figures of one series from the run's month 0 on (a run only looks forward), or undefined
 * when none falls there: then nothing is drawn. `startDate` is the scenario's (default April 2021).
 */
export function overlayFor(
  history: ObservedHistory,
  region: ObservedRegion,
  measure: ComparableMeasure,
  startDate: string = DEFAULT_START_DATE,
): ObservedOverlay | undefined {
  const start = monthIndexOf(startDate);
  const series = seriesOf(history, region, measure);
  if (start === undefined || !series) return undefined;
  const months: number[] = [];
  const values: number[] = [];
  const words: string[] = [];
  for (const point of series.points) {
    const month = runMonthOfDate(start, `${point.year}-03`);
    if (point.value === null || month === undefined || month < 0) continue;
    months.push(month);
    values.push(point.value);
    words.push(`${point.year} ${point.value}${point.kind === 'published' ? '' : ` (${point.kind})`}`);
  }
  if (months.length === 0) return undefined;
  return { months: Float64Array.from(months), values: Float64Array.from(values), description: `${OBSERVED_LABEL}, ${REGION_LABELS[region]}: ${words.join(', ')}` };
}

/**
 * The shipped history's North East figures (the region the scenarios model) for one series, on a
 * run starting at `startDate`: what the app's and the comparison's charts draw.
 */
export function northEastOverlay(measure: ComparableMeasure, startDate?: string): ObservedOverlay | undefined {
  const history = observedHistory();
  return history.ok ? overlayFor(history.value, 'north-east', measure, startDate) : undefined;
}
