/**
 * A compact, fixed-seed summary of the baseline run: the regression reference. It changes only when
 * the model changes on purpose; then run `npm run update-baseline` and commit the new file.
 */
import { runScenario } from '../../sim/run';
import { inCare } from '../../sim/measures';
import { SPEND_CATEGORIES, STATES } from '../../sim/states';
import { loadShipped } from '../helpers';

export const REFERENCE = { file: 'north-east-baseline.json', scale: 0.05, seed: 1, months: [0, 12, 60, 120] };

export type Summary = Record<string, Record<string, number>>;

export function summarise(): Summary {
  const scenario = loadShipped(REFERENCE.file, { 'population.scale': REFERENCE.scale });
  const run = runScenario(scenario, { seed: REFERENCE.seed, months: Math.max(...REFERENCE.months) });
  if (!run.ok) throw new Error(run.issues.map((i) => i.message).join('\n'));
  const out: Summary = {};
  for (const m of REFERENCE.months) {
    const r = run.value[m];
    const row: Record<string, number> = { children: r.children, spendTotal: r.spendTotal };
    for (const s of STATES) row[`stock.${s}`] = r.stocks[s];
    for (const c of SPEND_CATEGORIES) row[`spend.${c}`] = r.spend[c];
    row.inCare = inCare(r.stocks);
    out[`month ${m}`] = row;
  }
  return out;
}
