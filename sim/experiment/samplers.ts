/**
 * The samplers an experiment's `"design": {"kind": "sample", "method": ...}` can name, and how a
 * unit-cube point becomes parameter values. To add one (issue 20's scrambled Sobol, in
 * sim/uncertainty/): add it here under its method name and add the name to `SampleDesign.method`
 * in `schema.ts`.
 */
import { latinHypercube, type UnitSampler } from './latin-hypercube';

export const SAMPLERS: Record<string, UnitSampler> = { latinHypercube };

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
