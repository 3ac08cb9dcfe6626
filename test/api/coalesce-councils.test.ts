import { describe, expect, it } from 'vitest';
import { runScenario } from '../../sim/run';
import { addMonth, copyRecord } from '../../sim/worker/snapshots';
import type { CouncilMonthRecord, MonthRecord } from '../../sim/records';
import { STATES } from '../../sim/states';
import { loadShipped } from '../helpers';

/** A council's record in a month record that must have councils. */
function council(r: MonthRecord, code: string): CouncilMonthRecord {
  const c = r.councils?.[code];
  if (!c) throw new Error(`month ${r.month} has no council ${code}`);
  return c;
}

describe('coalescing months of a region modelled as councils', () => {
  const run = runScenario(loadShipped('north-east-councils.json', { 'population.scale': 0.02 }), { seed: 4, months: 6 });
  if (!run.ok) throw new Error('run failed');
  const months = run.value;
  const period = months.slice(1);
  const codes = Object.keys(months[1].councils ?? {});
  const total = copyRecord(months[1]);
  for (const r of months.slice(2)) addMonth(total, r);

  it('keeps every council', () => {
    expect(codes).toHaveLength(12);
    expect(Object.keys(total.councils ?? {}).sort()).toEqual([...codes].sort());
  });

  it('sums each council\u2019s flows, spend and moves over the months, and keeps its stocks at the end', () => {
    const last = months[6];
    for (const code of codes) {
      const got = council(total, code);
      const sum = (f: (c: CouncilMonthRecord) => number) => period.reduce((n, r) => n + f(council(r, code)), 0);
      const flowKeys = new Set(period.flatMap((r) => Object.keys(council(r, code).flows)));
      for (const key of flowKeys) expect(got.flows[key], `${code} ${key}`).toBe(sum((c) => c.flows[key] ?? 0));
      expect(Object.keys(got.flows).sort(), code).toEqual([...flowKeys].sort());
      expect(got.spendTotal, code).toBeCloseTo(sum((c) => c.spendTotal), 6);
      expect(got.spend.social_work, code).toBeCloseTo(sum((c) => c.spend.social_work), 6);
      expect(got.careExits, code).toEqual(Object.fromEntries(Object.keys(got.careExits).map((k) => [k, sum((c) => c.careExits[k as keyof typeof c.careExits])])));
      expect(got.placementMoves, code).toBe(sum((c) => c.placementMoves));
      expect(got.careReEntries, code).toBe(sum((c) => c.careReEntries));
      expect(got.stocks, code).toEqual(council(last, code).stocks);
      expect(got.children, code).toBe(council(last, code).children);
      expect(got.outsideCouncilByType, code).toEqual(council(last, code).outsideCouncilByType);
      expect(got.month, code).toBe(6);
    }
  });

  it('adds up, over the councils, to the region\u2019s coalesced flows and stocks', () => {
    const all = codes.map((code) => council(total, code));
    const region = new Map<string, number>();
    for (const c of all) for (const [key, n] of Object.entries(c.flows)) region.set(key, (region.get(key) ?? 0) + n);
    expect(Object.fromEntries(region)).toEqual(total.flows);
    for (const s of STATES) expect(all.reduce((n, c) => n + c.stocks[s], 0), s).toBe(total.stocks[s]);
    expect(all.reduce((n, c) => n + c.outsideCouncil, 0)).toBe(total.outsideCouncil);
  });

  it('leaves the months it folded unchanged', () => {
    const again = runScenario(loadShipped('north-east-councils.json', { 'population.scale': 0.02 }), { seed: 4, months: 6 });
    if (!again.ok) throw new Error('run failed');
    expect(months).toEqual(again.value);
  });

  it('drops councils when the next month has none', () => {
    const t = copyRecord(months[1]);
    const next = structuredClone(months[2]);
    delete next.councils;
    addMonth(t, next);
    expect(t.councils).toBeUndefined();
  });
});
