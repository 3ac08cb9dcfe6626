import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareMain } from '../../sim/cli/compare';
import { main } from '../../sim/cli/main';
import { SCENARIO_DIR } from '../../sim/node/files';
import { runMany } from '../../sim/node/run-pool';
import { runTask, type RunTask } from '../../sim/node/run-task';
import { loadShipped } from '../helpers';
import { capture } from './capture';

const baseline = join(SCENARIO_DIR, 'north-east-baseline.json');
const restored = join(SCENARIO_DIR, 'early-help-restored.json');

describe('--jobs', () => {
  it('gives byte-identical npm run sim output (JSON and CSV) with one thread and with two', async () => {
    const args = [baseline, '--scale', '0.02', '--months', '6', '--runs', '3', '--seed', '5', '--quiet'];
    const one = await capture((io) => main([...args, '--jobs', '1'], {}, io));
    const two = await capture((io) => main([...args, '--jobs', '2'], {}, io));
    expect(one.code).toBe(0);
    expect(two.code).toBe(0);
    expect(JSON.parse(one.stdout).runs.map((r: { seed: number }) => r.seed)).toEqual([5, 6, 7]);
    expect(two.stdout).toBe(one.stdout);
    const csvOne = await capture((io) => main([...args, '--format', 'csv', '--jobs', '1'], {}, io));
    const csvTwo = await capture((io) => main([...args, '--format', 'csv', '--jobs', '2'], {}, io));
    expect(csvTwo.stdout).toBe(csvOne.stdout);
    expect(csvOne.stdout.split('\n').length).toBeGreaterThan(3 * 7 * 30);
  });

  it('gives byte-identical npm run compare output with one thread and with two', async () => {
    const args = [baseline, restored, '--runs', '2', '--months', '12', '--scale', '0.02', '--format', 'csv', '--quiet'];
    const one = await capture((io) => compareMain([...args, '--jobs', '1'], {}, io));
    const two = await capture((io) => compareMain([...args, '--jobs', '2'], {}, io));
    expect(one.code).toBe(0);
    expect(two.stdout).toBe(one.stdout);
    // A and B really differ (restored early help), so a mix-up of sides would show.
    const summary = one.stdout.split('\n').filter((l) => l.startsWith('summary,earlyHelpInYear,') && l.includes(',12,') && l.endsWith(',') === false);
    const meanOf = (side: string) => Number(summary.find((l) => l.includes(`,${side},,mean,`))?.split(',').pop());
    expect(meanOf('b')).toBeGreaterThan(meanOf('a'));
  });

  it('refuses a --jobs that is not a whole number from 1', async () => {
    const r = await capture((io) => main([baseline, '--jobs', '0'], {}, io));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--jobs: expected a whole number from 1 to 256, found "0"');
  });
});

describe('runMany', () => {
  it('yields results in task order when a later task finishes first, each equal to the run done in this thread', async () => {
    const scenario = loadShipped('north-east-baseline.json', { 'population.scale': 0.02 });
    // The first task is much longer than the others, so with two threads they finish before it.
    const tasks: RunTask[] = [24, 1, 1, 1, 2].map((months, k) => ({ scenario, seed: 10 + k, months, levers: [], keep: 'records' }));
    const progress: number[] = [];
    const results = [];
    for await (const r of runMany(tasks, { jobs: 2, onProgress: (done, total) => progress.push(done * 100 + total) })) results.push(r);
    expect(results.map((r) => r.seed)).toEqual([10, 11, 12, 13, 14]);
    expect(results).toEqual(tasks.map(runTask));
    expect(progress).toEqual([105, 205, 305, 405, 505]);
  });

  it('draws tasks lazily from an iterable, never more than a window ahead of what it has yielded', async () => {
    const scenario = loadShipped('north-east-baseline.json', { 'population.scale': 0.02 });
    let drawn = 0;
    function* tasks(): Generator<RunTask> {
      for (let k = 0; k < 20; k++) {
        drawn++;
        yield { scenario, seed: k, months: 0, levers: [], keep: 'outcomes' };
      }
    }
    const aheadAtYield: number[] = [];
    let yielded = 0;
    for await (const r of runMany(tasks(), { jobs: 2, total: 20 })) {
      expect(r.seed).toBe(yielded++);
      aheadAtYield.push(drawn - yielded);
    }
    expect(yielded).toBe(20);
    expect(Math.max(...aheadAtYield)).toBeLessThanOrEqual(8);
  });
});
