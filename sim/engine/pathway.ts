/**
 * The pathway: one rule per state for the children stepped monthly, and the rule for children in
 * universal services whose need clock falls due.
 *
 * Each month a stepped child takes one draw, which decides between competing hazards whether
 * anything happens and which event (`pick`); follow-up choices (an assessment's outcome, where a
 * child goes after a plan) take further draws from the child's own stream.
 */
import { AGE_OUT_MONTHS, ESCALATION_FROM, permanenceBandOf, SUPPORTED_ACCOMMODATION_FROM } from '../ages';
import { STATE_CODE as S } from '../states';
import { changePlacement, placeInCare } from './matching';
import { startNeedClock, bookReReferral } from './clocks';
import { activate, deactivate, move } from './moves';
import { bornOf, dueOf, FAMILY_SHIFT, isPoor, PENDING_NEED, PENDING_REREFERRAL, pendingOf, setDue, setPending } from './population';
import { draw, type EngineState } from './state';
import { joinWaiting, leaveWaiting } from './waiting-list';

const IS_FOSTER = new Uint8Array(S.secure + 1);
const IS_RESIDENTIAL = new Uint8Array(S.secure + 1);
for (const c of [S.kinship_foster, S.inhouse_foster, S.agency_foster]) IS_FOSTER[c] = 1;
for (const c of [S.la_residential, S.private_residential]) IS_RESIDENTIAL[c] = 1;

/** Care exits counted in `careExits`, by index. */
export const EXIT_REUNIFIED = 0;
export const EXIT_PERMANENCE = 1;
export const EXIT_LEFT_CARE_18 = 2;

/**
 * Competing hazards `s.rates[0..n)` (per month): one uniform decides whether any event happens
 * this month (probability 1 - exp(-total)) and which one (in proportion to its hazard); -1 if none.
 */
export function pick(s: EngineState, u: number, n: number): number {
  const rates = s.rates;
  let total = 0;
  for (let k = 0; k < n; k++) total += rates[k];
  if (total <= 0) return -1;
  // exp() is the step's dearest operation and few distinct totals occur in a month: memoise.
  const slot = Math.floor(total * 1048576) & 63;
  let pAny: number;
  if (s.pAnyKey[slot] === total) pAny = s.pAnyValue[slot];
  else {
    pAny = 1 - Math.exp(-total);
    s.pAnyKey[slot] = total;
    s.pAnyValue[slot] = pAny;
  }
  if (u >= pAny) return -1;
  let x = (u / pAny) * total;
  for (let k = 0; k < n; k++) {
    x -= rates[k];
    if (x < 0) return k;
  }
  return n - 1;
}

/** Step every active child. */
export function stepSystem(s: EngineState, m: number): void {
  const escalation = 1 + s.p.overloadRaisesEscalation * s.overload;
  const t = s.active;
  // Downwards, so a child leaving the table (its place taken by the last, already stepped) is safe.
  for (let k = t.count - 1; k >= 0; k--) {
    s.cur = k;
    s.curSlot = t.slot[k];
    stepChild(s, s.curSlot, t.code[k], m, escalation);
  }
  s.cur = s.curSlot = -1;
}

function stepChild(s: EngineState, i: number, code: number, m: number, escalation: number): void {
  const u = draw(s, i);
  if (code === S.universal) stepWaiting(s, i, u, m);
  else if (code === S.early_help) stepEarlyHelp(s, i, u, m);
  else if (code === S.assessment) stepAssessment(s, i, u, m);
  else if (code === S.child_in_need) stepChildInNeed(s, i, u, m, escalation);
  else if (code === S.child_protection) stepChildProtection(s, i, u, m);
  else stepInCare(s, i, code, u, m);
}

/** Waiting for early help (in universal services): escalate to a referral, or the need resolves. */
function stepWaiting(s: EngineState, i: number, u: number, m: number): void {
  s.rates[0] = s.p.waitingEscalation;
  s.rates[1] = s.p.waitingResolve;
  const e = pick(s, u, 2);
  if (e === 0) {
    leaveWaiting(s, i);
    move(s, i, S.assessment);
  } else if (e === 1) {
    leaveWaiting(s, i);
    deactivate(s, i);
    startNeedClock(s, i, m);
  }
}

function stepEarlyHelp(s: EngineState, i: number, u: number, m: number): void {
  s.rates[0] = s.p.earlyHelpClose;
  if (pick(s, u, 1) === 0) {
    if (draw(s, i) < s.p.earlyHelpSuccessShare) toUniversal(s, i, m, false);
    else move(s, i, S.assessment);
  }
}

function stepAssessment(s: EngineState, i: number, u: number, m: number): void {
  const p = s.p;
  s.rates[0] = p.assessmentComplete / (1 + p.overloadSlowsAssessment * s.overload);
  if (pick(s, u, 1) === 0) {
    // Rationing under overload: more assessments end with no further action (thresholds rise).
    const cdf = p.assessmentOutcomeCdf;
    const nfa = cdf[0] + (1 - cdf[0]) * Math.min(1, p.overloadRaisesNoFurtherAction * s.overload);
    const u2 = draw(s, i);
    const v = u2 < nfa ? 0 : cdf[0] + ((u2 - nfa) / (1 - nfa)) * (1 - cdf[0]);
    if (u2 < nfa) toUniversal(s, i, m, true);
    else if (v < cdf[1]) move(s, i, S.child_in_need);
    else if (v < cdf[2]) move(s, i, S.child_protection);
    else placeInCare(s, i, S.assessment, m, true);
  }
}

function stepChildInNeed(s: EngineState, i: number, u: number, m: number, escalation: number): void {
  const p = s.p;
  s.rates[0] = p.cinClose;
  s.rates[1] = p.cinToCp * escalation;
  s.rates[2] = p.cinToCare;
  const e = pick(s, u, 3);
  if (e === 0) toUniversal(s, i, m, true);
  else if (e === 1) move(s, i, S.child_protection);
  else if (e === 2) placeInCare(s, i, S.child_in_need, m, true);
}

function stepChildProtection(s: EngineState, i: number, u: number, m: number): void {
  const p = s.p;
  s.rates[0] = p.cpEnd;
  if (pick(s, u, 1) === 0) {
    const v = draw(s, i);
    if (v < p.cpEndToCareShare) placeInCare(s, i, S.child_protection, m, true);
    else if (v < p.cpEndToCareShare + p.cpEndToCinShare) move(s, i, S.child_in_need);
    else toUniversal(s, i, m, true);
  }
}

/** In care: go home, permanence, step down from a home, supported accommodation at 16+, or breakdown. */
function stepInCare(s: EngineState, i: number, code: number, u: number, m: number): void {
  const p = s.p;
  const born = i === s.curSlot ? s.active.born[s.cur] : bornOf(s.children.a, i);
  const age = m - born;
  // Children placed in a home early under the providers' proposal get its claimed benefits (1 = none).
  const early = i === s.curSlot && s.active.earlyHome[s.cur] === 1;
  const r = s.rates;
  r[0] = p.reunification * (early ? p.earlyHomeReunification : 1);
  r[1] = p.permanenceByAge[permanenceBandOf(age)];
  r[2] = IS_RESIDENTIAL[code] ? p.stepDown * (early ? p.earlyHomeStepDown : 1) : 0;
  r[3] = age >= SUPPORTED_ACCOMMODATION_FROM && (IS_FOSTER[code] || IS_RESIDENTIAL[code]) ? p.supportedAt16 : 0;
  r[4] = age >= ESCALATION_FROM && IS_FOSTER[code] ? p.escalateToResidential * (early ? p.earlyHomeBreakdown : 1) : 0;
  const e = pick(s, u, 5);
  if (e === 0) {
    s.careExits[EXIT_REUNIFIED]++;
    if (draw(s, i) < p.reunifiedToCinShare) move(s, i, S.child_in_need);
    else toUniversal(s, i, m, false);
  } else if (e === 1) {
    s.careExits[EXIT_PERMANENCE]++;
    // Adoption and special guardianship allowances run until the child's 18th birthday.
    s.allowanceEnds.add(born + AGE_OUT_MONTHS);
    s.onAllowance++;
    toUniversal(s, i, m, false);
  } else if (e === 2) changePlacement(s, i, S.inhouse_foster);
  else if (e === 3) changePlacement(s, i, S.supported_accommodation);
  else if (e === 4) changePlacement(s, i, S.la_residential);
}

/** Leave the system for universal services; closed social-care cases may be re-referred. */
function toUniversal(s: EngineState, i: number, m: number, mayBeReReferred: boolean): void {
  move(s, i, S.universal);
  deactivate(s, i);
  const p = s.p;
  if (mayBeReReferred) {
    const chance = Math.min(1, p.reReferralShare * (1 + p.overloadRaisesEscalation * s.overload));
    if (draw(s, i) < chance) {
      bookReReferral(s, i, m + 1 + Math.floor(draw(s, i) * p.reReferralWithinMonths));
      return;
    }
  }
  startNeedClock(s, i, m);
}

/**
 * Universal services: children whose need clock (or re-referral date) falls due this month are
 * referred to social care, or join the early-help waiting list (poverty raises the odds of a
 * direct referral).
 */
export function needsEmerge(s: EngineState, m: number): void {
  const a = s.children.a;
  const p = s.p;
  const due = s.childCalendar.take(m);
  for (let k = 0; k < due.length; k++) {
    const i = due[k];
    if (Math.ceil(dueOf(a, i)) !== m) continue; // stale: rebooked, fired or left (see `dueOf`)
    setDue(a, i, -1);
    if (pendingOf(a, i) === PENDING_REREFERRAL) {
      setPending(a, i, PENDING_NEED);
      move(s, i, S.assessment);
      activate(s, i);
      continue;
    }
    if (pendingOf(a, i) !== PENDING_NEED) continue;
    let share = p.directReferralShare;
    if (isPoor(s.families, i >> FAMILY_SHIFT)) {
      const odds = (share / (1 - share)) * p.povertyReferralOdds;
      share = share >= 1 ? 1 : odds / (1 + odds);
    }
    if (draw(s, i) < share) {
      move(s, i, S.assessment);
      activate(s, i);
    } else {
      joinWaiting(s, i);
    }
  }
}
