/**
 * The table of refused lever paths (sim/refused-levers.ts) checked against the engine's own
 * classification of its parameters (sim/engine/live-params.ts, LIVE_EFFECT): a leaf whose change
 * moves a 'setup' parameter, or no parameter at all, must be refused; a refused leaf whose change
 * moves only live parameters must be one the engine ignores after month 0 (shown by forcing the
 * change into a running simulation: its records do not move).
 */
import { describe, expect, it } from 'vitest';
import { LIVE_EFFECT } from '../../sim/engine/live-params';
import { changedParams } from './changed-params';
import { applyLiveLever } from '../../sim/levers';
import { toParams, type EngineParams } from '../../sim/params';
import { REFUSED_LEVERS, refusedChange } from '../../sim/refused-levers';
import { ScenarioSchema } from '../../sim/scenario/schema';
import { Simulation } from '../../sim/simulation';
import { loadShipped } from '../helpers';
import { applied, contextOf } from './lever-contexts';
import { changedValue, numericLeaves } from './leaves';

const base = loadShipped('north-east-baseline.json', { 'population.scale': 0.02 });

/** Month records of a run that gets `next` forced into the engine at month `at` (bypassing the levers' refusals). */
function recordsForcing(start: EngineParams, next: EngineParams | undefined, months: number, at: number): string {
  const sim = new Simulation(start, 1);
  const out: unknown[] = [];
  for (let m = 1; m <= months; m++) {
    if (m === at && next) sim.setParams(next);
    sim.step();
    out.push(sim.record());
  }
  return JSON.stringify(out);
}

describe('refused lever paths follow from what the engine does with each parameter', () => {
  for (const leaf of numericLeaves(base)) {
    // In the situation where the parameter acts (e.g. the margin cap's level while the cap is on).
    const before = applied(base, contextOf(leaf.path, 1));
    const after = applied(before, [{ path: leaf.path, value: changedValue(leaf) }]);
    const keys = changedParams(toParams(before), toParams(after));
    const setup = keys.filter((k) => LIVE_EFFECT[k] === 'setup');
    const refused = refusedChange(leaf.path) !== undefined;
    if (setup.length > 0 || keys.length === 0) {
      it(`${leaf.path} moves ${keys.length === 0 ? 'no engine parameter' : `setup-only parameters (${setup.join(', ')})`}: refused`, () => {
        expect(refused).toBe(true);
      });
    } else if (refused) {
      it(`${leaf.path} is refused although it moves ${keys.join(', ')}: the engine ignores that change mid-run`, () => {
        expect(recordsForcing(toParams(before), toParams(after), 24, 3)).toBe(recordsForcing(toParams(before), undefined, 24, 3));
      });
    }
  }

  it('names only fields of the scenario format', () => {
    interface Node {
      properties?: Record<string, Node>;
    }
    const exists = (node: Node | undefined, parts: string[]): boolean => {
      if (parts.length === 0) return node !== undefined;
      const [head, ...rest] = parts;
      if (head === '*') return Object.values(node?.properties ?? {}).some((child) => exists(child, rest));
      return exists(node?.properties?.[head], rest);
    };
    for (const r of REFUSED_LEVERS) expect(exists(ScenarioSchema as unknown as Node, r.pattern.split('.')), r.pattern).toBe(true);
  });

  it('refuses an object that would change a refused field inside it, and allows one that keeps it', () => {
    const poverty = { ...base.poverty, initialShare: 0.5, entryPerYear: 0.2 };
    const refused = applyLiveLever(base, 'poverty', poverty);
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.field).toBe('value');
      expect(refused.issues[0].message).toContain('poverty.initialShare: expected a path that can change during a run, found "poverty.initialShare", which shapes month 0 only');
      expect(refused.issues[0].message).toContain('(use poverty.entryPerYear, poverty.exitPerYear or policy.childPovertyReduction)');
    }
    const kept = applyLiveLever(base, 'poverty', { ...base.poverty, entryPerYear: 0.2 });
    expect(kept.ok).toBe(true);
  });

  it('names the risk factor in the hint, and refuses paths under a refused one', () => {
    const r = applyLiveLever(base, 'riskFactors.substanceMisuse.prevalence', 0.1);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0].message).toContain('(use riskFactors.substanceMisuse.hazardRatio or need.baseHazardPerYear)');
    for (const path of ['initialState.looked_after', 'population.scale', 'startDate', 'timeline', 'calibration.lookedAfterPer10k']) {
      const refusedPath = applyLiveLever(base, path, 1);
      expect(refusedPath.ok, path).toBe(false);
      if (!refusedPath.ok) expect(refusedPath.issues[0].message, path).toMatch(/which .+ \(.+\)$/);
    }
    // Births go on during a run: the one population field a lever may change.
    expect(applyLiveLever(base, 'population.birthsPerYear', 20000).ok).toBe(true);
  });
});
