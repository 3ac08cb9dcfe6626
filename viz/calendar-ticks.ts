/**
 * Ticks for a time axis on the calendar: the runs' months carry dates (month 1 is the scenario's
 * start date), and analysts read years, not month numbers. A tick sits at the end of each March
 * (the month whose record is the 31 March position DfE counts at), labelled with that year, every
 * `step` years so that at most `maxTicks` fit.
 */
import { dateOfRunMonth } from '../sim/dates';

export interface CalendarTicks {
  /** run months of the ticks (records dated March) */
  months: number[];
  /** their labels: the year ("2016") */
  labels: string[];
}

export function calendarTicks(lo: number, hi: number, startIndex: number, maxTicks: number): CalendarTicks {
  const marches: number[] = [];
  for (let m = Math.ceil(lo); m <= hi; m++) if (dateOfRunMonth(startIndex, m) % 12 === 2) marches.push(m);
  const step = Math.max(1, Math.ceil(marches.length / Math.max(1, maxTicks)));
  const months = marches.filter((_, k) => k % step === 0);
  return { months, labels: months.map((m) => String(Math.floor(dateOfRunMonth(startIndex, m) / 12))) };
}
