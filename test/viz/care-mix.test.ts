/**
 * The children-in-care panels' view model, in Node: shares that add up to 100 as shown, the last
 * year's flows from snapshots that may cover several months, and the region-scaled chart series.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DFE_AGE_BANDS } from '../../sim/ages';
import { neutralMonthFields, type MonthRecord } from '../../sim/records';
import { CARE_EXITS, CARE_EXIT_REASONS, LEGAL_STATUSES, SPEND_CATEGORIES, STATES } from '../../sim/states';
import { CareMixHistory, lastMonths, percentShares, RecentFlows, regionNote, wholePercents } from '../../viz/care-mix';
import { AGE_BAND_LABEL, EXIT_REASON_LABEL, LEGAL_STATUS_LABEL } from '../../viz/labels';

const shares = (counts: number[]): number[] => [...wholePercents(counts, new Float64Array(counts.length), new Float64Array(counts.length))];

/** A month record whose pathway detail is given; everything else neutral. */
function record(month: number, detail: Partial<MonthRecord>): MonthRecord {
  return {
    month,
    children: 1000,
    stocks: Object.fromEntries(STATES.map((s) => [s, 0])) as MonthRecord['stocks'],
    flows: {},
    careExits: Object.fromEntries(CARE_EXITS.map((e) => [e, 0])) as MonthRecord['careExits'],
    spend: Object.fromEntries(SPEND_CATEGORIES.map((c) => [c, 0])) as MonthRecord['spend'],
    spendTotal: 0,
    ...neutralMonthFields(month),
    ...detail,
  };
}

/** A month with `n` entries to care aged 16 and over, `n` adoptions and `n` re-entries. */
const flowMonth = (month: number, n: number): MonthRecord => {
  const base = neutralMonthFields(month);
  return record(month, {
    careEntriesByAge: { ...base.careEntriesByAge, '16_plus': n },
    careExitsByReason: { ...base.careExitsByReason, adopted: n },
    careReEntries: n,
  });
};

describe('shares of children in care', () => {
  it('gives each part as a percentage of the whole, and 0 for an empty whole', () => {
    expect([...percentShares([1, 3], new Float64Array(2))]).toEqual([25, 75]);
    expect([...percentShares([0, 0, 0], new Float64Array(3))]).toEqual([0, 0, 0]);
  });

  it('rounds to whole percents that add up to 100, the largest remainders rounding up', () => {
    expect(shares([1, 1, 1])).toEqual([34, 33, 33]);
    // 319, 807, 987, 1646, 825 of 4584: 6.96, 17.60, 21.53, 35.91, 18.00; rounded one by one they sum to 101.
    expect(shares([319, 807, 987, 1646, 825])).toEqual([7, 18, 21, 36, 18]);
    expect(shares([5, 15, 80])).toEqual([5, 15, 80]);
    expect(shares([0, 0, 0, 0, 0])).toEqual([0, 0, 0, 0, 0]);
    expect(shares([0, 7, 0])).toEqual([0, 100, 0]);
  });

  it('always adds up to 100 and stays within a point of each exact share', () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 100_000 }), { minLength: 1, maxLength: 8 }), (counts) => {
        const total = counts.reduce((a, b) => a + b, 0);
        const rounded = shares(counts);
        if (total === 0) return rounded.every((v) => v === 0);
        const exact = counts.map((c) => (c / total) * 100);
        return rounded.reduce((a, b) => a + b, 0) === 100 && rounded.every((v, i) => Number.isInteger(v) && Math.abs(v - exact[i]) < 1);
      }),
    );
  });

  it('names every age band, legal status and reason for leaving in plain words', () => {
    expect(DFE_AGE_BANDS.map((b) => AGE_BAND_LABEL[b])).toEqual(['Under 1', '1 to 4', '5 to 9', '10 to 15', '16 and over']);
    expect(LEGAL_STATUSES.map((s) => LEGAL_STATUS_LABEL[s])).toEqual([
      'Section 20 (V2)',
      'Interim care order (C1)',
      'Full care order (C2)',
      'Placement order (E1)',
      'Other',
    ]);
    for (const r of CARE_EXIT_REASONS) expect(EXIT_REASON_LABEL[r]).toMatch(/^[A-Z][a-z]/);
  });
});

describe('the last 12 months of entries, exits and re-entries', () => {
  it('sums the newest months, drops the oldest after a year, and skips month 0', () => {
    const recent = new RecentFlows();
    recent.add(record(0, {}), 0);
    expect(recent.months).toBe(0);
    for (let m = 1; m <= 12; m++) recent.add(flowMonth(m, m), 1);
    expect(recent.months).toBe(12);
    expect(recent.entriesByAge[DFE_AGE_BANDS.indexOf('16_plus')]).toBe(78); // 1 + ... + 12
    expect(recent.exitsByReason[CARE_EXIT_REASONS.indexOf('adopted')]).toBe(78);
    expect(recent.reEntries).toBe(78);
    recent.add(flowMonth(13, 100), 1);
    expect(recent.months).toBe(12);
    expect(recent.reEntries).toBe(78 - 1 + 100);
    expect(recent.entriesByAge[DFE_AGE_BANDS.indexOf('under_1')]).toBe(0);
  });

  it('counts a coalesced snapshot as the months it covers, and says so when the newest cover more than a year', () => {
    const recent = new RecentFlows();
    // Months 1-5 in one snapshot (5 a month, summed by the worker), then months 6-15 one by one.
    recent.add(flowMonth(5, 25), 5);
    for (let m = 6; m <= 15; m++) recent.add(flowMonth(m, 1), 1);
    // Ten single months fall short of a year, so the 5-month snapshot counts whole: 15 months.
    expect(recent.months).toBe(15);
    expect(recent.reEntries).toBe(25 + 10);
    recent.add(flowMonth(17, 4), 2);
    expect(recent.months).toBe(12);
    expect(recent.reEntries).toBe(4 + 10);
    // A 240-month step arrives as one snapshot: its sums are all there is to show.
    recent.add(flowMonth(255, 2400), 240);
    expect(recent.months).toBe(240);
    expect(recent.reEntries).toBe(2400);
    recent.clear();
    expect(recent.months).toBe(0);
    expect(recent.reEntries).toBe(0);
  });

  it('describes the span in words', () => {
    expect(lastMonths(12)).toBe('last 12 months');
    expect(lastMonths(1)).toBe('last month');
    expect(lastMonths(240)).toBe('last 240 months');
    expect(lastMonths(0)).toBe('none simulated yet');
    expect(regionNote(1)).toBe('whole region');
    expect(regionNote(0.25)).toBe('whole region, from a 1 in 4 sample');
  });
});

describe('the care panels\u2019 history', () => {
  it('keeps the latest stocks at the run\u2019s scale and charts them for the whole region', () => {
    const history = new CareMixHistory();
    const base = neutralMonthFields(3);
    history.add(
      record(3, {
        lookedAfterByAge: { under_1: 2, '1_to_4': 4, '5_to_9': 6, '10_to_15': 10, '16_plus': 8 },
        lookedAfterByLegalStatus: { ...base.lookedAfterByLegalStatus, V2: 9, C2: 21 },
        uascLookedAfter: 3,
      }),
      0.25,
      1,
    );
    expect(history.latest.month).toBe(3);
    expect(history.latest.inCare).toBe(30);
    expect([...history.latest.byAge]).toEqual([2, 4, 6, 10, 8]);
    expect([...history.latest.byLegalStatus]).toEqual([9, 0, 21, 0, 0]);
    expect(history.latest.uasc).toBe(3);
    expect(history.series.get('age_10_to_15').last()).toBe(40);
    expect(history.series.get('legal_C2').last()).toBe(84);
    expect(history.series.months.last()).toBe(3);
    history.clear();
    expect(history.series.length).toBe(0);
    expect(history.latest.month).toBe(-1);
    expect(history.latest.inCare).toBe(0);
  });
});
