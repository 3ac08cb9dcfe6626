import * as Comlink from 'comlink';
import { describe, expect, it } from 'vitest';
import { createCompareApi, type CompareApi } from '../../sim/worker/compare-api';
import { createPool, type PoolWorker } from '../../sim/worker/pool';
import { CancelledError, poolRunner } from '../../sim/worker/pool-runner';
import { serialRunner, type RunTask } from '../../sim/uncertainty/runner';
import { withValues } from '../../sim/uncertainty/parameters';
import { shipped } from './helpers';

function channelWorker(): PoolWorker {
  const { port1, port2 } = new MessageChannel();
  Comlink.expose(createCompareApi(), port1);
  const api = Comlink.wrap<CompareApi>(port2);
  return {
    run: (job) => api.run(job),
    terminate() {
      port1.close();
      port2.close();
    },
  };
}

/** Tasks that share side and seed but not their scenario: only the tag tells their results apart. */
function tasks(): RunTask[] {
  const base = shipped('north-east-baseline');
  const other = withValues(base, { 'earlyHelp.successShare': 0.9 });
  if (!other.ok) throw new Error(other.issues[0].message);
  return [
    { scenario: base, levers: [], seed: 4, months: 6 },
    { scenario: other.value, levers: [], seed: 4, months: 6 },
    { scenario: base, levers: [], seed: 5, months: 6 },
    { scenario: other.value, levers: [], seed: 5, months: 6 },
  ];
}

describe('the uncertainty runner over the worker pool', () => {
  it('gives, in task order, the series the serial runner gives, counting each run', async () => {
    const pool = createPool(2, channelWorker);
    const seen: number[] = [];
    const run = poolRunner(pool, (n) => seen.push(n));
    let onRun = 0;
    const list = tasks();
    const got = await run.runner(list, () => onRun++);
    const want = await serialRunner(list);
    expect(got).toEqual(want);
    // The two scenarios differ, so a mix-up of tasks with the same seed would show.
    expect(got[0].lookedAfter).not.toEqual(got[1].lookedAfter);
    expect(onRun).toBe(4);
    expect(seen).toEqual([1, 2, 3, 4]);
    expect(run.runs).toBe(4);
    pool.dispose();
  });

  it('rejects with CancelledError when cancelled, and refuses later batches', async () => {
    const pool = createPool(1, channelWorker);
    const run = poolRunner(pool);
    const pending = run.runner(tasks());
    run.cancel();
    await expect(pending).rejects.toBeInstanceOf(CancelledError);
    await expect(run.runner(tasks())).rejects.toBeInstanceOf(CancelledError);
    pool.dispose();
  });
});
