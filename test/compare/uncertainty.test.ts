/**
 * The uncertainty analysis on small runs (scale 0.02, one year, two seeds, two parameters, no
 * re-calibration): a B that differs from A only where nothing acts gets "no-difference". The longer
 * checks (break-even against direct runs, every draw calibrated, the CLI's JSON) are in
 * uncertainty.slow.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { OUTCOMES } from '../../sim/comparison/outcomes';
import { UNCERTAINTY_DEFAULTS, UncertaintyStudy } from '../../sim/uncertainty/analysis';
import { serialRunner } from '../../sim/uncertainty/runner';
import { compareSides, rangedSide } from './uncertainty-helpers';

const MONTHS = 12;
const SEEDS = [1, 2];

const settings = { ...UNCERTAINTY_DEFAULTS, draws: 3, seeds: SEEDS, months: MONTHS, horizons: [MONTHS], breakEvenSteps: 4 };

describe('uncertainty analysis of a comparison', () => {
  it('finds no meaningful difference when B differs from A only in a parameter with no effect', async () => {
    // The profit cap is off in both, so its level changes nothing.
    const paths = ['earlyHelp.successShare', 'market.outOfAreaPremium'];
    const a = rangedSide('north-east-baseline.json', paths, 0.02);
    const b = rangedSide('north-east-baseline.json', paths, 0.02, false, { 'policy.profitCap.maxMargin': 0.3 });
    const summary = compareSides(a, b, SEEDS, MONTHS);
    const analysis = await new UncertaintyStudy(a, b, settings, serialRunner).run(summary);
    expect(analysis.outcomes).toHaveLength(OUTCOMES.length);
    for (const u of analysis.outcomes) {
      expect(u.verdict, `${u.id} at ${u.month}`).toBe('no-difference');
      expect(u.uncertainty.low).toBe(0);
      expect(u.uncertainty.high).toBe(0);
      expect(u.tornado.map((t) => t.path).sort()).toEqual(paths);
      for (const t of u.tornado) expect([t.low.difference, t.high.difference]).toEqual([0, 0]);
      for (const be of u.breakEven) expect(be.value).toBeNull();
    }
  });
});
