/**
 * The lever panel's levers acting on one council (viz/council-levers.ts): which path a change is
 * sent as, and which value a slider shows. The expected shares are worked out here from the
 * scenario files' own numbers, not from the derivation under test.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenarioFile, SCENARIO_DIR } from '../../sim/node/files';
import { withPath } from '../../sim/scenario/paths';
import type { Scenario } from '../../sim/scenario/schema';
import { areaHint, councilValue, leverTarget, REGION } from '../../viz/council-levers';
import { MAIN_LEVERS } from '../../viz/levers';

const HARTLEPOOL = 'E06000001';
const DURHAM = 'E06000047';
const BUDGET = 'policy.earlyHelp.budgetPerYear';

const raw = (file: string) => JSON.parse(readFileSync(join(SCENARIO_DIR, file), 'utf8')) as Record<string, unknown>;
const regionFile = raw('north-east-councils.json') as { extends: string; councils: { code: string; children: number }[] };
const councilChildren = new Map(regionFile.councils.map((c) => [c.code, c.children]));
const allChildren = regionFile.councils.reduce((n, c) => n + c.children, 0);
// The councils' file leaves the budget to the baseline it extends.
const regionBudget = ((raw(regionFile.extends).policy as Record<string, Record<string, unknown>>).earlyHelp.budgetPerYear as number);

function load(): Scenario {
  const loaded = loadScenarioFile(join(SCENARIO_DIR, 'north-east-councils.json'));
  if (!loaded.ok) throw new Error(loaded.issues.map((i) => i.message).join('\n'));
  return loaded.value;
}

describe('levers acting on one council', () => {
  const scenario = load();

  it('shows a council\u2019s early-help budget as its share of the region\u2019s by children', () => {
    expect(regionBudget).toBeGreaterThan(0);
    for (const code of [HARTLEPOOL, DURHAM]) {
      const expected = (regionBudget * councilChildren.get(code)!) / allChildren;
      expect(councilValue(scenario, code, BUDGET)).toBeCloseTo(expected, 6);
    }
    expect(councilValue(scenario, HARTLEPOOL, BUDGET)).not.toBeCloseTo(regionBudget, 0);
  });

  it('shows the region\u2019s own value for the whole region', () => {
    expect(councilValue(scenario, REGION, BUDGET)).toBe(regionBudget);
  });

  it('shows a council\u2019s override when it has one, and leaves the other councils\u2019 shares alone', () => {
    const changed = withPath(scenario, `councils[${HARTLEPOOL}].${BUDGET}`, 2_500_000);
    if (!changed.ok) throw new Error(changed.issues[0].message);
    const withOverride = changed.value as Scenario;
    expect(councilValue(withOverride, HARTLEPOOL, BUDGET)).toBe(2_500_000);
    expect(councilValue(withOverride, DURHAM, BUDGET)).toBeCloseTo((regionBudget * councilChildren.get(DURHAM)!) / allChildren, 6);
  });

  it('gives no value for a code the scenario has no council for', () => {
    expect(councilValue(scenario, 'E09999999', BUDGET)).toBeUndefined();
  });

  it('sends a council\u2019s change as its councils[...] path and the region\u2019s as the plain path', () => {
    expect(leverTarget(BUDGET, HARTLEPOOL)).toEqual({ ok: true, path: `councils[${HARTLEPOOL}].${BUDGET}` });
    expect(leverTarget(BUDGET, REGION)).toEqual({ ok: true, path: BUDGET });
    expect(leverTarget('policy.profitCap.enabled', REGION)).toEqual({ ok: true, path: 'policy.profitCap.enabled' });
  });

  it('refuses, with a reason, a lever the council cannot set, and the worker refuses the same path', () => {
    for (const path of ['policy.profitCap.enabled', 'policy.profitCap.maxMargin', 'population.children']) {
      const target = leverTarget(path, HARTLEPOOL);
      expect(target.ok, path).toBe(false);
      if (!target.ok) expect(target.reason.length, path).toBeGreaterThan(10);
      expect(withPath(scenario, `councils[${HARTLEPOOL}].${path}`, 0.1).ok, path).toBe(false);
    }
  });

  it('lets a council set every main lever but the profit cap, each accepted by the scenario', () => {
    const refused = MAIN_LEVERS.filter((spec) => !leverTarget(spec.path, HARTLEPOOL).ok).map((spec) => spec.path);
    expect(refused).toEqual(['policy.profitCap.enabled', 'policy.profitCap.maxMargin']);
    for (const spec of MAIN_LEVERS) {
      const target = leverTarget(spec.path, HARTLEPOOL);
      if (!target.ok) continue;
      const value = councilValue(scenario, HARTLEPOOL, spec.path);
      expect(['number', 'boolean'], spec.path).toContain(typeof value);
      expect(withPath(scenario, target.path, value).ok, spec.path).toBe(true);
    }
  });

  it('names the council in a hint that says "whole region"', () => {
    expect(areaHint('pounds a year, whole region', 'Hartlepool')).toBe('pounds a year, Hartlepool');
    expect(areaHint('pounds a year, whole region', undefined)).toBe('pounds a year, whole region');
  });
});
