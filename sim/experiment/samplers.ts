/**
 * The samplers an experiment's `"design": {"kind": "sample", "method": ...}` can name, and how a
 * unit-cube point becomes parameter values: the Latin hypercube, and the uncertainty analysis's
 * scrambled low-discrepancy sequence (sim/uncertainty/sampler.ts, `unitPoint`), not a second copy
 * of it. To add one: an entry here under its method name, and the name in `SampleDesign.method`
 * (`schema.ts`).
 */
import { unitPoint } from '../uncertainty/sampler';
import { latinHypercube, type UnitSampler } from './latin-hypercube';

/** Points 0 .. points-1 of the uncertainty analysis's scrambled Halton sequence. */
const scrambledHalton: UnitSampler = (points, dims, seed) => Array.from({ length: points }, (_, k) => Array.from(unitPoint(k, dims, seed)));

export const SAMPLERS: Record<string, UnitSampler> = { latinHypercube, scrambledHalton };

export interface Range {
  path: string;
  min: number;
  max: number;
  integer?: boolean;
}

/** A unit coordinate u in [0, 1) as a value of the range (rounded, and kept within it, for whole numbers). */
export function valueInRange(range: Range, u: number): number {
  const x = range.min + u * (range.max - range.min);
  return range.integer ? Math.min(range.max, Math.max(range.min, Math.round(x))) : x;
}
