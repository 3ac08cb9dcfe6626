/**
 * The back-cast report (README "Back-cast, 2009 to 2020"): runs scenarios/north-east-2009.json to
 * March 2020 with its whole timeline, with the drivers only (early help, poverty), with practice
 * only (threshold for care, section 20, courts), each with the rise in unaccompanied arrivals
 * (neither driver nor practice), with the arrivals alone and with nothing changing, and prints the
 * rise in children looked after per 10,000 beside the observed 77%.
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
  ['drivers (early help, poverty) + arrivals', keep(['drivers', 'other'])],
  ['practice (threshold, s20, courts) + arrivals', keep(['practice', 'other'])],
  ['unaccompanied arrivals only', keep(['other'])],
  ['nothing changes (2009 levers held)', keep([])],
];

interface Summary {
  /** children looked after per 10,000 at the start and in March 2020, means over seeds */
  start: number;
  end: number;
  /** entries to care of under-16s from April 2015 to March 2020 (Bennett et al.'s period), summed over seeds */
  entriesUnder16: number;
}

/** One pass of the seeds over a variant: everything the report reads of it. */
function summarise(scenario: Scenario): Summary {
  const out: Summary = { start: 0, end: 0, entriesUnder16: 0 };
  for (let seed = 1; seed <= SEEDS; seed++) {
    const run = runScenario(scenario, { seed, months: MONTHS });
    if (!run.ok) {
      console.error(run.issues.map((i) => i.message).join('\n'));
      process.exit(1);
    }
    const first = run.value[0];
    const last = run.value.find((r) => r.date === '2020-03') ?? run.value[run.value.length - 1];
    out.start += per10k(inCare(first.stocks), first.children) / SEEDS;
    out.end += per10k(inCare(last.stocks), last.children) / SEEDS;
    for (const r of run.value) {
      if (r.date < '2015-04' || r.date > '2020-03') continue;
      const e = r.careEntriesByAge;
      out.entriesUnder16 += e.under_1 + e['1_to_4'] + e['5_to_9'] + e['10_to_15'];
    }
  }
  return out;
}

console.log(`Back-cast 2009-04 to 2020-03: ${SEEDS} seeds at scale ${SCALE}; children looked after per 10,000 (mean over seeds)`);
const summaries = variants.map(([name, scenario]) => [name, summarise(scenario)] as const);
for (const [name, { start, end }] of summaries) {
  const rise = (end / start - 1) * 100;
  console.log(`${name.padEnd(48)} ${start.toFixed(1).padStart(6)} -> ${end.toFixed(1).padStart(6)}  ${rise >= 0 ? '+' : ''}${rise.toFixed(0)}%  (observed +${OBSERVED_RISE}%)`);
}

// the whole timeline (the first variant) against the same without its poverty changes
const withPoverty = summaries[0][1].entriesUnder16;
const withoutPoverty = summarise({ ...full, timeline: (full.timeline ?? []).filter((c) => c.path !== 'policy.childPovertyReduction') }).entriesUnder16;
const linked = (1 - withoutPoverty / withPoverty) * 100;
console.log(`entries of under-16s in 2015-20 linked to the rise in child poverty: ${linked.toFixed(1)}% (Bennett et al. 2022: 8.1%, 95% CI 5.0-11.3)`);
