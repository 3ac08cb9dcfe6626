/**
 * `npm run bench:uncertainty`: the issue's speed case for a comparison with uncertainty. The
 * baseline against restored early help with 10 uncertain parameters (the ones the comparisons turn
 * on): a tornado over 10 seeds (10 x 2 ends x 10 seeds x 2 sides = 400 runs) and a 20-draw ensemble
 * (40 runs), each point re-calibrated (runs of `toMonth` months), no break-even search. Defaults:
 * scale 0.1, 120 months. Prints the time, the runs it took and where the time went (comparison runs,
 * calibration runs, the rest); asserts nothing. Sizes from the environment for a quick look:
 * BENCH_SCALE, BENCH_MONTHS, BENCH_SEEDS, BENCH_DRAWS. BENCH_JOBS=N (N > 1) runs the analysis on N
 * worker threads (the CLI's pool runner, sim/node/uncertainty-runner.ts): then only the total and
 * the run count are printed, since runs overlap and cannot be timed one by one.
 */
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { runSide, summarise, type PairedResults, type RunnableSide } from '../sim/comparison/summary';
import { loadScenarioFile, SCENARIO_DIR } from '../sim/node/files';
import { poolRunner } from '../sim/node/uncertainty-runner';
import { applyLever } from '../sim/run';
import type { Scenario } from '../sim/scenario/schema';
import { UNCERTAINTY_DEFAULTS, UncertaintyStudy } from '../sim/uncertainty/analysis';
import { serialRunner, type Runner } from '../sim/uncertainty/runner';

const SCALE = Number(process.env.BENCH_SCALE ?? 0.1);
const MONTHS = Number(process.env.BENCH_MONTHS ?? 120);
const SEEDS = Array.from({ length: Number(process.env.BENCH_SEEDS ?? 10) }, (_, k) => k + 1);
const DRAWS = Number(process.env.BENCH_DRAWS ?? 20);
const JOBS = Number(process.env.BENCH_JOBS ?? 1);
const PARAMETERS = [
  'earlyHelp.successShare',
  'earlyHelp.waitingResolvePerYear',
  'earlyHelp.waitingEscalationPerYear',
  'earlyHelp.costPerFamilyPerYear',
  'placements.la_residential.costPerWeek',
  'placements.private_residential.costPerWeek',
  'market.private_residential.supplyElasticity',
  'market.outOfAreaPremium',
  'poverty.needHazardRatio',
  'courts.section20ToProceedingsPerYear',
];

function side(file: string): RunnableSide {
  const loaded = loadScenarioFile(join(SCENARIO_DIR, file));
  if (!loaded.ok) throw new Error(loaded.issues[0].message);
  const scaled = applyLever(loaded.value, 'population.scale', SCALE);
  if (!scaled.ok) throw new Error(scaled.issues[0].message);
  const s = structuredClone(scaled.value) as Scenario;
  const u = s.uncertainty ?? { ranges: {} };
  s.uncertainty = { ranges: Object.fromEntries(PARAMETERS.map((p) => [p, u.ranges[p]])), ...(u.calibrate ? { calibrate: u.calibrate } : {}) };
  return { scenario: s, levers: [] };
}

/** Times every batch by kind: calibration runs are the ones of the calibration window's length. */
const spent = { calibration: { runs: 0, ms: 0 }, comparison: { runs: 0, ms: 0 } };
const timed: Runner = async (tasks, onRun) => {
  const out = [];
  for (const task of tasks) {
    const start = performance.now();
    const [run] = await serialRunner([task], onRun);
    const kind = task.months === MONTHS ? 'comparison' : 'calibration';
    spent[kind].runs++;
    spent[kind].ms += performance.now() - start;
    out.push(run);
  }
  return out;
};

const a = side('north-east-baseline.json');
const b = side('early-help-restored.json');
const started = performance.now();
const results: PairedResults = { seeds: SEEDS, a: [], b: [] };
for (const seed of SEEDS) {
  for (const [key, s] of [['a', a], ['b', b]] as const) {
    const run = runSide(s, seed, MONTHS);
    if (!run.ok) throw new Error(run.issues[0].message);
    results[key].push(run.value);
  }
}
const plainMs = performance.now() - started;
const summary = summarise(results, MONTHS, [MONTHS]);
const settings = { ...UNCERTAINTY_DEFAULTS, draws: DRAWS, seeds: SEEDS, months: MONTHS, horizons: [MONTHS], breakEvenTop: 0 };
const pool = JOBS > 1 ? poolRunner(JOBS) : undefined;
const analysis = await new UncertaintyStudy(a, b, settings, pool ? pool.run : timed).run(summary);
await pool?.close();
const totalMs = performance.now() - started;
const other = totalMs - plainMs - spent.calibration.ms - spent.comparison.ms;
const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const perRun = spent.comparison.runs > 0 ? spent.comparison.ms / spent.comparison.runs : NaN;
console.log(
  `uncertainty bench: baseline vs early-help-restored, ${PARAMETERS.length} parameters, ${SEEDS.length} seeds, ${DRAWS} draws, scale ${SCALE}, ${MONTHS} months (${pool ? `pool runner, ${JOBS} threads` : 'serial runner, this thread'})`,
);
console.log(`  total ${s(totalMs)}; ${analysis.runs} runs for the uncertainty analysis; load average ${loadavg()[0].toFixed(1)}`);
if (!pool) {
  console.log(`  chance-only comparison: ${SEEDS.length * 2} runs, ${s(plainMs)}`);
  console.log(`  tornado and ensemble: ${spent.comparison.runs} runs, ${s(spent.comparison.ms)} (${(perRun / 1000).toFixed(2)} s a run)`);
  console.log(`  re-calibration: ${spent.calibration.runs} runs of shorter length, ${s(spent.calibration.ms)}; draws not calibrated: ${analysis.notCalibrated.length}`);
  console.log(`  the rest (set-up of scenarios, validation, statistics): ${s(other)}`);
}
