/**
 * A comparison at points of its uncertain parameters: for each point, A and B with the point's
 * values, A re-calibrated and B given A's calibration factors (a policy is never re-calibrated),
 * both run over the point's seeds. Calibrations are cached by A's values and the seed; runs by
 * everything that makes them (`RunCache`), so A's runs at a point serve every B compared with it.
 */
import type { RunSeries } from '../comparison/outcomes';
import type { Scenario } from '../scenario/schema';
import { calibratedValues, calibrationSpec, Calibrator, type Calibration } from './calibrate';
import { valuesAt, withValues, type UncertainParameter } from './parameters';
import type { RunCache } from './runner';
import type { RunnableSide } from '../comparison/summary';

export interface Point {
  /** a quantile per parameter; NaN keeps the scenario's value */
  u: ArrayLike<number>;
  /** the seed its calibration runs with */
  calibrationSeed: number;
  seeds: readonly number[];
}

export interface PointRuns {
  /** per seed, in the point's order */
  a: RunSeries[];
  b: RunSeries[];
  /** undefined when the scenario declares no calibration */
  calibration?: Calibration;
}

export class PointEvaluator {
  readonly calibrator?: Calibrator;

  constructor(
    readonly a: RunnableSide,
    readonly b: RunnableSide | undefined,
    readonly parameters: readonly UncertainParameter[],
    readonly months: number,
    readonly runs: RunCache,
    /** false: run the drawn values without re-calibration (screening) */
    calibrate = true,
  ) {
    const spec = calibrate ? calibrationSpec(a.scenario) : undefined;
    if (spec) this.calibrator = new Calibrator(spec, { key: 'base', scenario: a.scenario, levers: a.levers, seed: 1 }, runs);
  }

  private scenarioWith(side: RunnableSide, values: Record<string, number>, what: string): Scenario {
    const s = withValues(side.scenario, values);
    if (!s.ok) throw new Error(`${what}: ${s.issues[0]?.message}`);
    return s.value;
  }

  async evaluate(points: readonly Point[], onRun?: () => void): Promise<PointRuns[]> {
    const valuesA = points.map((p) => valuesAt(this.parameters, 'a', p.u));
    const valuesB = points.map((p) => valuesAt(this.parameters, 'b', p.u));
    const drawnA = points.map((_, k) => this.scenarioWith(this.a, valuesA[k], 'A at a drawn point'));
    const calibrations = this.calibrator
      ? await this.calibrator.calibrate(points.map((p, k) => ({ key: `${JSON.stringify(valuesA[k])}|${p.calibrationSeed}`, scenario: drawnA[k], levers: this.a.levers, seed: p.calibrationSeed })))
      : undefined;
    const keyed: { key: string; task: { scenario: Scenario; levers: RunnableSide['levers']; seed: number; months: number } }[] = [];
    points.forEach((p, k) => {
      const m = calibrations?.[k].multipliers;
      const spec = this.calibrator?.spec;
      const sideScenario = (side: RunnableSide, values: Record<string, number>, drawn: Scenario) =>
        m && spec ? this.scenarioWith(side, { ...values, ...calibratedValues(spec, drawn, m) }, 'a calibrated point') : drawn;
      const a = sideScenario(this.a, valuesA[k], drawnA[k]);
      const b = this.b ? sideScenario(this.b, valuesB[k], this.scenarioWith(this.b, valuesB[k], 'B at a drawn point')) : undefined;
      const tag = `${m ? m.map((x) => x.toPrecision(12)).join(',') : '-'}|${this.months}`;
      for (const seed of p.seeds) {
        keyed.push({ key: `a|${JSON.stringify(valuesA[k])}|${tag}|${seed}`, task: { scenario: a, levers: this.a.levers, seed, months: this.months } });
        if (b && this.b) keyed.push({ key: `b|${JSON.stringify(valuesB[k])}|${tag}|${seed}`, task: { scenario: b, levers: this.b.levers, seed, months: this.months } });
      }
    });
    const results = await this.runs.get(keyed, onRun);
    let at = 0;
    return points.map((p, k) => {
      const out: PointRuns = { a: [], b: [], ...(calibrations ? { calibration: calibrations[k] } : {}) };
      for (let s = 0; s < p.seeds.length; s++) {
        out.a.push(results[at++]);
        if (this.b) out.b.push(results[at++]);
      }
      return out;
    });
  }
}
