import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { asyncBufferFromFile, parquetReadObjects } from 'hyparquet';
import { beforeAll, describe, expect, it } from 'vitest';
import { experimentMain } from '../../sim/cli/experiment';
import { latinHypercube } from '../../sim/experiment/latin-hypercube';
import { loadExperimentFile, planExperiment } from '../../sim/experiment/plan';
import { valueInRange } from '../../sim/experiment/samplers';

const dir = mkdtempSync(join(tmpdir(), 'care-futures-experiment-'));
const BUDGETS = [5_000_000, 40_000_000, 150_000_000];
/** A small sweep: the baseline (£40m) and three budgets, one of them the baseline's own. */
const sweep = {
  name: 'test sweep',
  scenarios: [{ name: 'ne', file: 'north-east-baseline.json' }],
  design: { kind: 'grid', parameters: [{ path: 'policy.earlyHelp.budgetPerYear', values: BUDGETS }] },
  seeds: { first: 3, count: 2 },
  months: 12,
  scale: 0.03,
  outputs: { measures: ['earlyHelpInYear', 'stock.early_help', 'flow.universal>early_help'] },
};
const file = join(dir, 'sweep.json');
writeFileSync(file, JSON.stringify(sweep));

async function run(args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await experimentMain(args, {}, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), progressIntervalMs: 0 });
  return { code, stdout, stderr };
}
const csv = (path: string) => readFileSync(path, 'utf8').trim().split('\n').map((l) => l.split(','));
const filesOf = (root: string): string[] => readdirSync(root, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name).slice(root.length)).sort();

const whole = join(dir, 'whole');
beforeAll(async () => {
  const r = await run([file, '--out', whole, '--jobs', '2', '--quiet']);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
});

describe('experiment files', () => {
  it('checks the shipped example, and names the JSON path of every problem in a bad file', () => {
    const shipped = loadExperimentFile('experiments/early-help-budget-sweep.json');
    expect(shipped.ok && shipped.value.variants.length).toBe(6);
    const bad = planExperiment(
      {
        ...sweep,
        seeds: { first: 1, count: 0 },
        design: { kind: 'grid', parameters: [{ path: 'policy.earlyHelp.budgetPerYer', values: [1] }] },
        outputs: { measures: ['earlyHelpInYear', 'lookedAftr'] },
      },
      dir,
    );
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    const messages = bad.issues.map((i) => i.message);
    expect(messages).toContain('seeds.count: expected a whole number >= 1 and <= 10,000 (count), found 0');
    const wrongKind = planExperiment({ ...sweep, design: { kind: 'gird', parameters: [] } }, dir);
    expect(!wrongKind.ok && wrongKind.issues.map((i) => i.message)).toEqual(['design.kind: expected one of "variants", "grid", "sample", found "gird"']);
    const unknownPath = planExperiment({ ...sweep, design: { kind: 'grid', parameters: [{ path: 'policy.earlyHelp.budgetPerYer', values: [1] }] } }, dir);
    expect(!unknownPath.ok && unknownPath.issues[0].message).toBe('design.parameters["policy.earlyHelp.budgetPerYer"]: policy.earlyHelp.budgetPerYer: expected the path of an existing scenario field, found no such field');
    const badValue = planExperiment({ ...sweep, design: { kind: 'variants', variants: [{ name: 'cut', set: { 'policy.earlyHelp.budgetPerYear': 'lots' } }] } }, dir);
    expect(!badValue.ok && badValue.issues[0].message).toContain('design.variants[0].set: policy.earlyHelp.budgetPerYear: expected a number >= 0');
    const badMeasure = planExperiment({ ...sweep, outputs: { measures: ['lookedAftr'] } }, dir);
    expect(!badMeasure.ok && badMeasure.issues[0].message).toMatch(/^outputs\.measures\[0\]: expected an outcome id .* found "lookedAftr"$/);
    const badRange = planExperiment({ ...sweep, design: { kind: 'sample', method: 'latinHypercube', points: 4, seed: 1, parameters: [{ path: 'policy.earlyHelp.budgetPerYear', min: 5, max: 1 }] } }, dir);
    expect(!badRange.ok && badRange.issues[0].message).toBe('design.parameters[0].max: expected a number >= min (5), found 1');
    const extra = planExperiment({ ...sweep, seeds: { first: 1, count: 2, cout: 3 } }, dir);
    expect(!extra.ok && extra.issues[0].message).toContain('seeds.cout: expected no such field');
  });

  it('writes a run table mapping every run to its variant, parameters and seed; the baseline runs once', () => {
    const variants = csv(join(whole, 'variants.csv'));
    expect(variants).toEqual([
      ['variant', 'scenario', 'runs_as', 'policy.earlyHelp.budgetPerYear'],
      ['baseline', 'ne', '', '40000000'],
      ['grid-1', 'ne', '', '5000000'],
      ['grid-2', 'ne', 'baseline', '40000000'],
      ['grid-3', 'ne', '', '150000000'],
    ]);
    const runs = csv(join(whole, 'runs.csv'));
    expect(runs[0]).toEqual(['run', 'scenario', 'variant', 'seed', 'policy.earlyHelp.budgetPerYear', 'digest']);
    // 3 variants that run (grid-2 is the baseline's own budget) x 2 seeds, in order.
    expect(runs.slice(1).map((r) => r.slice(0, 5))).toEqual(
      ['baseline', 'grid-1', 'grid-3'].flatMap((v, k) => [3, 4].map((seed, s) => [String(k * 2 + s), 'ne', v, String(seed), String(v === 'baseline' ? 40_000_000 : BUDGETS[Number(v.slice(5)) - 1])])),
    );
    for (const r of runs.slice(1)) expect(r[5]).toMatch(/^sha256:[0-9a-f]{64}$/);
    // Every run's rows in the tidy results carry its variant and seed.
    const results = csv(join(whole, 'results.csv'));
    expect(results[0]).toEqual(['scenario', 'variant', 'run', 'seed', 'month', 'date', 'financial_year', 'measure', 'unit', 'value', 'council']);
    for (const r of runs.slice(1)) expect(results.filter((row) => row[2] === r[0] && row[1] === r[2] && row[3] === r[3])).toHaveLength(13 * 3);
  });

  it('gives early-help spend that rises with the early-help budget', () => {
    const rows = csv(join(whole, 'quantiles.csv')).filter((r) => r[2] === 'stock.early_help' && r[4] === '12');
    const median = (variant: string) => Number(rows.find((r) => r[1] === variant)?.[9]);
    const spend = csv(join(whole, 'wide', 'earlyHelpInYear.quantiles.csv'));
    const at12 = spend.find((r) => r[0] === '12') as string[];
    const p50 = (variant: string) => Number(at12[spend[0].indexOf(`${variant} p50`)]);
    // £5m, £40m (the baseline), £150m a year.
    expect(p50('grid-1')).toBeLessThan(p50('baseline'));
    expect(p50('baseline')).toBeLessThan(p50('grid-3'));
    expect(median('grid-1')).toBeLessThan(median('grid-3'));
  });

  it('merges shards run apart into the same bytes as one process, and refuses a missing shard', async () => {
    const sharded = join(dir, 'sharded');
    for (const i of [2, 0]) expect((await run([file, '--out', sharded, '--shard', `${i}/3`, '--jobs', '1', '--quiet'])).code).toBe(0);
    const missing = await run([file, '--out', sharded, '--merge']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('missing shard(s) 1/3 of 3');
    // "env" with no batch index in the environment is a bad argument, not shard 0.
    expect((await run([file, '--out', sharded, '--shard', 'env/3', '--quiet'])).code).toBe(2);
    expect((await run([file, '--out', sharded, '--shard', '1/3', '--jobs', '1', '--quiet'])).code).toBe(0);
    expect((await run([file, '--out', sharded, '--merge', '--quiet'])).code).toBe(0);
    expect(filesOf(sharded)).toEqual(filesOf(whole));
    for (const f of filesOf(whole)) expect(readFileSync(join(sharded, f)).equals(readFileSync(join(whole, f))), f).toBe(true);
  });

  it('writes Parquet that reads back as the tidy CSV', async () => {
    const rows = (await parquetReadObjects({ file: await asyncBufferFromFile(join(whole, 'results.parquet')) })) as Record<string, unknown>[];
    const text = csv(join(whole, 'results.csv')).slice(1);
    expect(rows).toHaveLength(text.length);
    rows.forEach((row, k) => {
      const t = text[k];
      expect([row.scenario, row.variant, String(row.run), String(row.seed), String(row.month), row.date, row.financial_year, row.measure]).toEqual(t.slice(0, 8));
      // the unit may hold a comma (a quoted cell): the value and the council are the last two cells
      expect(row.value === null ? '' : String(row.value)).toBe(t[t.length - 2]);
      expect(row.council).toBe(t[t.length - 1]);
    });
  });
});

describe('sample designs', () => {
  it("plans a sample's points within its ranges, with either sampler, each point a variant", () => {
    for (const method of ['latinHypercube', 'scrambledHalton']) {
      const design = { kind: 'sample', method, points: 8, seed: 2, parameters: [{ path: 'policy.earlyHelp.budgetPerYear', min: 20e6, max: 100e6 }] };
      const plan = planExperiment({ ...sweep, baseline: false, design }, dir);
      if (!plan.ok) throw new Error(plan.issues[0].message);
      const values = plan.value.variants.map((v) => v.set[0][1] as number);
      expect(plan.value.variants.map((v) => v.name), method).toEqual(['sample-1', 'sample-2', 'sample-3', 'sample-4', 'sample-5', 'sample-6', 'sample-7', 'sample-8']);
      for (const v of values) expect(v >= 20e6 && v <= 100e6, `${method}: ${v}`).toBe(true);
      // Eight points over eight equal slices of the range: one in each (both samplers stratify so).
      expect(values.map((v) => Math.floor((v - 20e6) / 10e6)).sort((a, b) => a - b), method).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    }
  });
});

describe('Latin hypercube sampling', () => {
  it('puts exactly one point in each stratum of each range, the same points for the same seed', () => {
    const n = 40;
    const points = latinHypercube(n, 3, 7);
    for (let d = 0; d < 3; d++) {
      const strata = points.map((p) => Math.floor(p[d] * n)).sort((a, b) => a - b);
      expect(strata).toEqual(Array.from({ length: n }, (_, k) => k));
    }
    expect(latinHypercube(n, 3, 7)).toEqual(points);
    expect(latinHypercube(n, 3, 8)).not.toEqual(points);
    // Mapped onto a range, each of its n equal slices holds one value.
    const values = points.map((p) => valueInRange({ path: 'x', min: 20e6, max: 100e6 }, p[0]));
    expect(values.map((v) => Math.floor((v - 20e6) / 2e6)).sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, k) => k));
  });
});

process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
