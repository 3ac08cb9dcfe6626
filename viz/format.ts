/** Number formats shared by the panels, the table and the charts (en-GB, pounds). */
const whole = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

export const formatCount = (n: number): string => whole.format(n);

const twoDecimals = new Intl.NumberFormat('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** Rates below 1 per 10,000 (secure placements) keep two decimals, as on the map, so they don't read as zero. */
export const formatRate = (n: number): string => {
  if (!Number.isFinite(n)) return '–';
  return Math.abs(n) < 1 && n !== 0 ? twoDecimals.format(n) : oneDecimal.format(n);
};

export const formatPercent = (share: number): string => `${whole.format(share * 100)}%`;

/** £1.2bn, £34.5m, £12.3k, £950: short enough for a projector panel. */
export function formatPounds(n: number): string {
  if (!Number.isFinite(n)) return '–';
  const abs = Math.abs(n);
  const sign = n < 0 ? '−' : '';
  if (abs >= 1e9) return `${sign}£${oneDecimal.format(abs / 1e9)}bn`;
  if (abs >= 1e6) return `${sign}£${oneDecimal.format(abs / 1e6)}m`;
  if (abs >= 1e4) return `${sign}£${oneDecimal.format(abs / 1e3)}k`;
  return `${sign}£${whole.format(abs)}`;
}

const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * The month on the calendar, as analysts speak of it: "Apr 2021, 2021-22" (the month simulated and
 * its financial year); month 0 is the state at the end of the month before the start.
 */
export function formatCalendarMonth(record: { month: number; date: string; financialYear: string }): string {
  const [year, month] = record.date.split('-').map(Number);
  const name = `${MONTH_NAMES[month - 1] ?? '?'} ${year}`;
  return record.month === 0 ? `start: end of ${name}` : `${name}, ${record.financialYear}`;
}
