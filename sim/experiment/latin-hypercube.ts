/**
 * Latin hypercube sampling on the unit cube: each of the `dims` ranges is cut into `points` equal
 * strata and every stratum of every range holds exactly one point; the strata are paired across
 * ranges by independent random permutations, and each point sits at a random place inside its
 * stratum. Seeded (seedrandom's alea), so an experiment file always gives the same points.
 *
 * Samplers share one shape (`UnitSampler`) so an experiment can name any of them: issue 20's
 * scrambled Sobol sampler (sim/uncertainty/) plugs in beside this one in `samplers.ts`.
 */
import seedrandom from 'seedrandom';

/** `points` points in [0, 1)^dims: `result[k][d]` is point k's coordinate on range d. */
export type UnitSampler = (points: number, dims: number, seed: number) => number[][];

export const latinHypercube: UnitSampler = (points, dims, seed) => {
  const random = seedrandom.alea(`care-futures:latin-hypercube:${seed}`);
  const out = Array.from({ length: points }, () => new Array<number>(dims));
  for (let d = 0; d < dims; d++) {
    // Fisher-Yates: which stratum of range d each point takes.
    const strata = Array.from({ length: points }, (_, k) => k);
    for (let k = points - 1; k > 0; k--) {
      const j = Math.floor(random() * (k + 1));
      [strata[k], strata[j]] = [strata[j], strata[k]];
    }
    for (let k = 0; k < points; k++) out[k][d] = (strata[k] + random()) / points;
  }
  return out;
};
