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
  needBookedOf,
  needDueOf,
  PREFETCH_BATCH,
  prefetchChildBlocks,
  prefetchChildren,
  prefetchFamilyRecords,
  prefetchRare,
  reReferralOf,
  setPending,
  stateOf,
} from './population';
import { draw, type EngineState } from './state';
import { joinWaiting } from './waiting-list';

/** Calendar entries of families read per batch (their booked months loaded together first). */
const NEED_BATCH = 512;
/** Scratch: a batch's live entries, and those of them with a need event due this month. */
const live = new Int32Array(NEED_BATCH);
const firing = new Int32Array(NEED_BATCH);

export function needsEmerge(s: EngineState, m: number): void {
  const a = s.children.a;
  const f = s.families;
  const families = s.needCalendar.take(m);
  s.work.needEntries += families.length;
  // At 1:1 a sixth of the entries are stale (the clock was re-booked earlier) and another sixth are
  // checkpoints (the event lies in a later month): loading every entry's family, child and rare
  // records ahead wasted those loads (and the rare records are read only by the few who join the
  // waiting list). Measured: 3% of a 1:1 run faster. So each batch is loaded in two stages: the
  // family records of all (they hold the booked months); the children of those due now. An entry
  // is live when its family is booked for this month; nothing in this phase books a need for this
  // month, so filtering first keeps the entries a live one processes (in order).
  for (let k = 0; k < families.length; k += NEED_BATCH) {
    const end = Math.min(k + NEED_BATCH, families.length);
    prefetchFamilyRecords(f, families, k, end);
    let n = 0;
    for (let j = k; j < end; j++) if (needBookedOf(f, families[j]) === m) live[n++] = families[j];
    let d = 0;
    for (let j = 0; j < n; j++) if (Math.ceil(needDueOf(f, live[j])) <= m) firing[d++] = live[j];
    prefetchChildBlocks(a, firing, 0, d);
    for (let j = 0; j < n; j++) {
      const fam = live[j];
      for (let i = nextNeedEvent(s, fam, m); i !== -1; i = nextNeedEvent(s, fam, m)) needArises(s, i);
    }
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
  s.work.needsArisen++;
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
