/**
 * Paired runs of A and B turned into what a committee reads: for each outcome and horizon, A and B
 * (mean, median, 5–95% band across seeds) and the paired difference B - A (mean and 95% interval),
 * with the "enough seeds?" verdict. The CLI's JSON is exactly `ComparisonSummary.outcomes`.
 */
import type { LeverChange } from '../levers';
import { runScenario } from '../run';
import type { Scenario } from '../scenario/schema';
import type { Validated } from '../scenario/validate';
import { OUTCOMES, seriesOfRun, type MonthView, type Outcome, type RunSeries } from './outcomes';
import { meanInterval, pairedDifferences, precision, spread, type Interval, type Precision, type Spread } from './stats';

export type Side = 'a' | 'b';
export const SIDES: readonly Side[] = ['a', 'b'];

/** One side of a comparison, ready to run: a validated scenario (scale applied) and its lever timeline. */
export interface RunnableSide {
  scenario: Scenario;
  levers: LeverChange[];
}

export interface RunSettings {
  runs: number;
  months: number;
  /** first seed; run r uses seed + r, for A and B alike */
  seed: number;
}

export function seedsOf(settings: Pick<RunSettings, 'runs' | 'seed'>): number[] {
  return Array.from({ length: settings.runs }, (_, r) => settings.seed + r);
}

/** Years 1, 5 and 10 where the run reaches them; the last month for a run shorter than a year. */
export function defaultHorizons(months: number): number[] {
  const within = [12, 60, 120].filter((m) => m <= months);
  return within.length > 0 ? within : [Math.max(1, months)];
}

/** One run of one side: its outcome series (months 0..M). The worker and the CLI both call this. */
export function runSide(side: RunnableSide, seed: number, months: number): Validated<RunSeries> {
  const views: MonthView[] = [];
  const run = runScenario(side.scenario, { seed, months, levers: side.levers, onMonth: (record, market) => views.push({ record, market }) });
  if (!run.ok) return run;
  return { ok: true, value: seriesOfRun(views, side.scenario.population.scale) };
}

/** Finished runs, by side, in seed order (a seed counts once both of its runs are in). */
export interface PairedResults {
  seeds: number[];
  a: RunSeries[];
  b: RunSeries[];
}

export interface OutcomeAtHorizon {
  id: string;
  month: number;
  label: string;
  unit: string;
  a: Spread;
  b: Spread;
  difference: Interval;
}

export interface ComparisonSummary {
  seeds: number[];
  months: number;
  horizons: number[];
  outcomes: OutcomeAtHorizon[];
  /** the "enough seeds?" verdict of each entry of `outcomes`, same order */
  precision: Precision[];
}

/** Values of one outcome at one month across runs, in seed order. */
export function valuesAt(runs: readonly RunSeries[], id: string, month: number): Float64Array {
  return Float64Array.from(runs, (r) => r[id][month]);
}

export function summarise(results: PairedResults, months: number, horizons: readonly number[], outcomes: readonly Outcome[] = OUTCOMES): ComparisonSummary {
  if (results.a.length !== results.b.length) throw new Error('summarise needs the same runs for A and B');
  const rows: OutcomeAtHorizon[] = [];
  const precisions: Precision[] = [];
  for (const month of horizons) {
    for (const o of outcomes) {
      const a = valuesAt(results.a, o.id, month);
      const b = valuesAt(results.b, o.id, month);
      const d = pairedDifferences(a, b);
      const difference = meanInterval(d);
      rows.push({ id: o.id, month, label: o.label, unit: o.unit, a: spread(a), b: spread(b), difference });
      precisions.push(precision(d, difference));
    }
  }
  return { seeds: [...results.seeds], months, horizons: [...horizons], outcomes: rows, precision: precisions };
}

/** Per-month bands for charts: A and B median with their 5–95% band, and B - A with its 95% interval. */
export interface SeriesBands {
  a: Spread[];
  b: Spread[];
  difference: Interval[];
}

export function bandsOf(results: PairedResults, outcome: Outcome, months: number): SeriesBands {
  const bands: SeriesBands = { a: [], b: [], difference: [] };
  for (let m = 0; m <= months; m++) {
    const a = valuesAt(results.a, outcome.id, m);
    const b = valuesAt(results.b, outcome.id, m);
    bands.a.push(spread(a));
    bands.b.push(spread(b));
    bands.difference.push(meanInterval(pairedDifferences(a, b)));
  }
  return bands;
}
