/**
 * The population's edges: children turn 18 and leave (from care as care leavers), and babies are
 * born into universal services.
 */
import { AGE_OUT_MONTHS } from '../ages';
import { isCareCode, STATE_CODE as S } from '../states';
import { startNeedClock } from './clocks';
import { SINK_AGED_OUT, SINK_LEFT_CARE, SOURCE_BIRTH } from './flows';
import { clearOutOfArea, deactivate, enterState, leaveEarlyHelpCase } from './moves';
import { EXIT_LEFT_CARE_18 } from './pathway';
import { bornOf, EMPTY, FAMILY_SHIFT, PENDING_NEED, setBorn, setDue, setOutOfArea, setPending, setStateOf, setStream, stateOf } from './population';
import { slotInFamily, familyForSerial } from './setup';
import type { EngineState } from './state';
import { isWaiting, leaveWaiting } from './waiting-list';

/** Children whose 18th birthday is this month leave the population. */
export function ageOut(s: EngineState, m: number): void {
  const a = s.children.a;
  const due = s.ageCalendar.take(m);
  for (let k = 0; k < due.length; k++) {
    const i = due[k];
    if (stateOf(a, i) === EMPTY || bornOf(a, i) + AGE_OUT_MONTHS !== m) continue;
    const from = stateOf(a, i);
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
    s.families.size[i >> FAMILY_SHIFT]--;
    setStateOf(a, i, EMPTY);
    setDue(a, i, -1);
    setPending(a, i, PENDING_NEED);
    a.waitTicket[i] = -1;
  }
}

/** Births this month (fractions carry over), each into universal services with a fresh need clock. */
export function births(s: EngineState, m: number): void {
  const a = s.children.a;
  s.birthCarry += s.p.birthsPerMonth;
  const n = Math.floor(s.birthCarry);
  s.birthCarry -= n;
  for (let k = 0; k < n; k++) {
    const serial = s.nextSerial++;
    const i = slotInFamily(s, familyForSerial(s, serial));
    setStream(a, i, serial, 0);
    setBorn(a, i, m);
    setOutOfArea(a, i, 0);
    enterState(s, i, S.universal);
    s.flows.add(SOURCE_BIRTH, S.universal);
    s.ageCalendar.push(m + AGE_OUT_MONTHS, i);
    startNeedClock(s, i, m);
  }
}
