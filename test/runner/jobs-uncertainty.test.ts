/**
 * `--jobs` for the uncertainty analysis: `npm run sensitivity` and `npm run compare --uncertainty`
 * give byte-identical output with one thread and with two (the pool runner, sim/node/uncertainty-runner.ts).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compareMain } from '../../sim/cli/compare';
import { sensitivityMain } from '../../sim/cli/sensitivity';
import { poolRunner } from '../../sim/node/uncertainty-runner';
import { serialRunner, type RunTask } from '../../sim/uncertainty/runner';
import { loadShipped } from '../helpers';
import { capture } from './capture';

// A few ranges and no re-calibration (its runs go to the calibration's own month) keep the runs
// few, for a fast test; the break-even bisection still sends batch after batch through the pool.
const PATHS = ['earlyHelp.costPerFamilyPerYear', 'earlyHelp.successShare', 'need.directReferralShare'];
const dir = mkdtempSync(join(tmpdir(), 'jobs-uncertainty-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function trimmed(file: string): string {
  const s = loadShipped(file);
  const u = s.uncertainty ?? { ranges: {} };
  const out = join(dir, file);
  writeFileSync(out, JSON.stringify({ ...s, uncertainty: { ranges: Object.fromEntries(PATHS.map((p) => [p, u.ranges[p]])) } }));
  return out;
}
const baseline = trimmed('north-east-baseline.json');
const restored = trimmed('early-help-restored.json');

describe('--jobs with the uncertainty analysis', () => {
  it('gives byte-identical npm run sensitivity JSON with one thread and with two, and shows progress on stderr', async () => {
    const args = [baseline, '--outcome', 'lookedAfter', '--month', '12', '--scale', '0.01', '--trajectories', '2', '--format', 'json'];
    const one = await capture((io) => sensitivityMain([...args, '--jobs', '1'], {}, io));
    const two = await capture((io) => sensitivityMain([...args, '--jobs', '2'], {}, io));
    expect(one.code).toBe(0);
    expect(two.code).toBe(0);
    const result = JSON.parse(one.stdout);
    // Two trajectories of (parameters + 1) points each.
    expect(result.runs).toBe(2 * (PATHS.length + 1));
    expect(result.rows.map((r: { path: string }) => r.path).sort()).toEqual([...PATHS].sort());
    expect(two.stdout).toBe(one.stdout);
    expect(two.stderr).toContain(`runs ${result.runs}/${result.runs}`);
    expect(two.stderr).toContain(`done: ${result.runs} runs`);
  });

  it('gives byte-identical npm run compare --uncertainty JSON with one thread and with two', async () => {
    const args = [baseline, restored, '--uncertainty', '--scale', '0.01', '--months', '12', '--runs', '2', '--draws', '2', '--tornado-max', '2', '--format', 'json', '--quiet'];
    const one = await capture((io) => compareMain([...args, '--jobs', '1'], {}, io));
    const two = await capture((io) => compareMain([...args, '--jobs', '2'], {}, io));
    expect(one.stderr).toBe('');
    expect(one.code).toBe(0);
    expect(two.code).toBe(0);
    const json = JSON.parse(one.stdout);
    // Three ranged parameters against a cut of two: screened, and each tornado has the two kept.
    expect(json.ensemble.screening.kept).toHaveLength(2);
    expect(json.outcomes.every((o: { tornado: unknown[] }) => o.tornado.length === 2)).toBe(true);
    expect(json.ensemble.runs).toBeGreaterThan(20);
    expect(json.outcomes.some((o: { breakEven: { value: number | null }[] }) => o.breakEven.some((b) => b.value !== null))).toBe(true);
    expect(two.stdout).toBe(one.stdout);
  });
});

describe('poolRunner', () => {
  it('returns the same series as the serial runner, in task order, counting progress over every batch', async () => {
    const scenario = loadShipped('north-east-baseline.json', { 'population.scale': 0.01 });
    const batch = (months: number[]): RunTask[] => months.map((m, k) => ({ scenario, levers: [], seed: 3 + k, months: m }));
    const first = batch([12, 1, 2]);
    const second = batch([1]);
    const seen: string[] = [];
    let onRun = 0;
    const runner = poolRunner(2, (done, total) => seen.push(`${done}/${total}`));
    try {
      expect(await runner.run(first, () => onRun++)).toEqual(await serialRunner(first));
      expect(await runner.run(second)).toEqual(await serialRunner(second));
    } finally {
      await runner.close();
    }
    expect(onRun).toBe(3);
    expect(seen).toEqual(['1/3', '2/3', '3/3', '4/4']);
  });
});
