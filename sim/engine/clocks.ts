/**
 * Clocks: the need clock of each child in universal services, the re-referral date of a closed
 * case, and each family's poverty clock; their booking in the month calendars and their rescaling
 * when a hazard changes.
 *
 * A clock holds the time its event falls due under the current hazard. When the hazard changes at
 * time t, the remaining hazard mass (due - t) x rate is kept and spread at the new rate: exact for
 * a piecewise-constant hazard, and no new draw is taken, so common random numbers survive levers.
 */
import { AGE_OUT_MONTHS } from '../ages';
import { exponential } from './rng';
import {
  bookedOf,
  bornOf,
  dueOf,
  FAMILY_SHIFT,
  PENDING_NEED,
  PENDING_REREFERRAL,
  povertyBit,
  povertyDueOf,
  povertyRateOf,
  rateOf,
  RISK_FACTORS,
  riskBits,
  isPoor,
  setBooked,
  setClock,
  setPending,
  setPovertyClock,
  takeFamilyDraw,
} from './population';
import { draw, type EngineState } from './state';
import { uniform } from './rng';

/** Hazards are kept above zero so a clock's remaining mass survives a zero rate (an event ~1e12 months away). */
export const MIN_RATE = 1e-12;
/** An event drawn at the instant of booking still falls in the next month. */
const EPSILON_MONTH = 1e-9;

export function familyDraw(s: EngineState, fam: number): number {
  return uniform(s.keys.family, fam, takeFamilyDraw(s.families, fam));
}

/** Need-hazard multipliers by poverty and by risk-factor pattern, from the parameters in force. */
export function updateMultipliers(s: EngineState): void {
  const p = s.p;
  s.povertyMult[0] = 1;
  s.povertyMult[1] = p.povertyNeedRatio;
  for (let bits = 0; bits < 1 << RISK_FACTORS; bits++) {
    let m = 1;
    for (let k = 0; k < RISK_FACTORS; k++) if (bits & (1 << k)) m *= p.riskHazardRatio[k];
    s.riskMult[bits] = m;
  }
}

/** The need hazard (per month) of a child of a family with these flags. */
export function needRateOfFamily(s: EngineState, flags: number): number {
  return Math.max(MIN_RATE, s.p.needBase * s.povertyMult[povertyBit(flags)] * s.riskMult[riskBits(flags)]);
}

function needRate(s: EngineState, i: number): number {
  return needRateOfFamily(s, s.families.flags[i >> FAMILY_SHIFT]);
}

/** A fresh need clock for a child in universal services at time `now` (end of month `now`). */
export function startNeedClock(s: EngineState, i: number, now: number): void {
  const a = s.children.a;
  setPending(a, i, PENDING_NEED);
  const rate = needRate(s, i);
  setClock(a, i, Math.max(now + exponential(draw(s, i)) / rate, now + EPSILON_MONTH), rate);
  bookChild(s, i, -1);
}

/** Rescale a running need clock to the child's current hazard (no new draw: exact, and CRN-safe). */
export function rescaleNeedClock(s: EngineState, i: number, now: number): void {
  const a = s.children.a;
  const rate = needRate(s, i);
  const old = rateOf(a, i);
  if (rate === old) return; // unchanged: leave `due` exactly as drawn
  const due = dueOf(a, i);
  const mass = Math.max(0, (due - now) * old);
  setClock(a, i, Math.max(now + mass / rate, now + EPSILON_MONTH), rate);
  bookChild(s, i, Math.ceil(due));
}

/**
 * Whether the child waits on a need clock (universal services, no referral pending). The clock
 * alone answers it, so the poverty phase need not touch `state` or `pending`: `due` is -1 whenever
 * the child is anywhere else, and a pending re-referral has rate 0.
 */
export function hasNeedClock(s: EngineState, i: number): boolean {
  const a = s.children.a;
  return dueOf(a, i) >= 0 && rateOf(a, i) > 0;
}

/** Book the child's clock in the calendar unless it falls due after 18 or in the month already booked. */
function bookChild(s: EngineState, i: number, bookedMonth: number): void {
  const a = s.children.a;
  const month = Math.ceil(dueOf(a, i));
  const ageOut = bornOf(a, i) + AGE_OUT_MONTHS;
  if (month >= ageOut || (month === bookedMonth && bookedMonth < ageOut)) return;
  s.childCalendar.push(month, i);
}

/** A closed case comes back as a referral in `month`. */
export function bookReReferral(s: EngineState, i: number, month: number): void {
  const a = s.children.a;
  setPending(a, i, PENDING_REREFERRAL);
  setClock(a, i, month, 0);
  if (month < bornOf(a, i) + AGE_OUT_MONTHS) s.childCalendar.push(month, i);
}

function povertyRate(s: EngineState, fam: number): number {
  return Math.max(MIN_RATE, isPoor(s.families, fam) ? s.p.povertyExit : s.p.povertyEntry);
}

export function startPovertyClock(s: EngineState, fam: number, now: number): void {
  const rate = povertyRate(s, fam);
  setPovertyClock(s.families, fam, Math.max(now + exponential(familyDraw(s, fam)) / rate, now + EPSILON_MONTH), rate);
  bookFamily(s, fam, now);
}

/** Book the family's change, or a checkpoint at the calendar's horizon to re-book from. */
export function bookFamily(s: EngineState, fam: number, now: number): void {
  const f = s.families;
  const at = Math.min(Math.ceil(povertyDueOf(f, fam)), now + s.familyCalendar.horizon - 1);
  if (at === bookedOf(f, fam)) return;
  setBooked(f, fam, at);
  s.familyCalendar.push(at, fam);
}

/** Every family's poverty clock to the rates in force (after a lever moved them). */
export function rescalePovertyClocks(s: EngineState, now: number): void {
  const f = s.families;
  for (let fam = 0; fam < s.familyCount; fam++) {
    const mass = Math.max(0, (povertyDueOf(f, fam) - now) * povertyRateOf(f, fam));
    const rate = povertyRate(s, fam);
    setPovertyClock(f, fam, Math.max(now + mass / rate, now + EPSILON_MONTH), rate);
    bookFamily(s, fam, now);
  }
}

/** Every running need clock to the hazards in force (after a lever moved them). */
export function rescaleNeedClocks(s: EngineState, now: number): void {
  for (let i = 0; i < s.children.capacity; i++) {
    if (hasNeedClock(s, i)) rescaleNeedClock(s, i, now);
  }
}
