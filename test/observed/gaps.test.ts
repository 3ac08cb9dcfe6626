/**
 * Several seeds of a run against the observed series (sim/observed/gaps.ts, meanGapRows): the
 * model's rate is the mean over the seeds, the gap is taken from that mean.
 */
import { describe, expect, it } from 'vitest';
import { gapRows, meanGapRows } from '../../sim/observed/gaps';
import { observedHistory } from '../../sim/observed/history';
import type { ObservedHistory } from '../../sim/observed/types';
import { neutralMonthFields, type MonthRecord } from '../../sim/records';
import { CARE_EXITS, SPEND_CATEGORIES, STATES } from '../../sim/states';

function history(): ObservedHistory {
  const result = observedHistory();
  if (!result.ok) throw new Error('the shipped observed history is invalid');
  return result.value;
}

/** A record of `date` for 10,000 children with `fostered` children in kinship foster care and 50 on CP plans. */
function march(month: number, date: string, fostered: number): MonthRecord {
  const stocks = Object.fromEntries(STATES.map((s) => [s, 0])) as MonthRecord['stocks'];
  return {
    ...neutralMonthFields(month),
    month,
    date,
    children: 10_000,
    stocks: { ...stocks, kinship_foster: fostered, child_protection: 50 },
    flows: {},
    careExits: Object.fromEntries(CARE_EXITS.map((e) => [e, 0])) as MonthRecord['careExits'],
    spend: Object.fromEntries(SPEND_CATEGORIES.map((c) => [c, 0])) as MonthRecord['spend'],
    spendTotal: 0,
  };
}

describe('meanGapRows', () => {
  it('compares the mean over seeds of each 31 March with the observed figure', () => {
    // North East, 31 March 2016: 84 looked after per 10,000 (SouthTyneside-JSNA-2016).
    const seedA = [march(0, '2015-03', 70), march(6, '2015-09', 999), march(12, '2016-03', 80)];
    const seedB = [march(0, '2015-03', 72), march(6, '2015-09', 0), march(12, '2016-03', 90)];
    const rows = meanGapRows([seedA, seedB], history(), 'north-east');
    expect(rows.map((r) => `${r.year} ${r.measure}`)).toEqual([
      '2015 lookedAfter',
      '2015 childProtection',
      '2015 childrenInNeed',
      '2016 lookedAfter',
      '2016 childProtection',
      '2016 childrenInNeed',
    ]);
    const la2016 = rows[3];
    expect(la2016.model).toBe(85);
    expect(la2016.observed).toBe(84);
    expect(la2016.gap).toBe(1);
    expect(la2016.gapPercent).toBeCloseTo(100 / 84, 10);
    expect(la2016.source).toBe('SouthTyneside-JSNA-2016');
    // no figure for 2015: the model's mean, no gap, the file's note
    expect(rows[0]).toMatchObject({ model: 71, observed: null, gap: null, gapPercent: null });
    expect(rows[0].note).toMatch(/./);
  });

  it('gives the single run’s rows for one seed', () => {
    const run = [march(0, '2018-03', 90), march(12, '2019-03', 100)];
    expect(meanGapRows([run], history(), 'north-east')).toEqual(gapRows(run, history(), 'north-east'));
  });

  it('refuses runs that cover different months, and gives nothing for no runs', () => {
    expect(() => meanGapRows([[march(0, '2016-03', 1)], [march(12, '2017-03', 1)]], history(), 'england')).toThrow(/different months/);
    expect(meanGapRows([], history(), 'england')).toEqual([]);
  });
});
