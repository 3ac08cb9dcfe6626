/**
 * `tsx scripts/summary-20-seeds.ts [--seeds 20] [--scale 0.25] [--json out.json] [--against before.json]`
 *
 * The distribution of the headline figures over seeds, for every shipped scenario: mean and sd
 * across seeds of looked-after children, CP plans and children in need (DfE definition) per
 * 10,000, entries to care in the year to the month and spend in the year to the month (whole
 * region), at months 12, 60 and 120. Used to check that a change which alters the random draws
 * but not the model (issue 9's speed work) leaves every figure where it was: with `--against`, each
 * mean is compared with a saved run of this script, as a difference in standard errors
 * (z = difference / sqrt(sd1^2/n1 + sd2^2/n2)) and in per cent.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { childrenInNeedDfE, inCare, per10k, regionPounds } from '../sim/measures';
import { loadScenarioFile, SCENARIO_DIR } from '../sim/node/files';
import type { MonthRecord } from '../sim/records';
import { applyLever, runScenario } from '../sim/run';
import { PLACEMENTS } from '../sim/states';
import { shippedScenarioFiles } from '../test/helpers';

const { values } = parseArgs({
  options: {
    seeds: { type: 'string', default: '20' },
    scale: { type: 'string', default: '0.25' },
    json: { type: 'string' },
    against: { type: 'string' },
  },
});
const SEEDS = Number(values.seeds);
const SCALE = Number(values.scale);
const MONTHS = [12, 60, 120];

const CARE = new Set<string>(PLACEMENTS);

/** The figures of one run at month m. */
const FIGURES: Record<string, (run: readonly MonthRecord[], m: number) => number> = {
  'looked after /10k': (run, m) => per10k(inCare(run[m].stocks), run[m].children),
  'CP /10k': (run, m) => per10k(run[m].stocks.child_protection, run[m].children),
  'CIN (DfE) /10k': (run, m) => per10k(childrenInNeedDfE(run[m].stocks), run[m].children),
  'entries to care /yr': (run, m) => {
    let n = 0;
    for (const r of run.slice(m - 11, m + 1)) {
      for (const [key, v] of Object.entries(r.flows)) {
        const at = key.indexOf('>');
        if (!CARE.has(key.slice(0, at)) && CARE.has(key.slice(at + 1))) n += v;
      }
    }
    return n / SCALE;
  },
  'spend £m /yr': (run, m) => regionPounds(run.slice(m - 11, m + 1).reduce((s, r) => s + r.spendTotal, 0), SCALE) / 1e6,
};

interface Cell {
  mean: number;
  sd: number;
  n: number;
}
/** scenario -> "figure @ month" -> cell */
type Summary = Record<string, Record<string, Cell>>;

function cell(xs: number[]): Cell {
  const n = xs.length;
  const mean = xs.reduce((a, b) => a + b, 0) / n;
  const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, n - 1));
  return { mean, sd, n };
}

const summary: Summary = {};
for (const file of shippedScenarioFiles()) {
  const loaded = loadScenarioFile(join(SCENARIO_DIR, file));
  if (!loaded.ok) throw new Error(loaded.issues.map((i) => i.message).join('\n'));
  const scaled = applyLever(loaded.value, 'population.scale', SCALE);
  if (!scaled.ok) throw new Error(scaled.issues.map((i) => i.message).join('\n'));
  const samples: Record<string, number[]> = {};
  for (let seed = 1; seed <= SEEDS; seed++) {
    const run = runScenario(scaled.value, { seed, months: Math.max(...MONTHS) });
    if (!run.ok) throw new Error(run.issues.map((i) => i.message).join('\n'));
    for (const [name, of] of Object.entries(FIGURES)) for (const m of MONTHS) (samples[`${name} @ ${m}`] ??= []).push(of(run.value, m));
  }
  summary[file] = Object.fromEntries(Object.entries(samples).map(([k, xs]) => [k, cell(xs)]));
}

const before: Summary | undefined = values.against ? (JSON.parse(readFileSync(values.against, 'utf8')) as Summary) : undefined;
const fmt = (x: number) => (Math.abs(x) >= 100 ? x.toFixed(0) : x.toFixed(1)).padStart(8);
console.log(`${SEEDS} seeds per scenario, scale ${SCALE}; mean and sd across seeds${before ? `; against ${values.against}: z = difference in standard errors` : ''}`);
let worst = 0;
for (const [file, cells] of Object.entries(summary)) {
  console.log(`\n${file}`);
  console.log(`${'figure'.padEnd(28)}    mean      sd${before ? '  before      sd       z      %' : ''}`);
  for (const [key, c] of Object.entries(cells)) {
    let line = `${key.padEnd(28)}${fmt(c.mean)}${fmt(c.sd)}`;
    const b = before?.[file]?.[key];
    if (b) {
      const se = Math.sqrt(c.sd ** 2 / c.n + b.sd ** 2 / b.n);
      const z = se > 0 ? (c.mean - b.mean) / se : c.mean === b.mean ? 0 : Infinity;
      worst = Math.max(worst, Math.abs(z));
      line += `${fmt(b.mean)}${fmt(b.sd)}${z.toFixed(2).padStart(8)}${(((c.mean - b.mean) / b.mean) * 100).toFixed(1).padStart(7)}`;
    }
    console.log(line);
  }
}
if (before) console.log(`\nlargest |z|: ${worst.toFixed(2)}`);
if (values.json) writeFileSync(values.json, `${JSON.stringify(summary, null, 1)}\n`);
