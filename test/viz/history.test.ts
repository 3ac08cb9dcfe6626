/**
 * The app's chart series and totals (viz/history.ts) when the page fell behind and one snapshot
 * covers several months: the worker sums their money (sim/worker/snapshots.ts), so every monthly
 * figure on show is that sum divided by the months it covers, at whole-region scale.
 */
import { describe, expect, it } from 'vitest';
import { neutralMonthFields, type MarketRecord, type MonthRecord } from '../../sim/records';
import { CARE_EXITS, PLACEMENTS, SPEND_CATEGORIES, STATES } from '../../sim/states';
import { RunHistory, spendKey } from '../../viz/history';

const SCALE = 0.25;
const IN_CARE_EACH = 10;

/** A snapshot's record whose category c spent (index of c + 1) x 1,000 pounds over the months it covers. */
function summedRecord(month: number): MonthRecord {
  const stocks = Object.fromEntries(STATES.map((s) => [s, PLACEMENTS.includes(s as (typeof PLACEMENTS)[number]) ? IN_CARE_EACH : 0])) as MonthRecord['stocks'];
  stocks.universal = 5_000;
  const spend = Object.fromEntries(SPEND_CATEGORIES.map((c, i) => [c, (i + 1) * 1_000])) as MonthRecord['spend'];
  return {
    month,
    children: 5_000 + IN_CARE_EACH * PLACEMENTS.length,
    stocks,
    flows: {},
    careExits: Object.fromEntries(CARE_EXITS.map((e) => [e, 0])) as MonthRecord['careExits'],
    spend,
    spendTotal: SPEND_CATEGORIES.reduce((n, c) => n + spend[c], 0),
    ...neutralMonthFields(month),
  };
}

const market = {} as MarketRecord;

describe('chart series over coalesced months', () => {
  it.each([1, 2, 3, 7])('a snapshot covering %i months shows the monthly average of its money, at whole-region scale', (months) => {
    const history = new RunHistory();
    const record = summedRecord(months);
    history.add(record, market, SCALE, months);
    const monthly = (pounds: number) => pounds / SCALE / months;
    expect(history.series.get('spend').last()).toBeCloseTo(monthly(record.spendTotal), 9);
    expect(history.totals.monthlySpend).toBeCloseTo(monthly(record.spendTotal), 9);
    SPEND_CATEGORIES.forEach((c, i) => expect(history.series.get(spendKey(c)).last(), c).toBeCloseTo(monthly((i + 1) * 1_000), 9));
    // The cumulative total takes all of it.
    expect(history.totals.cumulativeSpend).toBeCloseTo(record.spendTotal / SCALE, 9);
    // Placement spend per child in care a year: the placements' monthly average x 12 over the children in care (scale-free).
    const placementPounds = SPEND_CATEGORIES.reduce((n, c, i) => n + (PLACEMENTS.includes(c as (typeof PLACEMENTS)[number]) ? (i + 1) * 1_000 : 0), 0);
    expect(history.totals.perChildInCarePerYear).toBeCloseTo(((placementPounds / months) * 12) / (IN_CARE_EACH * PLACEMENTS.length), 9);
  });

  it('a snapshot of month 0 (coalesced 0) shows no spend', () => {
    const history = new RunHistory();
    history.add({ ...summedRecord(0), spendTotal: 0 }, market, SCALE, 0);
    expect(history.series.get('spend').last()).toBeNaN();
    expect(history.totals.cumulativeSpend).toBe(0);
  });
});
