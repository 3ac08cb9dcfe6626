/** Shared test helpers: load shipped scenarios, check the accounting invariants of month records. */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { SCENARIO_DIR, loadScenarioFile } from '../sim/node/files';
import type { MonthRecord } from '../sim/records';
import { applyLever } from '../sim/run';
import type { Scenario } from '../sim/scenario/schema';
import { CARE_EXIT_REASONS, CARE_EXITS, PLACEMENTS, STATES, SINKS, SOURCES } from '../sim/states';
import { flowEnds } from '../sim/measures';

export function shippedScenarioFiles(): string[] {
  return readdirSync(SCENARIO_DIR)
    .filter((f) => f.endsWith('.json') && f !== 'scenario.schema.json')
    .sort();
}

export function loadShipped(file: string, overrides: Record<string, unknown> = {}): Scenario {
  const loaded = loadScenarioFile(join(SCENARIO_DIR, file));
  if (!loaded.ok) throw new Error(loaded.issues.map((i) => i.message).join('\n'));
  let s = loaded.value;
  for (const [path, value] of Object.entries(overrides)) {
    const next = applyLever(s, path, value);
    if (!next.ok) throw new Error(next.issues.map((i) => i.message).join('\n'));
    s = next.value;
  }
  return s;
}

const CARE = new Set<string>(PLACEMENTS);
const KNOWN = new Set<string>([...STATES, ...SOURCES, ...SINKS]);

/** Every accounting invariant of a run; returns nothing, fails the test at the first broken one. */
export function expectInvariants(records: readonly MonthRecord[]): void {
  for (let m = 0; m < records.length; m++) {
    const r = records[m];
    const where = `month ${r.month}`;
    expect(r.month, where).toBe(m);
    const stockSum = STATES.reduce((s, k) => s + r.stocks[k], 0);
    expect(stockSum, `${where}: stocks sum to children`).toBe(r.children);
    for (const k of STATES) expect(Number.isInteger(r.stocks[k]) && r.stocks[k] >= 0, `${where}: stock ${k}`).toBe(true);

    const inflow: Record<string, number> = {};
    const outflow: Record<string, number> = {};
    let careToOutside = 0;
    let intoCare = 0;
    for (const [key, n] of Object.entries(r.flows)) {
      const [from, to] = flowEnds(key);
      expect(KNOWN.has(from) && KNOWN.has(to), `${where}: flow key ${key}`).toBe(true);
      expect(Number.isInteger(n) && n > 0, `${where}: flow ${key} = ${n}`).toBe(true);
      expect(from, `${where}: a flow from a state to itself`).not.toBe(to);
      outflow[from] = (outflow[from] ?? 0) + n;
      inflow[to] = (inflow[to] ?? 0) + n;
      if (CARE.has(from) && !CARE.has(to)) careToOutside += n;
      if (!CARE.has(from) && CARE.has(to)) intoCare += n;
    }
    if (m === 0) {
      expect(r.flows, 'month 0 has no flows').toEqual({});
    } else {
      const prev = records[m - 1];
      for (const k of STATES) {
        expect(r.stocks[k], `${where}: ${k} = previous + in - out`).toBe(prev.stocks[k] + (inflow[k] ?? 0) - (outflow[k] ?? 0));
      }
      const births = outflow.birth ?? 0;
      const arrivals = outflow.moved_in ?? 0;
      const exits = (inflow.aged_out ?? 0) + (inflow.left_care_18 ?? 0);
      expect(r.children, `${where}: children = previous + births + arrivals - exits`).toBe(prev.children + births + arrivals - exits);
    }
    const byReason = r.careExitsByReason;
    const reasonSum = CARE_EXIT_REASONS.reduce((s, k) => s + byReason[k], 0);
    expect(reasonSum, `${where}: careExitsByReason = flows out of care`).toBe(careToOutside);
    const careExitSum = CARE_EXITS.reduce((s, k) => s + r.careExits[k], 0);
    expect(careExitSum + byReason.other, `${where}: careExits + other exits = flows out of care`).toBe(careToOutside);
    expect(r.careExits.reunified, `${where}: reunified = returned home`).toBe(byReason.returned_home);
    expect(r.careExits.permanence, `${where}: permanence = adopted + special guardianship`).toBe(byReason.adopted + byReason.special_guardianship);
    expect(r.careExits.left_care_18, `${where}: left_care_18`).toBe(inflow.left_care_18 ?? 0);
    expect(byReason.turned_18, `${where}: turned_18`).toBe(inflow.left_care_18 ?? 0);
    const looked = PLACEMENTS.reduce((s, k) => s + r.stocks[k], 0);
    const sum = (o: Record<string, number>) => Object.values(o).reduce((a, b) => a + b, 0);
    expect(sum(r.lookedAfterByAge), `${where}: lookedAfterByAge sums to the care stocks`).toBe(looked);
    expect(sum(r.lookedAfterByLegalStatus), `${where}: lookedAfterByLegalStatus sums to the care stocks`).toBe(looked);
    expect(r.uascLookedAfter, `${where}: unaccompanied children are in care`).toBeLessThanOrEqual(looked);
    expect(sum(r.careEntriesByAge), `${where}: careEntriesByAge = flows into care`).toBe(intoCare);
    expect(r.careReEntries, `${where}: re-entries are entries`).toBeLessThanOrEqual(intoCare);

    const pence = Object.values(r.spend).map((v) => Math.round(v * 100));
    for (const [cat, v] of Object.entries(r.spend)) expect(Number.isFinite(v) && v >= 0, `${where}: spend ${cat}`).toBe(true);
    for (const [k, v] of Object.entries(r.spend)) expect(Math.abs(v * 100 - Math.round(v * 100)) < 1e-6, `${where}: ${k} in whole pence`).toBe(true);
    expect(pence.reduce((a, b) => a + b, 0), `${where}: spend categories sum to the total (in pence)`).toBe(Math.round(r.spendTotal * 100));
  }
}

export const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
