/**
 * Universal services: children whose need arises this month (their family's need clock falls due,
 * see clocks.ts) are referred to social care, or join the early-help waiting list (poverty raises
 * the odds of a direct referral); closed cases whose re-referral date is this month come back to
 * assessment. Then the children who came back to universal services this month start waiting for
 * needs.
 */
import { STATE_CODE as S } from '../states';
import { nextNeedEvent, startJoinedClocks } from './clocks';
import { activate, move } from './moves';
import {
  FAMILY_SHIFT,
  isPoor,
  PENDING_NEED,
  PENDING_REREFERRAL,
  pendingOf,
  PREFETCH_BATCH,
  prefetchBlocks,
  prefetchChildren,
  prefetchFamilies,
  prefetchRare,
  reReferralOf,
  setPending,
  stateOf,
} from './population';
import { draw, type EngineState } from './state';
import { joinWaiting } from './waiting-list';

export function needsEmerge(s: EngineState, m: number): void {
  const a = s.children.a;
  const families = s.needCalendar.take(m);
  for (let k = 0; k < families.length; k++) {
    if (k % PREFETCH_BATCH === 0) {
      prefetchFamilies(s.families, families, k, Math.min(k + PREFETCH_BATCH, families.length));
      prefetchBlocks(a, families, k, Math.min(k + PREFETCH_BATCH, families.length));
    }
    const fam = families[k];
    for (let i = nextNeedEvent(s, fam, m); i !== -1; i = nextNeedEvent(s, fam, m)) needArises(s, i);
  }
  const reReferred = s.childCalendar.take(m);
  for (let k = 0; k < reReferred.length; k++) {
    if (k % PREFETCH_BATCH === 0) {
      prefetchChildren(a, reReferred, k, Math.min(k + PREFETCH_BATCH, reReferred.length));
      prefetchRare(a, reReferred, k, Math.min(k + PREFETCH_BATCH, reReferred.length));
    }
    const i = reReferred[k];
    // stale if the child turned 18 (its slot may hold another child since)
    if (pendingOf(a, i) !== PENDING_REREFERRAL || reReferralOf(a, i) !== m || stateOf(a, i) !== S.universal) continue;
    setPending(a, i, PENDING_NEED);
    move(s, i, S.assessment);
    activate(s, i);
  }
  startJoinedClocks(s);
}

/** A child's need arises: a referral to social care, or the early-help waiting list. */
function needArises(s: EngineState, i: number): void {
  const p = s.p;
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
