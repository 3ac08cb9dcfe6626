/**
 * Outcomes over "the 12 months to then" (sim/comparison/outcomes.ts) on synthetic months whose
 * values say which month they come from (month k spends k pounds), so the right sum at any horizon
 * is known in closed form: months max(1, m - 11) to m. Checked at several horizons, because at
 * month 12 a window of 12 months and one of 13 agree (month 0 spends nothing).
 */
import { describe, expect, it } from 'vitest';
import { OUTCOMES, outcomeById, type MonthView } from '../../sim/comparison/outcomes';
import { neutralMonthFields, type MarketRecord, type MonthRecord } from '../../sim/records';
import { CARE_EXITS, PLACEMENTS, SPEND_CATEGORIES, STATES } from '../../sim/states';

const MONTHS = 40;
const SCALE = 0.5;
const CHILDREN = 10_000;
const IN_CARE_BASE = 100;

/** Month k: k pounds in every category, 100 + k children in each placement type, k referrals. */
function view(k: number): MonthView {
  const stocks = Object.fromEntries(STATES.map((s) => [s, PLACEMENTS.includes(s as (typeof PLACEMENTS)[number]) ? IN_CARE_BASE + k : 0])) as MonthRecord['stocks'];
  stocks.universal = CHILDREN - (IN_CARE_BASE + k) * PLACEMENTS.length;
  const record: MonthRecord = {
    month: k,
    children: CHILDREN,
    stocks,
    flows: k === 0 ? {} : { 'universal>assessment': k },
    careExits: Object.fromEntries(CARE_EXITS.map((e) => [e, 0])) as MonthRecord['careExits'],
    spend: Object.fromEntries(SPEND_CATEGORIES.map((c) => [c, k])) as MonthRecord['spend'],
    spendTotal: k * SPEND_CATEGORIES.length,
    ...neutralMonthFields(k),
  };
  return { record, market: {} as MarketRecord };
}

const months = Array.from({ length: MONTHS + 1 }, (_, k) => view(k));
/** Sum of k over the months of the window ending at m, written out: max(1, m - 11) .. m. */
const windowSum = (m: number) => {
  const first = Math.max(1, m - 11);
  return ((first + m) * (m - first + 1)) / 2;
};
const windowLength = (m: number) => Math.min(m, 12);
const HORIZONS = [1, 5, 11, 12, 13, 18, 24, 25, 36, 40];

const series = (id: string) => {
  const o = outcomeById(id);
  if (!o) throw new Error(`no outcome ${id}`);
  return o.series(months, SCALE);
};

describe('outcomes in the 12 months to then', () => {
  it('the window sums written out are what they should be', () => {
    expect([windowSum(1), windowSum(12), windowSum(13), windowSum(24)]).toEqual([1, 78, 90, 222]);
  });

  it.each(HORIZONS)('spend in the year at month %i sums the 12 months to then (fewer at the start), whole region', (m) => {
    const pounds = windowSum(m) * SPEND_CATEGORIES.length;
    expect(series('spendInYear')[m]).toBeCloseTo(pounds / SCALE / 1e6, 12);
    // early help: what was spent on families and the budget that found none (2 categories of k pounds each)
    expect(series('earlyHelpInYear')[m]).toBeCloseTo((2 * windowSum(m)) / SCALE / 1e6, 12);
    expect(series('earlyHelpUnusedInYear')[m]).toBeCloseTo(windowSum(m) / SCALE / 1e6, 12);
  });

  it.each(HORIZONS)('referrals at month %i: the 12 months to then per 10,000 child-months, a year', (m) => {
    expect(series('referrals')[m]).toBeCloseTo((windowSum(m) / (CHILDREN * windowLength(m))) * 10_000 * 12, 9);
  });

  it.each(HORIZONS)('placement spend per child in care at month %i: its year over the mean number in care', (m) => {
    const placementPounds = windowSum(m) * PLACEMENTS.length;
    const meanInCare = ((windowSum(m) + IN_CARE_BASE * windowLength(m)) * PLACEMENTS.length) / windowLength(m);
    expect(series('spendPerChildInCare')[m]).toBeCloseTo(((placementPounds / windowLength(m)) * 12) / meanInCare, 9);
  });

  it('spend since the start adds every month from 1', () => {
    const since = series('spendSinceStart');
    for (const m of HORIZONS) expect(since[m]).toBeCloseTo(((m * (m + 1)) / 2) * SPEND_CATEGORIES.length / SCALE / 1e6, 12);
  });

  it('money and flows have no value at month 0', () => {
    for (const o of OUTCOMES.filter((x) => x.from === 1)) expect(o.series(months, SCALE)[0], o.id).toBeNaN();
  });
});
