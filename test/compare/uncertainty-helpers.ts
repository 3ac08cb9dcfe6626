/** Small comparisons for the uncertainty tests: shipped scenarios with a chosen set of ranges, run over a few seeds. */
import { runSide, summarise, type ComparisonSummary, type PairedResults, type RunnableSide } from '../../sim/comparison/summary';
import type { Scenario } from '../../sim/scenario/schema';
import { loadShipped } from '../helpers';

/** A shipped scenario at `scale` ranging only `paths` (from its own ranges); its calibration kept only if asked. */
export function rangedSide(file: string, paths: string[] | 'all', scale: number, calibrate = false, overrides: Record<string, unknown> = {}): RunnableSide {
  const s = structuredClone(loadShipped(file, { 'population.scale': scale, ...overrides })) as Scenario;
  const u = s.uncertainty ?? { ranges: {} };
  const ranges = paths === 'all' ? u.ranges : Object.fromEntries(paths.map((p) => [p, u.ranges[p]]));
  s.uncertainty = { ranges, ...(calibrate && u.calibrate ? { calibrate: u.calibrate } : {}) };
  return { scenario: s, levers: [] };
}

/** A and B over `seeds`, summarised at the last month. */
export function compareSides(a: RunnableSide, b: RunnableSide, seeds: number[], months: number): ComparisonSummary {
  const results: PairedResults = { seeds, a: [], b: [] };
  for (const seed of seeds) {
    for (const [key, s] of [['a', a], ['b', b]] as const) {
      const run = runSide(s, seed, months);
      if (!run.ok) throw new Error(run.issues[0].message);
      results[key].push(run.value);
    }
  }
  return summarise(results, months, [months]);
}
