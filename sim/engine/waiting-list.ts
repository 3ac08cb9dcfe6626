/**
 * The early-help waiting list: children whose need emerged and who were not referred straight to
 * social care wait here (stepped monthly: they may escalate or resolve) until early help has room.
 * `s.waiting` is the number waiting now; entries of children who left are skipped lazily.
 */
import { STATE_CODE as S } from '../states';
import { activate, familyHasEarlyHelp, move } from './moves';
import { PENDING_NEED, PENDING_WAITING, pendingOf, PREFETCH_BATCH, prefetchChildren, prefetchFamiliesOf, prefetchRare, setPending, setWaitTicket, stateOf, waitTicketOf } from './population';
import type { EngineState } from './state';

export function joinWaiting(s: EngineState, i: number): void {
  setPending(s.children.a, i, PENDING_WAITING);
  setWaitTicket(s.children.a, i, s.waitingQueue.push(i));
  s.waiting++;
  activate(s, i);
}

/** The child stops waiting (admitted, escalated, resolved or turned 18). */
export function leaveWaiting(s: EngineState, i: number): void {
  setPending(s.children.a, i, PENDING_NEED);
  setWaitTicket(s.children.a, i, 0);
  s.waiting--;
}

export function isWaiting(s: EngineState, i: number): boolean {
  return pendingOf(s.children.a, i) === PENDING_WAITING;
}

/**
 * Admit from the front of the list, in order, while early help has room. Capacity counts families
 * (a case is a family): a child whose family already has a case joins it without a new place.
 * Under a statutory duty everyone is admitted.
 */
export function admitEarlyHelp(s: EngineState): void {
  const a = s.children.a;
  const p = s.p;
  const q = s.waitingQueue;
  let ahead = 0;
  while (!q.isEmpty) {
    if (ahead-- === 0) {
      const next = q.upcoming(PREFETCH_BATCH);
      prefetchChildren(a, next, 0, next.length);
      prefetchRare(a, next, 0, next.length);
      // whether the family has a case already (and the case it joins) is in the family's record
      prefetchFamiliesOf(s.families, next, 0, next.length);
      ahead = next.length - 1;
    }
    const i = q.frontSlot();
    const stale = waitTicketOf(a, i) !== q.frontTicket() || pendingOf(a, i) !== PENDING_WAITING || stateOf(a, i) !== S.universal;
    if (!stale && !p.earlyHelpStatutory && !familyHasEarlyHelp(s, i) && s.earlyHelpFamilies >= p.earlyHelpCapacity) break;
    q.shift();
    if (stale) continue;
    leaveWaiting(s, i);
    move(s, i, S.early_help);
  }
}
