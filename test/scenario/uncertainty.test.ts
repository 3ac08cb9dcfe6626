/**
 * The `uncertainty` block: ranges as data, checked with messages that name the path, and every
 * parameter a shipped scenario's citations call an assumption or a claim either ranged, set by
 * calibration, or declared fixed with a reason.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SCENARIO_DIR } from '../../sim/node/files';
import { loadScenarioText } from '../../sim/load-scenario';
import type { ScenarioLoader } from '../../sim/scenario/resolve';
import { applyLever } from '../../sim/run';
import { withValues } from '../../sim/uncertainty/parameters';
import { loadShipped, shippedScenarioFiles } from '../helpers';

const baselineText = readFileSync(join(SCENARIO_DIR, 'north-east-baseline.json'), 'utf8');
const loader: ScenarioLoader = (name) => (name === 'north-east-baseline.json' ? baselineText : undefined);

/** A scenario extending the baseline with this `uncertainty` block; the messages of loading it. */
function messagesOf(uncertainty: unknown, extra: Record<string, unknown> = {}): string[] {
  const text = JSON.stringify({ extends: 'north-east-baseline.json', uncertainty, ...extra });
  const r = loadScenarioText(text, 'mine.json', loader);
  return r.ok ? [] : r.issues.map((i) => i.message);
}
const range = (low: number, high: number, distribution = 'uniform') => ({ low, high, distribution, basis: 'assumption: a test' });

describe('uncertainty ranges are validated with messages naming the path', () => {
  it('accepts a range that holds the value', () => {
    expect(messagesOf({ ranges: { 'earlyHelp.successShare': range(0.5, 0.95) } })).toEqual([]);
  });

  it('refuses a low above the scenario value and a high below it', () => {
    expect(messagesOf({ ranges: { 'earlyHelp.successShare': range(0.85, 0.9) } })).toEqual([
      'uncertainty.ranges["earlyHelp.successShare"].low: expected a number <= the scenario\'s value 0.8, found 0.85',
    ]);
    expect(messagesOf({ ranges: { 'earlyHelp.successShare': range(0.6, 0.7) } })).toEqual([
      'uncertainty.ranges["earlyHelp.successShare"].high: expected a number >= the scenario\'s value 0.8, found 0.7',
    ]);
  });

  it('checks the range against the value of the scenario that holds it (a child that moves the value)', () => {
    const msgs = messagesOf({}, { earlyHelp: { successShare: 0.95 } });
    expect(msgs).toEqual(['uncertainty.ranges["earlyHelp.successShare"].high: expected a number >= the scenario\'s value 0.95, found 0.9']);
  });

  it('refuses a path that does not exist, or is not a number', () => {
    expect(messagesOf({ ranges: { 'earlyHelp.sucessShare': range(0, 1) } })[0]).toMatch(
      /^uncertainty\.ranges\["earlyHelp\.sucessShare"\]: expected the dotted path of a numeric model parameter in this scenario .*, found "earlyHelp\.sucessShare"$/,
    );
    expect(messagesOf({ ranges: { 'policy.profitCap.enabled': range(0, 1) } })[0]).toContain('found "policy.profitCap.enabled", whose value is false');
    expect(messagesOf({ ranges: { 'need.ageHazardRatio': range(0, 1) } })[0]).toContain('uncertainty.ranges["need.ageHazardRatio"]: expected the dotted path of a numeric model parameter');
    expect(messagesOf({ ranges: { 'population.scale': range(0.5, 1) } })[0]).toContain('uncertainty.ranges["population.scale"]');
  });

  it('refuses bounds outside the field, low not below high, and a loguniform range reaching 0', () => {
    expect(messagesOf({ ranges: { 'earlyHelp.successShare': range(0.6, 1.2) } })).toEqual([
      'uncertainty.ranges["earlyHelp.successShare"].high: expected a number >= 0 and <= 1, the field\'s limits, found 1.2',
    ]);
    expect(messagesOf({ ranges: { 'earlyHelp.successShare': range(0.8, 0.8) } })).toEqual([
      'uncertainty.ranges["earlyHelp.successShare"].high: expected a number above low (0.8), found 0.8',
    ]);
    expect(messagesOf({ ranges: { 'care.otherExitPerYearUnder16': range(0, 0.02, 'loguniform') } })).toEqual([
      'uncertainty.ranges["care.otherExitPerYearUnder16"].low: expected a number > 0 (a loguniform range), found 0',
    ]);
  });

  it('refuses an unknown distribution and a missing basis', () => {
    expect(messagesOf({ ranges: { 'earlyHelp.successShare': { ...range(0.6, 0.9), distribution: 'normal' } } })).toEqual([
      'uncertainty.ranges["earlyHelp.successShare"].distribution: expected one of "uniform", "triangular", "loguniform", found "normal"',
    ]);
    // A path the baseline does not range (a child's entry merges with its parent's, basis included).
    expect(messagesOf({ ranges: { 'need.ageHazardRatio.under1': { low: 1, high: 2, distribution: 'uniform' } } })).toEqual([
      'uncertainty.ranges["need.ageHazardRatio.under1"].basis: expected a non-empty string, found nothing (the field is missing)',
    ]);
  });

  it('refuses a path given twice, naming it', () => {
    const text = `{"extends": "north-east-baseline.json", "uncertainty": {"ranges": {"earlyHelp.successShare": ${JSON.stringify(range(0.6, 0.9))}, "earlyHelp.successShare": ${JSON.stringify(range(0.7, 0.9))}}}}`;
    const r = loadScenarioText(text, 'mine.json', loader);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0].message).toBe('uncertainty.ranges["earlyHelp.successShare"]: expected each field once in an object, found it a second time (the first would be silently lost)');
  });

  it('refuses a calibration parameter that is also ranged, and calibration without targets', () => {
    const msgs = messagesOf({ ranges: { 'need.baseHazardPerYear': range(0.02, 0.08) } });
    expect(msgs).toEqual(['uncertainty.calibrate.adjust["need.baseHazardPerYear"]: expected a path that is not also ranged (calibration sets it for each draw), found "need.baseHazardPerYear"']);
  });

  it('lets a lever move a ranged parameter outside its range during a run (ranges describe the start)', () => {
    const baseline = loadShipped('north-east-baseline.json');
    expect(applyLever(baseline, 'earlyHelp.successShare', 0.97).ok).toBe(true);
  });
});

/** Numeric leaves of a scenario's parameters, as dotted paths. */
function numericLeaves(value: unknown, path: string, out: string[]): string[] {
  if (typeof value === 'number') out.push(path);
  else if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [key, v] of Object.entries(value)) {
      if (path === '' && ['citations', 'calibration', 'uncertainty', 'sources', 'timeline', 'workshop'].includes(key)) continue;
      numericLeaves(v, path === '' ? key : `${path}.${key}`, out);
    }
  }
  return out;
}

/** The citation that covers a path: its own, or the nearest enclosing object's. */
function citationFor(citations: Record<string, string>, path: string): string | undefined {
  const keys = Object.keys(citations).filter((k) => path === k || path.startsWith(`${k}.`));
  keys.sort((x, y) => y.length - x.length);
  return keys.length > 0 ? citations[keys[0]] : undefined;
}

/** A citation that marks its figure an assumption or a claim (not a source's figure, not a calibration). */
const isAssumption = (text: string) => /^assumption\b/i.test(text) || /\bclaim\b/i.test(text);

describe('every assumption and claim of the shipped scenarios has a range', () => {
  for (const file of shippedScenarioFiles()) {
    it(`${file}: each parameter cited as an assumption or a claim is ranged, calibrated or fixed with a reason`, () => {
      const s = loadShipped(file);
      const u = s.uncertainty;
      expect(u, 'an uncertainty block').toBeDefined();
      const problems: string[] = [];
      let checked = 0;
      for (const path of numericLeaves(s, '', [])) {
        const text = citationFor(s.citations, path);
        if (text === undefined || !isAssumption(text)) continue;
        checked++;
        const covered = Object.hasOwn(u?.ranges ?? {}, path) || Object.hasOwn(u?.calibrate?.adjust ?? {}, path) || (u?.fixed?.[path] ?? '').length > 10;
        if (!covered) problems.push(`${path}: "${text.slice(0, 60)}..." has no range`);
      }
      expect(problems).toEqual([]);
      expect(checked).toBeGreaterThan(file === 'north-east-baseline.json' ? 60 : 1);
    });
  }

  it('ranges the parameters the comparisons turn on', () => {
    const ranges = loadShipped('north-east-baseline.json').uncertainty?.ranges ?? {};
    for (const path of [
      'earlyHelp.waitingResolvePerYear',
      'earlyHelp.waitingEscalationPerYear',
      'earlyHelp.successShare',
      'placements.la_residential.costPerWeek',
      'placements.private_residential.costPerWeek',
      'market.private_residential.supplyElasticity',
      'market.outOfAreaPremium',
      'poverty.needHazardRatio',
      'riskFactors.domesticAbuse.hazardRatio',
      'courts.section20ToProceedingsPerYear',
      'legalStatus.section20ShareAtEntry.under10',
    ]) {
      expect(Object.hasOwn(ranges, path), path).toBe(true);
    }
    const claims = loadShipped('homes-as-early-option.json').uncertainty?.ranges ?? {};
    for (const path of ['reunificationMultiplier', 'stepDownMultiplier', 'breakdownMultiplier']) expect(Object.hasOwn(claims, `policy.homesAsEarlyOption.${path}`), path).toBe(true);
    // The issue's cited ends: a council place £3,500-£6,100 a week; an out-of-area premium up to 1.5; supply elasticity 0-2.
    expect([ranges['placements.la_residential.costPerWeek'].low, ranges['placements.la_residential.costPerWeek'].high]).toEqual([3500, 6100]);
    expect(ranges['market.outOfAreaPremium'].high).toBe(1.5);
    expect([ranges['market.private_residential.supplyElasticity'].low, ranges['market.private_residential.supplyElasticity'].high]).toEqual([0, 2]);
  });
});

describe('every range of the shipped scenarios gives valid scenarios', () => {
  for (const file of shippedScenarioFiles()) {
    it(`${file}: each ranged parameter at its low and at its high end, the others at their values, is a valid scenario`, () => {
      const s = loadShipped(file);
      const problems: string[] = [];
      for (const [path, r] of Object.entries(s.uncertainty?.ranges ?? {})) {
        for (const value of [r.low, r.high]) {
          const moved = withValues(s, { [path]: value });
          if (!moved.ok) problems.push(`${path} = ${value}: ${moved.issues[0].message}`);
        }
      }
      expect(problems).toEqual([]);
    });
  }
});
