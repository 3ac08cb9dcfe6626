import { describe, expect, it } from 'vitest';
import { runScenario } from '../../sim/run';
import { addMonth, copyRecord } from '../../sim/worker/snapshots';
import { loadShipped } from '../helpers';

describe('coalescing months into one snapshot', () => {
  const run = runScenario(loadShipped('north-east-baseline.json', { 'population.scale': 0.02 }), { seed: 2, months: 6 });
  if (!run.ok) throw new Error('run failed');
  const months = run.value;

  it('sums what happens during the months and keeps the state at the end of the last', () => {
    const total = copyRecord(months[1]);
    for (const r of months.slice(2)) addMonth(total, r);
    const last = months[6];
    const period = months.slice(1);
    const sum = (f: (r: (typeof months)[number]) => number) => period.reduce((n, r) => n + f(r), 0);
    expect(total.month).toBe(6);
    expect(total.date).toBe(last.date);
    expect(total.financialYear).toBe(last.financialYear);
    expect(total.stocks).toEqual(last.stocks);
    expect(total.market).toEqual(last.market);
    expect(total.outOfArea).toBe(last.outOfArea);
    expect(total.outOfAreaByType).toEqual(last.outOfAreaByType);
    expect(total.careLeavers).toBe(last.careLeavers);
    expect(total.prices).toEqual(last.prices);
    expect(total.placementMoves).toBe(sum((r) => r.placementMoves));
    expect(total.spendTotal).toBeCloseTo(sum((r) => r.spendTotal), 6);
    expect(total.spend.early_help).toBeCloseTo(sum((r) => r.spend.early_help), 6);
    expect(total.flows['birth>universal']).toBe(sum((r) => r.flows['birth>universal'] ?? 0));
    expect(total.careExits.reunified).toBe(sum((r) => r.careExits.reunified));
  });

  it('leaves the month it started from unchanged', () => {
    const first = structuredClone(months[1]);
    const total = copyRecord(months[1]);
    addMonth(total, months[2]);
    expect(months[1]).toEqual(first);
  });
});
