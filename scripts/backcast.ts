/**
 * The back-cast report (README "Back-cast, 2009 to 2020"): runs scenarios/north-east-2009.json to
 * March 2020 with its whole timeline, with the drivers only (early help, poverty), with practice
 * only (threshold for care, section 20, courts) and with no change, and prints the rise in
 * children looked after per 10,000 beside the observed 77%.
 *
 *   npm run backcast [-- --seeds 8 --scale 0.25]
 */
import { join } from 'node:path';
import { inCare, per10k } from '../sim/measures';
import { SCENARIO_DIR, loadScenarioFile } from '../sim/node/files';
import { runScenario } from '../sim/run';
import type { Scenario } from '../sim/scenario/schema';

const arg = (name: string, fallback: number): number => {
  const k = process.argv.indexOf(`--${name}`);
  return k > 0 ? Number(process.argv[k + 1]) : fallback;
};
const SEEDS = arg('seeds', 8);
const SCALE = arg('scale', 0.25);
const MONTHS = 132;
const OBSERVED_RISE = 77;

/** Which group a timeline change belongs to, by the path it moves. */
function groupOf(path: string): 'drivers' | 'practice' | 'other' {
  if (/^(policy|poverty|market)\./.test(path)) return 'drivers';
  if (/^(practice|legalStatus|courts)\./.test(path)) return 'practice';
  return 'other';
}

const loaded = loadScenarioFile(join(SCENARIO_DIR, 'north-east-2009.json'));
if (!loaded.ok) {
  console.error(loaded.issues.map((i) => i.message).join('\n'));
  process.exit(1);
}
const full = { ...loaded.value, population: { ...loaded.value.population, scale: SCALE } };
const keep = (groups: readonly string[]): Scenario => ({ ...full, timeline: (full.timeline ?? []).filter((c) => groups.includes(groupOf(c.path))) });
const variants: [string, Scenario][] = [
  ['whole timeline', full],
  ['drivers only (early help, poverty)', keep(['drivers', 'other'])],
  ['practice only (threshold, section 20, courts)', keep(['practice', 'other'])],
  ['no change (2009 levers held)', keep(['other'])],
];

console.log(`Back-cast 2009-04 to 2020-03: ${SEEDS} seeds at scale ${SCALE}; children looked after per 10,000 (mean over seeds)`);
for (const [name, scenario] of variants) {
  let start = 0;
  let end = 0;
  for (let seed = 1; seed <= SEEDS; seed++) {
    const run = runScenario(scenario, { seed, months: MONTHS });
    if (!run.ok) {
      console.error(run.issues.map((i) => i.message).join('\n'));
      process.exit(1);
    }
    const first = run.value[0];
    const last = run.value.find((r) => r.date === '2020-03') ?? run.value[run.value.length - 1];
    start += per10k(inCare(first.stocks), first.children) / SEEDS;
    end += per10k(inCare(last.stocks), last.children) / SEEDS;
  }
  const rise = (end / start - 1) * 100;
  console.log(`${name.padEnd(48)} ${start.toFixed(1).padStart(6)} -> ${end.toFixed(1).padStart(6)}  ${rise >= 0 ? '+' : ''}${rise.toFixed(0)}%  (observed +${OBSERVED_RISE}%)`);
}
