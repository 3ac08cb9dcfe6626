/**
 * What `npm run merge` checks in every line of a part, beyond its digest: a digest only proves the
 * part is what its manifest says, and whoever edits a part can recompute both. So each line is
 * also read for what it claims: the JSON header is the header `npm run sim` writes; a run is a run
 * of the manifest's experiment (its seed, one record per month); every count is a whole number
 * >= 0 and every amount of money a finite number >= 0. Each check returns what is wrong, or
 * undefined, for the caller to name the part and the line.
 */
import { TIDY_HEADER } from '../outputs/tidy';
import { measures, type RunOutput } from '../output';
import type { MonthRecord } from '../records';
import type { Manifest } from './manifest';

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const shown = (v: unknown): string => (typeof v === 'string' ? JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v) : String(JSON.stringify(v) ?? v));

/** Pounds may have pence; everything else in a month record's measures is a count of children or moves. */
const isMoney = (measure: string): boolean => measure === 'spendTotal' || measure.startsWith('spend.');

/** What is wrong with one measure's value, or undefined. */
export function valueProblem(measure: string, value: unknown): string | undefined {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) return `${measure} is ${shown(value)}, expected a number >= 0`;
  if (!isMoney(measure) && !Number.isInteger(value)) return `${measure} is ${shown(value)}, expected a whole number of children (a count)`;
  return undefined;
}

/** The JSON header line: `{"scenario":"…","scale":S,"runs":[` with the manifest's scale, nothing else. */
export function headerProblem(line: string, manifest: Manifest): string | undefined {
  let doc: unknown;
  try {
    doc = JSON.parse(`${line}]}`);
  } catch {
    return 'the header is not the start of a JSON document ({"scenario": ..., "scale": ..., "runs": [)';
  }
  if (!isObject(doc) || Object.keys(doc).join(',') !== 'scenario,scale,runs') return 'the header has other fields than scenario, scale and runs';
  if (typeof doc.scenario !== 'string') return `the header's scenario is ${shown(doc.scenario)}, expected its name`;
  if (doc.scale !== manifest.scale) return `the header's scale is ${shown(doc.scale)}, the manifest's ${manifest.scale}`;
  return undefined;
}

/**
 * One run line of a JSON part: `{"seed": N, "months": [month 0, month 1, ...]}` with sound counts
 * and, when given, `months` records. Returns what is wrong, or the number of month records.
 */
export function runProblem(line: string, seed: number, months?: number): string | number {
  let run: unknown;
  try {
    run = JSON.parse(line);
  } catch {
    return 'the run is not valid JSON';
  }
  if (!isObject(run) || !Array.isArray(run.months) || run.months.length === 0) return 'not a run ({"seed": ..., "months": [...]})';
  if (run.seed !== seed) return `its seed is ${shown(run.seed)} where the line starts with seed ${seed}`;
  if (months !== undefined && run.months.length !== months) return `it has ${run.months.length} month records where the first run has ${months}`;
  for (const [m, record] of (run as unknown as RunOutput).months.entries()) {
    const problem = recordProblem(record, m);
    if (problem) return `month ${m}: ${problem}`;
  }
  return run.months.length;
}

function recordProblem(record: unknown, month: number): string | undefined {
  if (!isObject(record) || record.month !== month) return `not the month record of month ${month}`;
  let pairs: [string, number][];
  try {
    pairs = measures(record as unknown as MonthRecord);
  } catch {
    return 'a month record without its stocks, flows, exits or spend';
  }
  for (const [name, value] of pairs) {
    const problem = valueProblem(name, value);
    if (problem) return problem;
  }
  return undefined;
}

/** A CSV line's cells (RFC 4180), or what is wrong with its quoting. */
export function csvCells(line: string): string[] | string {
  const cells: string[] = [];
  let k = 0;
  for (;;) {
    if (line[k] === '"') {
      let cell = '';
      k++;
      for (;;) {
        if (k >= line.length) return 'a quoted cell is never closed';
        if (line[k] === '"') {
          if (line[k + 1] !== '"') break;
          cell += '"';
          k += 2;
        } else cell += line[k++];
      }
      k++;
      cells.push(cell);
      if (k < line.length && line[k] !== ',') return 'text after a quoted cell';
    } else {
      const end = line.indexOf(',', k);
      const cell = line.slice(k, end === -1 ? line.length : end);
      if (cell.includes('"')) return 'a quote inside an unquoted cell';
      cells.push(cell);
      k = end === -1 ? line.length : end;
    }
    if (k >= line.length) return cells;
    k++; // the comma
  }
}

const MEASURE = /^(children|careReEntries|uascLookedAfter|spendTotal|(stock|flow|careExit|careExitByReason|lookedAfterByAge|careEntriesByAge|legalStatus|spend|market)\.[A-Za-z0-9_>]+)$/;

/** Where a CSV part is in its runs: the seeds it may hold and the last row read. */
export interface CsvPosition {
  firstSeed: number;
  lastSeed: number;
  seed?: number;
  month?: number;
  scenario?: string;
}

/** One row of a CSV part (`scenario,scale,seed,month,measure,value`), read in order. */
export function csvRowProblem(line: string, manifest: Manifest, at: CsvPosition): string | undefined {
  const cells = csvCells(line);
  if (typeof cells === 'string') return cells;
  if (cells.length !== 11) return `${cells.length} cells, expected 11 (${TIDY_HEADER.trim()})`;
  const [scenario, variant, runText, seedText, monthText, , , measure, , valueText, council] = cells;
  if (council !== '' && !/^[EWSN][0-9]{8}$/.test(council)) return `council ${shown(council)}, expected empty (the region) or an ONS code`;
  if (at.scenario !== undefined && scenario !== at.scenario) return `scenario ${shown(scenario)} where earlier rows have ${shown(at.scenario)}`;
  at.scenario = scenario;
  if (variant !== '') return `variant ${shown(variant)}, expected none (npm run sim writes no variants)`;
  const seed = /^-?\d+$/.test(seedText) ? Number(seedText) : NaN;
  if (!(seed >= at.firstSeed && seed <= at.lastSeed)) return `seed ${shown(seedText)}, expected one of the part's seeds ${at.firstSeed}-${at.lastSeed}`;
  if (runText !== String(seed - manifest.seed)) return `run ${shown(runText)} for seed ${seed}, expected ${seed - manifest.seed}`;
  const month = /^\d+$/.test(monthText) ? Number(monthText) : NaN;
  if (!(month <= manifest.months)) return `month ${shown(monthText)}, expected 0 to ${manifest.months}`;
  if (at.seed !== undefined && (seed < at.seed || (seed === at.seed && month < (at.month ?? 0)))) return `seed ${seed} month ${month} after seed ${at.seed} month ${at.month}: rows out of order`;
  at.seed = seed;
  at.month = month;
  if (!MEASURE.test(measure)) return `measure ${shown(measure)} is not one npm run sim writes`;
  // Whole-region values (the sample's divided by its scale): not whole numbers, but never negative.
  const value = valueText.trim() === '' ? NaN : Number(valueText);
  return Number.isFinite(value) && value >= 0 ? undefined : `${measure} is ${shown(valueText)}, expected a number >= 0`;
}
