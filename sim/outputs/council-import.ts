/**
 * Councils from the checked rows of a council CSV (`council-csv.ts`): each figure cited by the
 * file, line and column it came from, and each figure not published (a DfE suppression code, an
 * empty cell or a column the file lacks) `null` with a source that says so, so the region's figure
 * is used (sim/scenario/councils/derive.ts). What a CSV does not hold comes from the base
 * scenario's council of the same code: its centroid when the file has none, and its calibration
 * (`fit`), which belongs to the model rather than to the published figures.
 */
import type { Council } from '../scenario/councils/schema';
import { issue, type ValidationIssue } from '../scenario/issues';
import { NUMBER_COLUMNS, type CellValue, type CouncilRow } from './council-csv';

export interface ImportOptions {
  /** the CSV as named in sources and messages */
  file: string;
  year: number;
  /** the base scenario's councils (empty when it has none) */
  base: readonly Council[];
  /** the base scenario as named in sources */
  baseName: string;
}

/** No calibration yet: each multiplier 1, the region's practice. */
export const UNCALIBRATED = { need: 1, protection: 1, care: 1 } as const;

/** A source is at most this long (the schema's limit). */
const MAX_SOURCE = 2000;
const clip = (s: string) => (s.length > MAX_SOURCE ? `${s.slice(0, MAX_SOURCE - 3)}...` : s);

function sourceOf(cell: CellValue, column: string, o: ImportOptions): string {
  if ('absent' in cell) return `not in ${o.file} (no column ${column}): the region's figure is used`;
  if (cell.value !== null) return `${o.file} line ${cell.line}, column ${column} (time_period ${o.year})`;
  return cell.code === ''
    ? `not given (empty) in ${o.file} line ${cell.line}, column ${column}: the region's figure is used`
    : `suppressed (${cell.code}) in ${o.file} line ${cell.line}, column ${column}: the region's figure is used`;
}

const foundOf = (cell: CellValue, column: string) => ('absent' in cell ? `no column ${column}` : cell.value === null ? (cell.code === '' ? 'an empty cell' : `the suppression code ${JSON.stringify(cell.code)}`) : String(cell.value));

/** The councils of `rows`, in the file's order, or every problem found (a centroid nowhere to be found, no rows). */
export function councilsFromRows(rows: readonly CouncilRow[], years: readonly number[], o: ImportOptions): { ok: true; value: Council[] } | { ok: false; issues: ValidationIssue[] } {
  if (rows.length === 0) {
    const found = years.length > 0 ? `none (the file's years: ${years.join(', ')})` : 'none';
    return { ok: false, issues: [issue(o.file, `rows of councils (geographic_level "Local authority") for time_period ${o.year}`, found)] };
  }
  const problems: ValidationIssue[] = [];
  const councils = rows.map((row) => {
    const same = o.base.find((c) => c.code === row.code);
    const sources: Record<string, string> = { name: `${o.file} line ${row.line}, column la_name`, code: `${o.file} line ${row.line}, column new_la_code` };
    const figure = new Map<string, number | null>();
    for (const n of NUMBER_COLUMNS) {
      const cell = row.values[n.column];
      figure.set(n.field, cell.value);
      if (!n.field.startsWith('centroid.')) sources[n.field] = sourceOf(cell, n.column, o);
    }
    const centroid = { lat: 0, lon: 0 };
    let fromBase = false;
    for (const axis of ['lat', 'lon'] as const) {
      const own = figure.get(`centroid.${axis}`) ?? null;
      if (own !== null) centroid[axis] = own;
      else if (same) {
        centroid[axis] = same.centroid[axis];
        fromBase = true;
      } else {
        problems.push(issue(`${o.file} line ${row.line}, column ${axis}`, `the council's ${axis === 'lat' ? 'latitude' : 'longitude'} (degrees), or a council ${row.code} in ${o.baseName} to take it from`, foundOf(row.values[axis], axis)));
      }
    }
    sources.centroid = fromBase
      ? clip(`as in ${o.baseName} for ${row.code} (not in ${o.file} line ${row.line}): ${same?.sources.centroid ?? 'no source given there'}`)
      : `${o.file} line ${row.line}, columns lat and lon`;
    sources.fit = same?.fit ? `as calibrated in ${o.baseName} for ${row.code}` : "not calibrated: 1 for each, the region's practice";
    const get = (field: string) => figure.get(field) ?? null;
    const council: Council = {
      code: row.code,
      name: row.name,
      children: get('children') as number,
      birthsPerYear: get('birthsPerYear'),
      childPovertyShare: get('childPovertyShare'),
      centroid,
      targets: { lookedAfterPer10k: get('targets.lookedAfterPer10k'), childProtectionPer10k: get('targets.childProtectionPer10k'), childrenInNeedPer10k: get('targets.childrenInNeedPer10k') },
      places: { la_residential: get('places.la_residential'), private_residential: get('places.private_residential'), inhouse_foster: get('places.inhouse_foster'), agency_foster: get('places.agency_foster') },
      fit: structuredClone(same?.fit ?? UNCALIBRATED),
      sources: Object.fromEntries(Object.entries(sources).map(([k, v]) => [k, clip(v)])),
    };
    return council;
  });
  return problems.length > 0 ? { ok: false, issues: problems } : { ok: true, value: councils };
}
