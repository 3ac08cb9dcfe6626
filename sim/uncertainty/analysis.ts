/**
 * What a comparison rests on: for each outcome and horizon, the range of B - A under chance and
 * the scenarios' stated uncertainty, a tornado of the uncertain parameters, break-even values and a
 * verdict in words. See docs/uncertainty.md for the definitions; in short:
 *
 * - Ensemble: draw k (k = 0..N-1) takes every uncertain parameter from point k of the scrambled
 *   sequence (`sampler.ts`), re-calibrates A (`calibrate.ts`), gives B A's calibration, and runs
 *   both once with seed `seed + k`. Its 5-95% range of B - A, widened to contain the chance-only
 *   interval, is `uncertainty`; `shareBLower` is the share of draws with B below A. Draws that
 *   cannot be calibrated are left out of the statistics and listed.
 * - Tornado: each parameter at its low and at its high end (others at their values), mean B - A over
 *   the comparison's seeds, ranked by swing |high - low|. With more than `tornadoMax` parameters,
 *   a Morris screen (one seed, no re-calibration) keeps the `tornadoMax` with the largest mu* relative
 *   to each outcome's margin; the cut is reported.
 * - Break-even: for the top parameters whose ends give B - A of opposite signs, bisection on the
 *   parameter's quantile for the value where the mean B - A crosses zero; null when the sign does not
 *   change within the range.
 * - Verdict: "no-difference" if the ensemble range lies within +-margin (the outcome registry's),
 *   else "robust" if it excludes 0, else "depends" on the parameter with the largest swing.
 */
import { OUTCOMES, type Outcome } from '../comparison/outcomes';
import { BAND, quantileSorted } from '../comparison/stats';
import type { ComparisonSummary, RunnableSide } from '../comparison/summary';
import { morrisDesign, morrisEffects, type MorrisFactor } from './morris';
import { reportedRange, uncertainParameters, type UncertainParameter } from './parameters';
import { PointEvaluator, type PointRuns } from './points';
import { RunCache, type Runner } from './runner';
import { inverseCdf, ParameterSampler } from './sampler';

export interface UncertaintySettings {
  draws: number;
  /** the comparison's seeds: the tornado and break-even average over them */
  seeds: readonly number[];
  months: number;
  horizons: readonly number[];
  /** scrambling seed of the sequence (draw k's values depend on it and on k only) */
  samplerSeed: number;
  /** the cut: more parameters than this are screened by Morris first */
  tornadoMax: number;
  screenTrajectories: number;
  /** break-even values are sought for this many parameters of each tornado */
  breakEvenTop: number;
  /** bisection steps: the bracket ends 1/2^steps of the range apart */
  breakEvenSteps: number;
}

export const UNCERTAINTY_DEFAULTS = { draws: 20, samplerSeed: 1, tornadoMax: 10, screenTrajectories: 2, breakEvenTop: 3, breakEvenSteps: 5 } as const;

export interface TornadoBar {
  path: string;
  low: { value: number; difference: number };
  high: { value: number; difference: number };
}

export interface BreakEven {
  path: string;
  /** where the mean B - A crosses 0; null when it keeps its sign over the range */
  value: number | null;
  /** the last bracket: B - A has opposite signs at its ends */
  bracket?: [number, number];
}

export type Verdict = 'robust' | 'depends' | 'no-difference';

export interface OutcomeUncertainty {
  id: string;
  month: number;
  uncertainty: { low: number; high: number; shareBLower: number };
  tornado: TornadoBar[];
  breakEven: BreakEven[];
  verdict: Verdict;
  dependsOn?: string;
}

export interface DrawReport {
  draw: number;
  seed: number;
  values: Record<string, number>;
  calibrated: boolean;
  /** largest relative gap to a target; rates reached, per 10,000 */
  gap?: number;
  fit?: Record<string, number>;
  multipliers?: number[];
}

export interface UncertaintyAnalysis {
  parameters: { path: string; low: number; high: number; distribution: string; basis: string }[];
  screening?: { cut: number; kept: string[]; trajectories: number; ranking: { path: string; score: number }[] };
  draws: DrawReport[];
  /** draws left out of the ensemble because calibration did not reach the tolerance */
  notCalibrated: number[];
  outcomes: OutcomeUncertainty[];
  /** distinct runs made (calibration, screening, tornado, ensemble, break-even) */
  runs: number;
}

const differenceAt = (p: PointRuns, id: string, month: number): number => {
  let sum = 0;
  for (let s = 0; s < p.a.length; s++) sum += p.b[s][id][month] - p.a[s][id][month];
  return sum / p.a.length;
};

const nan = (n: number) => new Float64Array(n).fill(NaN);

function verdictOf(low: number, high: number, margin: number | undefined, tornado: readonly TornadoBar[]): { verdict: Verdict; dependsOn?: string } {
  if (margin !== undefined && low >= -margin && high <= margin) return { verdict: 'no-difference' };
  if (low > 0 || high < 0) return { verdict: 'robust' };
  return tornado.length > 0 ? { verdict: 'depends', dependsOn: tornado[0].path } : { verdict: 'depends' };
}

export class UncertaintyStudy {
  readonly parameters: UncertainParameter[];
  private readonly cache: RunCache;
  private readonly points: PointEvaluator;
  private readonly outcomes: readonly Outcome[];

  constructor(
    a: RunnableSide,
    b: RunnableSide,
    readonly settings: UncertaintySettings,
    runner: Runner,
    private readonly onRun?: () => void,
    outcomes: readonly Outcome[] = OUTCOMES,
  ) {
    this.parameters = uncertainParameters(a.scenario, b.scenario);
    this.cache = new RunCache(runner);
    this.points = new PointEvaluator(a, b, this.parameters, settings.months, this.cache);
    this.screenPoints = new PointEvaluator(a, b, this.parameters, settings.months, this.cache, false);
    this.outcomes = outcomes;
  }

  private readonly screenPoints: PointEvaluator;

  private entries(): { o: Outcome; month: number }[] {
    return this.settings.horizons.flatMap((month) => this.outcomes.map((o) => ({ o, month })));
  }

  /** Morris on B - A at the first seed, every outcome at once; a parameter's score is its largest mu* / margin. */
  private async screen(): Promise<UncertaintyAnalysis['screening']> {
    const n = this.parameters.length;
    const trajectories = morrisDesign(n, { trajectories: this.settings.screenTrajectories, levels: 4, seed: this.settings.samplerSeed });
    const runs = await this.screenPoints.evaluate(
      trajectories.flatMap((t) => t.points).map((u) => ({ u, calibrationSeed: this.settings.seeds[0], seeds: [this.settings.seeds[0]] })),
      this.onRun,
    );
    const score = new Float64Array(n);
    for (const { o, month } of this.entries()) {
      const outputs = trajectories.map((_, t) => runs.slice(t * (n + 1), (t + 1) * (n + 1)).map((p) => differenceAt(p, o.id, month)));
      const factors: MorrisFactor[] = morrisEffects(trajectories, outputs, n);
      for (const f of factors) if (Number.isFinite(f.muStar)) score[f.input] = Math.max(score[f.input], f.muStar / (o.margin ?? 1));
    }
    const ranking = this.parameters.map((p, i) => ({ path: p.path, score: score[i] })).sort((x, y) => y.score - x.score || x.path.localeCompare(y.path));
    return { cut: this.settings.tornadoMax, kept: ranking.slice(0, this.settings.tornadoMax).map((r) => r.path), trajectories: this.settings.screenTrajectories, ranking };
  }

  private pointAt(index: number, u: number): Float64Array {
    const point = nan(this.parameters.length);
    point[index] = u;
    return point;
  }

  /** The value a quantile stands for, in the range the parameter is reported with. */
  private valueOf(index: number, u: number): number {
    const r = reportedRange(this.parameters[index]);
    return inverseCdf(r.range, r.value, u);
  }

  async run(summary: ComparisonSummary): Promise<UncertaintyAnalysis> {
    const { seeds, draws } = this.settings;
    const screening = this.parameters.length > this.settings.tornadoMax ? await this.screen() : undefined;
    const tornadoIndices = (screening ? screening.kept : this.parameters.map((p) => p.path)).map((path) => this.parameters.findIndex((p) => p.path === path));

    // Ensemble and tornado ends in one batch, so a pool runs them side by side.
    const sampler = new ParameterSampler(
      this.parameters.map((p) => ({ path: p.path, range: reportedRange(p).range, value: reportedRange(p).value })),
      this.settings.samplerSeed,
    );
    const drawPoints = Array.from({ length: draws }, (_, k) => ({ u: sampler.quantiles(k), calibrationSeed: seeds[0] + k, seeds: [seeds[0] + k] }));
    const endPoints = tornadoIndices.flatMap((i) => [0, 1].map((u) => ({ u: this.pointAt(i, u), calibrationSeed: seeds[0], seeds })));
    const evaluated = await this.points.evaluate([...drawPoints, ...endPoints], this.onRun);
    const drawRuns = evaluated.slice(0, draws);
    const endRuns = evaluated.slice(draws);

    const drawReports: DrawReport[] = drawRuns.map((r, k) => ({
      draw: k,
      seed: seeds[0] + k,
      values: sampler.draw(k),
      calibrated: r.calibration?.calibrated ?? true,
      ...(r.calibration ? { gap: r.calibration.gap, fit: r.calibration.fit, multipliers: r.calibration.multipliers } : {}),
    }));
    const used = drawRuns.filter((_, k) => drawReports[k].calibrated);

    const outcomes: OutcomeUncertainty[] = [];
    const searches: { entry: OutcomeUncertainty; index: number; lo: number; hi: number; dLo: number }[] = [];
    for (const { o, month } of this.entries()) {
      const chance = summary.outcomes.find((r) => r.id === o.id && r.month === month)?.difference;
      const tornado = tornadoIndices
        .map((i, t) => ({
          path: this.parameters[i].path,
          low: { value: this.valueOf(i, 0), difference: differenceAt(endRuns[2 * t], o.id, month) },
          high: { value: this.valueOf(i, 1), difference: differenceAt(endRuns[2 * t + 1], o.id, month) },
        }))
        .sort((x, y) => Math.abs(y.high.difference - y.low.difference) - Math.abs(x.high.difference - x.low.difference) || x.path.localeCompare(y.path));
      const d = Float64Array.from(used, (r) => differenceAt(r, o.id, month)).sort();
      let low = d.length > 0 ? quantileSorted(d, BAND.low) : NaN;
      let high = d.length > 0 ? quantileSorted(d, BAND.high) : NaN;
      // Always contains the chance-only interval (and its mean, when the interval is undefined).
      for (const v of [chance?.low, chance?.high, chance?.mean]) {
        if (v === undefined || !Number.isFinite(v)) continue;
        low = Number.isFinite(low) ? Math.min(low, v) : v;
        high = Number.isFinite(high) ? Math.max(high, v) : v;
      }
      const shareBLower = d.length > 0 ? d.filter((v) => v < 0).length / d.length : NaN;
      const entry: OutcomeUncertainty = { id: o.id, month, uncertainty: { low, high, shareBLower }, tornado, breakEven: [], ...verdictOf(low, high, o.margin, tornado) };
      for (const bar of tornado.slice(0, this.settings.breakEvenTop)) {
        const index = this.parameters.findIndex((p) => p.path === bar.path);
        if (bar.low.difference * bar.high.difference < 0) searches.push({ entry, index, lo: 0, hi: 1, dLo: bar.low.difference });
        else entry.breakEven.push({ path: bar.path, value: null });
      }
      outcomes.push(entry);
    }
    await this.bisect(searches);
    return {
      parameters: this.parameters.map((p) => {
        const r = reportedRange(p);
        return { path: p.path, low: r.range.low, high: r.range.high, distribution: r.range.distribution, basis: p.basis };
      }),
      ...(screening ? { screening } : {}),
      draws: drawReports,
      notCalibrated: drawReports.filter((r) => !r.calibrated).map((r) => r.draw),
      outcomes,
      runs: this.cache.runs,
    };
  }

  /** All break-even searches step together: one batch of runs per bisection step. */
  private async bisect(searches: { entry: OutcomeUncertainty; index: number; lo: number; hi: number; dLo: number }[]): Promise<void> {
    const { seeds, breakEvenSteps } = this.settings;
    for (let step = 0; step < breakEvenSteps && searches.length > 0; step++) {
      const mids = searches.map((s) => (s.lo + s.hi) / 2);
      const runs = await this.points.evaluate(
        searches.map((s, k) => ({ u: this.pointAt(s.index, mids[k]), calibrationSeed: seeds[0], seeds })),
        this.onRun,
      );
      searches.forEach((s, k) => {
        const d = differenceAt(runs[k], s.entry.id, s.entry.month);
        if (d * s.dLo > 0) {
          s.lo = mids[k];
          s.dLo = d;
        } else s.hi = mids[k];
      });
    }
    for (const s of searches) {
      const bracket: [number, number] = [this.valueOf(s.index, s.lo), this.valueOf(s.index, s.hi)];
      s.entry.breakEven.push({ path: this.parameters[s.index].path, value: this.valueOf(s.index, (s.lo + s.hi) / 2), bracket });
    }
    // Keep each entry's break-evens in its tornado's order.
    for (const entry of new Set(searches.map((s) => s.entry))) {
      const order = entry.tornado.map((t) => t.path);
      entry.breakEven.sort((x, y) => order.indexOf(x.path) - order.indexOf(y.path));
    }
  }
}
