/**
 * What an uncertainty analysis costs in runs, before it starts, so the app can say so next to its
 * option. A floor, not a forecast: re-calibration (a few runs per draw and tornado end, at most
 * `MAX_STEPS` each) and the break-even searches come on top, and vary with the answers.
 */
import { UNCERTAINTY_DEFAULTS } from './analysis';

export interface RunCost {
  /** draws × A and B */
  ensemble: number;
  /** tornado parameters × two ends × seeds × A and B */
  tornado: number;
  /** the Morris screen when there are more parameters than the tornado takes; 0 otherwise */
  screening: number;
  /** the sum: the fewest runs the analysis can take */
  atLeast: number;
}

export function uncertaintyRunCost(p: { parameters: number; seeds: number; draws: number; tornadoMax?: number; screenTrajectories?: number }): RunCost {
  const cut = p.tornadoMax ?? UNCERTAINTY_DEFAULTS.tornadoMax;
  const trajectories = p.screenTrajectories ?? UNCERTAINTY_DEFAULTS.screenTrajectories;
  const kept = Math.min(p.parameters, cut);
  const ensemble = 2 * p.draws;
  const tornado = 2 * kept * p.seeds * 2;
  // A Morris trajectory visits parameters + 1 points, each run once for A and once for B at one seed.
  const screening = p.parameters > cut ? trajectories * (p.parameters + 1) * 2 : 0;
  return { ensemble, tornado, screening, atLeast: ensemble + tornado + screening };
}
