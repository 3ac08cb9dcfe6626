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

export function gapRows(records: readonly MonthRecord[], history: ObservedHistory, region: ObservedRegion): GapRow[] {
  const rows: GapRow[] = [];
  for (const record of marchRecords(records)) {
    const year = Number(record.date.slice(0, 4));
    for (const measure of COMPARABLE_MEASURES) {
      const model = modelRate(record, measure);
      const point = pointAt(seriesOf(history, region, measure), year);
      const observed = point?.value ?? null;
      const gap = observed === null ? null : model - observed;
      rows.push({
        year,
        month: record.month,
        measure,
        model,
        observed,
        kind: point?.kind,
        source: point?.source,
        note: observed === null ? (point?.note ?? 'no observed figure for this year') : undefined,
        gap,
        gapPercent: gap === null || observed === 0 || observed === null ? null : (gap / observed) * 100,
      });
    }
  }
  return rows;
}
