/**
 * The population's edges: children turn 18 and leave (from care as care leavers), and babies are
 * born into universal services.
 */
import { AGE_OUT_MONTHS } from '../ages';
import { isCareCode, STATE_CODE as S } from '../states';
import { familyGrew, familyShrank } from './clocks';
import { SINK_AGED_OUT, SINK_LEFT_CARE, SOURCE_BIRTH } from './flows';
import { clearOutOfArea, deactivate, enterState, leaveEarlyHelpCase } from './moves';
import { EXIT_LEFT_CARE_18 } from './pathway';
import {
  bornOf,
  EMPTY,
  FAMILY_SHIFT,
  PENDING_NEED,
  PREFETCH_BATCH,
  prefetchBlocks,
  prefetchChildren,
  prefetchFamilies,
  setBorn,
  setOutOfArea,
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
      prefetchFamilies(s.families, due, k, Math.min(k + PREFETCH_BATCH, due.length), true);
    }
    const i = due[k];
    if (stateOf(a, i) === EMPTY || bornOf(a, i) + AGE_OUT_MONTHS !== m) continue;
    const from = stateOf(a, i);
    const fam = i >> FAMILY_SHIFT;
    clearOutOfArea(s, i, from);
    if (isCareCode(from)) {
      s.flows.add(from, SINK_LEFT_CARE);
      s.careExits[EXIT_LEFT_CARE_18]++;
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

/** Births this month (fractions carry over), each into universal services, waiting for needs. */
export function births(s: EngineState, m: number): void {
  const a = s.children.a;
  s.birthCarry += s.p.birthsPerMonth;
  const n = Math.floor(s.birthCarry);
  s.birthCarry -= n;
  for (let k = 0; k < n; k++) s.scratch.push(familyForSerial(s, s.nextSerial + k));
  const families = s.scratch.take();
  for (let k = 0; k < n; k++) {
    if (k % PREFETCH_BATCH === 0) {
      prefetchFamilies(s.families, families, k, Math.min(k + PREFETCH_BATCH, n));
      prefetchBlocks(a, families, k, Math.min(k + PREFETCH_BATCH, n));
    }
    const serial = s.nextSerial++;
    const i = slotInFamily(s, families[k]);
    setStream(a, i, serial, 0);
    setBorn(a, i, m);
    setOutOfArea(a, i, 0);
    enterState(s, i, S.universal);
    s.flows.add(SOURCE_BIRTH, S.universal);
    s.ageCalendar.push(m + AGE_OUT_MONTHS, i);
    familyGrew(s, i >> FAMILY_SHIFT, m, m);
  }
}
