/**
 * The calendar: months as "YYYY-MM" and financial years (April to March), and the mapping between
 * a run's month numbers and dates. A month index is year x 12 + (month - 1), so differences are
 * month counts.
 */
export const DEFAULT_START_DATE = '2021-04';
const YEAR_MONTH = /^([0-9]{4})-(0[1-9]|1[0-2])$/;

/** "2021-04" -> its month index; undefined for anything else. */
export function monthIndexOf(date: string): number | undefined {
  const m = YEAR_MONTH.exec(date);
  return m ? Number(m[1]) * 12 + Number(m[2]) - 1 : undefined;
}

/** A month index -> "YYYY-MM". */
export function dateOfIndex(index: number): string {
  const year = Math.floor(index / 12);
  return `${year}-${String(index - year * 12 + 1).padStart(2, '0')}`;
}

/** The financial year (April to March) a month falls in, e.g. "2021-22". */
export function financialYearOfIndex(index: number): string {
  const year = Math.floor(index / 12);
  const first = index - year * 12 >= 3 ? year : year - 1;
  return `${first}-${String((first + 1) % 100).padStart(2, '0')}`;
}

/**
 * The date of a run's month m: month 1 is the start date, and month 0 (the initial population) is
 * the month before, whose end is the starting state (31 March for an April start).
 */
export function dateOfRunMonth(startIndex: number, m: number): number {
  return startIndex + m - 1;
}

/** The run month that a date falls in (1 for the start date); may be < 1 for dates before the start. */
export function runMonthOfDate(startIndex: number, date: string): number | undefined {
  const index = monthIndexOf(date);
  return index === undefined ? undefined : index - startIndex + 1;
}
