/**
 * Statistics across seeds, shared by the app and `npm run compare`, so both print the same numbers.
 *
 * - Spread of one scenario: the 5th and 95th percentiles across seeds (linear interpolation
 *   between order statistics, "type 7": R's and numpy's default), with the mean and the median.
 * - Paired difference B - A: the mean over seeds and its 95% interval, mean +- t(0.975, n-1) x sd / sqrt(n),
 *   with Student's t computed for any n (student-t.ts).
 */
import { tQuantile } from './student-t';

/** Mean, median and the 5–95% band of one scenario's values across seeds. */
export interface Spread {
  mean: number;
  median: number;
  low: number;
  high: number;
}

/** The mean paired difference and its 95% interval (NaN ends with fewer than two seeds). */
export interface Interval {
  mean: number;
  low: number;
  high: number;
}

export const BAND = { low: 0.05, high: 0.95 } as const;
export const CONFIDENCE = 0.95;

export function mean(values: ArrayLike<number>): number {
  let sum = 0;
  for (let k = 0; k < values.length; k++) sum += values[k];
  return sum / values.length;
}

/** Sample standard deviation (n - 1); 0 for a single value. */
export function standardDeviation(values: ArrayLike<number>): number {
  const n = values.length;
  if (n < 2) return 0;
  const m = mean(values);
  let ss = 0;
  for (let k = 0; k < n; k++) ss += (values[k] - m) ** 2;
  return Math.sqrt(ss / (n - 1));
}

/** The p-quantile of already sorted values, type 7: h = (n - 1) p, interpolated between neighbours. */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n - 1) * p;
  const below = Math.floor(h);
  const above = Math.min(n - 1, below + 1);
  return sorted[below] + (h - below) * (sorted[above] - sorted[below]);
}

export function spread(values: ArrayLike<number>): Spread {
  const sorted = Float64Array.from(values).sort();
  return { mean: mean(values), median: quantileSorted(sorted, 0.5), low: quantileSorted(sorted, BAND.low), high: quantileSorted(sorted, BAND.high) };
}

/** Monte Carlo standard error of the mean: sd / sqrt(n). */
export function standardError(values: ArrayLike<number>): number {
  return values.length > 0 ? standardDeviation(values) / Math.sqrt(values.length) : NaN;
}

export function meanInterval(values: ArrayLike<number>): Interval {
  const n = values.length;
  const m = mean(values);
  if (n < 2) return { mean: m, low: NaN, high: NaN };
  const half = tQuantile(0.5 + CONFIDENCE / 2, n - 1) * standardError(values);
  return { mean: m, low: m - half, high: m + half };
}

/** B - A for each seed, in seed order. */
export function pairedDifferences(a: ArrayLike<number>, b: ArrayLike<number>): Float64Array {
  if (a.length !== b.length) throw new Error(`paired differences need as many values for A (${a.length}) as for B (${b.length})`);
  const out = new Float64Array(a.length);
  for (let k = 0; k < a.length; k++) out[k] = b[k] - a[k];
  return out;
}

/** Whether the seeds so far pin the difference down: the answer the "enough seeds?" indicator gives. */
export interface Precision {
  /** Monte Carlo standard error of the mean difference */
  standardError: number;
  /** standard error / |mean difference| (Infinity for a zero mean with noise, 0 when every seed agrees exactly) */
  relativeError: number;
  excludesZero: boolean;
  verdict: 'enough' | 'more' | 'no-difference';
}

/** Relative standard error at or below which the seeds are "enough": the interval is then about ±20% of the difference. */
export const ENOUGH_RELATIVE_ERROR = 0.1;

export function precision(differences: ArrayLike<number>, interval: Interval): Precision {
  const se = standardError(differences);
  const size = Math.abs(interval.mean);
  const excludesZero = interval.low > 0 || interval.high < 0;
  if (se === 0 && size === 0) return { standardError: 0, relativeError: 0, excludesZero: false, verdict: 'no-difference' };
  const relativeError = size > 0 ? se / size : Infinity;
  const verdict = excludesZero && relativeError <= ENOUGH_RELATIVE_ERROR ? 'enough' : 'more';
  return { standardError: se, relativeError, excludesZero, verdict };
}
