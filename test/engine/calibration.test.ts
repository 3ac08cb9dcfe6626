import { describe, expect, it } from 'vitest';
import { runScenario } from '../../sim/run';
import { PLACEMENTS } from '../../sim/states';
import { loadShipped } from '../helpers';
import { childrenInNeedDfE, inCare, per10k } from '../../sim/measures';

/**
 * The baseline against its own `calibration` block (DOMAIN.md's North East targets), month by
 * month after a 24-month warm-up. DfE's "children in need" includes CP and looked-after children.
 */
describe('North East baseline calibration', () => {
  const scenario = loadShipped('north-east-baseline.json', { 'population.scale': 0.25 });
  // Without targets or a run there is nothing to compare: fail loudly rather than pass vacuously.
  const targets = scenario.calibration;
  if (!targets) throw new Error('north-east-baseline.json has no calibration block: the tests below would check nothing');
  const run = runScenario(scenario, { seed: 1, months: 120 });
  if (!run.ok) throw new Error(run.issues.map((i) => i.message).join('\n'));
  const months = run.value.slice(24);

  it('compares 97 months after the warm-up', () => {
    expect(months.length).toBe(97);
  });

  it('keeps looked-after children, CP plans and children in need within 15% of the targets', () => {
    for (const r of months) {
      const cla = per10k(inCare(r.stocks), r.children);
      const cp = per10k(r.stocks.child_protection, r.children);
      const cin = per10k(childrenInNeedDfE(r.stocks), r.children);
      expect(Math.abs(cla / targets.lookedAfterPer10k - 1), `looked after at month ${r.month}: ${cla.toFixed(1)}`).toBeLessThan(0.15);
      expect(Math.abs(cp / targets.childProtectionPer10k - 1), `CP at month ${r.month}: ${cp.toFixed(1)}`).toBeLessThan(0.15);
      expect(Math.abs(cin / targets.childrenInNeedPer10k - 1), `CIN at month ${r.month}: ${cin.toFixed(1)}`).toBeLessThan(0.15);
    }
  });

  it('keeps the placement mix within 5 percentage points of the target shares', () => {
    for (const r of months) {
      const care = inCare(r.stocks);
      for (const p of PLACEMENTS) {
        const share = r.stocks[p] / care;
        expect(Math.abs(share - targets.placementMix[p]), `${p} at month ${r.month}: ${(share * 100).toFixed(1)}%`).toBeLessThan(0.05);
      }
    }
  });
});
