/**
 * A pool of comparison workers: jobs go to whichever worker is free, results come back as they
 * finish, and cancel stops at once (a worker busy with a run cannot be interrupted, so it is
 * terminated and replaced the next time the pool runs). Workers are kept between runs so the
 * engine stays compiled. How a worker is made is injected: Web Workers in the page, comlink over a
 * `MessageChannel` in Node tests.
 */
import type { CompareJob, CompareJobResult } from './compare-api';
import type { ApiResult } from './contract';

export interface PoolWorker {
  /** rejects if the worker dies */
  run(job: CompareJob): Promise<ApiResult<CompareJobResult>>;
  terminate(): void;
}

export interface PoolHandlers {
  onResult(result: CompareJobResult): void;
}

export type PoolOutcome = { state: 'finished' } | { state: 'cancelled' } | { state: 'failed'; message: string };

export interface PoolRun {
  readonly done: Promise<PoolOutcome>;
  cancel(): void;
}

export interface Pool {
  readonly size: number;
  run(jobs: readonly CompareJob[], handlers: PoolHandlers): PoolRun;
  dispose(): void;
}

/** Workers for this machine: one per logical core (at least one), never more than there are jobs to share. */
export function poolSize(hardwareConcurrency: number | undefined, override?: number): number {
  if (override !== undefined && Number.isInteger(override) && override >= 1) return Math.min(override, 64);
  return Math.max(1, Math.min(64, Math.floor(hardwareConcurrency ?? 1) || 1));
}

export function createPool(size: number, spawn: () => PoolWorker): Pool {
  const workers: (PoolWorker | undefined)[] = Array.from({ length: size }, () => undefined);
  let current: { cancel(): void } | undefined;

  const workerAt = (k: number): PoolWorker => {
    let w = workers[k];
    if (!w) {
      w = spawn();
      workers[k] = w;
    }
    return w;
  };

  return {
    size,
    run(jobs, handlers) {
      current?.cancel();
      const queue = [...jobs];
      const busy = new Set<number>();
      let stopped = false;
      let settle: (outcome: PoolOutcome) => void = () => {};
      const done = new Promise<PoolOutcome>((resolve) => (settle = resolve));
      const stop = (outcome: PoolOutcome) => {
        if (stopped) return;
        stopped = true;
        // Busy workers would finish runs nobody wants: end them now.
        for (const k of busy) {
          workers[k]?.terminate();
          workers[k] = undefined;
        }
        busy.clear();
        settle(outcome);
      };
      const next = (k: number): void => {
        if (stopped) return;
        const job = queue.shift();
        if (!job) {
          if (busy.size === 0) stop({ state: 'finished' });
          return;
        }
        busy.add(k);
        workerAt(k)
          .run(job)
          .then(
            (result) => {
              if (stopped) return;
              busy.delete(k);
              if (!result.ok) {
                stop({ state: 'failed', message: `${job.side.toUpperCase()}, seed ${job.seed}: ${result.error.message}` });
                return;
              }
              handlers.onResult(result.value);
              next(k);
            },
            (err: unknown) => {
              if (stopped) return;
              workers[k] = undefined;
              busy.delete(k);
              stop({ state: 'failed', message: `a worker stopped during ${job.side.toUpperCase()}, seed ${job.seed}: ${err instanceof Error ? err.message : String(err)}` });
            },
          );
      };
      const run: PoolRun = { done, cancel: () => stop({ state: 'cancelled' }) };
      current = run;
      if (queue.length === 0) stop({ state: 'finished' });
      for (let k = 0; k < size; k++) next(k);
      return run;
    },
    dispose() {
      current?.cancel();
      for (const [k, w] of workers.entries()) {
        w?.terminate();
        workers[k] = undefined;
      }
    },
  };
}

/** A comparison's runs as jobs, seed by seed, A then B: results then fill in as whole pairs. */
export function jobsFor(sides: { a: Omit<CompareJob, 'side' | 'seed' | 'months'>; b: Omit<CompareJob, 'side' | 'seed' | 'months'> }, seeds: readonly number[], months: number): CompareJob[] {
  return seeds.flatMap((seed) => (['a', 'b'] as const).map((side) => ({ side, seed, months, scenario: sides[side].scenario, levers: sides[side].levers })));
}
