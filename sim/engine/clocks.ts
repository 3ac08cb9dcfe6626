/**
 * Clocks: each family's need clock and poverty clock, the re-referral date of a closed case, their
 * booking in the month calendars and their rescaling when a hazard changes.
 *
 * A clock holds the time its event falls due under the current hazard. When the hazard changes at
 * time t, the remaining hazard mass (due - t) x rate is kept and spread at the new rate: exact for
 * a piecewise-constant hazard, and no new draw is taken, so common random numbers survive levers.
 *
 * Needs: a child waiting in universal services has a need hazard r that depends on its family
 * (poverty, risk factors) and on its age (thinned: see keepsNeedAtAge). Rather than a clock per child, each family has one clock at the
 * total hazard of all its children, size x r: when it falls due, one of its children is picked
 * (equally likely) and the need is that child's if it waits in universal services; otherwise
 * nothing happens (thinning). Either way the clock restarts with a fresh draw (memoryless). Each
 * child's needs are then exactly a process of rate r while it waits and 0 otherwise, as with a
 * clock of its own; but the family's clock moves only when its size or poverty changes, not when
 * a child enters or leaves the system, and a poverty change moves one number, not one per child.
 * About 93% of children wait in universal services, so few events are thinned out.
 *
 * Calendar entries are lazy: a change that makes an event later leaves the entry where it was, as a
 * checkpoint (the event is re-booked when the entry comes up); only an earlier event books anew.
 */
import { AGE_OUT_MONTHS, dfeAgeBandOf } from '../ages';
import { STATE_CODE as S } from '../states';
import { exponential, uniform } from './rng';
import {
  bornOf,
  EMPTY,
  FAMILY_SHIFT,
  FAMILY_SLOTS,
  flagsOf,
  needBookedOf,
  needDueOf,
  PENDING_JOIN,
  PENDING_NEED,
  PENDING_REREFERRAL,
  pendingOf,
  POOR_BIT,
  PREFETCH_BATCH,
  prefetchChildren,
  povertyBit,
  povertyBookedOf,
  povertyDueOf,
  RISK_FACTORS,
  riskBits,
  setNeedBooked,
  setNeedDue,
  setPending,
  setPovertyBooked,
  setPovertyDue,
  setReReferral,
  sizeOf,
  stateOf,
  takeNeedDraw,
  takePovertyDraw,
} from './population';
import type { EngineParams } from '../params';
import type { EngineState } from './state';

/** Hazards are kept above zero so a clock's remaining mass survives a zero rate (an event ~1e12 months away). */
export const MIN_RATE = 1e-12;
/** An event drawn at the instant of booking still falls after it. */
const EPSILON_MONTH = 1e-9;

/** Uniform draws from a family's own streams (its poverty and its needs: a change to one leaves the other's draws alone). */
export function familyDraw(s: EngineState, fam: number): number {
  return uniform(s.keys.family, fam, takePovertyDraw(s.families, fam));
}
function needDraw(s: EngineState, fam: number): number {
  return uniform(s.keys.need, fam, takeNeedDraw(s.families, fam));
}

/** The need hazard of one child (per month) for every value of a family's flags, from the parameters in force. */
export function updateNeedRates(s: EngineState): void {
  const p = s.p;
  const povertyMult = [1, p.povertyNeedRatio];
  for (let flags = 0; flags < s.needRate.length; flags++) {
    let m = povertyMult[povertyBit(flags)];
    for (let k = 0; k < RISK_FACTORS; k++) if (riskBits(flags) & (1 << k)) m *= p.riskHazardRatio[k];
    // at the largest age multiplier: a need picked for a child is kept with chance ratio / max (nextNeedEvent)
    s.needRate[flags] = Math.max(MIN_RATE, p.needBase * m * p.needAgeMax);
  }
}

/** The need hazard (per month) of a child of a family with these flags, at the largest age multiplier. */
export function needRateOfFamily(s: EngineState, flags: number): number {
  return s.needRate[flags];
}

// ------------------------------------------------------------------ need clocks

/** Whether the child waits on its family's need clock: in universal services with nothing else pending. */
export function isOnNeedClock(s: EngineState, i: number): boolean {
  const a = s.children.a;
  return stateOf(a, i) === S.universal && pendingOf(a, i) === PENDING_NEED;
}

/**
 * Book the family's need event in the calendar, from month `m` on, unless an entry at or before
 * it is live (it will re-book when it comes up). Beyond the calendar's horizon, a checkpoint.
 */
function bookNeed(s: EngineState, fam: number, m: number): void {
  const f = s.families;
  const at = Math.min(Math.ceil(needDueOf(f, fam)), m + s.needCalendar.horizon - 1);
  const booked = needBookedOf(f, fam);
  if (booked !== 0 && booked <= at) return;
  setNeedBooked(f, fam, at);
  s.needCalendar.push(at, fam);
}

/** The family's need hazard changes from `before` to `after` (> 0) at time `now`, in month `m`. */
function rescaleNeed(s: EngineState, fam: number, now: number, m: number, before: number, after: number): void {
  const f = s.families;
  const mass = Math.max(0, needDueOf(f, fam) - now) * before;
  setNeedDue(f, fam, Math.max(now + mass / after, now + EPSILON_MONTH));
  if (after > before) bookNeed(s, fam, m);
}

/** A fresh need clock at time `now` for the family's children (one draw from its need stream). */
function freshNeedDue(s: EngineState, fam: number, now: number): void {
  const f = s.families;
  const total = sizeOf(f, fam) * s.needRate[flagsOf(f, fam)];
  setNeedDue(f, fam, Math.max(now + exponential(needDraw(s, fam)) / total, now + EPSILON_MONTH));
}

/** A child was born into family `fam` (its size is already counted) at time `now`, in month `m`. */
export function familyGrew(s: EngineState, fam: number, now: number, m: number): void {
  const f = s.families;
  const n = sizeOf(f, fam);
  if (n > 1) {
    const rate = s.needRate[flagsOf(f, fam)];
    rescaleNeed(s, fam, now, m, (n - 1) * rate, n * rate);
    return;
  }
  freshNeedDue(s, fam, now);
  setNeedBooked(f, fam, 0);
  bookNeed(s, fam, m);
}

/** A child of family `fam` turned 18 (its size is already counted) at time `now`, in month `m`. */
export function familyShrank(s: EngineState, fam: number, now: number, m: number): void {
  const f = s.families;
  const n = sizeOf(f, fam);
  if (n === 0) {
    setNeedBooked(f, fam, 0); // no clock: its entry goes stale
    return;
  }
  const rate = s.needRate[flagsOf(f, fam)];
  rescaleNeed(s, fam, now, m, (n + 1) * rate, n * rate);
}

/**
 * A child who came back to universal services this month waits for needs only from the month's
 * end (`startJoinedClocks`), after the month's need events.
 */
export function startNeedClockAtMonthEnd(s: EngineState, i: number): void {
  setPending(s.children.a, i, PENDING_JOIN);
  s.joining.push(i);
}

/** Every child who came back to universal services in month `m` now waits for needs. */
export function startJoinedClocks(s: EngineState): void {
  const a = s.children.a;
  const joining = s.joining.take();
  for (let k = 0; k < joining.length; k++) {
    if (k % PREFETCH_BATCH === 0) prefetchChildren(a, joining, k, Math.min(k + PREFETCH_BATCH, joining.length));
    setPending(a, joining[k], PENDING_NEED);
  }
}

/**
 * The next need of family `fam` in month `m`: the child whose need arises now, or -1 when the
 * family has none left this month (its clock is then booked for later). Call until -1 for each
 * calendar entry of month m: a family may have several needs in a month.
 */
export function nextNeedEvent(s: EngineState, fam: number, m: number): number {
  const f = s.families;
  if (needBookedOf(f, fam) !== m) return -1; // stale entry, or the family's needs this month are done
  for (;;) {
    const t = needDueOf(f, fam);
    if (Math.ceil(t) > m) {
      // the next event lies in a later month (or this entry was a checkpoint): book it
      setNeedBooked(f, fam, 0);
      bookNeed(s, fam, m);
      return -1;
    }
    s.work.needFirings++;
    const i = pickChild(s, fam, Math.floor(needDraw(s, fam) * sizeOf(f, fam)));
    freshNeedDue(s, fam, t);
    if (isOnNeedClock(s, i) && keepsNeedAtAge(s, fam, m - bornOf(s.children.a, i))) return i;
  }
}

/**
 * Needs depend on age (an infant route and an adolescent route): the family's clock runs at the
 * largest age multiplier, and a need falling to a child is kept with chance (its multiplier / the
 * largest), so each child's needs arise at exactly its own age's rate (thinning).
 */
function keepsNeedAtAge(s: EngineState, fam: number, age: number): boolean {
  const p = s.p;
  const ratio = p.needAgeRatio[dfeAgeBandOf(age)];
  return ratio >= p.needAgeMax || needDraw(s, fam) * p.needAgeMax < ratio;
}

/** The k-th child (in slot order) of the family's block. */
function pickChild(s: EngineState, fam: number, k: number): number {
  const a = s.children.a;
  const base = fam << FAMILY_SHIFT;
  for (let i = base; i < base + FAMILY_SLOTS; i++) {
    if (stateOf(a, i) !== EMPTY && k-- === 0) return i;
  }
  throw new Error(`family ${fam}: its size counts more children than its block holds`);
}

/** Every family's need clock at time 0, once the initial children are in place. */
export function startNeedClocks(s: EngineState): void {
  const f = s.families;
  for (let fam = 0; fam < s.familyCount; fam++) {
    if (sizeOf(f, fam) === 0) continue;
    freshNeedDue(s, fam, 0);
    setNeedBooked(f, fam, 0);
    bookNeed(s, fam, 0);
  }
}

/** Every running need clock to the hazards in force, after a lever moved them from `before` (per flags). */
export function rescaleNeedClocks(s: EngineState, before: Float64Array, now: number): void {
  if (s.needRate.every((rate, flags) => rate === before[flags])) return; // no family's hazard moved
  const f = s.families;
  for (let fam = 0; fam < s.familyCount; fam++) {
    const n = sizeOf(f, fam);
    const flags = flagsOf(f, fam);
    if (n > 0 && before[flags] !== s.needRate[flags]) rescaleNeed(s, fam, now, now, n * before[flags], n * s.needRate[flags]);
  }
}

/** A family's poverty flips at time `now` (in month `m`): its need clock moves to the new hazard. */
export function rescaleForPoverty(s: EngineState, fam: number, oldFlags: number, now: number, m: number): void {
  const f = s.families;
  const n = sizeOf(f, fam);
  if (n > 0) rescaleNeed(s, fam, now, m, n * s.needRate[oldFlags], n * s.needRate[flagsOf(f, fam)]);
}

// ------------------------------------------------------------------ re-referrals

/** A closed case comes back as a referral in `month` (unless the child turns 18 first). */
export function bookReReferral(s: EngineState, i: number, month: number): void {
  const a = s.children.a;
  setPending(a, i, PENDING_REREFERRAL);
  setReReferral(a, i, month);
  if (month < bornOf(a, i) + AGE_OUT_MONTHS) s.childCalendar.push(month, i);
}

// ------------------------------------------------------------------ poverty clocks

function povertyRate(p: EngineParams, flags: number): number {
  return Math.max(MIN_RATE, flags & POOR_BIT ? p.povertyExit : p.povertyEntry);
}

export function startPovertyClock(s: EngineState, fam: number, now: number): void {
  const rate = povertyRate(s.p, flagsOf(s.families, fam));
  setPovertyDue(s.families, fam, Math.max(now + exponential(familyDraw(s, fam)) / rate, now + EPSILON_MONTH));
  bookFamily(s, fam, now);
}

/** Book the family's change, or a checkpoint at the calendar's horizon to re-book from. */
export function bookFamily(s: EngineState, fam: number, now: number): void {
  const f = s.families;
  const at = Math.min(Math.ceil(povertyDueOf(f, fam)), now + s.familyCalendar.horizon - 1);
  if (at === povertyBookedOf(f, fam)) return;
  setPovertyBooked(f, fam, at);
  s.familyCalendar.push(at, fam);
}

/** Every family's poverty clock to the rates in force (after a lever moved them from those of `before`). */
export function rescalePovertyClocks(s: EngineState, before: EngineParams, now: number): void {
  const f = s.families;
  for (let fam = 0; fam < s.familyCount; fam++) {
    const flags = flagsOf(f, fam);
    const mass = Math.max(0, (povertyDueOf(f, fam) - now) * povertyRate(before, flags));
    const rate = povertyRate(s.p, flags);
    setPovertyDue(f, fam, Math.max(now + mass / rate, now + EPSILON_MONTH));
    bookFamily(s, fam, now);
  }
}
