/**
 * The randomness design itself (after Starsim's tests): every agent draws from its own stream, so
 * what one agent does cannot reshuffle anyone else's luck, and a change that does not bind changes
 * nothing at all.
 */
import { describe, expect, it } from 'vitest';
import { toParams } from '../../sim/params';
import { Run, runScenario } from '../../sim/run';
import type { Scenario } from '../../sim/scenario/schema';
import { PLACEMENTS } from '../../sim/states';
import { loadShipped } from '../helpers';
import { bySerial } from './population-scan';

/** A scenario in which no capacity binds: children never compete for anything. */
function unconstrained(children: number): Scenario {
  const s = loadShipped('north-east-baseline.json', {
    'population.scale': 1,
    'population.children': children,
    'population.birthsPerYear': Math.round(children / 18),
    'policy.earlyHelp.statutoryDuty': true,
    'socialWork.workers': 1_000_000,
    'policy.councilHomes.targetPlaces': 1_000_000,
  });
  for (const p of PLACEMENTS) s.placements[p].places = null;
  return s;
}

describe('common random numbers', () => {
  it('changes nothing when a lever does not bind (a profit cap above any margin)', () => {
    const s = loadShipped('north-east-baseline.json', { 'population.scale': 0.05 });
    const levers = [{ month: 6, path: 'policy.profitCap.enabled', value: true }, { month: 6, path: 'policy.profitCap.maxMargin', value: 0.99 }];
    const a = runScenario(s, { seed: 4, months: 36 });
    const b = runScenario(s, { seed: 4, months: 36, levers });
    if (!a.ok || !b.ok) throw new Error('runs failed');
    expect(JSON.stringify(b.value)).toBe(JSON.stringify(a.value));
  });

  it('changes nothing when more early-help money meets a statutory duty that already admits everyone', () => {
    const s = loadShipped('north-east-baseline.json', { 'population.scale': 0.05, 'policy.earlyHelp.statutoryDuty': true });
    const a = runScenario(s, { seed: 2, months: 24 });
    const b = runScenario(s, { seed: 2, months: 24, levers: [{ month: 3, path: 'policy.earlyHelp.budgetPerYear', value: s.policy.earlyHelp.budgetPerYear * 2 }] });
    if (!a.ok || !b.ok) throw new Error('runs failed');
    expect(b.value.map((r) => r.stocks)).toEqual(a.value.map((r) => r.stocks));
  });

  it("gives every other family the same path when one more child is in the population (only the extra child's family, and children moved to another family, may differ)", () => {
    // 1,999 and 2,000 children make the same number of families, so only the extra child is new.
    const small = unconstrained(1999);
    const large = unconstrained(2000);
    expect(toParams(small).families).toBe(toParams(large).families);
    const runs = [small, large].map((s) => {
      const r = Run.start(s, 11);
      if (!r.ok) throw new Error('run did not start');
      return r.value;
    });
    let compared = 0;
    let extraFamily = -1;
    let moved = 0;
    const newSerials = new Set<number>();
    for (let m = 0; m <= 60; m++) {
      if (m > 0) for (const r of runs) r.step();
      const [a, b] = runs.map((r) => bySerial(r.population()));
      // Need clocks are per family (one clock at the family's total hazard), so the extra child's
      // siblings share its family's draws: that family is the one that may differ, for good.
      if (m === 0) extraFamily = b.get(1999)?.family ?? -1;
      for (const [serial, child] of b) {
        const before = a.get(serial);
        if (!before) {
          newSerials.add(serial);
          continue;
        }
        if (before.family !== child.family || child.family === extraFamily) {
          moved++;
          continue;
        }
        compared++;
        expect(child.state, `month ${m}, child ${serial}`).toBe(before.state);
      }
    }
    // The extra child (serial 1999) is the only one the smaller run never had: newborns keep their streams.
    expect([...newSerials]).toEqual([1999]);
    expect(compared).toBeGreaterThan(100_000);
    expect(moved / compared).toBeLessThan(0.01);
  });
});
