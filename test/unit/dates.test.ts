/**
 * The calendar (sim/dates.ts) against the rule written out by hand: a financial year runs from
 * April to March, so January to March belong to the year that began the April before.
 */
import { describe, expect, it } from 'vitest';
import { dateOfIndex, dateOfRunMonth, financialYearOfIndex, monthIndexOf, runMonthOfDate } from '../../sim/dates';

const MONTHS = ['01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12'];

describe('financial years', () => {
  it.each([1999, 2009, 2021, 2024])('labels every month of %i: January to March with the year before, April to December with the year after', (year) => {
    const labels = MONTHS.map((mm) => financialYearOfIndex(monthIndexOf(`${year}-${mm}`)!));
    const before = `${year - 1}-${String(year % 100).padStart(2, '0')}`;
    const after = `${year}-${String((year + 1) % 100).padStart(2, '0')}`;
    expect(labels).toEqual([before, before, before, after, after, after, after, after, after, after, after, after]);
  });

  it('starts a new financial year in April and in no other month', () => {
    const from = monthIndexOf('2019-01')!;
    for (let i = from + 1; i < from + 48; i++) {
      const changed = financialYearOfIndex(i) !== financialYearOfIndex(i - 1);
      expect(changed, dateOfIndex(i)).toBe(dateOfIndex(i).endsWith('-04'));
    }
  });

  it('writes the century turn as two digits', () => {
    expect(financialYearOfIndex(monthIndexOf('1999-04')!)).toBe('1999-00');
    expect(financialYearOfIndex(monthIndexOf('2000-03')!)).toBe('1999-00');
  });
});

describe('month indices and run months', () => {
  it('reads and writes "YYYY-MM" both ways, and refuses anything else', () => {
    expect(monthIndexOf('2021-04')).toBe(2021 * 12 + 3);
    for (let i = monthIndexOf('2020-01')!; i < monthIndexOf('2022-01')!; i++) expect(monthIndexOf(dateOfIndex(i))).toBe(i);
    for (const bad of ['2021-13', '2021-00', '2021-4', '21-04', '2021-04-01']) expect(monthIndexOf(bad), bad).toBeUndefined();
  });

  it('makes month 1 the start date and month 0 the month before it', () => {
    const start = monthIndexOf('2021-04')!;
    expect(dateOfIndex(dateOfRunMonth(start, 1))).toBe('2021-04');
    expect(dateOfIndex(dateOfRunMonth(start, 0))).toBe('2021-03');
    expect(dateOfIndex(dateOfRunMonth(start, 13))).toBe('2022-04');
    expect(runMonthOfDate(start, '2022-04')).toBe(13);
    expect(runMonthOfDate(start, '2021-03')).toBe(0);
  });
});
