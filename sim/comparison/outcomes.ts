/**
 * The outcomes a comparison reports: one registry, read by the summary table, the charts, the
 * exports and `npm run compare`. A new measure plugs in with one entry built from a helper below
 * (a stock rate, a share, a flow rate, money over a window); its readers take a month's record and
 * market figures, so fields the engine adds later (e.g. `lookedAfterByAge`) are read the same way.
 *
 * Every outcome is a series over the months of one run (months 0..M): the value at month m is what
 * the outcome means "at month m" (a stock then; money in the 12 months to m; money since the
 * start). The worker computes these series next to the engine and sends only them; the summary
 * reads a horizon's value from the series, so the app and the CLI share one computation.
 */
import { childrenInNeedDfE, flowEnds, inCare, per10k, percentOf, placementSpend, regionPounds } from '../measures';
import type { MarketRecord, MonthRecord } from '../records';
import { PLACEMENTS } from '../states';

/** What one simulated month offers an outcome's readers. */
export interface MonthView {
  record: MonthRecord;
  market: MarketRecord;
}

/** Children placed out of area at the end of the month, as the month record carries it. */
export const outOfAreaOf = (v: MonthView): number => v.record.outOfArea;

export type Reader = (v: MonthView) => number;

/** How a value is written for people: the table, the charts and the text output share it. */
export type OutcomeFormat = 'rate' | 'percent' | 'millions' | 'pounds';

export interface Outcome {
  id: string;
  label: string;
  unit: string;
  format: OutcomeFormat;
  /** first month with a meaningful value (flows and money start at month 1) */
  from: number;
  /**
   * Equivalence margin, in the outcome's unit: a difference B - A whose whole range (chance and
   * assumptions) lies within +-margin is "no meaningful difference" (a committee would not act on
   * it). Set per outcome in the registry below.
   */
  margin?: number;
  /** the outcome's value at every month 0..M of one run; `scale` is the simulated share of the population */
  series(months: readonly MonthView[], scale: number): Float64Array;
}

const YEAR = 12;

function eachMonth(months: readonly MonthView[], from: number, valueAt: (m: number) => number): Float64Array {
  const out = new Float64Array(months.length).fill(NaN);
  for (let m = from; m < months.length; m++) out[m] = valueAt(m);
  return out;
}

/** Sum of `read` over the 12 months to m (fewer before month 12; month 0 has no flows or spend). */
function yearSum(months: readonly MonthView[], m: number, read: Reader): number {
  let sum = 0;
  for (let k = Math.max(1, m - YEAR + 1); k <= m; k++) sum += read(months[k]);
  return sum;
}

const children: Reader = (v) => v.record.children;

/** A stock at month m per 10,000 children. */
export function stockRate(id: string, label: string, count: Reader): Outcome {
  return { id, label, unit: 'per 10,000 children', format: 'rate', from: 0, series: (ms) => eachMonth(ms, 0, (m) => per10k(count(ms[m]), ms[m].record.children)) };
}

/** `part` as a percentage of `whole` at month m (0 when `whole` is 0). */
export function stockShare(id: string, label: string, unit: string, part: Reader, whole: Reader): Outcome {
  return {
    id,
    label,
    unit,
    format: 'percent',
    from: 0,
    series: (ms) =>
      eachMonth(ms, 0, (m) => percentOf(part(ms[m]), whole(ms[m]))),
  };
}

/** Moves in the 12 months to m per 10,000 children a year (child-months in the denominator). */
export function flowRate(id: string, label: string, count: Reader): Outcome {
  return {
    id,
    label,
    unit: 'per 10,000 children a year, in the 12 months to then',
    format: 'rate',
    from: 1,
    series: (ms) => eachMonth(ms, 1, (m) => per10k(yearSum(ms, m, count), yearSum(ms, m, children)) * YEAR),
  };
}

/** Whole-region pounds (millions) in the 12 months to m. */
export function moneyInYear(id: string, label: string, pounds: Reader): Outcome {
  return { id, label, unit: '£m, whole region, in the 12 months to then', format: 'millions', from: 1, series: (ms, scale) => eachMonth(ms, 1, (m) => regionPounds(yearSum(ms, m, pounds), scale) / 1e6) };
}

/** Whole-region pounds (millions) from month 1 to m. */
export function moneySinceStart(id: string, label: string, pounds: Reader): Outcome {
  return {
    id,
    label,
    unit: '£m, whole region, since the start',
    format: 'millions',
    from: 1,
    series: (ms, scale) => {
      const out = new Float64Array(ms.length).fill(NaN);
      let sum = 0;
      for (let m = 1; m < ms.length; m++) {
        sum += pounds(ms[m]);
        out[m] = regionPounds(sum, scale) / 1e6;
      }
      return out;
    },
  };
}

/** Pounds in the 12 months to m, a year, per child counted by `count` (its mean over those months). Scale cancels. */
export function poundsPerChild(id: string, label: string, unit: string, pounds: Reader, count: Reader): Outcome {
  return {
    id,
    label,
    unit,
    format: 'pounds',
    from: 1,
    series: (ms) =>
      eachMonth(ms, 1, (m) => {
        const span = Math.min(m, YEAR);
        const perMonth = yearSum(ms, m, pounds) / span;
        const meanCount = yearSum(ms, m, count) / span;
        return meanCount > 0 ? (perMonth * YEAR) / meanCount : NaN;
      }),
  };
}

const CARE = new Set<string>(PLACEMENTS);
/** Flows in a month that match `matches(from, to)`. */
const flows =
  (matches: (from: string, to: string) => boolean): Reader =>
  (v) => {
    let n = 0;
    for (const [key, value] of Object.entries(v.record.flows)) {
      const [from, to] = flowEnds(key);
      if (matches(from, to)) n += value;
    }
    return n;
  };
const placementPounds: Reader = (v) => placementSpend(v.record.spend);
const lookedAfter: Reader = (v) => inCare(v.record.stocks);

const within = (margin: number, o: Outcome): Outcome => ({ ...o, margin });

/**
 * The registry, in the order tables and exports list it. Margins (assumptions of what matters, not
 * findings): 1 per 10,000 of a stock (about 50 children in the North East), 5 for children in need,
 * half to one percentage point of a share, £1m a year, £5m since the start, £1,000 per child a year.
 */
export const OUTCOMES: readonly Outcome[] = [
  within(1, stockRate('lookedAfter', 'Children in care', lookedAfter)),
  within(1, stockRate('childProtection', 'On child protection plans', (v) => v.record.stocks.child_protection)),
  within(5, stockRate('childrenInNeed', 'Children in need (DfE: CIN, CP and in care)', (v) => childrenInNeedDfE(v.record.stocks))),
  within(0.5, stockShare('privateHomes', 'In private children\u2019s homes', '% of children in care', (v) => v.record.stocks.private_residential, lookedAfter)),
  within(1, stockShare('outOfArea', 'Placed out of area', '% of children in care', outOfAreaOf, lookedAfter)),
  within(1, stockShare('aged16Plus', 'Children in care aged 16 and over', '% of children in care', (v) => v.record.lookedAfterByAge['16_plus'], lookedAfter)),
  within(1, stockShare('section20', 'Accommodated under section 20 (V2)', '% of children in care', (v) => v.record.lookedAfterByLegalStatus.V2, lookedAfter)),
  within(10, flowRate('referrals', 'Referrals', flows((_from, to) => to === 'assessment'))),
  within(1, flowRate('entriesToCare', 'Entries to care', flows((from, to) => !CARE.has(from) && CARE.has(to)))),
  within(1, moneyInYear('spendInYear', 'Spend in the year', (v) => v.record.spendTotal)),
  within(5, moneySinceStart('spendSinceStart', 'Spend since the start', (v) => v.record.spendTotal)),
  within(1000, poundsPerChild('spendPerChildInCare', 'Placement spend per child in care', '£ a year per child in care, in the 12 months to then', placementPounds, lookedAfter)),
  within(0.5, moneyInYear('earlyHelpInYear', 'Early-help spend in the year', (v) => v.record.spend.early_help + v.record.spend.early_help_unused)),
  within(0.5, moneyInYear('earlyHelpUnusedInYear', 'Early-help capacity unused in the year', (v) => v.record.spend.early_help_unused)),
];

export function outcomeById(id: string): Outcome | undefined {
  return OUTCOMES.find((o) => o.id === id);
}

/** One run's series, keyed by outcome id. */
export type RunSeries = Record<string, Float64Array>;

export function seriesOfRun(months: readonly MonthView[], scale: number, outcomes: readonly Outcome[] = OUTCOMES): RunSeries {
  const out: RunSeries = {};
  for (const o of outcomes) out[o.id] = o.series(months, scale);
  return out;
}
