import * as Comlink from 'comlink';
import { describe, expect, it } from 'vitest';
import { PairedStore } from '../../sim/comparison/results';
import { createCompareApi, type CompareApi, type CompareJobResult } from '../../sim/worker/compare-api';
import { createPool, jobsFor, poolSize, type PoolWorker } from '../../sim/worker/pool';
import { series, shipped } from './helpers';

/** A worker as the page has one, but over a MessageChannel in this thread. */
function channelWorker(): PoolWorker & { terminated: boolean } {
  const { port1, port2 } = new MessageChannel();
  Comlink.expose(createCompareApi(), port1);
  const api = Comlink.wrap<CompareApi>(port2);
  const w = {
    terminated: false,
    run: (job: Parameters<CompareApi['run']>[0]) => api.run(job),
    terminate() {
      w.terminated = true;
      port1.close();
      port2.close();
    },
  };
  return w;
}

const sides = { a: { scenario: shipped('north-east-baseline'), levers: [] }, b: { scenario: shipped('early-help-restored'), levers: [] } };

describe('the comparison worker pool', () => {
  it('runs every job once and gives the results the plain engine gives', async () => {
    const spawned: ReturnType<typeof channelWorker>[] = [];
    const pool = createPool(2, () => {
      const w = channelWorker();
      spawned.push(w);
      return w;
    });
    const seeds = [1, 2, 3];
    const jobs = jobsFor(sides, seeds, 6);
    expect(jobs.map((j) => `${j.seed}${j.side}`)).toEqual(['1a', '1b', '2a', '2b', '3a', '3b']);
    const store = new PairedStore(seeds);
    const seen: CompareJobResult[] = [];
    const run = pool.run(jobs, { onResult: (r) => (seen.push(r), store.add(r.side, r.seed, r.series)) });
    expect(await run.done).toEqual({ state: 'finished' });
    expect(seen).toHaveLength(6);
    expect(spawned).toHaveLength(2);
    const paired = store.paired();
    expect(paired.seeds).toEqual(seeds);
    for (const [k, seed] of seeds.entries()) {
      expect(paired.a[k]).toEqual(series(sides.a, seed, 6));
      expect(paired.b[k]).toEqual(series(sides.b, seed, 6));
    }
    pool.dispose();
  });

  it('stops at once on cancel, ending busy workers and keeping the finished runs', async () => {
    const spawned: ReturnType<typeof channelWorker>[] = [];
    const pool = createPool(1, () => {
      const w = channelWorker();
      spawned.push(w);
      return w;
    });
    let results = 0;
    const run = pool.run(jobsFor(sides, [1, 2, 3, 4], 3), {
      onResult: () => {
        results++;
        if (results === 1) run.cancel();
      },
    });
    expect(await run.done).toEqual({ state: 'cancelled' });
    expect(results).toBe(1);
    pool.dispose();
    expect(spawned.every((w) => w.terminated)).toBe(true);
  });

  it('reports a failed run by side and seed', async () => {
    const pool = createPool(1, channelWorker);
    const bad = jobsFor({ a: sides.a, b: { scenario: sides.b.scenario, levers: [{ month: 1, path: 'policy.earlyHelp.budgetPerYear', value: -5 }] } }, [1], 2);
    const outcome = await pool.run(bad, { onResult: () => undefined }).done;
    expect(outcome.state).toBe('failed');
    if (outcome.state === 'failed') expect(outcome.message).toMatch(/^B, seed 1: .*budgetPerYear/);
    pool.dispose();
  });

  it('uses one worker per core, at least one, unless the address asks for a number', () => {
    expect(poolSize(2)).toBe(2);
    expect(poolSize(undefined)).toBe(1);
    expect(poolSize(0)).toBe(1);
    expect(poolSize(8, 1)).toBe(1);
    expect(poolSize(8, Number.NaN)).toBe(8);
  });
});
