import { describe, expect, it } from 'vitest';
import { runScenario } from '../../sim/run';
import { addMonth, copyRecord } from '../../sim/worker/snapshots';
import type { MonthRecord } from '../../sim/records';
import { loadShipped } from '../helpers';

/**
 * Every field of a month record, sorted: what happens during a month adds up over coalesced
 * months; what describes the end of a month is the last month's. A field added to the record
 * fails the first test below until it is sorted here (and merged in `addMonth`). `councils` (each
 * council's own record, folded the same way) is tested in coalesce-councils.test.ts.
 */
const SUMMED = ['flows', 'careExits', 'careExitsByReason', 'careReEntries', 'careEntriesByAge', 'spend', 'spendTotal', 'placementMoves'] as const;
const LATEST = [
  'month',
  'date',
  'financialYear',
  'children',
  'stocks',
  'market',
  'outOfArea',
  'outOfAreaByType',
  'outsideCouncil',
  'outsideCouncilByType',
  'over20Miles',
  'careLeavers',
  'prices',
  'lookedAfterByAge',
  'lookedAfterByLegalStatus',
  'uascLookedAfter',
] as const satisfies readonly (keyof MonthRecord)[];
SUMMED satisfies readonly (keyof MonthRecord)[];

/** A copy of `r` with every number in it replaced by `value` (strings kept). */
function withEveryNumber<T>(r: T, value: number): T {
  if (typeof r === 'number') return value as T;
  if (r === null || typeof r !== 'object') return r;
  return Object.fromEntries(Object.entries(r).map(([k, v]) => [k, withEveryNumber(v, value)])) as T;
}

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

  it('sorts every field of the record into summed or latest', () => {
    expect([...SUMMED, ...LATEST].sort()).toEqual(Object.keys(months[1]).sort());
  });

  it('adds up every summed field, number by number, and takes every latest field from the last month', () => {
    const first = { ...withEveryNumber(months[1], 1), date: '2021-04', financialYear: '2021-22' };
    const next = { ...withEveryNumber(months[2], 10), date: '2021-05', financialYear: '2021-22' };
    // a flow in only one of the months is kept, and one in both adds up
    first.flows = { 'universal>assessment': 1, 'assessment>child_in_need': 1 };
    next.flows = { 'universal>assessment': 10, 'child_in_need>child_protection': 10 };
    const total = copyRecord(first);
    addMonth(total, next);
    for (const field of SUMMED) {
      if (field === 'flows') continue;
      expect(total[field], field).toEqual(withEveryNumber(next[field], 11));
    }
    expect(total.flows).toEqual({ 'universal>assessment': 11, 'assessment>child_in_need': 1, 'child_in_need>child_protection': 10 });
    for (const field of LATEST) expect(total[field], field).toEqual(next[field]);
  });

  it('leaves the month it started from unchanged', () => {
    const first = structuredClone(months[1]);
    const total = copyRecord(months[1]);
    addMonth(total, months[2]);
    expect(months[1]).toEqual(first);
  });
});
