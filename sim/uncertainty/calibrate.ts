/**
 * Re-calibration of a draw: the scenario's calibration parameters (`uncertainty.calibrate.adjust`)
 * are multiplied by factors m until the mean rates over months `fromMonth`-`toMonth` of looked-after
 * children, CP plans and children in need (per 10,000, DfE definitions) are within `tolerance` of the
 * `calibration` targets, so that draws differ in how the system responds, not in where it stands.
 *
 * Method: Newton steps on log(rates) against log(m), with the Jacobian estimated once by forward
 * differences at the scenario's own values (3 runs) and refined by Broyden updates; m stays within
 * each parameter's bounds. At most `MAX_STEPS` runs per draw. Every run uses the draw's own seed, so
 * the fit is deterministic and the same for any number of workers. All draws still being fitted are
 * evaluated in one batch per step, so a pool runs them side by side. A draw whose rates are still
 * outside the tolerance after the last step is reported as not calibrated, never hidden.
 */
import type { RunSeries } from '../comparison/outcomes';
import type { LeverChange } from '../levers';
import type { Scenario } from '../scenario/schema';
import { valueAtPath } from '../scenario/paths';
import { withValues } from './parameters';
import type { RunCache } from './runner';

/** The targets, in this order. */
export const TARGETS = ['lookedAfter', 'childProtection', 'childrenInNeed'] as const;
export type Target = (typeof TARGETS)[number];

export interface CalibrationSpec {
  adjust: { path: string; low: number; high: number }[];
  targets: Record<Target, number>;
  tolerance: number;
  fromMonth: number;
  toMonth: number;
}

export function calibrationSpec(s: Scenario): CalibrationSpec | undefined {
  const c = s.uncertainty?.calibrate;
  if (!c || !s.calibration) return undefined;
  return {
    adjust: Object.entries(c.adjust).map(([path, b]) => ({ path, low: b.low, high: b.high })),
    targets: { lookedAfter: s.calibration.lookedAfterPer10k, childProtection: s.calibration.childProtectionPer10k, childrenInNeed: s.calibration.childrenInNeedPer10k },
    tolerance: c.tolerance,
    fromMonth: c.fromMonth,
    toMonth: c.toMonth,
  };
}

export interface Calibration {
  /** the factor on each calibration parameter, in `adjust` order */
  multipliers: number[];
  /** the mean rates reached over the window */
  fit: Record<Target, number>;
  /** largest |rate / target - 1| */
  gap: number;
  calibrated: boolean;
  /** runs this calibration took */
  runs: number;
}

export const MAX_STEPS = 8;
const JACOBIAN_STEP = Math.log(1.25);

/** The calibration parameters of `scenario` multiplied by `multipliers` (within their bounds). */
export function calibratedValues(spec: CalibrationSpec, scenario: Scenario, multipliers: readonly number[]): Record<string, number> {
  const out: Record<string, number> = {};
  spec.adjust.forEach((a, j) => {
    const value = valueAtPath(scenario, a.path) as number;
    out[a.path] = Math.min(a.high, Math.max(a.low, value * multipliers[j]));
  });
  return out;
}

function meanOver(series: Float64Array, from: number, to: number): number {
  let sum = 0;
  for (let m = from; m <= to; m++) sum += series[m];
  return sum / (to - from + 1);
}

function fitOf(spec: CalibrationSpec, run: RunSeries): Record<Target, number> {
  return Object.fromEntries(TARGETS.map((t) => [t, meanOver(run[t], spec.fromMonth, spec.toMonth)])) as Record<Target, number>;
}

const gapOf = (spec: CalibrationSpec, fit: Record<Target, number>) => Math.max(...TARGETS.map((t) => Math.abs(fit[t] / spec.targets[t] - 1)));
const residual = (spec: CalibrationSpec, fit: Record<Target, number>) => TARGETS.map((t) => Math.log(Math.max(fit[t], 1e-9) / spec.targets[t]));

/** Solve J d = r (3x3, partial pivoting); null when J is (nearly) singular. */
export function solve(jacobian: readonly number[][], r: readonly number[]): number[] | null {
  const n = r.length;
  const m = jacobian.map((row, i) => [...row, r[i]]);
  for (let c = 0; c < n; c++) {
    let pivot = c;
    for (let i = c + 1; i < n; i++) if (Math.abs(m[i][c]) > Math.abs(m[pivot][c])) pivot = i;
    if (Math.abs(m[pivot][c]) < 1e-9) return null;
    [m[c], m[pivot]] = [m[pivot], m[c]];
    for (let i = 0; i < n; i++) {
      if (i === c) continue;
      const f = m[i][c] / m[c][c];
      for (let k = c; k <= n; k++) m[i][k] -= f * m[c][k];
    }
  }
  return m.map((row, i) => row[n] / row[i]);
}

/** A draw to calibrate: its scenario (drawn values applied), levers and seed, and a key naming it. */
export interface CalibrationPoint {
  key: string;
  scenario: Scenario;
  levers: LeverChange[];
  seed: number;
}

interface State {
  point: CalibrationPoint;
  logM: number[];
  jacobian: number[][];
  last?: { logM: number[]; r: number[] };
  result?: Calibration;
  runs: number;
}

export class Calibrator {
  private readonly cache = new Map<string, Calibration>();
  private jacobian?: number[][];

  constructor(
    readonly spec: CalibrationSpec,
    private readonly base: CalibrationPoint,
    private readonly runs: RunCache,
  ) {}

  private async measure(items: readonly { point: CalibrationPoint; logM: readonly number[] }[]): Promise<Record<Target, number>[]> {
    const keyed = items.map(({ point, logM }) => {
      const multipliers = logM.map(Math.exp);
      const scenario = withValues(point.scenario, calibratedValues(this.spec, point.scenario, multipliers));
      if (!scenario.ok) throw new Error(`calibration of ${point.key}: ${scenario.issues[0]?.message}`);
      return { key: `calibrate|${point.key}|${multipliers.map((m) => m.toPrecision(12)).join(',')}|${this.spec.toMonth}`, task: { scenario: scenario.value, levers: point.levers, seed: point.seed, months: this.spec.toMonth } };
    });
    return (await this.runs.get(keyed)).map((run) => fitOf(this.spec, run));
  }

  /** d log(rates) / d log(m) at the scenario's own values, by forward differences. */
  private async baseJacobian(): Promise<number[][]> {
    if (this.jacobian) return this.jacobian;
    const n = this.spec.adjust.length;
    const steps = [Array<number>(n).fill(0), ...Array.from({ length: n }, (_, j) => Array.from({ length: n }, (_, i) => (i === j ? JACOBIAN_STEP : 0)))];
    const fits = await this.measure(steps.map((logM) => ({ point: this.base, logM })));
    const r0 = residual(this.spec, fits[0]);
    const columns = fits.slice(1).map((f) => residual(this.spec, f).map((v, i) => (v - r0[i]) / JACOBIAN_STEP));
    this.jacobian = TARGETS.map((_, i) => columns.map((col) => col[i]));
    return this.jacobian;
  }

  /** The calibration of each point, in order (cached by key: a point seen before costs nothing). */
  async calibrate(points: readonly CalibrationPoint[]): Promise<Calibration[]> {
    const jacobian = await this.baseJacobian();
    const bounds = this.spec.adjust.map((a) => a);
    const states: State[] = points
      .filter((p, k) => !this.cache.has(p.key) && points.findIndex((q) => q.key === p.key) === k)
      .map((point) => ({ point, logM: this.spec.adjust.map(() => 0), jacobian: jacobian.map((row) => [...row]), runs: 0 }));
    for (let step = 0; step < MAX_STEPS; step++) {
      const active = states.filter((s) => !s.result);
      if (active.length === 0) break;
      const fits = await this.measure(active);
      active.forEach((s, k) => {
        s.runs++;
        const fit = fits[k];
        const gap = gapOf(this.spec, fit);
        const r = residual(this.spec, fit);
        if (gap <= this.spec.tolerance || step === MAX_STEPS - 1) {
          s.result = { multipliers: s.logM.map(Math.exp), fit, gap, calibrated: gap <= this.spec.tolerance, runs: s.runs };
          return;
        }
        if (s.last) {
          // Broyden: J += ((dr - J dx) dx^T) / (dx^T dx)
          const dx = s.logM.map((v, i) => v - (s.last as State['last'] & object).logM[i]);
          const dr = r.map((v, i) => v - (s.last as State['last'] & object).r[i]);
          const norm = dx.reduce((t, v) => t + v * v, 0);
          if (norm > 1e-12) {
            for (let i = 0; i < dr.length; i++) {
              const jdx = s.jacobian[i].reduce((t, v, j) => t + v * dx[j], 0);
              for (let j = 0; j < dx.length; j++) s.jacobian[i][j] += ((dr[i] - jdx) * dx[j]) / norm;
            }
          }
        }
        s.last = { logM: [...s.logM], r };
        const d = solve(s.jacobian, r) ?? r.map((v, i) => v / (s.jacobian[i][i] || 1));
        s.logM = s.logM.map((v, j) => {
          const value = valueAtPath(s.point.scenario, bounds[j].path) as number;
          const lo = Math.log(bounds[j].low / value);
          const hi = Math.log(bounds[j].high / value);
          return Math.min(hi, Math.max(lo, v - Math.max(-1, Math.min(1, d[j]))));
        });
      });
    }
    for (const s of states) this.cache.set(s.point.key, s.result as Calibration);
    return points.map((p) => this.cache.get(p.key) as Calibration);
  }
}
