import { describe, expect, it } from 'vitest';
import { monthIndexOf } from '../../sim/dates';
import { calendarTicks } from '../../viz/calendar-ticks';

describe('calendar ticks on the time axis', () => {
  const april2009 = monthIndexOf('2009-04') ?? 0;

  it('puts a tick at each 31 March position (month 0 of an April start is March), labelled by its year', () => {
    const t = calendarTicks(0, 132, april2009, 20);
    expect(t.months.slice(0, 3)).toEqual([0, 12, 24]);
    expect(t.labels.slice(0, 3)).toEqual(['2009', '2010', '2011']);
    expect(t.labels[t.labels.length - 1]).toBe('2020');
  });

  it('thins the ticks to at most the number that fits, keeping whole years apart', () => {
    const t = calendarTicks(0, 240, monthIndexOf('2021-04') ?? 0, 5);
    expect(t.months.length).toBeLessThanOrEqual(5);
    expect(t.months[1] - t.months[0]).toBe(60);
    expect(t.labels[0]).toBe('2021');
  });

  it('follows a start date in another month', () => {
    const t = calendarTicks(1, 30, monthIndexOf('2021-01') ?? 0, 10);
    // month 1 is January 2021: March 2021 is month 3
    expect(t.months).toEqual([3, 15, 27]);
    expect(t.labels).toEqual(['2021', '2022', '2023']);
  });
});
