/**
 * The comparison as an Excel workbook, for a decision paper's annex: summary, A and B over time,
 * parameters with their citations, sources, levers, and seeds and versions. Written with
 * write-excel-file's "universal" entry (plain JavaScript and fflate, a Blob out), so the app and
 * `npm run compare -- --format xlsx` make the same file.
 */
import writeXlsxFile, { type Cell, type CellObject, type Row, type SheetData } from 'write-excel-file/universal';
import type { Scenario } from '../scenario/schema';
import { OUTCOMES } from './outcomes';
import { leverSteps, parameterRows, sourcesOf } from './parameters';
import { BUNDLE_SCHEMA_VERSION, ENGINE_VERSION } from './bundle';
import { bandsOf, SIDES, type ComparisonSummary, type PairedResults } from './summary';
import type { LeverChange } from '../levers';
import { neutraliseFormula } from '../text/csv';

export interface WorkbookSide {
  name: string;
  scenario: Scenario;
  levers: readonly LeverChange[];
}

export interface WorkbookInput {
  a: WorkbookSide;
  b: WorkbookSide;
  summary: ComparisonSummary;
  results: PairedResults;
  /** e.g. the scale, the digest, when it was made */
  facts: [string, string | number][];
}

const head = (...titles: string[]): Row => titles.map((value) => ({ value, fontWeight: 'bold' as const }));
const num = (v: number): Cell => (Number.isFinite(v) ? v : null);
/** A parameter or lever value: a number stays a number cell; anything else is shown as JSON text. */
const text = (v: unknown): Cell => (v === undefined ? '' : typeof v === 'string' ? v : typeof v === 'number' ? num(v) : JSON.stringify(v));
const VERDICT = { enough: 'yes', more: 'more seeds would help', 'no-difference': 'no difference in any seed' } as const;

function summarySheet(s: ComparisonSummary): SheetData {
  const rows: SheetData = [head('outcome', 'label', 'unit', 'month', 'A mean', 'A median', 'A 5%', 'A 95%', 'B mean', 'B median', 'B 5%', 'B 95%', 'B - A mean', 'B - A 95% low', 'B - A 95% high', 'enough seeds?')];
  s.outcomes.forEach((r, k) => {
    rows.push([r.id, r.label, r.unit, r.month, ...SIDES.flatMap((side) => [r[side].mean, r[side].median, r[side].low, r[side].high].map(num)), num(r.difference.mean), num(r.difference.low), num(r.difference.high), VERDICT[s.precision[k].verdict]]);
  });
  return rows;
}

function seriesSheet(results: PairedResults, months: number): SheetData {
  const rows: SheetData = [head('outcome', 'unit', 'month', 'A median', 'A 5%', 'A 95%', 'B median', 'B 5%', 'B 95%', 'B - A mean', 'B - A 95% low', 'B - A 95% high')];
  for (const o of OUTCOMES) {
    const bands = bandsOf(results, o, months);
    for (let m = o.from; m <= months; m++) {
      const d = bands.difference[m];
      rows.push([o.id, o.unit, m, ...SIDES.flatMap((side) => [bands[side][m].median, bands[side][m].low, bands[side][m].high].map(num)), num(d.mean), num(d.low), num(d.high)]);
    }
  }
  return rows;
}

function parametersSheet(a: Scenario, b: Scenario): SheetData {
  const rows: SheetData = [head('parameter', 'description', 'unit', 'A', 'B', 'differs', 'citation')];
  for (const p of parameterRows(a, b)) rows.push([p.path, p.description, p.unit, text(p.a), text(p.b), p.differs ? 'yes' : '', p.citation]);
  return rows;
}

function sourcesSheet(a: Scenario, b: Scenario): SheetData {
  const rows: SheetData = [head('scenario', 'id', 'citation', 'url')];
  for (const [label, s] of [['A', a], ['B', b]] as const) for (const src of sourcesOf(s)) rows.push([label, src.id, src.citation, src.url ?? '']);
  return rows;
}

function leversSheet(input: WorkbookInput): SheetData {
  const rows: SheetData = [head('scenario', 'month', 'path', 'from', 'to')];
  for (const [label, side] of [['A', input.a], ['B', input.b]] as const) {
    for (const { change, before } of leverSteps(side.scenario, side.levers)) rows.push([label, change.month, change.path, text(before), text(change.value)]);
  }
  if (rows.length === 1) rows.push(['(no lever changes: both scenarios run as written)']);
  return rows;
}

function versionsSheet(input: WorkbookInput): SheetData {
  return [
    head('what', 'value'),
    ['A', input.a.name],
    ['B', input.b.name],
    ['seeds', input.summary.seeds.join(' ')],
    ['months', input.summary.months],
    ['horizons (months)', input.summary.horizons.join(' ')],
    ['engine version', ENGINE_VERSION],
    ['bundle format version', BUNDLE_SCHEMA_VERSION],
    ...input.facts.map(([k, v]): Row => [k, v]),
  ];
}

/**
 * Every text cell through the one neutraliser (`sim/text/csv.ts`): a name or citation beginning
 * with `=` is shown, never run, by whoever opens the workbook. Numbers are untouched.
 */
const isCellObject = (cell: Cell): cell is CellObject => cell !== null && typeof cell === 'object' && !(cell instanceof Date) && 'value' in cell;
function safeCell(cell: Cell): Cell {
  if (typeof cell === 'string') return neutraliseFormula(cell);
  if (isCellObject(cell) && typeof cell.value === 'string') return { ...cell, value: neutraliseFormula(cell.value) };
  return cell;
}
const safeSheet = (rows: SheetData): SheetData => rows.map((row) => row.map(safeCell));

export function comparisonWorkbook(input: WorkbookInput): Promise<Blob> {
  const { a, b } = input;
  return writeXlsxFile([
    { data: safeSheet(summarySheet(input.summary)), sheet: 'Summary', stickyRowsCount: 1 },
    { data: safeSheet(seriesSheet(input.results, input.summary.months)), sheet: 'A vs B series', stickyRowsCount: 1 },
    { data: safeSheet(parametersSheet(a.scenario, b.scenario)), sheet: 'Parameters', stickyRowsCount: 1 },
    { data: safeSheet(sourcesSheet(a.scenario, b.scenario)), sheet: 'Sources', stickyRowsCount: 1 },
    { data: safeSheet(leversSheet(input)), sheet: 'Levers', stickyRowsCount: 1 },
    { data: safeSheet(versionsSheet(input)), sheet: 'Seeds and versions' },
  ]).toBlob();
}
