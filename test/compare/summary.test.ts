import { describe, expect, it } from 'vitest';
import { OUTCOMES } from '../../sim/comparison/outcomes';
import { standardDeviation } from '../../sim/comparison/stats';
import { defaultHorizons, summarise, valuesAt } from '../../sim/comparison/summary';
import { inCare, per10k } from '../../sim/measures';
import { runScenario } from '../../sim/run';
import { paired, series, shipped } from './helpers';

const SEEDS = [1, 2, 3, 4, 5, 6];
const baseline = { scenario: shipped('north-east-baseline'), levers: [] };
const earlyHelp = { scenario: shipped('early-help-restored'), levers: [] };

/** The p-quantile as a reader would compute it by hand: sort, find the rank (n - 1) p, interpolate. */
function byHand(values: number[], p: number): number {
  const s = [...values].sort((x, y) => x - y);
  const rank = (s.length - 1) * p;
  const lo = Math.floor(rank);
  return lo + 1 < s.length ? s[lo] * (1 - (rank - lo)) + s[lo + 1] * (rank - lo) : s[lo];
}

describe('a paired comparison', () => {
  const results = paired(baseline, earlyHelp, SEEDS, 24);
  const summary = summarise(results, 24, [12, 24]);

  it('reports every outcome at every horizon, horizons first', () => {
    expect(summary.outcomes.map((r) => `${r.month}:${r.id}`)).toEqual([12, 24].flatMap((m) => OUTCOMES.map((o) => `${m}:${o.id}`)));
  });

  it("takes each side's median and 5-95% band from the per-seed values, as computed by hand", () => {
    for (const row of summary.outcomes) {
      for (const side of ['a', 'b'] as const) {
        const values = [...valuesAt(results[side], row.id, row.month)];
        expect(row[side].median, `${row.id} ${side}`).toBeCloseTo(byHand(values, 0.5), 9);
        expect(row[side].low).toBeCloseTo(byHand(values, 0.05), 9);
        expect(row[side].high).toBeCloseTo(byHand(values, 0.95), 9);
        expect(row[side].mean).toBeCloseTo(values.reduce((x, y) => x + y, 0) / values.length, 9);
      }
    }
  });

  it('reads a stock rate straight from the month record of each run', () => {
    const direct = SEEDS.map((seed) => {
      const run = runScenario(baseline.scenario, { seed, months: 24 });
      if (!run.ok) throw new Error('run failed');
      return per10k(inCare(run.value[24].stocks), run.value[24].children);
    });
    expect([...valuesAt(results.a, 'lookedAfter', 24)]).toEqual(direct);
  });

  it('reads the share of children in care aged 16 and over, and under section 20, from the month record', () => {
    const run = runScenario(baseline.scenario, { seed: SEEDS[0], months: 24 });
    if (!run.ok) throw new Error('run failed');
    const record = run.value[24];
    const children = inCare(record.stocks);
    expect(valuesAt(results.a, 'aged16Plus', 24)[0]).toBeCloseTo((record.lookedAfterByAge['16_plus'] / children) * 100, 12);
    expect(valuesAt(results.a, 'section20', 24)[0]).toBeCloseTo((record.lookedAfterByLegalStatus.V2 / children) * 100, 12);
  });

  it('finds exactly zero difference in every seed when a scenario is compared with itself', () => {
    const self = paired(baseline, baseline, SEEDS, 24);
    for (const o of OUTCOMES) {
      for (let k = 0; k < SEEDS.length; k++) {
        for (let m = o.from; m <= 24; m++) expect(self.b[k][o.id][m] - self.a[k][o.id][m], `${o.id} seed ${SEEDS[k]} month ${m}`).toBe(0);
      }
    }
    const same = summarise(self, 24, [24]);
    for (const row of same.outcomes) expect(row.difference, row.id).toEqual({ mean: 0, low: 0, high: 0 });
    expect(same.precision.every((p) => p.verdict === 'no-difference')).toBe(true);
  });

  it('picks years 1, 5 and 10 within the run, or the last month of a short run', () => {
    expect(defaultHorizons(120)).toEqual([12, 60, 120]);
    expect(defaultHorizons(60)).toEqual([12, 60]);
    expect(defaultHorizons(6)).toEqual([6]);
  });
});

describe('common random numbers', () => {
  // Every shipped policy against the baseline: B - A paired by seed against B from other seeds.
  const POLICIES = ['early-help-restored', 'child-poverty-reduced', 'council-run-homes-profit-cap', 'homes-as-early-option', 'paradigm-shift'];
  const OUTCOME_IDS = ['lookedAfter', 'childProtection', 'childrenInNeed', 'spendSinceStart'];
  const MONTHS = 24;
  const seeds = [1, 2, 3, 4, 5, 6, 7, 8];
  const base = seeds.map((s) => series(baseline, s, MONTHS));

  it.each(POLICIES)('make the paired difference for %s less spread than the difference of independent runs', (policy) => {
    const side = { scenario: shipped(policy), levers: [] };
    const same = seeds.map((s) => series(side, s, MONTHS));
    const other = seeds.map((s) => series(side, s + 1000, MONTHS));
    for (const id of OUTCOME_IDS) {
      const pairedSd = standardDeviation(same.map((r, k) => r[id][MONTHS] - base[k][id][MONTHS]));
      const independentSd = standardDeviation(other.map((r, k) => r[id][MONTHS] - base[k][id][MONTHS]));
      expect(pairedSd, `${policy}: ${id}`).toBeLessThan(independentSd);
    }
  });
});
