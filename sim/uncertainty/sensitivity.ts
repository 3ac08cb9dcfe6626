/**
 * Morris screening of a scenario's model (`npm run sensitivity`): every uncertain parameter of the
 * scenario (and of B, with `--against`) moved over its range as quantiles, one seed, no
 * re-calibration, and for each parameter mu*, mu and sigma of the outcome at a month (or of B - A).
 * Effects are in the outcome's unit per whole range of the parameter.
 */
import { outcomeById } from '../comparison/outcomes';
import type { RunnableSide } from '../comparison/summary';
import { morris, type MorrisOptions } from './morris';
import { reportedRange, uncertainParameters } from './parameters';
import { PointEvaluator } from './points';
import { RunCache, type Runner } from './runner';

export interface SensitivityRow {
  rank: number;
  path: string;
  muStar: number;
  mu: number;
  sigma: number;
  low: number;
  high: number;
  distribution: string;
}

export interface SensitivityResult {
  outcome: string;
  unit: string;
  month: number;
  /** "B - A" with `--against`, else "A" */
  of: string;
  seed: number;
  trajectories: number;
  levels: number;
  runs: number;
  rows: SensitivityRow[];
}

export async function sensitivity(
  a: RunnableSide,
  b: RunnableSide | undefined,
  outcomeId: string,
  month: number,
  options: MorrisOptions,
  runner: Runner,
  onRun?: () => void,
): Promise<SensitivityResult> {
  const outcome = outcomeById(outcomeId);
  if (!outcome) throw new Error(`no outcome ${outcomeId}`);
  const parameters = uncertainParameters(a.scenario, b?.scenario);
  const cache = new RunCache(runner);
  const points = new PointEvaluator(a, b, parameters, month, cache, false);
  const ranked = await morris(
    parameters.length,
    async (us) => {
      const runs = await points.evaluate(us.map((u) => ({ u, calibrationSeed: options.seed, seeds: [options.seed] })), onRun);
      return runs.map((r) => (b ? r.b[0][outcomeId][month] - r.a[0][outcomeId][month] : r.a[0][outcomeId][month]));
    },
    options,
  );
  return {
    outcome: outcomeId,
    unit: outcome.unit,
    month,
    of: b ? 'B - A' : 'A',
    seed: options.seed,
    trajectories: options.trajectories,
    levels: options.levels,
    runs: cache.runs,
    rows: ranked.map((f, k) => {
      const r = reportedRange(parameters[f.input]).range;
      return { rank: k + 1, path: parameters[f.input].path, muStar: f.muStar, mu: f.mu, sigma: f.sigma, low: r.low, high: r.high, distribution: r.distribution };
    }),
  };
}
