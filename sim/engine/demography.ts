/**
 * The population's edges: children turn 18 and leave (from care as care leavers), and babies are
 * born into universal services.
 */
import { AGE_OUT_MONTHS, PRE_BIRTH_REFERRAL_WITHIN, years } from '../ages';
import { isCareCode, STATE_CODE as S } from '../states';
import { bookReReferral, familyGrew, familyShrank, needRateOfFamily } from './clocks';
import { FROM_ARRIVAL, placeInCare } from './matching';
import { draw } from './state';
import { SINK_AGED_OUT, SINK_LEFT_CARE, SOURCE_BIRTH } from './flows';
import { deactivate, enterState, leaveEarlyHelpCase } from './moves';
import { leaveHost } from './region';
import { leaveCare, REASON_TURNED_18 } from './care-episodes';
import {
  bornOf,
  flagsOf,
  clearCareFlags,
  EMPTY,
  FAMILY_SHIFT,
  PENDING_NEED,
  PREFETCH_BATCH,
  prefetchChildBlocks,
  prefetchChildren,
  prefetchFamiliesOf,
  prefetchFamilyRecords,
  setBorn,
  setPending,
  setSize,
  setStateOf,
  setStream,
  sizeOf,
  stateOf,
} from './population';
import { slotInFamily, familyForSerial } from './setup';
import type { EngineState } from './state';
import { isWaiting, leaveWaiting } from './waiting-list';

/** Children whose 18th birthday is this month leave the population. */
export function ageOut(s: EngineState, m: number): void {
  const a = s.children.a;
  const due = s.ageCalendar.take(m);
  for (let k = 0; k < due.length; k++) {
    if (k % PREFETCH_BATCH === 0) {
      prefetchChildren(a, due, k, Math.min(k + PREFETCH_BATCH, due.length));
      prefetchFamiliesOf(s.families, due, k, Math.min(k + PREFETCH_BATCH, due.length));
    }
    const i = due[k];
    if (stateOf(a, i) === EMPTY || bornOf(a, i) + AGE_OUT_MONTHS !== m) continue;
    const from = stateOf(a, i);
    const fam = i >> FAMILY_SHIFT;
    s.work.agedOut++;
    leaveHost(s, i, from);
    if (isCareCode(from)) {
      s.flows.add(from, SINK_LEFT_CARE);
      leaveCare(s, i, REASON_TURNED_18);
    } else {
      s.flows.add(from, SINK_AGED_OUT);
    }
    s.stock[from]--;
    if (from === S.early_help) leaveEarlyHelpCase(s, i);
    if (isWaiting(s, i)) leaveWaiting(s, i);
    deactivate(s, i);
    setSize(s.families, fam, sizeOf(s.families, fam) - 1);
    // The 18th birthday counts from the start of the month, before any of the month's needs arise.
    familyShrank(s, fam, m - 1, m);
    setStateOf(a, i, EMPTY);
    setPending(a, i, PENDING_NEED);
  }
}

/**
 * Births this month (fractions carry over), each into universal services, waiting for needs. Some
 * babies are known before birth (the infant route): a pre-birth assessment either leads to care
 * at birth or to a referral in the first months.
 */
export function births(s: EngineState, m: number): void {
  const a = s.children.a;
  s.birthCarry += s.p.birthsPerMonth;
  const n = Math.floor(s.birthCarry);
  s.birthCarry -= n;
  s.work.births += n;
  for (let k = 0; k < n; k++) s.scratch.push(familyForSerial(s, s.nextSerial + k));
  const families = s.scratch.take();
  for (let k = 0; k < n; k++) {
    if (k % PREFETCH_BATCH === 0) {
      prefetchFamilyRecords(s.families, families, k, Math.min(k + PREFETCH_BATCH, n));
      // not the rarely read fields: only the few babies referred before birth write them
      prefetchChildBlocks(a, families, k, Math.min(k + PREFETCH_BATCH, n));
    }
    const serial = s.nextSerial++;
    const i = slotInFamily(s, families[k]);
    setStream(a, i, serial, 0);
    setBorn(a, i, m);
    clearCareFlags(a, i);
    enterState(s, i, S.universal);
    s.flows.add(SOURCE_BIRTH, S.universal);
    s.ageCalendar.push(m + AGE_OUT_MONTHS, i);
    familyGrew(s, i >> FAMILY_SHIFT, m, m);
    preBirthRoute(s, i, m);
  }
}

/**
 * The infant route: a newborn's chance of a pre-birth referral grows with its family's need (the
 * parameter is for a family without poverty or risk factors, like need.baseHazardPerYear).
 */
function preBirthRoute(s: EngineState, i: number, m: number): void {
  const p = s.p;
  if (p.preBirthReferral <= 0) return;
  const relativeNeed = needRateOfFamily(s, flagsOf(s.families, i >> FAMILY_SHIFT)) / (p.needBase * p.needAgeMax);
  if (draw(s, i) >= Math.min(1, p.preBirthReferral * relativeNeed)) return;
  if (draw(s, i) < p.careAtBirth) placeInCare(s, i, S.universal, m, true);
  else bookReReferral(s, i, m + 1 + Math.floor(draw(s, i) * PRE_BIRTH_REFERRAL_WITHIN));
}

/**
 * Unaccompanied asylum-seeking children arriving this month (fractions carry over): aged 16-17
 * (or 14-15), straight into care under section 20 from outside the region (`moved_in` flows).
 * Each joins a family block for bookkeeping only: in care, it is never picked for a need.
 */
export function arrivals(s: EngineState, m: number): void {
  const a = s.children.a;
  const p = s.p;
  s.arrivalCarry += p.uascArrivalsPerMonth;
  const n = Math.floor(s.arrivalCarry);
  s.arrivalCarry -= n;
  s.work.arrivals += n;
  for (let k = 0; k < n; k++) {
    const serial = s.nextArrivalSerial++;
    const i = slotInFamily(s, familyForSerial(s, serial));
    setStream(a, i, serial, 0);
    clearCareFlags(a, i);
    const from = draw(s, i) < p.uascShare16to17 ? years(16) : years(14);
    const age = from + Math.floor(draw(s, i) * years(2));
    setBorn(a, i, m - age);
    s.ageCalendar.push(m - age + AGE_OUT_MONTHS, i);
    placeInCare(s, i, FROM_ARRIVAL, m, true);
    familyGrew(s, i >> FAMILY_SHIFT, m, m);
  }
}
