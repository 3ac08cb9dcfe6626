/**
 * Observed (DfE) figures for the comparison's charts: which outcomes have an observed series, and
 * on which months they fall (the North East, as on the app's trend charts). Pure: no DOM, tested
 * in Node.
 */
import { DEFAULT_START_DATE } from '../../sim/dates';
import { northEastOverlay, type ObservedOverlay } from '../../sim/observed/overlay';
import type { ComparableMeasure } from '../../sim/observed/types';
import type { Scenario } from '../../sim/scenario/schema';

/**
 * Outcome ids (sim/comparison/outcomes.ts) with an observed series. Each is a stock per 10,000 at
 * month m, so a March month is comparable with the DfE's 31 March count; flows, shares and money
 * have no observed series.
 */
export const OBSERVED_MEASURE_OF_OUTCOME: ReadonlyMap<string, ComparableMeasure> = new Map([
  ['lookedAfter', 'lookedAfter'],
  ['childProtection', 'childProtection'],
  ['childrenInNeed', 'childrenInNeed'],
]);

/**
 * The start date A and B share, or undefined when they differ: both are drawn on one month axis,
 * and a month is a different calendar month in each, so an observed figure would have no one place.
 */
export function sharedStartDate(a: Pick<Scenario, 'startDate'>, b: Pick<Scenario, 'startDate'>): string | undefined {
  const from = a.startDate ?? DEFAULT_START_DATE;
  return from === (b.startDate ?? DEFAULT_START_DATE) ? from : undefined;
}

/** The observed figures of an outcome on runs starting at `startDate`; undefined draws none. */
export function observedFor(outcomeId: string, startDate: string | undefined): ObservedOverlay | undefined {
  const measure = OBSERVED_MEASURE_OF_OUTCOME.get(outcomeId);
  if (!measure || startDate === undefined) return undefined;
  return northEastOverlay(measure, startDate);
}
