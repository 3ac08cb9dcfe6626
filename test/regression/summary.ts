/**
 * A compact, fixed-seed summary of every shipped scenario: the regression reference. It changes
 * only when the model changes on purpose; then run `npm run update-baseline` and commit the new
 * file with the change that explains it. It records stocks, flows, care exits, spend and the
 * market figures at a few months, so a change anywhere in the model shows up here too (but the
 * tests that know what is right are the ones in test/engine and test/unit).
 */
import { inCare } from '../../sim/measures';
import { runScenario } from '../../sim/run';
import { loadShipped, shippedScenarioFiles } from '../helpers';

export const REFERENCE = { scale: 0.05, seed: 1, months: [0, 12, 60, 120] };

/** scenario file -> month -> measure -> value */
export type Summary = Record<string, Record<string, Record<string, number>>>;

export function summarise(): Summary {
  const out: Summary = {};
  for (const file of shippedScenarioFiles()) {
    const scenario = loadShipped(file, { 'population.scale': REFERENCE.scale });
    // A workshop script runs its parent's model unchanged (test/workshop/script.test.ts checks it): its runs are the parent's.
    if (scenario.workshop) continue;
    const markets: Record<string, number>[] = [];
    const run = runScenario(scenario, {
      seed: REFERENCE.seed,
      months: Math.max(...REFERENCE.months),
      onMonth: (_record, market) => markets.push({ ...market }),
    });
    if (!run.ok) throw new Error(run.issues.map((i) => i.message).join('\n'));
    const rows: Record<string, Record<string, number>> = {};
    for (const m of REFERENCE.months) {
      const r = run.value[m];
      const row: Record<string, number> = { children: r.children, inCare: inCare(r.stocks), spendTotal: r.spendTotal };
      for (const [k, v] of Object.entries(r.stocks)) row[`stock.${k}`] = v;
      for (const [k, v] of Object.entries(r.flows)) row[`flow.${k}`] = v;
      for (const [k, v] of Object.entries(r.careExits)) row[`careExit.${k}`] = v;
      for (const [k, v] of Object.entries(r.careExitsByReason)) row[`careExitByReason.${k}`] = v;
      for (const [k, v] of Object.entries(r.lookedAfterByAge)) row[`lookedAfterByAge.${k}`] = v;
      for (const [k, v] of Object.entries(r.careEntriesByAge)) row[`careEntriesByAge.${k}`] = v;
      for (const [k, v] of Object.entries(r.lookedAfterByLegalStatus)) row[`legalStatus.${k}`] = v;
      row.uascLookedAfter = r.uascLookedAfter;
      row.careReEntries = r.careReEntries;
      for (const [k, v] of Object.entries(r.spend)) row[`spend.${k}`] = v;
      for (const [k, v] of Object.entries(markets[m])) row[`market.${k}`] = v;
      rows[`month ${m}`] = row;
    }
    out[file] = rows;
  }
  return out;
}
