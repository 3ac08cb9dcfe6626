/** Shared set-up for the comparison tests: shipped scenarios at a small scale, run pair by pair. */
import { join } from 'node:path';
import { formatNumber } from '../../sim/comparison/format';
import type { RunSeries } from '../../sim/comparison/outcomes';
import { runSide, type PairedResults, type RunnableSide } from '../../sim/comparison/summary';
import { loadScenarioFile, SCENARIO_DIR } from '../../sim/node/files';
import { applyLever } from '../../sim/run';
import type { Scenario } from '../../sim/scenario/schema';
import { PRINT_THEME, type SvgChartSpec } from '../../viz/compare/svg-chart';

export function shipped(name: string, scale = 0.02): Scenario {
  const loaded = loadScenarioFile(join(SCENARIO_DIR, `${name}.json`));
  if (!loaded.ok) throw new Error(loaded.issues.map((i) => i.message).join('\n'));
  const scaled = applyLever(loaded.value, 'population.scale', scale);
  if (!scaled.ok) throw new Error(scaled.issues.map((i) => i.message).join('\n'));
  return scaled.value;
}

export function series(side: RunnableSide, seed: number, months: number): RunSeries {
  const run = runSide(side, seed, months);
  if (!run.ok) throw new Error(run.issues.map((i) => i.message).join('\n'));
  return run.value;
}

export function paired(a: RunnableSide, b: RunnableSide, seeds: number[], months: number): PairedResults {
  return { seeds, a: seeds.map((s) => series(a, s, months)), b: seeds.map((s) => series(b, s, months)) };
}

/** A chart spec for the SVG renderer's tests: a rate chart for print, with what a test sets over it. */
export function chartSpec(spec: Pick<SvgChartSpec, 'title' | 'from' | 'to' | 'series'> & Partial<SvgChartSpec>): SvgChartSpec {
  return { unit: 'per 10,000', markers: [], zeroLine: false, format: (v) => formatNumber(v, 'rate'), width: 400, height: 200, theme: PRINT_THEME, description: '', ...spec };
}
