import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readBundle } from '../../sim/comparison/bundle';
import { compareMain } from '../../sim/cli/compare';
import type { OutcomeAtHorizon } from '../../sim/comparison/summary';
import { OUTCOMES } from '../../sim/comparison/outcomes';
import { SCENARIO_DIR } from '../../sim/node/files';

async function compare(args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await compareMain(args, {}, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), progressIntervalMs: 1e9 });
  return { code, stdout, stderr };
}
const file = (name: string) => join(SCENARIO_DIR, name);
const byId = (rows: OutcomeAtHorizon[], id: string, month: number) => {
  const row = rows.find((r) => r.id === id && r.month === month);
  if (!row) throw new Error(`no outcome ${id} at ${month}`);
  return row;
};
const dir = mkdtempSync(join(tmpdir(), 'care-futures-compare-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('npm run compare', () => {
  it('finds exactly no difference between a scenario and itself', async () => {
    const r = await compare([file('north-east-baseline.json'), file('north-east-baseline.json'), '--runs', '3', '--months', '12', '--scale', '0.02', '--format', 'json', '--quiet']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as { seeds: number[]; outcomes: OutcomeAtHorizon[] };
    expect(doc.seeds).toEqual([1, 2, 3]);
    for (const row of doc.outcomes) expect(row.difference, row.id).toEqual({ mean: 0, low: 0, high: 0 });
  });

  it('writes one JSON entry per outcome and horizon with A, B and the difference', async () => {
    const r = await compare([file('north-east-baseline.json'), file('early-help-restored.json'), '--runs', '2', '--months', '24', '--at', '6,24', '--scale', '0.02', '--format', 'json', '--quiet']);
    const doc = JSON.parse(r.stdout) as { horizons: number[]; outcomes: OutcomeAtHorizon[] };
    expect(doc.horizons).toEqual([6, 24]);
    expect(doc.outcomes).toHaveLength(2 * OUTCOMES.length);
    const row = byId(doc.outcomes, 'lookedAfter', 24);
    expect(Object.keys(row)).toEqual(['id', 'month', 'label', 'unit', 'a', 'b', 'difference']);
    expect(Object.keys(row.a).sort()).toEqual(['high', 'low', 'mean', 'median']);
    expect(Object.keys(row.difference).sort()).toEqual(['high', 'low', 'mean']);
  });

  it('shows restored early help lowering child protection, with an interval that excludes zero', async () => {
    const r = await compare([file('north-east-baseline.json'), file('early-help-restored.json'), '--runs', '8', '--months', '60', '--scale', '0.05', '--format', 'json', '--quiet']);
    const rows = (JSON.parse(r.stdout) as { outcomes: OutcomeAtHorizon[] }).outcomes;
    expect(byId(rows, 'childProtection', 60).difference.high).toBeLessThan(0);
    expect(byId(rows, 'earlyHelpInYear', 60).difference.low).toBeGreaterThan(0);
  });

  it('prints a readable table by default and a tidy CSV on request', async () => {
    const args = [file('north-east-baseline.json'), file('council-run-homes-profit-cap.json'), '--runs', '2', '--months', '6', '--scale', '0.02', '--quiet'];
    const text = await compare(args);
    expect(text.stdout).toMatch(/^2 paired runs \(same seeds for A and B: 1-2\), 6 months/);
    expect(text.stdout).toContain('At month 6');
    expect(text.stdout).toContain('B - A [95% interval]');
    const csv = await compare([...args, '--format', 'csv']);
    const lines = csv.stdout.trim().split('\n');
    expect(lines[0]).toBe('section,outcome,label,unit,month,series,seed,statistic,value');
    expect(lines.some((l) => l.startsWith('summary,spendInYear,'))).toBe(true);
    expect(lines.some((l) => l.startsWith('seed,lookedAfter,') && l.includes(',a,2,value,'))).toBe(true);
  });

  it('writes a workbook and a bundle that re-reads with its checksum intact', async () => {
    const out = join(dir, 'c.xlsx');
    const bundlePath = join(dir, 'c.json');
    const r = await compare([file('north-east-baseline.json'), file('early-help-restored.json'), '--runs', '2', '--months', '12', '--scale', '0.02', '--format', 'xlsx', '--out', out, '--bundle', bundlePath, '--quiet']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(readFileSync(out).subarray(0, 2).toString()).toBe('PK');
    const read = await readBundle(readFileSync(bundlePath, 'utf8'));
    expect(read.ok).toBe(true);
    if (read.ok) expect(read.bundle.seeds).toEqual([1, 2]);
    const confirmed = await compare(['--check-bundle', bundlePath]);
    expect(confirmed.code).toBe(0);
    expect(confirmed.stdout).toMatch(/^Confirmed: re-running the 2 seeds reproduces/);
    writeFileSync(bundlePath, readFileSync(bundlePath, 'utf8').replace('"seed": 1,', '"seed": 2,'));
    const tampered = await compare(['--check-bundle', bundlePath]);
    expect(tampered.code).toBe(1);
    expect(tampered.stderr).toContain('changed after it was made');
  });

  it('applies --levers-b to B only, and refuses a timeline that does not fit B', async () => {
    const levers = join(dir, 'b-levers.json');
    writeFileSync(levers, JSON.stringify([{ month: 1, path: 'policy.earlyHelp.budgetPerYear', value: 80_000_000 }]));
    const base = file('north-east-baseline.json');
    const args = [base, base, '--runs', '2', '--months', '12', '--scale', '0.02', '--format', 'json', '--quiet'];
    const r = await compare([...args, '--levers-b', levers]);
    expect(r.code).toBe(0);
    const plain = byId((JSON.parse((await compare(args)).stdout) as { outcomes: OutcomeAtHorizon[] }).outcomes, 'earlyHelpInYear', 12);
    const spend = byId((JSON.parse(r.stdout) as { outcomes: OutcomeAtHorizon[] }).outcomes, 'earlyHelpInYear', 12);
    expect(spend.a).toEqual(plain.a);
    // A keeps the baseline's £40m budget, in pounds of the start date: in the first year's nominal
    // pounds that is £40m grown month by month with early help's own inflation.
    const { prices } = JSON.parse(readFileSync(base, 'utf8')) as { prices: { inflationPerYear: { earlyHelp: number } } };
    const monthly = (1 + prices.inflationPerYear.earlyHelp) ** (1 / 12);
    const firstYear = Array.from({ length: 12 }, (_, k) => (40 / 12) * monthly ** (k + 1)).reduce((x, y) => x + y, 0);
    expect(spend.a.mean).toBeCloseTo(firstYear, 0);
    expect(spend.difference.mean).toBeGreaterThan(5);
    writeFileSync(levers, JSON.stringify([{ month: 1, path: 'policy.earlyHelp.budgetPerYear', value: -1 }]));
    const bad = await compare([base, base, '--levers-b', levers, '--quiet']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('b-levers.json: invalid lever timeline');
  });

  it('asks for two scenarios, a known format, horizons within the run and a file for a workbook', async () => {
    const one = await compare([file('north-east-baseline.json')]);
    expect(one.code).toBe(2);
    expect(one.stderr).toContain('expected 2 scenario files, found 1');
    const bad = await compare([file('north-east-baseline.json'), file('north-east-baseline.json'), '--format', 'xml']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--format: expected text or json or csv or xlsx, found "xml"');
    const at = await compare([file('north-east-baseline.json'), file('north-east-baseline.json'), '--months', '12', '--at', '12,60']);
    expect(at.code).toBe(2);
    expect(at.stderr).toContain('--at: expected months from 1 to 12');
    const xlsx = await compare([file('north-east-baseline.json'), file('north-east-baseline.json'), '--format', 'xlsx']);
    expect(xlsx.code).toBe(2);
    expect(xlsx.stderr).toContain('--out FILE');
  });
});
