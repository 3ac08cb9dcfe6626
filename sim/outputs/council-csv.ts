/**
 * Councils as a CSV in the layout of DfE's local-authority tables (one row per council and year;
 * docs/councils.md, "Import your council"), both ways: `councilsCsv` writes a scenario's councils,
 * `readCouncilRows` reads such a file into checked rows (`council-import.ts` turns them into
 * councils). Pure: the caller reads and writes the files.
 *
 * The column names are DfE's where DfE has the column (`time_period`, `geographic_level`,
 * `new_la_code`, `la_name`), so an extract of a DfE file needs only the model's own columns added.
 * Each number's bounds and unit come from the scenario schema, so the CSV cannot accept a value
 * the written scenario would refuse.
 */
import { parse, type CsvError } from 'csv-parse/sync';
import { CouncilSchema, type Council } from '../scenario/councils/schema';
import { issue, type ValidationIssue } from '../scenario/issues';
import { describeExpected } from '../scenario/validate';
import { csvCell } from '../text/csv';

/** A numeric column of the layout: where it goes in a council, and the schema node that bounds it. */
export interface NumberColumn {
  column: string;
  /** the council field, as its `sources` key (`targets.lookedAfterPer10k`) */
  field: string;
  required: boolean;
  schema: SchemaNode;
  get(c: Council): number | null;
}

interface SchemaNode {
  type?: string;
  minimum?: number;
  maximum?: number;
  unit?: string;
  anyOf?: SchemaNode[];
  properties?: Record<string, SchemaNode>;
}

const councilNode = CouncilSchema as unknown as SchemaNode;
/** The schema of a council field (its non-null form for a nullable one). */
function fieldSchema(field: string): SchemaNode {
  let node: SchemaNode | undefined = councilNode;
  for (const key of field.split('.')) node = node?.properties?.[key];
  if (!node) throw new Error(`council field ${field} is not in the schema`);
  return node.anyOf?.find((n) => n.type !== 'null') ?? node;
}

const col = (column: string, field: string, get: (c: Council) => number | null, required = false): NumberColumn => ({ column, field, required, schema: fieldSchema(field), get });

/** The numeric columns, in the order an export writes them. */
export const NUMBER_COLUMNS: readonly NumberColumn[] = [
  col('children', 'children', (c) => c.children, true),
  col('looked_after_per_10k', 'targets.lookedAfterPer10k', (c) => c.targets.lookedAfterPer10k),
  col('cp_per_10k', 'targets.childProtectionPer10k', (c) => c.targets.childProtectionPer10k),
  col('cin_per_10k', 'targets.childrenInNeedPer10k', (c) => c.targets.childrenInNeedPer10k),
  col('births', 'birthsPerYear', (c) => c.birthsPerYear),
  col('child_poverty_share', 'childPovertyShare', (c) => c.childPovertyShare),
  col('la_home_places', 'places.la_residential', (c) => c.places.la_residential),
  col('private_home_places', 'places.private_residential', (c) => c.places.private_residential),
  col('inhouse_foster_places', 'places.inhouse_foster', (c) => c.places.inhouse_foster),
  col('agency_foster_places', 'places.agency_foster', (c) => c.places.agency_foster),
  col('lat', 'centroid.lat', (c) => c.centroid.lat),
  col('lon', 'centroid.lon', (c) => c.centroid.lon),
];

export const REQUIRED_COLUMNS = ['time_period', 'new_la_code', 'la_name', 'children'] as const;
/** Rows whose `geographic_level` (when the file has the column) is anything else are national or regional, and skipped. */
export const LOCAL_AUTHORITY_LEVEL = 'Local authority';
/** Every column an export writes, in order. */
export const COUNCIL_CSV_COLUMNS = ['time_period', 'geographic_level', 'new_la_code', 'la_name', ...NUMBER_COLUMNS.map((c) => c.column)] as const;

/**
 * DfE's symbols for a figure not published: c confidential, z not applicable, x not available,
 * u low reliability, low (fewer than half the rounding unit), k (below the threshold), and an
 * empty cell. Each gives `null` in an optional column: the region's figure is used.
 */
export const SUPPRESSION_CODES = ['c', 'z', 'x', 'u', 'low', 'k', ''] as const;

/** The councils as CSV in the import layout: one row each, `time_period` the given year. */
export function councilsCsv(councils: readonly Council[], year: number): string {
  const lines = [COUNCIL_CSV_COLUMNS.join(',')];
  for (const c of councils) lines.push([year, LOCAL_AUTHORITY_LEVEL, c.code, c.name, ...NUMBER_COLUMNS.map((n) => n.get(c))].map(csvCell).join(','));
  return `${lines.join('\n')}\n`;
}

/** A figure read from one cell: a number, or null with why (the suppression code as written). */
export type CellValue = { value: number; line: number } | { value: null; line: number; code: string } | { value: null; absent: true };

export interface CouncilRow {
  line: number;
  code: string;
  name: string;
  /** by `NumberColumn.column` */
  values: Record<string, CellValue>;
}

export interface CouncilRows {
  rows: CouncilRow[];
  /** the years in the file (normalised as `yearOf` does), for the message when the chosen one is absent */
  years: number[];
}

/** `2021` -> 2021; DfE's financial years, `202021` (April 2020 to March 2021) -> 2021, the year of its 31 March. */
export function yearOf(text: string): number | undefined {
  const t = text.trim();
  if (/^\d{4}$/.test(t)) return Number(t);
  const m = /^(\d{4})(\d{2})$/.exec(t);
  if (m && (Number(m[1]) + 1) % 100 === Number(m[2])) return Number(m[1]) + 1;
  return undefined;
}

// A name is shown in the app and the terminal: no escape sequences, line breaks or bidirectional controls.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/;
const NUMBER_TEXT = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
// csvCell puts `'` before text a spreadsheet would run as a formula; reading it back takes it off.
const NEUTRALISED = /^'(?=[=+\-@\t\r])/;

interface RawRecord {
  record: string[];
  info: { lines: number };
}

/** The first line of a record: csv-parse counts the line it ended on; a quoted field may hold line breaks. */
function firstLine(r: RawRecord): number {
  const breaks = r.record.reduce((n, field) => n + (field.match(/\r\n|\n|\r/g)?.length ?? 0), 0);
  return r.info.lines - breaks;
}

/** The records of the file with their first lines, or every problem csv-parse and the row lengths show. */
function records(text: string, file: string): { ok: true; value: { line: number; cells: string[] }[] } | { ok: false; issues: ValidationIssue[] } {
  const errors: CsvError[] = [];
  let raw: RawRecord[];
  try {
    raw = parse(text, {
      bom: true,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      record_delimiter: ['\r\n', '\n', '\r'],
      // A record csv-parse cannot read is reported and left out; the rest is still checked.
      skip_records_with_error: true,
      on_skip: (err: CsvError | undefined) => {
        if (err) errors.push(err);
      },
    }) as unknown as RawRecord[];
  } catch (err) {
    errors.push(err as CsvError);
    raw = [];
  }
  // csv-parse finds an unclosed quote at the end of the file; the field it opened follows the last record read.
  const lastRead = raw.length > 0 ? raw[raw.length - 1].info.lines : 0;
  const problems = errors.map((err) => csvProblem(err, file, err.code === 'CSV_QUOTE_NOT_CLOSED' ? lastRead + 1 : undefined));
  if (raw.length === 0 && problems.length === 0) return { ok: false, issues: [issue(file, 'a header line naming the columns', 'an empty file')] };
  const width = raw.length > 0 ? raw[0].record.length : 0;
  for (const r of raw.slice(1)) {
    if (r.record.length !== width) problems.push(issue(`${file} line ${firstLine(r)}`, `${width} fields, as the header has`, `${r.record.length}`));
  }
  if (problems.length > 0) return { ok: false, issues: problems };
  return { ok: true, value: raw.map((r) => ({ line: firstLine(r), cells: r.record })) };
}

function csvProblem(err: CsvError, file: string, opened: number | undefined): ValidationIssue {
  const line = (err as { lines?: number }).lines;
  const message = String(err.message ?? err).split('\n')[0];
  const where = opened !== undefined && opened !== line ? ` (the field it leaves open starts on line ${opened})` : '';
  return issue(line !== undefined ? `${file} line ${line}` : file, 'well-formed CSV (RFC 4180: a quoted field ends with a quote before the next comma or line break)', `malformed CSV: ${message}${where}`);
}

const quoted = (s: string) => JSON.stringify(s.length > 60 ? `${s.slice(0, 57)}...` : s);

/** One number cell, checked against its field's schema node. */
function readNumber(n: NumberColumn, cell: string, at: string, line: number, problems: ValidationIssue[]): CellValue {
  const t = cell.trim();
  const expected = `${describeExpected(n.schema as never)}${n.required ? '' : ' or a DfE suppression code'}`;
  if (!n.required && (SUPPRESSION_CODES as readonly string[]).includes(t.toLowerCase())) return { value: null, line, code: t };
  const v = NUMBER_TEXT.test(t) ? Number(t) : NaN;
  const s = n.schema;
  const fits = Number.isFinite(v) && (s.type !== 'integer' || Number.isInteger(v)) && (s.minimum === undefined || v >= s.minimum) && (s.maximum === undefined || v <= s.maximum);
  if (!fits) {
    problems.push(issue(at, expected, quoted(cell)));
    return { value: null, line, code: t };
  }
  return { value: v, line };
}

const CODE = new RegExp((councilNode.properties?.code as { pattern?: string } | undefined)?.pattern ?? '^[EWSN][0-9]{8}$');

/**
 * The council rows of `year` in the CSV `text` (named `file` in messages): every problem in the
 * file at once, each with its line and column, what was expected and what was found.
 */
export function readCouncilRows(text: string, file: string, year: number): { ok: true; value: CouncilRows } | { ok: false; issues: ValidationIssue[] } {
  const parsed = records(text, file);
  if (!parsed.ok) return parsed;
  const [header, ...body] = parsed.value;
  const names = header.cells.map((h) => h.trim().toLowerCase());
  const index = (column: string) => names.indexOf(column);
  const problems: ValidationIssue[] = [];
  for (const column of REQUIRED_COLUMNS) {
    if (index(column) < 0) problems.push(issue(`${file} line ${header.line}`, `a column named ${column} (required: ${REQUIRED_COLUMNS.join(', ')})`, `the columns ${header.cells.map((h) => quoted(h)).join(', ')}`));
  }
  names.forEach((name, k) => {
    const first = names.indexOf(name);
    if (name !== '' && first !== k && (COUNCIL_CSV_COLUMNS as readonly string[]).includes(name)) problems.push(issue(`${file} line ${header.line}, column ${k + 1}`, `each column named once`, `a second column ${quoted(name)}`));
  });
  // The rows are still checked, so that every problem is listed at once.
  const cell = (cells: string[], column: string) => (index(column) < 0 ? undefined : cells[index(column)]);
  const level = index('geographic_level');
  const years = new Set<number>();
  const rows: CouncilRow[] = [];
  const seen = new Map<string, number>();
  for (const { line, cells } of body) {
    if (level >= 0 && cells[level].trim().toLowerCase() !== LOCAL_AUTHORITY_LEVEL.toLowerCase()) continue;
    const at = (column: string) => `${file} line ${line}, column ${column}`;
    const period = cell(cells, 'time_period') ?? String(year);
    const y = yearOf(period);
    if (y === undefined) {
      problems.push(issue(at('time_period'), 'a year (2021) or a DfE financial year (202021)', quoted(period)));
      continue;
    }
    years.add(y);
    if (y !== year) continue;
    const code = cell(cells, 'new_la_code')?.trim() ?? '';
    if (index('new_la_code') >= 0 && !CODE.test(code)) problems.push(issue(at('new_la_code'), 'an ONS code such as "E06000047" (a letter E, W, S or N and 8 digits)', quoted(code)));
    const name = (cell(cells, 'la_name') ?? '').trim().replace(NEUTRALISED, '');
    if (index('la_name') >= 0 && (name === '' || name.length > 200 || CONTROL.test(name))) problems.push(issue(at('la_name'), "the council's name (1 to 200 characters, no control characters)", quoted(name)));
    const first = seen.get(code);
    if (first !== undefined && code !== '') problems.push(issue(at('new_la_code'), `a council not already given for time_period ${year} (line ${first} gives it)`, quoted(code)));
    else seen.set(code, line);
    const values: Record<string, CellValue> = {};
    for (const n of NUMBER_COLUMNS) {
      const k = index(n.column);
      values[n.column] = k >= 0 ? readNumber(n, cells[k], at(n.column), line, problems) : { value: null, absent: true };
    }
    rows.push({ line, code, name, values });
  }
  if (problems.length > 0) return { ok: false, issues: problems };
  return { ok: true, value: { rows, years: [...years].sort((a, b) => a - b) } };
}
