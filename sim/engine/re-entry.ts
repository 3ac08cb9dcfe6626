/**
 * Returns home that fail: a child who goes home from care may come back into care, at a hazard
 * that falls with time since the return (a higher one in the first year, a lower one to five
 * years, none after). About 30% of children returned home come back within five years (DfE 2013,
 * cited by NSPCC) and over a third within six (Goldacre et al. 2022); without this the model's
 * returns home almost never failed (re-entries 1.9% of entries), so a policy that sends children
 * home sooner carried none of the cost of the returns that break down (issue 21).
 *
 * Booked, not stepped: at the return home the child's time to re-entry is drawn once from the
 * piecewise-exponential hazard (one draw of its own stream, so common random numbers hold) and
 * booked in a month calendar; nothing is read in the months between. When the month comes, a
 * child not already back in care (by another route) enters care from wherever it is: an entry
 * like any other, counted by age and as a re-entry.
 */
import { AGE_OUT_MONTHS } from '../ages';
import { isCareCode, STATE_CODE as S } from '../states';
import { placeInCare } from './matching';
import { activePosOf, bornOf, PENDING_NEED, reEntryOf, setLeftCare, setPending, setReEntry, stateOf } from './population';
import { draw, type EngineState } from './state';
import { leaveWaiting } from './waiting-list';

/** Months since the return home at which the re-entry hazard changes, and after which it is zero. */
export const RE_ENTRY_FIRST_PERIOD = 12;
export const RE_ENTRY_HORIZON = 60;

/**
 * Months from a return home to re-entry, for an exponential variate `e` (mean 1), under hazards
 * `first` (per month, first year) and `later` (per month, to five years); Infinity if none.
 */
export function monthsToReEntry(e: number, first: number, later: number): number {
  const firstMass = first * RE_ENTRY_FIRST_PERIOD;
  if (e < firstMass) return e / first;
  const laterMass = later * (RE_ENTRY_HORIZON - RE_ENTRY_FIRST_PERIOD);
  if (e < firstMass + laterMass) return RE_ENTRY_FIRST_PERIOD + (e - firstMass) / later;
  return Infinity;
}

/** The chance of re-entry within `t` months of a return home. */
export function reEntryWithin(t: number, first: number, later: number): number {
  const mass = first * Math.min(t, RE_ENTRY_FIRST_PERIOD) + later * Math.max(0, Math.min(t, RE_ENTRY_HORIZON) - RE_ENTRY_FIRST_PERIOD);
  return 1 - Math.exp(-mass);
}

/**
 * Re-entries pending at set-up, from returns home before month 0 at a steady rate: for each
 * return, the months it leaves a booking pending, and the distribution of the months still to
 * run. A return t months ago whose re-entry falls r months from now contributed density f(t + r),
 * so the months still to run are distributed as F(60) - F(r) (F: the chance of re-entry within).
 */
export function pendingAtSetUp(first: number, later: number): { monthsPerReturn: number; cdf: Float64Array } {
  const cdf = new Float64Array(RE_ENTRY_HORIZON);
  const all = reEntryWithin(RE_ENTRY_HORIZON, first, later);
  let total = 0;
  for (let r = 0; r < RE_ENTRY_HORIZON; r++) {
    total += all - reEntryWithin(r + 0.5, first, later);
    cdf[r] = total;
  }
  if (total > 0) for (let r = 0; r < RE_ENTRY_HORIZON; r++) cdf[r] /= total;
  return { monthsPerReturn: total, cdf };
}

/** At set-up: the child in slot `i` (not in care) went home before month 0 and comes back `r + 1` months from now (`u` uniform). */
export function bookPendingReEntry(s: EngineState, i: number, cdf: Float64Array, u: number): void {
  let r = 0;
  while (r < cdf.length - 1 && u >= cdf[r]) r++;
  const month = 1 + r;
  if (month >= bornOf(s.children.a, i) + AGE_OUT_MONTHS) return;
  setReEntry(s.children.a, i, month);
  setLeftCare(s.children.a, i); // it was in care before: its entry will count as a re-entry
  s.reEntryCalendar.push(month, i);
}

/** The child in slot `i` went home from care in month `m`: book its re-entry, if the draw brings one before 18. */
export function bookReEntry(s: EngineState, i: number, m: number): void {
  const p = s.p;
  const e = -Math.log(1 - draw(s, i));
  const after = monthsToReEntry(e, p.reEntryFirstYear, p.reEntryLater);
  if (!Number.isFinite(after)) return;
  const month = m + 1 + Math.floor(after);
  // before the 18th birthday only: the slot then still holds this child when the month comes
  if (month >= bornOf(s.children.a, i) + AGE_OUT_MONTHS) return;
  setReEntry(s.children.a, i, month);
  s.reEntryCalendar.push(month, i);
}

/** Children booked to come back into care this month do, from wherever they are, unless already in care. */
export function reEnterCare(s: EngineState, m: number): void {
  const a = s.children.a;
  const due = s.reEntryCalendar.take(m);
  for (let k = 0; k < due.length; k++) {
    const i = due[k];
    // stale: a later return home booked another month
    if (reEntryOf(a, i) !== m) continue;
    setReEntry(a, i, 0);
    const code = stateOf(a, i);
    if (isCareCode(code) || m >= bornOf(a, i) + AGE_OUT_MONTHS) continue;
    const pos = activePosOf(a, i);
    if (pos === -1) {
      // waiting in universal services on its family's need clock (thinned while it is away)
      setPending(a, i, PENDING_NEED);
      placeInCare(s, i, code, m, true);
      continue;
    }
    // an active child draws from the table's counter: it is the child being stepped
    s.cur = pos;
    s.curSlot = i;
    if (code === S.universal) leaveWaiting(s, i);
    placeInCare(s, i, code, m, true);
    s.cur = s.curSlot = -1;
  }
}
