/**
 * Slow tier: the back-cast's decomposition on the model (sim/backcast/decompose.ts) at a small
 * scale with two seeds: 8 coalitions x 2 seeds x 132 months. The shares must add up to the whole
 * rise (whole timeline minus nothing changing), each with a spread over the orders, and the
 * Shapley values must match the textbook weights applied to the coalitions' own rises.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { BACKCAST_DEFAULTS, decomposeBackcast, type BackcastDecomposition } from '../../sim/backcast/decompose';
import { BACKCAST_GROUPING } from '../../sim/backcast/groups';
import { loadShipped } from '../helpers';

const SEEDS = [1, 2];

function decomposed(): BackcastDecomposition {
  const scenario = loadShipped('north-east-2009.json', { 'population.scale': 0.05 });
  const result = decomposeBackcast(scenario, { ...BACKCAST_DEFAULTS, seeds: SEEDS });
  if (!result.ok) throw new Error(result.issues.map((i) => i.message).join('\n'));
  return result.value;
}

describe('the North East back-cast decomposed by Shapley value', () => {
  let d: BackcastDecomposition;
  beforeAll(() => {
    d = decomposed();
  });

  it('runs the 8 coalitions over the same seeds, from the same start', () => {
    expect(d.coalitions.map((c) => c.groups.join('+'))).toEqual(['', 'drivers', 'practice', 'drivers+practice', 'arrivals', 'drivers+arrivals', 'practice+arrivals', 'drivers+practice+arrivals']);
    for (const c of d.coalitions) {
      expect(c.runs.map((r) => r.seed)).toEqual(SEEDS);
      // paired seeds: a seed's set-up is the same in every coalition (the timeline starts after month 0)
      c.runs.forEach((r, k) => expect(r.start).toBe(d.coalitions[0].runs[k].start));
      // one 31 March a year from March 2009 to March 2020
      expect(c.runs[0].marches.map((m) => m.date)).toEqual(Array.from({ length: 12 }, (_, k) => `${2009 + k}-03`));
    }
  });

  it('splits exactly the whole timeline’s rise minus the rise with nothing changing', () => {
    const whole = d.coalitions[7].rise - d.coalitions[0].rise;
    expect(d.shapley.whole).toBeCloseTo(whole, 9);
    expect(d.shapley.shares.reduce((s, x) => s + x.mean, 0)).toBeCloseTo(whole, 9);
    expect(whole).toBeGreaterThan(5);
  });

  it('gives each group the textbook weighted mean of its marginal contributions, with its spread over orders', () => {
    const rise = (mask: number) => d.coalitions[mask].rise;
    BACKCAST_GROUPING.groups.forEach((group, k) => {
      const bit = 1 << k;
      const others = [0, 1, 2].filter((j) => j !== k).map((j) => 1 << j);
      // Three players: weight 1/3 alone and with both others, 1/6 with either one of them.
      const gains = [
        { gain: rise(bit) - rise(0), weight: 2 },
        { gain: rise(bit | others[0]) - rise(others[0]), weight: 1 },
        { gain: rise(bit | others[1]) - rise(others[1]), weight: 1 },
        { gain: rise(7) - rise(7 & ~bit), weight: 2 },
      ];
      const share = d.shapley.shares[k];
      expect(share.player).toBe(group);
      expect(share.mean).toBeCloseTo(gains.reduce((s, g) => s + g.gain * g.weight, 0) / 6, 9);
      expect(share.min).toBe(Math.min(...gains.map((g) => g.gain)));
      expect(share.max).toBe(Math.max(...gains.map((g) => g.gain)));
      expect(share.min).toBeLessThanOrEqual(share.mean);
      expect(share.mean).toBeLessThanOrEqual(share.max);
      expect(d.shareStandardErrors[k]).toBeGreaterThanOrEqual(0);
    });
    expect(d.shapley.orders).toBe(6);
  });
});
