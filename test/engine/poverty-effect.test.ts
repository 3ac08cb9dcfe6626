import { describe, expect, it } from 'vitest';
import { runScenario } from '../../sim/run';
import { loadShipped } from '../helpers';

/**
 * The poverty effect on entries to care stays in the range of Bennett et al. 2022 (Lancet Public
 * Health; 147 councils, 2015-20): each percentage point of child poverty goes with about 5 (95% CI
 * 2-8) more children under 16 entering care per 100,000 a year. Two runs per seed (common random
 * numbers), poverty 20% below and 20% above the baseline's long-run share (about 13 points apart),
 * both starting at their own long-run share; entries of under-16s per 100,000 under-16s a year.
 */
const SEEDS = [1, 2, 3];
const SCALE = 0.25;
const MONTHS = 96;

function entriesPer100k(reduction: number): { povertyPoints: number; per100k: number } {
  const base = loadShipped('north-east-baseline.json');
  const longRun = base.poverty.entryPerYear / (base.poverty.entryPerYear + base.poverty.exitPerYear);
  const share = longRun * (1 - reduction);
  const scenario = loadShipped('north-east-baseline.json', {
    'population.scale': SCALE,
    'policy.childPovertyReduction': reduction,
    'poverty.initialShare': share,
  });
  let entries = 0;
  let childYears = 0;
  for (const seed of SEEDS) {
    const run = runScenario(scenario, { seed, months: MONTHS });
    if (!run.ok) throw new Error('run failed');
    for (const r of run.value.slice(13)) {
      const e = r.careEntriesByAge;
      entries += e.under_1 + e['1_to_4'] + e['5_to_9'] + e['10_to_15'];
      childYears += (r.children * 16) / 18 / 12; // ages are uniform over 0-17
    }
  }
  return { povertyPoints: share * 100, per100k: (entries / childYears) * 100_000 };
}

describe('poverty and entries to care (Bennett et al. 2022)', () => {
  it('adds 2 to 8 entries of under-16s per 100,000 a year per percentage point of child poverty', () => {
    const low = entriesPer100k(0.2);
    const high = entriesPer100k(-0.2);
    const perPoint = (high.per100k - low.per100k) / (high.povertyPoints - low.povertyPoints);
    expect(high.povertyPoints - low.povertyPoints).toBeGreaterThan(10);
    expect(perPoint, `${perPoint.toFixed(2)} per point`).toBeGreaterThan(2);
    expect(perPoint, `${perPoint.toFixed(2)} per point`).toBeLessThan(8);
  }, 300_000);
});
