import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareMain } from '../../sim/cli/compare';
import { interval, type OutcomeComparison } from '../../sim/compare';
import { SCENARIO_DIR } from '../../sim/node/files';

async function compare(args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await compareMain(args, {}, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), progressIntervalMs: 1e9 });
  return { code, stdout, stderr };
}
const file = (name: string) => join(SCENARIO_DIR, name);
const byId = (rows: OutcomeComparison[], id: string) => {
  const row = rows.find((r) => r.id === id);
  if (!row) throw new Error(`no outcome ${id}`);
  return row;
};

describe('interval', () => {
  it('is the mean plus or minus t(0.975, n-1) standard errors', () => {
    const i = interval([1, 2, 3]);
    expect(i.mean).toBe(2);
    expect(i.high - i.mean).toBeCloseTo((4.303 * 1) / Math.sqrt(3), 6);
    expect(interval([5, 5, 5, 5])).toEqual({ mean: 5, low: 5, high: 5 });
  });
});

describe('npm run compare', () => {
  it('finds exactly no difference between a scenario and itself', async () => {
    const r = await compare([file('north-east-baseline.json'), file('north-east-baseline.json'), '--runs', '3', '--months', '12', '--scale', '0.02', '--format', 'json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as { seeds: number[]; outcomes: OutcomeComparison[] };
    expect(doc.seeds).toEqual([1, 2, 3]);
    for (const row of doc.outcomes) expect(row.difference, row.id).toEqual({ mean: 0, low: 0, high: 0 });
  });

  it('shows restored early help lowering child protection, with an interval that excludes zero', async () => {
    const r = await compare([file('north-east-baseline.json'), file('early-help-restored.json'), '--runs', '10', '--months', '60', '--scale', '0.1', '--format', 'json']);
    const rows = (JSON.parse(r.stdout) as { outcomes: OutcomeComparison[] }).outcomes;
    expect(byId(rows, 'childProtection').difference.high).toBeLessThan(0);
    expect(byId(rows, 'spend.early_help').difference.low).toBeGreaterThan(0);
  });

  it('prints a readable table by default and CSV on request', async () => {
    const args = [file('north-east-baseline.json'), file('council-run-homes-profit-cap.json'), '--runs', '2', '--months', '6', '--scale', '0.02'];
    const text = await compare(args);
    expect(text.stdout).toMatch(/^2 paired runs \(same seeds for A and B\), 6 months/);
    expect(text.stdout).toContain('B - A [95% interval]');
    const csv = await compare([...args, '--format', 'csv']);
    const lines = csv.stdout.trim().split('\n');
    expect(lines[0]).toBe('outcome,unit,a_mean,a_low,a_high,b_mean,b_low,b_high,diff_mean,diff_low,diff_high');
    expect(lines.some((l) => l.startsWith('spend.la_residential,'))).toBe(true);
  });

  it('asks for two scenarios and reports a bad one by path', async () => {
    const one = await compare([file('north-east-baseline.json')]);
    expect(one.code).toBe(2);
    expect(one.stderr).toContain('expected 2 scenario files, found 1');
    const bad = await compare([file('north-east-baseline.json'), file('north-east-baseline.json'), '--format', 'xml']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--format: expected text or json or csv, found "xml"');
  });
});
