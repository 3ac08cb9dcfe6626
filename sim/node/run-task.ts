/**
 * One run as a task for the run pool (`run-pool.ts`): a scenario (scale applied), a seed, a lever
 * timeline, a length, and which outputs to keep. The pool's worker threads and an in-process run
 * (`--jobs 1`) both call `runTask`, so the result cannot depend on where it ran.
 */
import { seriesOfRun } from '../comparison/outcomes';
import { runSide } from '../comparison/summary';
import type { MonthView, RunSeries } from '../comparison/outcomes';
import type { LeverChange } from '../levers';
import { seriesOfMeasures, type MeasureSeries } from '../outputs/measures';
import type { MarketRecord, MonthRecord } from '../records';
import { runScenario } from '../run';
import type { Scenario } from '../scenario/schema';
import type { ValidationIssue } from '../scenario/issues';

/**
 * What a run sends back: every month record with its market figures (`npm run sim`), the
 * comparison's outcome series (`compare`, ensembles), or named measures at whole-region scale
 * (`npm run experiment`; names checked with `isMeasureName`): a few kilobytes a run for the last two.
 */
export type Keep = 'records' | 'outcomes' | { measures: readonly string[] };

export interface RunTask {
  /** validated, `population.scale` already applied */
  scenario: Scenario;
  seed: number;
  months: number;
  /** checked against the scenario before the task is made (`checkLeverTimeline`) */
  levers: LeverChange[];
  keep: Keep;
  /** with `keep: 'outcomes'`: the outcomes of this council (ONS code) instead of the region's */
  council?: string;
}

export type RunTaskResult =
  | { ok: true; seed: number; records: MonthRecord[]; markets: MarketRecord[] }
  | { ok: true; seed: number; series: RunSeries }
  | { ok: true; seed: number; measures: MeasureSeries[] }
  | { ok: false; seed: number; issues: ValidationIssue[] };

export function runTask(task: RunTask): RunTaskResult {
  const { scenario, seed, months, levers, keep } = task;
  if (keep === 'outcomes' && task.council !== undefined) {
    const code = task.council;
    // the council's own records (the same shape as the region's) beside the region's market
    const views: MonthView[] = [];
    const run = runScenario(scenario, { seed, months, levers, onMonth: (record, market) => views.push({ record: { ...record.councils![code] }, market }) });
    return run.ok ? { ok: true, seed, series: seriesOfRun(views, scenario.population.scale) } : { ok: false, seed, issues: run.issues };
  }
  if (keep === 'outcomes') {
    const run = runSide({ scenario, levers }, seed, months);
    return run.ok ? { ok: true, seed, series: run.value } : { ok: false, seed, issues: run.issues };
  }
  const views: MonthView[] = [];
  const run = runScenario(scenario, { seed, months, levers, onMonth: (record, market) => views.push({ record, market }) });
  if (!run.ok) return { ok: false, seed, issues: run.issues };
  if (keep === 'records') return { ok: true, seed, records: run.value, markets: views.map((v) => v.market) };
  return { ok: true, seed, measures: seriesOfMeasures(views, scenario.population.scale, keep.measures) };
}

/** The records of a result made with `keep: 'records'` (an error otherwise: a programming mistake). */
export function recordsOf(result: RunTaskResult & { ok: true }): { records: MonthRecord[]; markets: MarketRecord[] } {
  if (!('records' in result)) throw new Error(`run of seed ${result.seed} did not keep its records`);
  return result;
}

/** The outcome series of a result made with `keep: 'outcomes'`. */
export function seriesOf(result: RunTaskResult & { ok: true }): RunSeries {
  if (!('series' in result)) throw new Error(`run of seed ${result.seed} did not keep its outcome series`);
  return result.series;
}

/** The measures of a result made with `keep: { measures }`. */
export function measuresOf(result: RunTaskResult & { ok: true }): MeasureSeries[] {
  if (!('measures' in result)) throw new Error(`run of seed ${result.seed} did not keep measures`);
  return result.measures;
}
