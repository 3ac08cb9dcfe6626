import { describe, expect, it } from 'vitest';
import { formatCalendarMonth } from '../../viz/format';

describe('the calendar month the app shows', () => {
  it('names the month simulated and its financial year', () => {
    expect(formatCalendarMonth({ month: 1, date: '2021-04', financialYear: '2021-22' })).toBe('Apr 2021, 2021-22');
    expect(formatCalendarMonth({ month: 12, date: '2022-03', financialYear: '2021-22' })).toBe('Mar 2022, 2021-22');
    expect(formatCalendarMonth({ month: 131, date: '2020-02', financialYear: '2019-20' })).toBe('Feb 2020, 2019-20');
  });

  it('calls month 0 the start, at the end of the month before the first', () => {
    expect(formatCalendarMonth({ month: 0, date: '2009-03', financialYear: '2008-09' })).toBe('start: end of Mar 2009');
  });
});
