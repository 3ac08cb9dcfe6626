/**
 * The run's history as chart series: rates per 10,000 children, and pounds at whole-region scale
 * (the simulated population's spend divided by `scale`), so charts read the same whatever sample
 * the scenario simulates. One preallocated ring buffer per series.
 */
import type { MarketRecord, MonthRecord } from '../sim/records';
import { PLACEMENTS, SPEND_CATEGORIES, type SpendCategory } from '../sim/states';
import { SeriesTable } from './ring';

export type SpendKey = `spend_${SpendCategory}`;
export type SeriesKey = 'care' | 'cp' | 'cin' | 'spend' | 'privatePrice' | 'councilPrice' | 'agencyPrice' | SpendKey;

export const spendKey = (c: SpendCategory): SpendKey => `spend_${c}`;

const KEYS: readonly SeriesKey[] = [
  'care',
  'cp',
  'cin',
  'spend',
  'privatePrice',
  'councilPrice',
  'agencyPrice',
  ...SPEND_CATEGORIES.map(spendKey),
];

/** 50 years of months: longer runs scroll, keeping the latest. */
export const HISTORY_MONTHS = 600;

export function inCare(record: MonthRecord): number {
  let n = 0;
  for (let i = 0; i < PLACEMENTS.length; i++) n += record.stocks[PLACEMENTS[i]];
  return n;
}

/** DfE's "children in need" count includes children on CP plans and looked-after children. */
export function childrenInNeedDfE(record: MonthRecord): number {
  return record.stocks.child_in_need + record.stocks.child_protection + inCare(record);
}

export function placementSpend(record: MonthRecord): number {
  let n = 0;
  for (let i = 0; i < PLACEMENTS.length; i++) n += record.spend[PLACEMENTS[i]];
  return n;
}

export interface Totals {
  /** Pounds since month 0, whole region. */
  cumulativeSpend: number;
  /** Last month's spend, whole region (a monthly average when months were coalesced). */
  monthlySpend: number;
  /** Placement spend per child in care, pounds a year (scale-free). */
  perChildInCarePerYear: number;
}

export class RunHistory {
  readonly series = new SeriesTable<SeriesKey>(KEYS, HISTORY_MONTHS);
  readonly totals: Totals = { cumulativeSpend: 0, monthlySpend: 0, perChildInCarePerYear: NaN };

  clear(): void {
    this.series.clear();
    this.totals.cumulativeSpend = 0;
    this.totals.monthlySpend = 0;
    this.totals.perChildInCarePerYear = NaN;
  }

  add(record: MonthRecord, market: MarketRecord, scale: number, coalesced: number): void {
    const per10k = record.children > 0 ? 10_000 / record.children : 0;
    const toRegion = 1 / scale;
    const months = Math.max(1, coalesced);
    const care = inCare(record);
    // Month 0 is the starting population: its record describes no simulated month, so no spend.
    const hasSpend = record.month > 0;
    this.series.push(record.month, (key) => {
      switch (key) {
        case 'care':
          return care * per10k;
        case 'cp':
          return record.stocks.child_protection * per10k;
        case 'cin':
          return childrenInNeedDfE(record) * per10k;
        case 'spend':
          return hasSpend ? (record.spendTotal * toRegion) / months : NaN;
        case 'privatePrice':
          return market.privateResidentialPricePerWeek;
        case 'councilPrice':
          return market.councilHomePricePerWeek;
        case 'agencyPrice':
          return market.agencyFosterPricePerWeek;
        default:
          return hasSpend ? (record.spend[key.slice(6) as SpendCategory] * toRegion) / months : NaN;
      }
    });
    if (hasSpend) this.totals.cumulativeSpend += record.spendTotal * toRegion;
    this.totals.monthlySpend = hasSpend ? (record.spendTotal * toRegion) / months : NaN;
    this.totals.perChildInCarePerYear = hasSpend && care > 0 ? ((placementSpend(record) / months) * 12) / care : NaN;
  }
}
