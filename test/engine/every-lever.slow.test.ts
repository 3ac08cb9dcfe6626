/**
 * No silent levers (issue 10): every numeric and boolean leaf of the baseline, changed as a lever
 * at an early month of a small run, is either refused (saying why and what to use instead) or
 * takes effect: the engine's parameters change, the months before the change are untouched and
 * the months from it on differ from the same seed's run without it. The leaves are walked from the
 * scenario itself, so a parameter added later is covered without touching this file.
 */
import { describe, expect, it } from 'vitest';
import { changedParams } from './changed-params';
import { type LeverChange } from '../../sim/levers';
import { toParams } from '../../sim/params';
import { refusedChange } from '../../sim/refused-levers';
import { Run, runScenario } from '../../sim/run';
import { loadShipped } from '../helpers';
import { applied, contextOf } from './lever-contexts';
import { changedValue, numericLeaves } from './leaves';

const SCALE = 0.02;
const MONTHS = 36;
const AT = 3;
const SEED = 1;
const base = loadShipped('north-east-baseline.json', { 'population.scale': SCALE });

const runs = new Map<string, string[]>();
/** Each month's record as JSON, cached by timeline (the runs without the change repeat). */
function monthsOf(levers: LeverChange[]): string[] {
  const key = JSON.stringify(levers);
  const cached = runs.get(key);
  if (cached) return cached;
  const run = runScenario(base, { seed: SEED, months: MONTHS, levers });
  if (!run.ok) throw new Error(run.issues.map((i) => i.message).join('\n'));
  const months = run.value.map((r) => JSON.stringify(r));
  runs.set(key, months);
  return months;
}

const leaves = numericLeaves(base);

describe('every numeric and boolean leaf of the baseline, changed as a lever', () => {
  it('walks the whole scenario (a new parameter is covered by itself)', () => {
    expect(leaves.length).toBeGreaterThan(100);
    for (const path of ['poverty.initialShare', 'policy.earlyHelp.statutoryDuty', 'care.entryMix.under10.kinship_foster', 'market.highCostPerWeek']) {
      expect(leaves.map((l) => l.path)).toContain(path);
    }
  });

  for (const leaf of leaves) {
    const value = changedValue(leaf);
    if (refusedChange(leaf.path)) {
      it(`${leaf.path}: refused, saying why and what to use instead`, () => {
        const run = Run.start(base, SEED);
        if (!run.ok) throw new Error('the baseline must start');
        run.value.step();
        const refused = run.value.setLever(leaf.path, value);
        expect(refused.ok).toBe(false);
        if (refused.ok) return;
        const message = refused.issues[0].message;
        expect(message).toContain(`"${leaf.path}", which `);
        expect(message).toMatch(/\((use|set|edit|move|give) [^)]+\)$/);
        expect(run.value.levers()).toEqual([]);
      });
      continue;
    }
    it(`${leaf.path}: ${leaf.value} -> ${value} takes effect from month ${AT}`, () => {
      const context = contextOf(leaf.path, AT);
      const change = { month: AT, path: leaf.path, value };
      const before = applied(base, context);
      expect(changedParams(toParams(before), toParams(applied(before, [change]))).length).toBeGreaterThan(0);
      const without = monthsOf(context);
      const withIt = monthsOf([...context, change]);
      expect(withIt.slice(0, AT)).toEqual(without.slice(0, AT));
      expect(withIt.slice(AT).some((m, k) => m !== without[AT + k])).toBe(true);
    });
  }
});
