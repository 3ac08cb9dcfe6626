/**
 * Quantiles across runs, month by month, as the peer demand models deliver them: the 5th, 25th,
 * 50th, 75th and 95th percentiles (type 7, as the comparison's bands: `quantileSorted`). A month
 * where no run has a value (month 0 of a flow) has none.
 */
import { quantileSorted } from '../comparison/stats';

export const QUANTILES = [0.05, 0.25, 0.5, 0.75, 0.95] as const;
export const QUANTILE_NAMES = ['p5', 'p25', 'p50', 'p75', 'p95'] as const;

/** The quantiles of each month across `runs` (each a series over the same months). */
export function quantilesByMonth(runs: readonly ArrayLike<number>[]): number[][] {
  const months = runs[0]?.length ?? 0;
  const out: number[][] = [];
  const column = new Float64Array(runs.length);
  for (let m = 0; m < months; m++) {
    let n = 0;
    for (const run of runs) if (Number.isFinite(run[m])) column[n++] = run[m];
    const sorted = column.slice(0, n).sort();
    out.push(QUANTILES.map((p) => (n > 0 ? quantileSorted(sorted, p) : NaN)));
  }
  return out;
}
