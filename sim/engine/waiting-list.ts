/**
 * The early-help waiting list: children whose need emerged and who were not referred straight to
 * social care wait here (stepped monthly: they may escalate or resolve) until early help has room.
 * `s.waiting` is the number waiting now; entries of children who left are skipped lazily.
 */
import { STATE_CODE as S } from '../states';
import { activate, familyHasEarlyHelp, move } from './moves';
import { activePosOf, PENDING_NEED, PENDING_WAITING, pendingOf, PREFETCH_BATCH, prefetchChildren, prefetchFamiliesOf, setPending, stateOf } from './population';
import type { EngineState } from './state';

/** The child's row in the active table (the child being stepped has its row at hand), or -1. */
function rowOf(s: EngineState, i: number): number {
  return i === s.curSlot ? s.cur : activePosOf(s.children.a, i);
}

/**
 * Ticket of the child's place in the waiting list (0 if none). A waiting child is always in the
 * active table, which keeps the ticket: a child not in it holds none.
 */
export function waitTicketOf(s: EngineState, i: number): number {
  const k = rowOf(s, i);
  return k === -1 ? 0 : s.active.waitTicket[k];
}

export function joinWaiting(s: EngineState, i: number): void {
  setPending(s.children.a, i, PENDING_WAITING);
  const ticket = s.waitingQueue.push(i);
  s.waiting++;
  activate(s, i);
  s.active.waitTicket[rowOf(s, i)] = ticket;
}

/** The child stops waiting (admitted, escalated, resolved or turned 18). */
export function leaveWaiting(s: EngineState, i: number): void {
  setPending(s.children.a, i, PENDING_NEED);
  const k = rowOf(s, i);
  if (k !== -1) s.active.waitTicket[k] = 0;
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
      // whether the family has a case already (and the case it joins) is in the family's record
      prefetchFamiliesOf(s.families, next, 0, next.length);
      ahead = next.length - 1;
    }
    const i = q.frontSlot();
    const stale = pendingOf(a, i) !== PENDING_WAITING || stateOf(a, i) !== S.universal || waitTicketOf(s, i) !== q.frontTicket();
    if (!stale && !p.earlyHelpStatutory && !familyHasEarlyHelp(s, i) && s.earlyHelpFamilies >= p.earlyHelpCapacity) break;
    q.shift();
    if (stale) continue;
    leaveWaiting(s, i);
    move(s, i, S.early_help);
  }
}
