/**
 * The uncertainty analysis's `Runner` (sim/uncertainty/runner.ts) on every core: each batch goes
 * through `runMany`, so its results come back in task order and are byte-identical whatever `jobs`
 * is. The analysis asks for many small batches in sequence (calibration steps, bisection steps), so
 * the worker threads are opened once, at the first batch that can use them, and kept until `close`.
 * `sim/uncertainty/` stays free of Node: the browser gives it its own runner.
 */
import type { Runner } from '../uncertainty/runner';
import { openRunPool, runMany, type RunPool } from './run-pool';
import { seriesOf } from './run-task';

export interface PoolRunner {
  run: Runner;
  /** Ends the worker threads (none to end with `jobs: 1` or before the first batch of two or more). */
  close(): Promise<void>;
}

/**
 * `onProgress(done, total)` after each finished run, counted over every batch so far: `total`
 * grows as the analysis plans each step, so it is the runs known so far, not the whole study's.
 */
export function poolRunner(jobs: number, onProgress?: (done: number, total: number) => void): PoolRunner {
  let pool: Promise<RunPool> | undefined;
  let done = 0;
  let total = 0;
  const run: Runner = async (tasks, onRun) => {
    total += tasks.length;
    const shared = jobs > 1 && tasks.length > 1 ? await (pool ??= openRunPool(jobs)) : undefined;
    const out = [];
    const keyed = tasks.map((task) => ({ ...task, keep: 'outcomes' as const }));
    const finished = () => {
      onRun?.();
      onProgress?.(++done, total);
    };
    for await (const result of runMany(keyed, { jobs, ...(shared ? { pool: shared } : {}), onProgress: finished })) {
      if (!result.ok) throw new Error(`a run stopped (seed ${result.seed}): ${result.issues[0]?.message ?? 'no message'}`);
      out.push(seriesOf(result));
    }
    return out;
  };
  return {
    run,
    close: async () => {
      const opened = pool;
      pool = undefined;
      if (opened) await (await opened).close();
    },
  };
}
