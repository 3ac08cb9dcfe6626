/**
 * Scenario A against scenario B over the same seeds: the outcomes policy teams ask about, each as
 * A, B and the paired difference B - A with a 95% interval across seeds.
 *
 * Pairing is what common random numbers buy: for one seed, A and B simulate the same families,
 * so B - A is the policy's effect on that population and varies far less across seeds than A or B
 * themselves. The interval is mean +- t(0.975, n-1) x sd / sqrt(n) over the per-seed values.
 */
import { childrenInNeedDfE, flowEnds, inCare, per10k, regionPounds } from './measures';
import type { MonthRecord } from './records';
import { PLACEMENTS, SPEND_CATEGORIES } from './states';

export interface Outcome {
  id: string;
  label: string;
  unit: string;
  /** the outcome of one run (months 0..horizon), for a population simulated at `scale` */
  of: (run: readonly MonthRecord[], scale: number) => number;
}

const last = (run: readonly MonthRecord[]) => run[run.length - 1];
/** a stock at the end of the run, per 10,000 children */
const endRate = (run: readonly MonthRecord[], count: (r: MonthRecord) => number) => per10k(count(last(run)), last(run).children);
const years = (run: readonly MonthRecord[]) => Math.max(1, run.length - 1) / 12;
/** flows into `to` from anywhere, over the whole run, per 10,000 children a year */
const flowRate = (run: readonly MonthRecord[], matches: (from: string, to: string) => boolean) => {
  let n = 0;
  let childMonths = 0;
  for (const r of run.slice(1)) {
    childMonths += r.children;
    for (const [key, v] of Object.entries(r.flows)) {
      const [from, to] = flowEnds(key);
      if (matches(from, to)) n += v;
    }
  }
  return per10k(n, childMonths) * 12;
};
const CARE = new Set<string>(PLACEMENTS);
/** whole-region pounds (millions) over the run */
const spendOver = (run: readonly MonthRecord[], scale: number, pick: (r: MonthRecord) => number) =>
  regionPounds(run.reduce((s, r) => s + pick(r), 0), scale) / 1e6;

export const OUTCOMES: readonly Outcome[] = [
  { id: 'lookedAfter', label: 'Looked after (end)', unit: 'per 10,000', of: (run) => endRate(run, (r) => inCare(r.stocks)) },
  { id: 'childProtection', label: 'On CP plans (end)', unit: 'per 10,000', of: (run) => endRate(run, (r) => r.stocks.child_protection) },
  { id: 'childrenInNeed', label: 'Children in need, DfE (end)', unit: 'per 10,000', of: (run) => endRate(run, (r) => childrenInNeedDfE(r.stocks)) },
  { id: 'referrals', label: 'Referrals', unit: 'per 10,000 a year', of: (run) => flowRate(run, (_from, to) => to === 'assessment') },
  { id: 'entriesToCare', label: 'Entries to care', unit: 'per 10,000 a year', of: (run) => flowRate(run, (from, to) => !CARE.has(from) && CARE.has(to)) },
  { id: 'spendTotal', label: 'Spend, all categories', unit: 'GBP m, whole region, whole run', of: (run, scale) => spendOver(run, scale, (r) => r.spendTotal) },
  ...SPEND_CATEGORIES.map(
    (cat): Outcome => ({
      id: `spend.${cat}`,
      label: `Spend: ${cat}`,
      unit: 'GBP m, whole region, whole run',
      of: (run, scale) => spendOver(run, scale, (r) => r.spend[cat]),
    }),
  ),
  { id: 'spendPerYear', label: 'Spend a year', unit: 'GBP m, whole region', of: (run, scale) => spendOver(run, scale, (r) => r.spendTotal) / years(run) },
];

export interface Interval {
  mean: number;
  low: number;
  high: number;
}

export interface OutcomeComparison {
  id: string;
  label: string;
  unit: string;
  a: Interval;
  b: Interval;
  /** B - A, paired by seed */
  difference: Interval;
}

/** Two-sided 97.5% quantiles of Student's t for 1..30 degrees of freedom; 1.96 beyond. */
const T975 = [12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131, 2.12, 2.11, 2.101, 2.093, 2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042];

export function interval(values: readonly number[]): Interval {
  const n = values.length;
  const mean = values.reduce((a, b) => a + b, 0) / n;
  if (n < 2) return { mean, low: mean, high: mean };
  const variance = values.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1);
  const half = (T975[n - 2] ?? 1.96) * Math.sqrt(variance / n);
  return { mean, low: mean - half, high: mean + half };
}

/** Runs of A and B for the same seeds, in the same order. */
export function compareRuns(a: readonly (readonly MonthRecord[])[], b: readonly (readonly MonthRecord[])[], scaleA: number, scaleB: number): OutcomeComparison[] {
  if (a.length !== b.length || a.length === 0) throw new Error('compareRuns needs the same, non-zero number of runs for A and B');
  return OUTCOMES.map((o) => {
    const va = a.map((run) => o.of(run, scaleA));
    const vb = b.map((run) => o.of(run, scaleB));
    return { id: o.id, label: o.label, unit: o.unit, a: interval(va), b: interval(vb), difference: interval(vb.map((v, k) => v - va[k])) };
  });
}
