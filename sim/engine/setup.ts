/**
 * Set-up of families and children at month 0, and the rule that gives every child (at set-up or
 * at birth) a family and a slot in its block.
 */
import { AGE_OUT_MONTHS } from '../ages';
import { LEGAL_C2, LEGAL_OTHER, LEGAL_V2 } from './hazards';
import { STEADY_CARE_SIZE, SteadyCare } from './steady-care';
import { STEADY_PLACEMENTS_SIZE, SteadyPlacements } from './steady-placements';
import { bookPendingReEntry, pendingAtSetUp } from './re-entry';
import { STATE_CODE as S } from '../states';
import { bookReReferral, familyDraw, needRateOfFamily, startNeedClocks, startPovertyClock } from './clocks';
import { FROM_NOWHERE, FROM_NOWHERE_UNACCOMPANIED, placeInCare } from './matching';
import { activate, enterState } from './moves';
import {
  activePosOf,
  EMPTY,
  FAMILY_SHIFT,
  FAMILY_SLOTS,
  flagsOf,
  growFamilies,
  POOR_BIT,
  RISK_FACTORS,
  setBorn,
  setFlags,
  setSize,
  setStream,
  sizeOf,
  stateOf,
} from './population';
import { uniform } from './rng';
import { draw, type EngineState } from './state';

/** Salt of the hash that picks a child's family (a stream of its own, apart from the families' draws). */
const FAMILY_PICK_SALT = 0x5bd1e995;

/** Families from `from` on: poverty and risk factors drawn, poverty clocks started. */
export function initFamilies(s: EngineState, from = 0): void {
  const f = s.families;
  const p = s.p;
  for (let fam = from; fam < s.familyCount; fam++) {
    let flags = familyDraw(s, fam) < p.povertyInitialShare ? POOR_BIT : 0;
    for (let k = 0; k < RISK_FACTORS; k++) if (familyDraw(s, fam) < p.riskPrevalence[k]) flags |= 1 << k;
    setFlags(f, fam, flags);
    startPovertyClock(s, fam, s.month);
  }
}

/**
 * The initial population: ages uniform over 0-17, and states drawn to match the scenario's
 * initial rates, with children of needier families more likely to start in the system.
 */
export function initChildren(s: EngineState, n: number): void {
  const a = s.children.a;
  const p = s.p;
  // Children in needier families are more likely to start in the system: weight by the need hazard.
  const meanMult = meanNeedRate(s);
  const per = p.initialPer10k;
  // -1 stands for "in care" (placed below); its probability depends on the age band.
  const initialCodes = [-1, S.child_protection, S.child_in_need, S.assessment, S.early_help];
  const initialProbs = [0, per.child_protection, per.child_in_need, per.assessment, per.early_help].map((x) => x / 10000);
  const care = careAtSetUp(s, n);
  // Re-referrals pending at the start: closures per month implied by the initial stocks x the
  // re-referral share x the average wait (half the window).
  const closuresPerMonth =
    (per.assessment / 10000) * p.assessmentComplete * p.assessmentOutcomeCdf[0] +
    (per.child_in_need / 10000) * p.cinClose +
    (per.child_protection / 10000) * p.cpEnd * Math.max(0, 1 - p.cpEndToCareShare - p.cpEndToCinShare);
  const reReferralPending = closuresPerMonth * p.reReferralShare * ((p.reReferralWithinMonths + 1) / 2);
  const { order, ends } = serialsByFamily(s, n);
  let fam = 0;
  for (let k = 0; k < n; k++) {
    while (k >= ends[fam]) fam++; // serials come family by family: order[k] is of family `fam`
    const serial = order[k];
    const i = slotInFamily(s, fam);
    setStream(a, i, serial, 0);
    const age = Math.floor(draw(s, i) * AGE_OUT_MONTHS);
    setBorn(a, i, -age);
    s.ageCalendar.push(-age + AGE_OUT_MONTHS, i);
    const weight = needRateOfFamily(s, flagsOf(s.families, i >> FAMILY_SHIFT)) / meanMult;
    let u = draw(s, i) / weight;
    let code: number = S.universal;
    for (let c = 0; c < initialCodes.length; c++) {
      const prob = c === 0 ? care.chance[age] : initialProbs[c];
      if (u < prob) {
        code = initialCodes[c];
        u /= prob; // uniform again, for the choices that follow
        break;
      }
      u -= prob;
    }
    // children who went home from care before month 0 and will come back (re-entry.ts)
    if (code !== -1 && draw(s, i) < care.reEntryPending) bookPendingReEntry(s, i, care.reEntryCdf, draw(s, i));
    if (code === S.universal && u < reReferralPending) {
      // closed cases awaiting re-referral at the start, so month 1 is not short of re-referrals
      enterState(s, i, S.universal);
      bookReReferral(s, i, 1 + Math.floor(draw(s, i) * p.reReferralWithinMonths));
    } else if (code === -1) {
      startInCare(s, i, care, age, u);
    } else {
      enterState(s, i, code);
      if (code !== S.universal) activate(s, i);
    }
  }
  startNeedClocks(s);
}

/** By age in months: the chance of being in care at set-up, and the share of those unaccompanied. */
interface CareAtSetUp {
  steady: SteadyCare;
  placements: SteadyPlacements;
  /** chance that a child not in care at set-up has a re-entry pending, and when it falls (months from now, cumulative) */
  reEntryPending: number;
  reEntryCdf: Float64Array;
  chance: Float64Array;
  uascShare: Float64Array;
}

/**
 * The scenario's looked-after rate, spread over ages as the model's steady state has it: the
 * unaccompanied children that the arrivals keep in care, and the others in the shape of the
 * steady state's stock by age (see steady-care.ts).
 */
function careAtSetUp(s: EngineState, n: number): CareAtSetUp {
  const p = s.p;
  s.hazards.update(p, 0);
  const lent = s.region.setupBuffers;
  const steady = new SteadyCare(p, s.hazards, (lent.care ??= new Float64Array(STEADY_CARE_SIZE)));
  const perAgeMonth = n / AGE_OUT_MONTHS;
  const total = (p.initialPer10k.looked_after / 10000) * n;
  const arrivals = p.uascArrivalsPerMonth;
  let uascTotal = 0;
  let shape = 0;
  for (let age = 0; age < AGE_OUT_MONTHS; age++) {
    uascTotal += arrivals * steady.uascByAge[age];
    shape += steady.byAge[age];
  }
  const others = Math.max(0, total - uascTotal);
  const chance = new Float64Array(AGE_OUT_MONTHS);
  const uascShare = new Float64Array(AGE_OUT_MONTHS);
  for (let age = 0; age < AGE_OUT_MONTHS; age++) {
    const uasc = arrivals * steady.uascByAge[age];
    const other = shape > 0 ? (others * steady.byAge[age]) / shape : 0;
    chance[age] = Math.min(1, (uasc + other) / Math.max(1, perAgeMonth));
    uascShare[age] = uasc + other > 0 ? uasc / (uasc + other) : 0;
  }
  // Returns home a month at the steady rate of the children placed here (unaccompanied children do not go home).
  const pending = pendingAtSetUp(p.reEntryFirstYear, p.reEntryLater);
  const reEntryPending = Math.min(1, (others * steady.returnsHomePerChild * pending.monthsPerReturn) / Math.max(1, n - total));
  return { steady, placements: new SteadyPlacements(p, (lent.placements ??= new Float64Array(STEADY_PLACEMENTS_SIZE))), reEntryPending, reEntryCdf: pending.cdf, chance, uascShare };
}

/** A child in care at set-up, with its time in care and legal status from the steady state (`u` uniform). */
function startInCare(s: EngineState, i: number, care: CareAtSetUp, age: number, u: number): void {
  const uasc = u < care.uascShare[age];
  const { months, legal } = uasc ? { months: 0, legal: LEGAL_V2 } : care.steady.draw(age, (u - care.uascShare[age]) / (1 - care.uascShare[age]));
  // the placement its years in care lead to (steady-placements.ts); unaccompanied children as at arrival
  const sought = uasc ? -1 : care.placements.draw(age, months, draw(s, i));
  placeInCare(s, i, uasc ? FROM_NOWHERE_UNACCOMPANIED : FROM_NOWHERE, 0, false, sought);
  const k = activePosOf(s.children.a, i);
  const t = s.active;
  t.careStart[k] = t.legalSince[k] = -months;
  // placed with parents only under an order (as at entry: care-episodes.ts)
  t.legal[k] = t.code[k] === S.placed_with_parents && (legal === LEGAL_V2 || legal === LEGAL_OTHER) ? LEGAL_C2 : legal;
}

/** The mean need hazard over families (one loop per function: see `serialsByFamily`). */
function meanNeedRate(s: EngineState): number {
  let sum = 0;
  for (let fam = 0; fam < s.familyCount; fam++) sum += needRateOfFamily(s, flagsOf(s.families, fam));
  return sum / Math.max(1, s.familyCount);
}

/**
 * Serials 0..n-1 in the order of their families (a counting sort), so that set-up creates children
 * family by family and walks the arrays in memory order; within a family, in serial order. `ends`:
 * family f's serials are order[ends[f - 1]..ends[f]) (from 0 for f = 0), so that set-up knows each
 * child's family without hashing its serial again (about 6 ms of a 1:1 set-up). Its own function,
 * as is each set-up loop: the JIT compiles a long loop while it runs, and a later loop in the same
 * function that has not run yet would throw that away.
 */
function serialsByFamily(s: EngineState, n: number): { order: Int32Array; ends: Int32Array } {
  const familyOf = new Int32Array(n);
  const start = new Int32Array(s.familyCount + 1);
  for (let k = 0; k < n; k++) start[(familyOf[k] = familyForSerial(s, k)) + 1]++;
  for (let fam = 0; fam < s.familyCount; fam++) start[fam + 1] += start[fam];
  const order = new Int32Array(n);
  for (let k = 0; k < n; k++) order[start[familyOf[k]]++] = k;
  // each family's start has moved to its end
  return { order, ends: start };
}

/** Newborns and the initial population join a family picked by a hash of their serial: stable across scenarios. */
export function familyForSerial(s: EngineState, serial: number): number {
  return Math.floor(uniform(s.keys.family ^ FAMILY_PICK_SALT, serial, 0) * s.familyCount);
}

/**
 * A free slot in the family's block, or else in the next family with room (deterministic).
 * If every block is full the population has outgrown its families: add families.
 */
export function slotInFamily(s: EngineState, fam: number): number {
  const f = s.families;
  const a = s.children.a;
  for (let d = 0; d < s.familyCount; d++) {
    const g = fam + d < s.familyCount ? fam + d : fam + d - s.familyCount;
    if (sizeOf(f, g) === FAMILY_SLOTS) continue;
    const base = g << FAMILY_SHIFT;
    for (let k = 0; k < FAMILY_SLOTS; k++) {
      if (stateOf(a, base + k) === EMPTY) {
        setSize(f, g, sizeOf(f, g) + 1);
        return base + k;
      }
    }
  }
  const old = s.familyCount;
  s.familyCount = Math.ceil(old * 1.25) + 1;
  growFamilies(s.families, s.familyCount);
  s.children.growTo(s.familyCount);
  initFamilies(s, old);
  return slotInFamily(s, old);
}
