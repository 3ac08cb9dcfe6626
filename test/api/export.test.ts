/**
 * Issue 13: every exported CSV month holds every measure, whatever the drawing speed. A page that
 * draws slowly gets months coalesced into one snapshot; the export asks the worker for every
 * month's record and market figures instead of using what was drawn.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { MarketRecord } from '../../sim/records';
import { runScenario } from '../../sim/run';
import { PLACEMENTS } from '../../sim/states';
import type { Snapshot } from '../../sim/worker/contract';
import { TIDY_HEADER } from '../../sim/outputs/tidy';
import { runToCsv } from '../../viz/export';
import { SimulationClient } from '../../viz/worker-client';
import { FakeWorker, openPorts, until } from './fake-worker';
import { smallBaseline, smallScenario } from './helpers';

afterEach(() => {
  for (const port of openPorts.splice(0)) port.close();
});

/** Tidy rows (no quoted cells in these runs) as month -> measure -> value text. */
function byMonth(text: string): Map<number, Map<string, string>> {
  const [head, ...lines] = text.trim().split('\n');
  expect(head).toBe(TIDY_HEADER.trim());
  const out = new Map<number, Map<string, string>>();
  for (const line of lines) {
    const cells = line.split(',');
    const month = Number(cells[4]);
    if (!out.has(month)) out.set(month, new Map());
    out.get(month)?.set(cells[7], cells[9]);
  }
  return out;
}

describe('the CSV export', () => {
  it('exports every measure of every month when the page drew only some of them', async () => {
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
    const scale = smallScenario().population.scale;
    const label = { scenario: smallScenario().name, seed: 6, scale };
    const csv = runToCsv(label, run.value.records, (m) => run.value.markets[m]);
    const months = byMonth(csv);
    expect([...months.keys()]).toEqual(Array.from({ length: 37 }, (_, m) => m));
    const names = [...(months.get(36)?.keys() ?? [])];
    for (const [month, values] of months) {
      // Flows that did not happen in a month have no row; every other measure has one, market figures included.
      expect([...values.keys()].filter((n) => !n.startsWith('flow.')), `month ${month}`).toEqual(names.filter((n) => !n.startsWith('flow.')));
      for (const [name, value] of values) expect(value, `month ${month}, ${name}`).not.toBe('');
      expect(values.has('market.earlyHelpWaiting'), `month ${month}`).toBe(true);
    }

    // The same CSV as a headless run writes, market figures included.
    const markets: MarketRecord[] = [];
    const cli = runScenario(smallScenario(), { seed: 6, months: 36, onMonth: (_, market) => markets.push(market) });
    if (!cli.ok) throw new Error('headless run failed');
    expect(csv).toBe(runToCsv(label, cli.value, (m) => markets[m]));

    // The pathway detail, at the record's values scaled to the whole region: by age and by legal status the children in care add up.
    for (const record of cli.value) {
      const row = months.get(record.month) as Map<string, string>;
      const sum = (prefix: string): number => [...row].filter(([n]) => n.startsWith(prefix)).reduce((n, [, v]) => n + Number(v), 0);
      const inCare = PLACEMENTS.reduce((n, p) => n + record.stocks[p], 0) / scale;
      expect(sum('lookedAfterByAge.'), `month ${record.month}`).toBeCloseTo(inCare, 6);
      expect(sum('legalStatus.'), `month ${record.month}`).toBeCloseTo(inCare, 6);
      expect(Number(row.get('careEntriesByAge.10_to_15'))).toBe(record.careEntriesByAge['10_to_15'] / scale);
      expect(Number(row.get('careExitByReason.returned_home'))).toBe(record.careExitsByReason.returned_home / scale);
      expect(Number(row.get('careReEntries'))).toBe(record.careReEntries / scale);
      expect(Number(row.get('uascLookedAfter'))).toBe(record.uascLookedAfter / scale);
    }
    release?.();
    client.dispose();
  });
});
