/**
 * A run against the observed series: for each 31 March inside the run (a month record whose `date`
 * is "YYYY-03"), the model's rate per 10,000, the observed rate and the gap. The model's rates come
 * from `sim/measures.ts`, so "looked after" and "children in need" mean what they mean everywhere.
 * Rates are ratios of the simulated population, so they need no `scale` correction.
 */
import { childrenInNeedDfE, inCare, per10k } from '../measures';
import type { MonthRecord } from '../records';
import { pointAt, seriesOf } from './history';
import { COMPARABLE_MEASURES, type ComparableMeasure, type FigureKind, type ObservedHistory, type ObservedRegion } from './types';

/** The model's rate of a comparable measure in one month record. */
export function modelRate(record: MonthRecord, measure: ComparableMeasure): number {
  const stocks = record.stocks;
  const count = measure === 'lookedAfter' ? inCare(stocks) : measure === 'childProtection' ? stocks.child_protection : childrenInNeedDfE(stocks);
  return per10k(count, record.children);
}

export interface GapRow {
  /** the 31 March of this year */
  year: number;
  /** the run month whose record is that March */
  month: number;
  measure: ComparableMeasure;
  model: number;
  /** null: no observed figure for the year (`note` says why where the file does) */
  observed: number | null;
  kind?: FigureKind;
  source?: string;
  note?: string;
  /** model - observed, and that as a % of observed (null without an observed figure) */
  gap: number | null;
  gapPercent: number | null;
}

/** The months of a run that are a 31 March: records dated "YYYY-03". */
export function marchRecords(records: readonly MonthRecord[]): MonthRecord[] {
  return records.filter((r) => r.date.endsWith('-03'));
}

/** A model rate beside the observed point of its year and measure. */
function gapRow(year: number, month: number, measure: ComparableMeasure, model: number, history: ObservedHistory, region: ObservedRegion): GapRow {
  const point = pointAt(seriesOf(history, region, measure), year);
  const observed = point?.value ?? null;
  const gap = observed === null ? null : model - observed;
  return {
    year,
    month,
    measure,
    model,
    observed,
    kind: point?.kind,
    source: point?.source,
    note: observed === null ? (point?.note ?? 'no observed figure for this year') : undefined,
    gap,
    gapPercent: gap === null || observed === 0 || observed === null ? null : (gap / observed) * 100,
  };
}

export function gapRows(records: readonly MonthRecord[], history: ObservedHistory, region: ObservedRegion): GapRow[] {
  const rows: GapRow[] = [];
  for (const record of marchRecords(records)) {
    const year = Number(record.date.slice(0, 4));
    for (const measure of COMPARABLE_MEASURES) rows.push(gapRow(year, record.month, measure, modelRate(record, measure), history, region));
  }
  return rows;
}

/**
 * Several runs of one scenario (seeds) against the observed series: the model's rate is the mean
 * over the runs of each 31 March's rate, and the gap is taken from that mean. The runs must cover
 * the same months (runs of one scenario to one end do).
 */
export function meanGapRows(runs: readonly (readonly MonthRecord[])[], history: ObservedHistory, region: ObservedRegion): GapRow[] {
  if (runs.length === 0) return [];
  const marches = runs.map(marchRecords);
  const months = marches[0].map((r) => r.month).join(',');
  if (marches.some((m) => m.map((r) => r.month).join(',') !== months)) throw new RangeError('meanGapRows: the runs cover different months');
  const rows: GapRow[] = [];
  marches[0].forEach((record, k) => {
    const year = Number(record.date.slice(0, 4));
    for (const measure of COMPARABLE_MEASURES) {
      const model = marches.reduce((sum, m) => sum + modelRate(m[k], measure), 0) / marches.length;
      rows.push(gapRow(year, record.month, measure, model, history, region));
    }
  });
  return rows;
}
