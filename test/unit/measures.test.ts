import { describe, expect, it } from 'vitest';
import { childrenInNeedDfE, flowEnds, inCare, openCases, per10k, percentOf, placementSpend, regionPounds, stocksOf } from '../../sim/measures';
import { PLACEMENTS, SPEND_CATEGORIES, STATES, type SpendCategory, type StateId } from '../../sim/states';

/** Stocks with `n` children in every state, and the given overrides. */
function stocks(n: number, overrides: Partial<Record<StateId, number>> = {}): Record<StateId, number> {
  return { ...(Object.fromEntries(STATES.map((s) => [s, n])) as Record<StateId, number>), ...overrides };
}

describe('derived measures', () => {
  it('sums placement spend over the placement types only', () => {
    const spend = Object.fromEntries(SPEND_CATEGORIES.map((c, k) => [c, k + 1])) as Record<SpendCategory, number>;
    expect(placementSpend(spend)).toBe(PLACEMENTS.reduce((n, p) => n + spend[p], 0));
    expect(placementSpend({ ...spend, early_help: 1e6, social_work: 1e6 })).toBe(placementSpend(spend));
  });

  it('gives a part of a whole in percent, and 0 of nothing', () => {
    expect(percentOf(1, 4)).toBe(25);
    expect(percentOf(3, 2)).toBe(150);
    expect(percentOf(5, 0)).toBe(0);
    expect(percentOf(0, 5)).toBe(0);
  });

  it('counts every placement type, and nothing else, as in care', () => {
    expect(inCare(stocks(0))).toBe(0);
    expect(inCare(stocks(1))).toBe(PLACEMENTS.length);
    for (const p of PLACEMENTS) expect(inCare(stocks(0, { [p]: 7 }))).toBe(7);
    for (const s of STATES.filter((x) => !(PLACEMENTS as readonly string[]).includes(x))) expect(inCare(stocks(0, { [s]: 7 }))).toBe(0);
  });

  it('counts DfE children in need as CIN plans plus CP plans plus children in care', () => {
    const st = stocks(0, { child_in_need: 3, child_protection: 5, secure: 2, kinship_foster: 11, universal: 1000, early_help: 40, assessment: 9 });
    expect(childrenInNeedDfE(st)).toBe(3 + 5 + 2 + 11);
  });

  it('counts open social-care cases as assessments, CIN, CP and care', () => {
    const st = stocks(0, { assessment: 9, child_in_need: 3, child_protection: 5, inhouse_foster: 4, early_help: 40, universal: 1000 });
    expect(openCases(st)).toBe(9 + 3 + 5 + 4);
  });

  it('gives rates per 10,000 children, and 0 for an empty population', () => {
    expect(per10k(105, 10_000)).toBe(105);
    expect(per10k(1, 530_000)).toBeCloseTo(10_000 / 530_000, 12);
    expect(per10k(5, 0)).toBe(0);
  });

  it('scales pounds of a sample up to the whole region', () => {
    expect(regionPounds(1_000, 0.1)).toBeCloseTo(10_000, 9);
    expect(regionPounds(1_000, 1)).toBe(1_000);
  });

  it('reads an engine stock array in state order', () => {
    const arr = STATES.map((_, k) => k * 10);
    const rec = stocksOf(arr);
    STATES.forEach((s, k) => expect(rec[s]).toBe(k * 10));
  });

  it('splits a flow key at its first ">"', () => {
    expect(flowEnds('birth>universal')).toEqual(['birth', 'universal']);
    expect(flowEnds('secure>left_care_18')).toEqual(['secure', 'left_care_18']);
  });
});
