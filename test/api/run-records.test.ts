/**
 * Issue 13: an export never depends on what the page drew. `runRecords` gives every month's record
 * and market figures however many months the snapshots coalesced, equal to a headless run's.
 */
import { describe, expect, it } from 'vitest';
import type { MarketRecord } from '../../sim/records';
import { runScenario } from '../../sim/run';
import type { ApiResult } from '../../sim/worker/contract';
import { createSimulationApi } from '../../sim/worker/session';
import { nodeLoader, recorder, settle, smallBaseline, smallScenario } from './helpers';

function value<T>(result: ApiResult<T>): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.kind}: ${result.error.message}`);
  return result.value;
}

describe('runRecords', () => {
  it('holds every month\u2019s record and market figures while the page coalesces months', async () => {
    const api = createSimulationApi(nodeLoader);
    const seen = recorder();
    value(api.subscribe(seen.listener));
    value(api.load(smallBaseline({ seed: 5 })));
    seen.hold();
    value(api.step(30));
    await settle();
    seen.ackAll();
    await settle();
    expect(seen.snapshots.some((s) => s.coalesced > 1), 'the page fell behind').toBe(true);

    const { records, markets } = value(api.runRecords());
    expect(records).toHaveLength(31);
    expect(markets).toHaveLength(31);
    expect(JSON.stringify(records)).toBe(JSON.stringify(value(api.records())));

    const cliMarkets: MarketRecord[] = [];
    const cli = runScenario(smallScenario(), { seed: 5, months: 30, onMonth: (_, market) => cliMarkets.push(market) });
    if (!cli.ok) throw new Error('the CLI run failed');
    expect(JSON.stringify(records)).toBe(JSON.stringify(cli.value));
    expect(markets).toEqual(cliMarkets);
    // The snapshots carried the market of their last month only; the export has each month's.
    const shown = new Set(seen.snapshots.map((s) => s.record.month));
    expect(records.filter((r) => !shown.has(r.month)).length).toBeGreaterThan(0);
  });

  it('slices from a month, starts again on load and reset, and refuses a bad month', () => {
    const api = createSimulationApi(nodeLoader);
    expect(value(api.runRecords())).toEqual({ records: [], markets: [] });
    value(api.load(smallBaseline()));
    value(api.step(4));
    const tail = value(api.runRecords(3));
    expect(tail.records.map((r) => r.month)).toEqual([3, 4]);
    expect(tail.markets).toHaveLength(2);
    value(api.reset());
    expect(value(api.runRecords()).markets).toHaveLength(1);
    const bad = api.runRecords(-1);
    expect(bad.ok).toBe(false);
  });
});
