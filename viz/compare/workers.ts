/**
 * The page's comparison workers: Web Workers running `sim/worker/compare-worker.ts`, wrapped for the
 * pool (sim/worker/pool.ts). A worker that dies rejects its pending run, so the pool reports it
 * instead of waiting for ever.
 */
import * as Comlink from 'comlink';
import type { CompareApi } from '../../sim/worker/compare-api';
import type { PoolWorker } from '../../sim/worker/pool';

export function spawnCompareWorker(): PoolWorker {
  const worker = new Worker(new URL('../../sim/worker/compare-worker.ts', import.meta.url), { type: 'module', name: 'care-futures-compare' });
  const api = Comlink.wrap<CompareApi>(worker);
  let rejectPending: ((err: Error) => void) | undefined;
  worker.addEventListener('error', (event) => {
    event.preventDefault();
    rejectPending?.(new Error(event.message || 'the worker failed to start or crashed'));
  });
  return {
    run(job) {
      return new Promise((resolve, reject) => {
        rejectPending = reject;
        api.run(job).then(resolve, reject);
      });
    },
    terminate() {
      api[Comlink.releaseProxy]();
      worker.terminate();
    },
  };
}
