/**
 * The one way text leaves this project in a table cell (CSV or workbook).
 *
 * Two dangers, one function each:
 * - RFC 4180: a comma, quote or line break inside a cell would shift every later column, so such a
 *   cell is quoted and its quotes doubled.
 * - CSV injection (OWASP "CSV Injection"): a spreadsheet runs text beginning with `=`, `+`, `-` or
 *   `@` (and tab or carriage return, which some programs skip before looking) as a formula. Such
 *   text gets a leading `'`, which spreadsheets show as text and do not display.
 *
 * Numbers are never neutralised: a negative difference (`-12.5`) must stay a number a pivot table
 * can sum. Only text (a scenario name, a label, a lever path) is at risk, because only text can
 * come from someone else's file.
 */

/** Characters that make a spreadsheet read a text cell as a formula (OWASP list). */
const FORMULA_LEAD = /^[=+\-@\t\r]/;
/** Characters that need RFC 4180 quoting. */
const NEEDS_QUOTES = /[",\n\r]/;

/** Text as a spreadsheet will show it, never run it: `'` before a formula-leading character. */
export function neutraliseFormula(text: string): string {
  return FORMULA_LEAD.test(text) ? `'${text}` : text;
}

/** A cell's value: a number in full precision (a non-finite one empty), or text neutralised and quoted when it must be. */
export type CsvValue = string | number | null | undefined;

/** One CSV cell: numbers as they are (non-finite or missing empty), text neutralised then quoted (RFC 4180). */
export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const safe = neutraliseFormula(value);
  return NEEDS_QUOTES.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** One CSV line (no line break) from its cells. */
export function csvLine(cells: readonly CsvValue[]): string {
  return cells.map(csvCell).join(',');
}
