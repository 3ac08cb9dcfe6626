/**
 * Draws for experiments: a scrambled low-discrepancy sequence and the inverse CDFs that turn its
 * points into parameter values. Used by comparisons with uncertainty (one point per draw) and
 * reusable by any experiment design (e.g. a batch of scenarios over a parameter grid).
 *
 * API
 * - `unitPoint(k, dimensions, seed)`: point k (k = 0, 1, 2, ...) of the sequence in [0, 1)^d.
 *   Coordinate i depends only on (k, i, seed): never on how many points or dimensions are drawn,
 *   so draw k of an ensemble of 20 is draw k of an ensemble of 200.
 * - `inverseCdf(range, mode, u)`: the value at quantile u of a range's distribution.
 * - `ParameterSampler`: named parameters (each a range and its scenario value) and a seed;
 *   `draw(k)` gives each parameter's value at point k, `quantiles(k)` the underlying point.
 *
 * The sequence: Halton (dimension i in base p_i, the i-th prime) with nested digit scrambling in the
 * manner of Owen: digit j of a coordinate is permuted by a random permutation chosen by a hash of
 * the seed, the dimension and all digits before j. The permutations are affine maps x -> a x + c
 * (mod p), a != 0 (any affine map is a bijection in a prime base; in base 2 this is Owen's scheme
 * exactly). The scrambling keeps Halton's stratification (the first p^m points put exactly one point
 * in each of the p^m equal intervals of a coordinate) while removing the correlations between
 * high dimensions that plain Halton has, and makes each point uniformly distributed. Digits are
 * scrambled down to double precision (trailing zero digits too, as Owen scrambling requires).
 * Deterministic: 32-bit integer hashing only, no global random state.
 */
import { mix32 } from '../engine/rng';
import type { UncertaintyDistribution } from '../scenario/uncertainty-schema';

/** A range as scenarios give it (`uncertainty.ranges`). */
export interface Range {
  low: number;
  high: number;
  distribution: UncertaintyDistribution;
}

const PRIMES: number[] = [];
/** The i-th prime (0 -> 2), computed once as far as needed. */
function prime(i: number): number {
  let candidate = PRIMES.length === 0 ? 2 : PRIMES[PRIMES.length - 1] + 1;
  while (PRIMES.length <= i) {
    if (PRIMES.every((p) => p * p > candidate || candidate % p !== 0)) PRIMES.push(candidate);
    candidate++;
  }
  return PRIMES[i];
}

/** A 32-bit hash of two words, by the engine's own avalanche mixer. */
const mix = (h: number, x: number): number => mix32((h ^ Math.imul(x + 1, 0x9e3779b9)) >>> 0);

/** Coordinate `dimension` of point k: its base-p digits, each scrambled given the digits before it. */
export function scrambledRadicalInverse(k: number, dimension: number, seed: number): number {
  if (!Number.isSafeInteger(k) || k < 0) throw new RangeError(`point index: expected a whole number >= 0, found ${k}`);
  const base = prime(dimension);
  const digits = Math.ceil(52 / Math.log2(base));
  let h = mix(mix(seed >>> 0, 0x51ed27), dimension);
  let rest = k;
  let scale = 1 / base;
  let u = 0;
  for (let j = 0; j < digits; j++) {
    const digit = rest % base;
    rest = Math.floor(rest / base);
    const a = base === 2 ? 1 : 1 + (h % (base - 1));
    const c = (h >>> 7) % base;
    u += ((a * digit + c) % base) * scale;
    scale /= base;
    h = mix(h, digit + 1);
  }
  return Math.min(u, 1 - Number.EPSILON);
}

/** Point k of the scrambled sequence in [0, 1)^dimensions. */
export function unitPoint(k: number, dimensions: number, seed: number): Float64Array {
  const out = new Float64Array(dimensions);
  for (let i = 0; i < dimensions; i++) out[i] = scrambledRadicalInverse(k, i, seed);
  return out;
}

/**
 * The value at quantile u in [0, 1] of a range's distribution: uniform; triangular with its mode
 * at `mode` (the scenario's value); loguniform (uniform in log, low > 0).
 */
export function inverseCdf(range: Range, mode: number, u: number): number {
  const { low, high } = range;
  switch (range.distribution) {
    case 'uniform':
      return low + u * (high - low);
    case 'loguniform':
      return Math.exp(Math.log(low) + u * (Math.log(high) - Math.log(low)));
    case 'triangular': {
      const width = high - low;
      const atMode = (mode - low) / width;
      return u < atMode ? low + Math.sqrt(u * width * (mode - low)) : high - Math.sqrt((1 - u) * width * (high - mode));
    }
  }
}

/** A named parameter to draw: its range and the scenario's own value (the triangular mode). */
export interface SampledParameter {
  path: string;
  range: Range;
  value: number;
}

export class ParameterSampler {
  constructor(
    readonly parameters: readonly SampledParameter[],
    readonly seed: number,
  ) {}

  /** The point behind draw k: one quantile per parameter, in the order given. */
  quantiles(k: number): Float64Array {
    return unitPoint(k, this.parameters.length, this.seed);
  }

  /** Draw k: each parameter's value, by path. */
  draw(k: number): Record<string, number> {
    const u = this.quantiles(k);
    return Object.fromEntries(this.parameters.map((p, i) => [p.path, inverseCdf(p.range, p.value, u[i])]));
  }
}
