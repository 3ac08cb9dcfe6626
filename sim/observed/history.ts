/**
 * The shipped observed history (`scenarios/observed/history.json`), validated once, and look-ups
 * by region, measure and year. Pure TypeScript: the CLI (tsx), the tests and the app (Vite) import
 * the JSON the same way, so nothing here touches a disk or a DOM.
 */
import shipped from '../../scenarios/observed/history.json';
import type { Validated } from '../scenario/issues';
import type { ObservedHistory, ObservedMeasure, ObservedPoint, ObservedRegion, ObservedSeries } from './types';
import { validateHistory } from './validate';

let checked: Validated<ObservedHistory> | undefined;

/** The shipped file, checked against its types (the result is kept: the file cannot change while running). */
export function observedHistory(): Validated<ObservedHistory> {
  checked ??= validateHistory(shipped as unknown);
  return checked;
}

export function seriesOf(history: ObservedHistory, region: ObservedRegion, measure: ObservedMeasure): ObservedSeries | undefined {
  return history.series.find((s) => s.region === region && s.measure === measure);
}

/** The point of that year (a figure or a gap), or undefined when the series does not cover the year. */
export function pointAt(series: ObservedSeries | undefined, year: number): ObservedPoint | undefined {
  return series?.points.find((p) => p.year === year);
}

