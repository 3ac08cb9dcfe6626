/**
 * One run as a task for the run pool (`run-pool.ts`): a scenario (scale applied), a seed, a lever
 * timeline, a length, and which outputs to keep. The pool's worker threads and an in-process run
 * (`--jobs 1`) both call `runTask`, so the result cannot depend on where it ran.
 */
import { runSide } from '../comparison/summary';
import type { RunSeries } from '../comparison/outcomes';
import type { LeverChange } from '../levers';
import type { MonthRecord } from '../records';
import { runScenario } from '../run';
import type { Scenario } from '../scenario/schema';
import type { ValidationIssue } from '../scenario/issues';

/**
 * What a run sends back: every month record (`npm run sim`, the experiment's outputs) or only the
 * comparison's outcome series (`compare`, ensembles), a few kilobytes a run.
 */
export type Keep = 'records' | 'outcomes';

export interface RunTask {
  /** validated, `population.scale` already applied */
  scenario: Scenario;
  seed: number;
  months: number;
  /** checked against the scenario before the task is made (`checkLeverTimeline`) */
  levers: LeverChange[];
  keep: Keep;
}

export type RunTaskResult =
  | { ok: true; seed: number; records: MonthRecord[] }
  | { ok: true; seed: number; series: RunSeries }
  | { ok: false; seed: number; issues: ValidationIssue[] };

export function runTask(task: RunTask): RunTaskResult {
  const { scenario, seed, months, levers } = task;
  if (task.keep === 'outcomes') {
    const run = runSide({ scenario, levers }, seed, months);
    return run.ok ? { ok: true, seed, series: run.value } : { ok: false, seed, issues: run.issues };
  }
  const run = runScenario(scenario, { seed, months, levers });
  return run.ok ? { ok: true, seed, records: run.value } : { ok: false, seed, issues: run.issues };
}

/** The records of a result made with `keep: 'records'` (an error otherwise: a programming mistake). */
export function recordsOf(result: RunTaskResult & { ok: true }): MonthRecord[] {
  if (!('records' in result)) throw new Error(`run of seed ${result.seed} kept its outcome series, not its records`);
  return result.records;
}

/** The outcome series of a result made with `keep: 'outcomes'`. */
export function seriesOf(result: RunTaskResult & { ok: true }): RunSeries {
  if (!('series' in result)) throw new Error(`run of seed ${result.seed} kept its records, not its outcome series`);
  return result.series;
}
