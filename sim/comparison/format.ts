/**
 * How comparison figures are written for people, the same in the app, the report and the CLI's
 * text table. Precision follows the size of the figure so a difference is never rounded away:
 * money in millions keeps £0.1m (two decimals below £0.1m), rates one decimal (two below 1).
 */
import type { OutcomeFormat } from './outcomes';

const fixed = (digits: number) => new Intl.NumberFormat('en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const F0 = fixed(0);
const F1 = fixed(1);
const F2 = fixed(2);

/** A plain number with sensible decimals; `signed` writes + for positive differences. */
export function formatNumber(v: number, format: OutcomeFormat, signed = false): string {
  if (!Number.isFinite(v)) return '–';
  const abs = Math.abs(v);
  const sign = v < 0 ? '−' : signed && v > 0 ? '+' : '';
  let body: string;
  switch (format) {
    case 'pounds':
      body = `£${F0.format(abs)}`;
      break;
    case 'millions':
      body = `£${(abs < 0.1 && abs > 0 ? F2 : F1).format(abs)}m`;
      break;
    case 'percent':
      body = `${(abs < 1 && abs > 0 ? F2 : F1).format(abs)}%`;
      break;
    case 'rate':
      body = (abs < 1 && abs > 0 ? F2 : F1).format(abs);
      break;
  }
  // A value that rounds to zero reads as 0, without a sign.
  return /[1-9]/.test(body) ? `${sign}${body}` : body;
}

/** "12.3 [10.1, 14.5]" */
export function formatWithRange(mid: number, low: number, high: number, format: OutcomeFormat, signed = false): string {
  const range = Number.isFinite(low) && Number.isFinite(high) ? ` [${formatNumber(low, format, signed)}, ${formatNumber(high, format, signed)}]` : '';
  return `${formatNumber(mid, format, signed)}${range}`;
}

/** "month 60 (year 5)" */
export function horizonLabel(month: number): string {
  return month % 12 === 0 ? `year ${month / 12} (month ${month})` : `month ${month}`;
}
