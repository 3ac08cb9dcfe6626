/**
 * Calibrate a scenario's councils to their own published rates (docs/councils.md) and print the
 * fit table (target against model per council and measure) that the README shows.
 *
 *   npm run calibrate-councils [-- scenarios/north-east-councils.json --rounds 8 --seeds 2 --scale 0.25 --months 48] [--write]
 *
 * `--write` stores the fitted multipliers in the file's councils (`fit`), leaving the rest of the
 * file as it is. Without it, the file's own fit is checked (one evaluation, no rounds).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { FIT_DEFAULTS, fitCouncils, fitTable, meanCouncilRates, runFitWindow } from '../sim/council-fit/fit';
import { loadScenarioFile } from '../sim/node/files';

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const k = args.indexOf(`--${name}`);
  return k >= 0 ? Number(args[k + 1]) : fallback;
};
const file = args.find((a, k) => !a.startsWith('--') && (k === 0 || !args[k - 1].startsWith('--') || args[k - 1] === '--write')) ?? 'scenarios/north-east-councils.json';
const write = args.includes('--write');
const options = {
  seeds: Array.from({ length: option('seeds', FIT_DEFAULTS.seeds.length) }, (_, k) => k + 1),
  months: option('months', FIT_DEFAULTS.months),
  scale: option('scale', FIT_DEFAULTS.scale),
  rounds: option('rounds', FIT_DEFAULTS.rounds),
};
const loaded = loadScenarioFile(file);
if (!loaded.ok) {
  for (const i of loaded.issues) console.error(i.message);
  process.exit(65);
}
let scenario = loaded.value;
if (write) {
  const fitted = fitCouncils(scenario, { ...options, onRound: (round, worst) => console.error(`round ${round}: worst gap ${(worst * 100).toFixed(1)}%`) });
  if (!fitted.ok) {
    for (const i of fitted.issues) console.error(i.message);
    process.exit(65);
  }
  scenario = fitted.value;
  // only the fit values change in the file: its own text (extends, citations, order) is kept
  const doc = JSON.parse(readFileSync(file, 'utf8')) as { councils: { code: string; fit?: unknown }[] };
  for (const c of doc.councils) {
    const f = scenario.councils?.find((x) => x.code === c.code)?.fit;
    if (f) c.fit = { need: round3(f.need), protection: round3(f.protection), care: round3(f.care) };
  }
  writeFileSync(file, `${JSON.stringify(doc, null, 2)}\n`);
  const again = loadScenarioFile(file);
  if (!again.ok) throw new Error('the written file does not load');
  scenario = again.value;
}
const runs = runFitWindow(scenario, options);
if (!runs.ok) {
  for (const i of runs.issues) console.error(i.message);
  process.exit(65);
}
console.log(`Fit of ${file}: mean of months ${options.months - 11}-${options.months}, ${options.seeds.length} seeds, scale ${options.scale}\n`);
console.log(fitTable(scenario, meanCouncilRates(runs.value, options.months - 12, options.months)));

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}
