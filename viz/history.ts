/**
 * The run's history as chart series: rates per 10,000 children, and pounds at whole-region scale
 * (the simulated population's spend divided by `scale`), so charts read the same whatever sample
 * the scenario simulates. One preallocated ring buffer per series.
 */
import { childrenInNeedDfE, inCare, per10k, placementSpend, regionPounds } from '../sim/measures';
import type { MarketRecord, MonthRecord } from '../sim/records';
import { SPEND_CATEGORIES, type SpendCategory } from '../sim/states';
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
    const rate = (n: number) => per10k(n, record.children);
    const toRegion = (pounds: number) => regionPounds(pounds, scale);
    const months = Math.max(1, coalesced);
    const care = inCare(record.stocks);
    // Month 0 is the starting population: its record describes no simulated month, so no spend.
    const hasSpend = record.month > 0;
    this.series.push(record.month, (key) => {
      switch (key) {
        case 'care':
          return rate(care);
        case 'cp':
          return rate(record.stocks.child_protection);
        case 'cin':
          return rate(childrenInNeedDfE(record.stocks));
        case 'spend':
          return hasSpend ? toRegion(record.spendTotal) / months : NaN;
        case 'privatePrice':
          return market.privateResidentialPricePerWeek;
        case 'councilPrice':
          return market.councilHomePricePerWeek;
        case 'agencyPrice':
          return market.agencyFosterPricePerWeek;
        default:
          return hasSpend ? toRegion(record.spend[key.slice(6) as SpendCategory]) / months : NaN;
      }
    });
    if (hasSpend) this.totals.cumulativeSpend += toRegion(record.spendTotal);
    this.totals.monthlySpend = hasSpend ? toRegion(record.spendTotal) / months : NaN;
    this.totals.perChildInCarePerYear = hasSpend && care > 0 ? ((placementSpend(record.spend) / months) * 12) / care : NaN;
  }
}
