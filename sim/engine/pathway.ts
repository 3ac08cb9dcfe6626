/**
 * The pathway: one rule per state for the children stepped monthly (everyone in the system, and
 * children waiting for early help).
 *
 * Each month a stepped child takes one draw, which decides between competing hazards whether
 * anything happens and which event (engine/hazards.ts); follow-up choices (an assessment's
 * outcome, where a child goes after a plan) take further draws from the child's own stream. A
 * state's rule is two parts: its hazards (hazards.ts) and what each of its events does
 * (`applyEvent`, here).
 */
import { AGE_OUT_MONTHS } from '../ages';
import { STATE_CODE as S } from '../states';
import { changePlacement, placeInCare } from './matching';
import { bookReReferral, startNeedClockAtMonthEnd } from './clocks';
import { deactivate, move } from './moves';
import { PREFETCH_BATCH, prefetchChildren, prefetchFamiliesOf } from './population';
import { draw, type EngineState } from './state';
import { leaveWaiting } from './waiting-list';
import { CARE_EVENT, LEGAL_C1, LEGAL_C2, LEGAL_E1, variantOf } from './hazards';
import { leaveCare, REASON_ADOPTED, REASON_OTHER, REASON_RETURNED_HOME, REASON_SPECIAL_GUARDIANSHIP } from './care-episodes';
import { bookReEntry } from './re-entry';
import { uniformOfStream } from './rng';
import { COURT_PLACEMENT_ORDER, COURT_RETURN_HOME, COURT_SPECIAL_GUARDIANSHIP, courtConclusion } from './courts';


/**
 * Step every active child, in two passes. First, every child's draw for the month and the event it
 * brings, if any (most months none): a pass over the dense table alone. Then the events, in table
 * order from the end, each with the population records it touches loaded ahead in batches. The
 * hazards depend only on the child and on figures fixed for the month, never on another child's
 * event, so this is the same as stepping each child in turn, draw for draw.
 */
export function stepSystem(s: EngineState, m: number): void {
  const t = s.active;
  const { code, born, stream, draws, earlyHome, careStart, legalSince, legal, uasc } = t;
  const hazards = s.hazards;
  hazards.update(s.p, s.overload);
  const withEvent = s.withEvent.reset(t.count);
  for (let k = 0; k < t.count; k++) {
    // time in care; for children in care proceedings, time since they began (courts need time)
    const tic = m - (legal[k] === LEGAL_C1 ? legalSince[k] : careStart[k]);
    const e = hazards.eventOf(code[k], m - born[k], tic, variantOf(legal[k], earlyHome[k], uasc[k]), uniformOfStream(stream[k], draws[k]++));
    if (e !== -1) withEvent.push(k, t.slot[k], e);
  }
  s.work.activeDraws += t.count;
  s.work.activeEvents += withEvent.count;
  // Downwards, so a child leaving the table (its place taken by the last, already stepped) is safe.
  const { ks, slots, events } = withEvent;
  for (let j = withEvent.count - 1; j >= 0; j--) {
    if ((withEvent.count - 1 - j) % PREFETCH_BATCH === 0) {
      prefetchChildren(s.children.a, slots, Math.max(0, j - PREFETCH_BATCH + 1), j + 1);
      // a child leaving early help closes or shrinks its family's case, in the family's record
      prefetchFamiliesOf(s.families, slots, Math.max(0, j - PREFETCH_BATCH + 1), j + 1);
      // a child leaving the table moves the last entry into its place, which touches that child
      prefetchChildren(s.children.a, t.slot, Math.max(0, t.count - PREFETCH_BATCH), t.count);
    }
    const k = ks[j];
    s.cur = k;
    s.curSlot = t.slot[k];
    applyEvent(s, s.curSlot, t.code[k], events[j], m);
  }
  s.cur = s.curSlot = -1;
}

/** What event `e` of a child in state `code` does. */
function applyEvent(s: EngineState, i: number, code: number, e: number, m: number): void {
  const p = s.p;
  if (code === S.universal) {
    leaveWaiting(s, i);
    if (e === 0) move(s, i, S.assessment);
    else {
      deactivate(s, i);
      startNeedClockAtMonthEnd(s, i);
    }
  } else if (code === S.early_help) {
    if (draw(s, i) < p.earlyHelpSuccessShare) toUniversal(s, i, m, false);
    else move(s, i, S.assessment);
  } else if (code === S.assessment) {
    // Rationing under overload: more assessments end with no further action (thresholds rise).
    const cdf = p.assessmentOutcomeCdf;
    const nfa = cdf[0] + (1 - cdf[0]) * Math.min(1, p.overloadRaisesNoFurtherAction * s.overload);
    const u2 = draw(s, i);
    const v = u2 < nfa ? 0 : cdf[0] + ((u2 - nfa) / (1 - nfa)) * (1 - cdf[0]);
    if (u2 < nfa) toUniversal(s, i, m, true);
    else if (v < cdf[1]) move(s, i, S.child_in_need);
    else if (v < cdf[2]) move(s, i, S.child_protection);
    else placeInCare(s, i, S.assessment, m, true);
  } else if (code === S.child_in_need) {
    if (e === 0) toUniversal(s, i, m, true);
    else if (e === 1) move(s, i, S.child_protection);
    else placeInCare(s, i, S.child_in_need, m, true);
  } else if (code === S.child_protection) {
    const v = draw(s, i);
    if (v < p.cpEndToCareShare) placeInCare(s, i, S.child_protection, m, true);
    else if (v < p.cpEndToCareShare + p.cpEndToCinShare) move(s, i, S.child_in_need);
    else toUniversal(s, i, m, true);
  } else {
    careEvent(s, i, e, m);
  }
}

/** What event `e` (CARE_EVENT) of a child in care does. */
function careEvent(s: EngineState, i: number, e: number, m: number): void {
  const p = s.p;
  const E = CARE_EVENT;
  if (e === E.returnHome) {
    leaveCare(s, i, REASON_RETURNED_HOME);
    bookReEntry(s, i, m);
    if (draw(s, i) < p.reunifiedToCinShare) move(s, i, S.child_in_need);
    else toUniversal(s, i, m, false);
  } else if (e === E.adopted || e === E.specialGuardianship) {
    toPermanence(s, i, m, e === E.adopted ? REASON_ADOPTED : REASON_SPECIAL_GUARDIANSHIP);
  } else if (e === E.otherExit) {
    leaveCare(s, i, REASON_OTHER);
    toUniversal(s, i, m, false);
  } else if (e === E.court) {
    courtEvent(s, i, m);
  } else if (e === E.stepDown) changePlacement(s, i, S.inhouse_foster);
  else if (e === E.supportedAccommodation) changePlacement(s, i, S.supported_accommodation);
  else changePlacement(s, i, S.la_residential);
}

/**
 * The courts: a child accommodated under section 20 (or held under another status, e.g. police
 * protection) becomes the subject of care proceedings (interim care order); proceedings conclude
 * as courts.ts says: a placement order (young children), a special guardianship order, a return
 * home (no order, or a supervision order) or a full care order.
 */
function courtEvent(s: EngineState, i: number, m: number): void {
  const t = s.active;
  const k = s.cur;
  if (t.legal[k] !== LEGAL_C1) {
    t.legal[k] = LEGAL_C1;
    t.legalSince[k] = m;
    return;
  }
  const outcome = courtConclusion(s.p, m - t.born[k], draw(s, i));
  if (outcome === COURT_SPECIAL_GUARDIANSHIP) toPermanence(s, i, m, REASON_SPECIAL_GUARDIANSHIP);
  else if (outcome === COURT_RETURN_HOME) {
    leaveCare(s, i, REASON_RETURNED_HOME);
    bookReEntry(s, i, m);
    move(s, i, S.child_in_need); // home under a supervision order or with a plan
  } else {
    t.legal[k] = outcome === COURT_PLACEMENT_ORDER ? LEGAL_E1 : LEGAL_C2;
    t.legalSince[k] = m;
  }
}

/** Adoption or special guardianship: allowances until the child's 18th birthday. */
function toPermanence(s: EngineState, i: number, m: number, reason: number): void {
  leaveCare(s, i, reason);
  s.allowanceEnds.add(s.active.born[s.cur] + AGE_OUT_MONTHS);
  s.onAllowance++;
  toUniversal(s, i, m, false);
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
  startNeedClockAtMonthEnd(s, i);
}

