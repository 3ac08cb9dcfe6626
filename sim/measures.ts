/**
 * Derived measures, defined once: the engine, the CLI's compare, the app and the tests all read
 * them from here, so "in care" or "children in need" cannot mean two things.
 */
import { PLACEMENTS, STATES, type SpendCategory, type StateId } from './states';

export type Stocks = Readonly<Record<StateId, number>>;

/** Children looked after: the sum over placement types. */
export function inCare(stocks: Stocks): number {
  let n = 0;
  for (const p of PLACEMENTS) n += stocks[p];
  return n;
}

/** Pounds spent on placements (every placement type; not care leavers, allowances or other services). */
export function placementSpend(spend: Readonly<Record<SpendCategory, number>>): number {
  let pounds = 0;
  for (const p of PLACEMENTS) pounds += spend[p];
  return pounds;
}

/** Part of a whole as a percentage (0 for an empty whole). */
export function percentOf(part: number, whole: number): number {
  return whole > 0 ? (part / whole) * 100 : 0;
}

/** Cases open to children's social care (assessment, CIN, CP, care): what social workers hold. */
export function openCases(stocks: Stocks): number {
  return stocks.assessment + stocks.child_in_need + stocks.child_protection + inCare(stocks);
}

/**
 * Children in need as the DfE counts them: CIN plans plus children on CP plans plus looked-after
 * children (DOMAIN.md, "definition trap"). The model's `child_in_need` state excludes the other two.
 */
export function childrenInNeedDfE(stocks: Stocks): number {
  return stocks.child_in_need + stocks.child_protection + inCare(stocks);
}

/** A count as a rate per 10,000 children (0 for an empty population). */
export function per10k(count: number, children: number): number {
  return children > 0 ? (count / children) * 10000 : 0;
}

/** Pounds for the simulated sample scaled up to the whole region. */
export function regionPounds(pounds: number, scale: number): number {
  return pounds / scale;
}

/** The state counts of an engine's stock array as a record keyed by state id. */
export function stocksOf(stock: ArrayLike<number>): Record<StateId, number> {
  const out = {} as Record<StateId, number>;
  STATES.forEach((id, k) => (out[id] = stock[k]));
  return out;
}

/** Split a flow key `from>to` into its ends. */
export function flowEnds(key: string): [string, string] {
  const at = key.indexOf('>');
  return [key.slice(0, at), key.slice(at + 1)];
}
