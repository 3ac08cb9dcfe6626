/**
 * The uncertainty analyses' Runner (sim/uncertainty/runner.ts) over the comparison's worker pool:
 * a batch becomes pool jobs tagged with their index, so results that finish in any order land in
 * task order. The pool runs one batch at a time; a new comparison cancels it, and the batch then
 * rejects ("cancelled") instead of waiting for ever.
 */
import type { RunSeries } from '../comparison/outcomes';
import type { RunTask, Runner } from '../uncertainty/runner';
import type { CompareJob } from './compare-api';
import type { Pool, PoolRun } from './pool';

export class CancelledError extends Error {
  constructor() {
    super('the uncertainty analysis was cancelled');
    this.name = 'CancelledError';
  }
}

export interface PoolRunner {
  runner: Runner;
  /** runs finished so far, over every batch */
  readonly runs: number;
  cancel(): void;
}

export const jobOf = (task: RunTask, tag: number): CompareJob => ({ side: 'a', seed: task.seed, months: task.months, scenario: task.scenario, levers: task.levers, tag });

export function poolRunner(pool: Pool, onRun?: (runs: number) => void): PoolRunner {
  let current: PoolRun | undefined;
  let cancelled = false;
  const state = {
    runs: 0,
    cancel() {
      cancelled = true;
      current?.cancel();
    },
    runner: (async (tasks, onTaskRun) => {
      if (cancelled) throw new CancelledError();
      const out: (RunSeries | undefined)[] = new Array(tasks.length);
      current = pool.run(
        tasks.map((t, k) => jobOf(t, k)),
        {
          onResult: (result) => {
            out[result.tag ?? -1] = result.series;
            state.runs++;
            onRun?.(state.runs);
            onTaskRun?.();
          },
        },
      );
      const outcome = await current.done;
      if (outcome.state === 'cancelled') throw new CancelledError();
      if (outcome.state === 'failed') throw new Error(`a run stopped: ${outcome.message}`);
      const missing = out.findIndex((r) => r === undefined);
      if (missing >= 0) throw new Error(`the pool returned no result for task ${missing}`);
      return out as RunSeries[];
    }) as Runner,
  };
  return state;
}
