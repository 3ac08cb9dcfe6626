/**
 * The back-cast report (docs/backcast.md): runs a back-cast scenario (default
 * scenarios/north-east-2009.json) to March 2020 with every coalition of its timeline's groups
 * (drivers, practice, unaccompanied arrivals: 8 coalitions, each over the same seeds), splits the
 * rise in children looked after per 10,000 between the groups by Shapley value with the spread
 * over the orders in which they can be added, lists every observed North East point beside the
 * whole timeline's run, and the share of under-16 entries in 2015-20 linked to the poverty path.
 * Prints Markdown tables in the form docs/backcast.md holds them.
 *
 *   npm run backcast [-- --seeds 8 --scale 0.25 --scenario north-east-2009-assumed-poverty.json --split-drivers]
 *
 * `--split-drivers` splits the drivers into the early-help cut and poverty (16 coalitions, 24 orders).
 */
import { join } from 'node:path';
import { BACKCAST_DEFAULTS, decomposeBackcast, runSeeds } from '../sim/backcast/decompose';
import { BACKCAST_GROUPING, SPLIT_DRIVERS_GROUPING } from '../sim/backcast/groups';
import { observedTable, runsTable, sharesTable } from '../sim/backcast/report';
import { SCENARIO_DIR, loadScenarioFile } from '../sim/node/files';
import { meanGapRows } from '../sim/observed/gaps';
import { observedHistory } from '../sim/observed/history';
import type { ValidationIssue } from '../sim/scenario/issues';

/** The regional care report's rise in children looked after in the North East, 2009 to 2020. */
const OBSERVED_RISE_PERCENT = 77;

const VALUE_OPTIONS = ['--seeds', '--scale', '--scenario'];
const FLAGS = ['--split-drivers'];
for (let k = 2; k < process.argv.length; k++) {
  const arg = process.argv[k];
  if (VALUE_OPTIONS.includes(arg)) k++;
  else if (!FLAGS.includes(arg)) {
    console.error(`${arg}: expected one of ${[...VALUE_OPTIONS.map((o) => `${o} <value>`), ...FLAGS].join(', ')}`);
    process.exit(2);
  }
}

function option(name: string, fallback: string): string {
  const k = process.argv.indexOf(`--${name}`);
  return k > 0 && k + 1 < process.argv.length ? process.argv[k + 1] : fallback;
}

function positive(name: string, fallback: number, integer: boolean): number {
  const text = option(name, String(fallback));
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0 || (integer && !Number.isInteger(value))) {
    console.error(`--${name}: expected a positive ${integer ? 'whole ' : ''}number, found ${JSON.stringify(text)}`);
    process.exit(2);
  }
  return value;
}

function fail(what: string, issues: readonly ValidationIssue[]): never {
  console.error(`${what}\n${issues.map((i) => `  ${i.message}`).join('\n')}`);
  process.exit(1);
}

const SEEDS = positive('seeds', 8, true);
const SCALE = positive('scale', 0.25, false);
const FILE = option('scenario', 'north-east-2009.json');
const SPLIT = process.argv.includes('--split-drivers');

const loaded = loadScenarioFile(join(SCENARIO_DIR, FILE));
if (!loaded.ok) fail(`scenarios/${FILE}: invalid scenario`, loaded.issues);
const history = observedHistory();
if (!history.ok) fail('scenarios/observed/history.json: invalid observed history', history.issues);

const scenario = { ...loaded.value, population: { ...loaded.value.population, scale: SCALE } };
const options = { ...BACKCAST_DEFAULTS, seeds: Array.from({ length: SEEDS }, (_, k) => k + 1), grouping: SPLIT ? SPLIT_DRIVERS_GROUPING : BACKCAST_GROUPING };
const decomposed = decomposeBackcast(scenario, options);
if (!decomposed.ok) fail(`scenarios/${FILE}: the back-cast stopped`, decomposed.issues);
const d = decomposed.value;
const whole = d.coalitions[d.coalitions.length - 1];

// Bennett et al.'s measure: the whole timeline against the same without its poverty changes.
const withoutPoverty = runSeeds({ ...scenario, timeline: (scenario.timeline ?? []).filter((c) => c.path !== 'policy.childPovertyReduction') }, whole.groups, options);
if (!withoutPoverty.ok) fail('the run without the poverty path stopped', withoutPoverty.issues);
const entries = (runs: readonly { entriesUnder16: number }[]) => runs.reduce((s, r) => s + r.entriesUnder16, 0);
const linked = (1 - entries(withoutPoverty.value.runs) / entries(whole.runs)) * 100;

const gaps = meanGapRows(whole.runs.map((r) => r.marches), history.value, 'north-east');

console.log(`Back-cast ${scenario.startDate} to ${options.endDate}: scenarios/${FILE}, ${SEEDS} seeds (1-${SEEDS}, the same for every coalition) at scale ${SCALE};`);
console.log('children looked after per 10,000, means over seeds. `npm run backcast -- --seeds ' + SEEDS + ' --scale ' + SCALE + (FILE === 'north-east-2009.json' ? '' : ` --scenario ${FILE}`) + (SPLIT ? ' --split-drivers' : '') + '`\n');
console.log(`Runs (start: the 31 March before ${scenario.startDate}):\n`);
console.log(runsTable(d, OBSERVED_RISE_PERCENT));
console.log(`\nThe rise split between the groups (Shapley value: the mean of each group's marginal contribution over the ${d.shapley.orders} orders of adding them):\n`);
console.log(sharesTable(d));
console.log('\nEvery observed North East point inside the run beside the whole timeline (model: mean over seeds; gap = model − observed):\n');
console.log(observedTable(gaps));
console.log(`\nEntries of under-16s in ${options.entriesFrom.slice(0, 4)}-${options.endDate.slice(2, 4)} linked to the poverty path (whole timeline against the same without its poverty changes): ${linked.toFixed(1)}% (Bennett et al. 2022: 8.1%, 95% CI 5.0-11.3)`);
