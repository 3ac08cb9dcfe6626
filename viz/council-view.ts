/**
 * Which area the single-run view shows: the region, or one of its councils. The charts, the tables
 * and the figures read their month record through `recordFor`, so none of them needs to know about
 * councils; the map keeps drawing the region. Also the small multiples' figures (one row per
 * council). No DOM here.
 */
import { scaleLinear } from 'd3-scale';
import { inCare, per10k } from '../sim/measures';
import type { CouncilMonthRecord, MonthRecord } from '../sim/records';

/** The choice that shows the whole region (what every scenario without councils shows). */
export const REGION = 'region';
/** The region the shipped scenarios model (as the observed overlay: sim/observed/overlay.ts). */
export const REGION_LABEL = 'North East (region)';

export interface AreaOption {
  /** `REGION` or the council's ONS code. */
  value: string;
  label: string;
}

/** The month record of the area chosen: a council's own record, or the region's when the choice is the region or names no council of the record. */
export function recordFor(record: MonthRecord, choice: string): MonthRecord {
  if (choice === REGION) return record;
  return record.councils?.[choice] ?? record;
}

/** The choices for a scenario: the region, then each council in the scenario's order; none without councils. */
export function areaOptions(councils: readonly { code: string; name: string }[] | undefined): AreaOption[] {
  if (!councils || councils.length === 0) return [];
  return [{ value: REGION, label: REGION_LABEL }, ...councils.map((c) => ({ value: c.code, label: c.name }))];
}

/** A choice that still makes sense for the scenario's options, else the region. */
export function keptChoice(choice: string, options: readonly AreaOption[]): string {
  return options.some((o) => o.value === choice) ? choice : REGION;
}

/** One council's row in the small multiples, at the month of the record it came from. */
export interface CouncilFigures {
  lookedAfterPer10k: number;
  childProtectionPer10k: number;
  /**
   * Percent of children in children's homes (council-run and private) living outside their own
   * council; NaN when the council has no child in a children's home.
   */
  homesOutsidePercent: number;
}

export function councilFigures(r: CouncilMonthRecord): CouncilFigures {
  const inHomes = r.stocks.la_residential + r.stocks.private_residential;
  const outside = r.outsideCouncilByType.la_residential + r.outsideCouncilByType.private_residential;
  return {
    lookedAfterPer10k: per10k(inCare(r.stocks), r.children),
    childProtectionPer10k: per10k(r.stocks.child_protection, r.children),
    homesOutsidePercent: inHomes > 0 ? (outside / inHomes) * 100 : NaN,
  };
}

export interface CouncilRow extends CouncilFigures {
  code: string;
  name: string;
  /** Looked after per 10,000 in each record given, in order (a record without the council gives NaN). */
  lookedAfterSeries: number[];
  /** The months of `lookedAfterSeries`. */
  months: number[];
}

/**
 * The small multiples: each council's figures in the latest record, and its looked-after rate over
 * every record (the snapshots received, which may each cover several months).
 */
export function councilRows(councils: readonly { code: string; name: string }[], records: readonly MonthRecord[]): CouncilRow[] {
  const latest = records[records.length - 1];
  const months = records.map((r) => r.month);
  return councils.map(({ code, name }) => {
    const now = latest?.councils?.[code];
    const figures: CouncilFigures = now ? councilFigures(now) : { lookedAfterPer10k: NaN, childProtectionPer10k: NaN, homesOutsidePercent: NaN };
    const lookedAfterSeries = records.map((r) => {
      const c = r.councils?.[code];
      return c ? per10k(inCare(c.stocks), c.children) : NaN;
    });
    return { code, name, ...figures, lookedAfterSeries, months };
  });
}

export const SPARK_WIDTH = 120;
export const SPARK_HEIGHT = 28;

/** An SVG polyline path of `values` over `months` (gaps at NaN), scaled to the sparkline's box. */
export function sparkPath(months: readonly number[], values: readonly number[], width = SPARK_WIDTH, height = SPARK_HEIGHT): string {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  if (lo > hi || months.length === 0) return '';
  const x = scaleLinear().domain([months[0], Math.max(months[0] + 1, months[months.length - 1])]).range([1, width - 1]);
  // A flat line sits in the middle (d3-scale maps an empty domain to the middle of the range).
  const y = scaleLinear().domain([lo, hi]).range([height - 2, 2]);
  let d = '';
  let pen = false;
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i])) {
      pen = false;
      continue;
    }
    d += `${pen ? 'L' : 'M'}${x(months[i]).toFixed(1)},${y(values[i]).toFixed(1)}`;
    pen = true;
  }
  return d;
}

