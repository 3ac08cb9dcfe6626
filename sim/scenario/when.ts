/**
 * When a lever change applies: a `month` of the run, or a `date` ("YYYY-MM") of the scenario's
 * calendar. One definition for lever files and the scenario's own `timeline`: a change dated D
 * first applies to the simulated month whose record carries `date` D (month 1 is `startDate`), just
 * as a change at month m is first used by month m's step. Exactly one of the two is given.
 */
import { DEFAULT_START_DATE, monthIndexOf, runMonthOfDate } from '../dates';
import { describeFound, issue, type Validated, type ValidationIssue } from './issues';

export const MONTH_EXPECTED = 'a whole number >= 1 (the first month that uses the new value)';
export const DATE_EXPECTED = 'a month as "YYYY-MM" (e.g. "2013-04"), the first month simulated with the new value';

/** The when-fields of an entry that may be read as given (checked by `whenIssues`). */
export type When = { month: number } | { date: string };

/** Problems with an entry's `month` / `date`; `at(field)` names a field's JSON path, `at()` the entry's. */
export function whenIssues(entry: Record<string, unknown>, at: (field?: string) => string): ValidationIssue[] {
  const hasMonth = Object.hasOwn(entry, 'month');
  const hasDate = Object.hasOwn(entry, 'date');
  if (hasMonth && hasDate) {
    return [issue(at(), 'a "month" or a "date", not both', `month ${describeFound(entry.month)} and date ${describeFound(entry.date)}`)];
  }
  if (!hasMonth && !hasDate) return [issue(at(), 'a "month" (a month number) or a "date" ("YYYY-MM")', 'neither')];
  if (hasMonth) {
    const month = entry.month;
    return Number.isSafeInteger(month) && (month as number) >= 1 ? [] : [issue(at('month'), MONTH_EXPECTED, describeFound(month))];
  }
  return typeof entry.date === 'string' && monthIndexOf(entry.date) !== undefined ? [] : [issue(at('date'), DATE_EXPECTED, describeFound(entry.date))];
}

/** The run month a well-formed `When` falls in, or why it cannot apply (a date before the start). */
export function runMonthOf(when: When, startDate: string | undefined, at: (field: string) => string): Validated<number> {
  if ('month' in when) return { ok: true, value: when.month };
  const start = startDate ?? DEFAULT_START_DATE;
  const month = runMonthOfDate(monthIndexOf(start) ?? 0, when.date);
  if (month === undefined) return { ok: false, issues: [issue(at('date'), DATE_EXPECTED, describeFound(when.date))] };
  if (month < 1) {
    const before = 1 - month;
    return {
      ok: false,
      issues: [issue(at('date'), `a month from the scenario's startDate ("${start}") on`, `${JSON.stringify(when.date)}, ${before} month${before === 1 ? '' : 's'} before it`)],
    };
  }
  return { ok: true, value: month };
}

/** "month 13" or "2022-04, month 13": how messages name when a change applies. */
export function whenLabel(when: When, month: number): string {
  return 'date' in when ? `${when.date}, month ${month}` : `month ${month}`;
}
