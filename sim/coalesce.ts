/**
 * Coalescing months into one snapshot while the page is behind. The worker never queues more than
 * one pending snapshot: each further month is folded into it, so memory stays flat however far the
 * page falls behind, and the page still sees every child counted (flows and spend summed).
 */
import { VIEW_CODE, type AnimationView } from './api-types';
import type { MonthRecord } from './records';

export function newView(size: number): AnimationView {
  // Three buffers, not one shared: each is transferred on its own and the transfer list must not repeat a buffer.
  return { state: new Uint8Array(size), prev: new Uint8Array(size), poor: new Uint8Array(size) };
}

export function isViewOfSize(value: unknown, size: number): value is AnimationView {
  if (value === null || typeof value !== 'object') return false;
  const v = value as Partial<Record<keyof AnimationView, unknown>>;
  return [v.state, v.prev, v.poor].every((a) => a instanceof Uint8Array && a.length === size);
}

export function copyRecord(r: MonthRecord): MonthRecord {
  return {
    month: r.month,
    children: r.children,
    stocks: { ...r.stocks },
    flows: { ...r.flows },
    careExits: { ...r.careExits },
    spend: { ...r.spend },
    spendTotal: r.spendTotal,
  };
}

function addCounts<K extends string>(into: Record<K, number>, from: Record<K, number>): void {
  for (const key of Object.keys(from) as K[]) into[key] = (into[key] ?? 0) + from[key];
}

/** Fold the next month into `total`: moves and money add up, stocks are those at the end. */
export function addMonth(total: MonthRecord, next: MonthRecord): void {
  total.month = next.month;
  total.children = next.children;
  total.stocks = { ...next.stocks };
  addCounts(total.flows, next.flows);
  addCounts(total.careExits, next.careExits);
  addCounts(total.spend, next.spend);
  total.spendTotal += next.spendTotal;
}

const isChild = (code: number): boolean => code !== VIEW_CODE.empty && code !== VIEW_CODE.exited;

/**
 * Fold the next month's view into a pending one, so that `prev` stays the code at the start of the
 * whole period (what the page last drew) and `state` the code at its end.
 *
 * A slot taken by a newborn during the period shows `prev = birth`; a child who left during the
 * period shows `state = exited` even if the exit was months ago. When one child left and another was
 * born into the same slot within the period, the page sees only the newborn (a sample of dots, so the
 * loss is one animation, never a count: counts come from the record).
 */
export function mergeView(pending: AnimationView, next: AnimationView): void {
  const n = Math.min(pending.state.length, next.state.length);
  for (let i = 0; i < n; i++) {
    if (next.prev[i] === VIEW_CODE.birth) pending.prev[i] = VIEW_CODE.birth;
    const now = next.state[i];
    const before = pending.state[i];
    pending.state[i] = now === VIEW_CODE.empty && (isChild(before) || before === VIEW_CODE.exited) ? VIEW_CODE.exited : now;
    pending.poor[i] = next.poor[i];
  }
}
