/**
 * Issue 13: every exported CSV month holds every column, whatever the drawing speed. A page that
 * draws slowly gets months coalesced into one snapshot; the export asks the worker for every
 * month's record and market figures instead of using what was drawn.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { MarketRecord, MonthRecord } from '../../sim/records';
import { runScenario } from '../../sim/run';
import { PLACEMENTS } from '../../sim/states';
import type { Snapshot } from '../../sim/worker/contract';
import { runToCsv } from '../../viz/export';
import { SimulationClient } from '../../viz/worker-client';
import { FakeWorker, openPorts, until } from './fake-worker';
import { smallBaseline, smallScenario } from './helpers';

afterEach(() => {
  for (const port of openPorts.splice(0)) port.close();
});

function parseCsv(text: string): Record<string, string>[] {
  const [head, ...lines] = text.trim().split('\n');
  const keys = head.split(',');
  return lines.map((line) => Object.fromEntries(line.split(',').map((v, i) => [keys[i], v])));
}

/** The row a month should have, written from the record's fields (numbers as JavaScript writes them). */
function expectedRow(r: MonthRecord, market: MarketRecord, flowKeys: ReadonlySet<string>): Record<string, string> {
  const row: Record<string, number> = { month: r.month, children: r.children };
  for (const [state, n] of Object.entries(r.stocks)) row[`stock_${state}`] = n;
  for (const key of flowKeys) row[`flow_${key}`] = r.flows[key] ?? 0;
  for (const [exit, n] of Object.entries(r.careExits)) row[`care_exit_${exit}`] = n;
  for (const [reason, n] of Object.entries(r.careExitsByReason)) row[`care_exit_reason_${reason}`] = n;
  row.care_re_entries = r.careReEntries;
  for (const [band, n] of Object.entries(r.lookedAfterByAge)) row[`looked_after_age_${band}`] = n;
  for (const [band, n] of Object.entries(r.careEntriesByAge)) row[`care_entries_age_${band}`] = n;
  for (const [status, n] of Object.entries(r.lookedAfterByLegalStatus)) row[`legal_status_${status}`] = n;
  row.uasc_looked_after = r.uascLookedAfter;
  for (const [category, pounds] of Object.entries(r.spend)) row[`spend_${category}`] = pounds;
  row.spend_total = r.spendTotal;
  Object.assign(row, market);
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, String(v)]));
}

describe('the CSV export', () => {
  it('fills every column of every month when the page drew only some of them', async () => {
    const drawn: Snapshot[] = [];
    let release: (() => void) | undefined;
    const client = new SimulationClient({
      createWorker: () => new FakeWorker(),
      // A page that draws slowly: each snapshot waits until the test lets it go.
      onSnapshot: (snapshot) => {
        drawn.push(snapshot);
        return new Promise<void>((resolve) => (release = resolve));
      },
    });
    expect((await client.load(smallBaseline({ seed: 6 }))).ok).toBe(true);
    await client.step(36);
    for (let k = 0; k < 5 && drawn.at(-1)?.record.month !== 36; k++) {
      await until(() => release !== undefined, 'a snapshot');
      const go = release;
      release = undefined;
      go?.();
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await until(() => drawn.at(-1)?.record.month === 36, 'month 36 drawn');
    expect(drawn.length, 'months were coalesced').toBeLessThan(37);

    const run = await client.runRecords();
    if (!run.ok) throw new Error(run.error.message);
    const csv = runToCsv(run.value.records, (m) => run.value.markets[m]);
    const rows = parseCsv(csv);
    expect(rows).toHaveLength(37);
    for (const row of rows) for (const [column, cell] of Object.entries(row)) expect(cell, `month ${row.month}, ${column}`).not.toBe('');

    // Every cell is the headless run's figure for that month, read from its records field by field.
    const markets: MarketRecord[] = [];
    const cli = runScenario(smallScenario(), { seed: 6, months: 36, onMonth: (_, market) => markets.push(market) });
    if (!cli.ok) throw new Error('headless run failed');
    const flowKeys = new Set(cli.value.flatMap((r) => Object.keys(r.flows)));
    expect(new Set(Object.keys(rows[0]).filter((c) => c.startsWith('flow_')).map((c) => c.slice(5)))).toEqual(flowKeys);
    for (const record of cli.value) expect(rows[record.month], `month ${record.month}`).toEqual(expectedRow(record, markets[record.month], flowKeys));

    // The pathway detail has a column per age band, legal status and reason for leaving, at the record's values.
    const columns = Object.keys(rows[0]);
    for (const column of ['looked_after_age_under_1', 'care_entries_age_16_plus', 'care_exit_reason_adopted', 'care_re_entries', 'legal_status_V2', 'legal_status_other', 'uasc_looked_after']) {
      expect(columns).toContain(column);
    }
    for (const record of cli.value) {
      const row = rows[record.month];
      const sum = (prefix: string): number => columns.filter((c) => c.startsWith(prefix)).reduce((n, c) => n + Number(row[c]), 0);
      // Children in care, counted from the placement stocks: by age and by legal status they add up to it.
      const inCare = PLACEMENTS.reduce((n, p) => n + Number(row[`stock_${p}`]), 0);
      expect(sum('looked_after_age_'), `month ${record.month}`).toBe(inCare);
      expect(sum('legal_status_'), `month ${record.month}`).toBe(inCare);
      expect(Number(row.care_entries_age_10_to_15)).toBe(record.careEntriesByAge['10_to_15']);
      expect(Number(row.care_exit_reason_returned_home)).toBe(record.careExitsByReason.returned_home);
      expect(Number(row.care_re_entries)).toBe(record.careReEntries);
      expect(Number(row.uasc_looked_after)).toBe(record.uascLookedAfter);
    }
    release?.();
    client.dispose();
  });
});
