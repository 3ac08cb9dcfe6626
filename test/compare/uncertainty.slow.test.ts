/**
 * The uncertainty analysis at a size where its statistics mean something (slow tier): break-even
 * values against direct runs, every draw of the baseline re-calibrated within tolerance or listed
 * (checked by running the calibrated scenario directly), draws that do not depend on the ensemble's
 * size, and the CLI's JSON contract.
 */
import { describe, expect, it } from 'vitest';
import { compareMain } from '../../sim/cli/compare';
import type { OutcomeAtHorizon } from '../../sim/comparison/summary';
import { runSide, type RunnableSide } from '../../sim/comparison/summary';
import { childrenInNeedDfE, inCare, per10k } from '../../sim/measures';
import { SCENARIO_DIR } from '../../sim/node/files';
import { runScenario } from '../../sim/run';
import { UNCERTAINTY_DEFAULTS, UncertaintyStudy, type OutcomeUncertainty } from '../../sim/uncertainty/analysis';
import { calibratedValues, calibrationSpec } from '../../sim/uncertainty/calibrate';
import { withValues } from '../../sim/uncertainty/parameters';
import { serialRunner } from '../../sim/uncertainty/runner';
import { captured } from '../cli/capture';
import { compareSides, rangedSide } from './uncertainty-helpers';

const SEEDS = [1, 2];

describe('uncertainty analysis (slow)', () => {
  const MONTHS = 12;
  const settings = { ...UNCERTAINTY_DEFAULTS, draws: 3, seeds: SEEDS, months: MONTHS, horizons: [MONTHS], breakEvenSteps: 4 };

  it('sorts the tornado by swing, contains the chance-only interval, and finds break-even values a direct run confirms', async () => {
    const paths = ['earlyHelp.costPerFamilyPerYear', 'earlyHelp.successShare', 'need.directReferralShare'];
    const a = rangedSide('north-east-baseline.json', paths, 0.02);
    const b = rangedSide('early-help-restored.json', paths, 0.02);
    const summary = compareSides(a, b, SEEDS, MONTHS);
    const analysis = await new UncertaintyStudy(a, b, settings, serialRunner).run(summary);
    const found: { id: string; month: number; path: string; bracket: [number, number] }[] = [];
    for (const u of analysis.outcomes) {
      const chance = summary.outcomes.find((r) => r.id === u.id && r.month === u.month)?.difference;
      if (chance && Number.isFinite(chance.low)) {
        expect(u.uncertainty.low).toBeLessThanOrEqual(chance.low);
        expect(u.uncertainty.high).toBeGreaterThanOrEqual(chance.high);
      }
      const swings = u.tornado.map((t) => Math.abs(t.high.difference - t.low.difference));
      expect(swings).toEqual([...swings].sort((x, y) => y - x));
      expect(u.tornado[0].low.value).toBe(a.scenario.uncertainty?.ranges[u.tornado[0].path].low);
      if (u.verdict === 'depends') expect(u.dependsOn).toBe(u.tornado[0].path);
      if (u.verdict === 'robust') expect(u.uncertainty.low > 0 || u.uncertainty.high < 0).toBe(true);
      for (const be of u.breakEven) {
        if (be.value === null) {
          const bar = u.tornado.find((t) => t.path === be.path);
          expect((bar?.low.difference ?? 0) * (bar?.high.difference ?? 0)).toBeGreaterThanOrEqual(0);
        } else found.push({ id: u.id, month: u.month, path: be.path, bracket: be.bracket as [number, number] });
      }
    }
    expect(found.length).toBeGreaterThan(0);
    // Direct runs at the two ends of a final bracket: the mean B - A changes sign across it (or
    // reaches zero at the far end, where an effect stops, e.g. once early help has room for everyone).
    const { id, month, path, bracket } = found[0];
    const meanDifference = (value: number) => {
      let sum = 0;
      for (const seed of SEEDS) {
        const at = (s: RunnableSide) => {
          const scenario = withValues(s.scenario, { [path]: value });
          if (!scenario.ok) throw new Error(scenario.issues[0].message);
          const run = runSide({ scenario: scenario.value, levers: [] }, seed, MONTHS);
          if (!run.ok) throw new Error(run.issues[0].message);
          return run.value[id][month];
        };
        sum += at(b) - at(a);
      }
      return sum / SEEDS.length;
    };
    const [near, far] = [meanDifference(bracket[0]), meanDifference(bracket[1])];
    expect(near).not.toBe(0);
    expect(near * far).toBeLessThanOrEqual(0);
  });
  it('re-calibrates every draw of the baseline within the tolerance, or lists it; a direct run of a calibrated draw confirms its fit', async () => {
    const a = rangedSide('north-east-baseline.json', 'all', 0.05, true);
    const b = rangedSide('early-help-restored.json', 'all', 0.05, true);
    const months = 12;
    const summary = compareSides(a, b, SEEDS, months);
    const analysis = await new UncertaintyStudy(a, b, { ...settings, months, draws: 6, tornadoMax: 2, screenTrajectories: 1, breakEvenTop: 0 }, serialRunner).run(summary);
    const spec = calibrationSpec(a.scenario);
    if (!spec) throw new Error('the baseline declares calibration');
    expect(analysis.draws).toHaveLength(6);
    for (const d of analysis.draws) {
      expect(d.gap, `draw ${d.draw}`).toBeDefined();
      if (d.calibrated) expect(d.gap as number).toBeLessThanOrEqual(spec.tolerance);
      else expect(analysis.notCalibrated).toContain(d.draw);
    }
    expect(analysis.notCalibrated.length).toBeLessThan(analysis.draws.length);
    // The first calibrated draw, run directly: its mean rates over the window are within tolerance of the targets.
    const d = analysis.draws.find((x) => x.calibrated);
    if (!d) throw new Error('no calibrated draw');
    const drawn = withValues(a.scenario, d.values);
    if (!drawn.ok) throw new Error(drawn.issues[0].message);
    const calibrated = withValues(drawn.value, calibratedValues(spec, drawn.value, d.multipliers ?? []));
    if (!calibrated.ok) throw new Error(calibrated.issues[0].message);
    const run = runScenario(calibrated.value, { seed: d.seed, months: spec.toMonth });
    if (!run.ok) throw new Error(run.issues[0].message);
    const window = run.value.slice(spec.fromMonth, spec.toMonth + 1);
    const meanRate = (count: (r: (typeof window)[number]) => number) => window.reduce((s, r) => s + per10k(count(r), r.children), 0) / window.length;
    const rates = { lookedAfter: meanRate((r) => inCare(r.stocks)), childProtection: meanRate((r) => r.stocks.child_protection), childrenInNeed: meanRate((r) => childrenInNeedDfE(r.stocks)) };
    for (const t of ['lookedAfter', 'childProtection', 'childrenInNeed'] as const) {
      expect(Math.abs(rates[t] / spec.targets[t] - 1), t).toBeLessThanOrEqual(spec.tolerance + 1e-9);
    }
  });

  it('gives draw k the same parameters whatever the ensemble size', async () => {
    const paths = ['earlyHelp.successShare', 'market.outOfAreaPremium', 'placements.la_residential.costPerWeek'];
    const a = rangedSide('north-east-baseline.json', paths, 0.02);
    const b = rangedSide('council-run-homes-profit-cap.json', paths, 0.02);
    const summary = compareSides(a, b, SEEDS, 6);
    const small = await new UncertaintyStudy(a, b, { ...settings, months: 6, horizons: [6], draws: 2, breakEvenTop: 0 }, serialRunner).run(summary);
    const large = await new UncertaintyStudy(a, b, { ...settings, months: 6, horizons: [6], draws: 5, breakEvenTop: 0 }, serialRunner).run(summary);
    expect(large.draws.slice(0, 2).map((d) => d.values)).toEqual(small.draws.map((d) => d.values));
  });

  it('adds the contract fields to every entry of the JSON with --uncertainty, and leaves the output unchanged without it', async () => {
    const args = [`${SCENARIO_DIR}/north-east-baseline.json`, `${SCENARIO_DIR}/council-run-homes-profit-cap.json`, '--runs', '2', '--months', '6', '--scale', '0.02', '--format', 'json', '--quiet'];
    const run = async (extra: string[]) => {
      const { code, stdout } = await captured(compareMain, [...args, ...extra]);
      expect(code).toBe(0);
      return JSON.parse(stdout) as { outcomes: (OutcomeAtHorizon & OutcomeUncertainty)[] };
    };
    const plain = await run([]);
    const withUncertainty = await run(['--uncertainty', '--draws', '3', '--tornado-max', '3']);
    expect(plain.outcomes.every((o) => !('uncertainty' in o) && !('verdict' in o))).toBe(true);
    expect(withUncertainty.outcomes).toHaveLength(plain.outcomes.length);
    withUncertainty.outcomes.forEach((o, k) => {
      const { uncertainty, tornado, breakEven, verdict, dependsOn, ...today } = o;
      expect(today).toEqual(plain.outcomes[k]);
      if (Number.isFinite(o.difference.low)) {
        expect(uncertainty.low).toBeLessThanOrEqual(o.difference.low);
        expect(uncertainty.high).toBeGreaterThanOrEqual(o.difference.high);
      }
      expect(uncertainty.shareBLower).toBeGreaterThanOrEqual(0);
      expect(uncertainty.shareBLower).toBeLessThanOrEqual(1);
      expect(tornado).toHaveLength(3);
      for (const t of tornado) expect(Object.keys(t).sort()).toEqual(['high', 'low', 'path']);
      const swings = tornado.map((t) => Math.abs(t.high.difference - t.low.difference));
      expect(swings).toEqual([...swings].sort((x, y) => y - x));
      for (const be of breakEven) expect(be.value === null || typeof be.value === 'number').toBe(true);
      expect(['robust', 'depends', 'no-difference']).toContain(verdict);
      if (verdict === 'depends') expect(dependsOn).toBe(tornado[0].path);
      else expect(dependsOn).toBeUndefined();
    });
  });
});
