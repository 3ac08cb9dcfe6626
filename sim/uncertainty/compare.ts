/**
 * The uncertainty analysis of a finished comparison, as the CLI (`npm run compare -- --uncertainty`)
 * and the app's comparison view both start it: the same settings from the comparison's seeds,
 * months and horizons, whatever runs the batches (threads in Node, the browser's worker pool).
 */
import type { ComparisonSummary, RunnableSide } from '../comparison/summary';
import { UNCERTAINTY_DEFAULTS, UncertaintyStudy, type UncertaintyAnalysis } from './analysis';
import type { Runner } from './runner';

export interface UncertaintyOptions {
  draws: number;
  tornadoMax: number;
}

export function runUncertainty(
  sides: [RunnableSide, RunnableSide],
  summary: ComparisonSummary,
  options: UncertaintyOptions,
  runner: Runner,
): Promise<UncertaintyAnalysis> {
  const settings = { ...UNCERTAINTY_DEFAULTS, ...options, seeds: summary.seeds, months: summary.months, horizons: summary.horizons };
  return new UncertaintyStudy(sides[0], sides[1], settings, runner).run(summary);
}
