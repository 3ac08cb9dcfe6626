import { describe, expect, it } from 'vitest';
import { move } from '../../sim/engine/moves';
import { activePosOf, EMPTY, PENDING_NEED, PENDING_WAITING, pendingOf, setPending, stateOf } from '../../sim/engine/population';
import type { EngineState } from '../../sim/engine/state';
import { admitEarlyHelp, isWaiting, joinWaiting, leaveWaiting, waitTicketOf } from '../../sim/engine/waiting-list';
import { STATE_CODE as S } from '../../sim/states';
import { addChild, addChildren, addSibling, tinyState } from './fixture';

/** A state whose early help has room for `capacity` children, with `inEarlyHelp` there already. */
function earlyHelp(capacity: number, inEarlyHelp = 0, statutory = false): EngineState {
  const s = tinyState({ earlyHelpCapacity: capacity, earlyHelpStatutory: statutory });
  addChildren(s, S.early_help, inEarlyHelp);
  return s;
}

/** Children in universal services who join the list in the order given (not slot order). */
function queue(s: EngineState, n: number, order: readonly number[]): number[] {
  const kids = addChildren(s, S.universal, n);
  for (const k of order) joinWaiting(s, kids[k]);
  return kids;
}

/** The children waiting now, counted from the population itself. */
function countWaiting(s: EngineState): number {
  let n = 0;
  for (let i = 0; i < s.children.capacity; i++) if (stateOf(s.children.a, i) !== EMPTY && pendingOf(s.children.a, i) === PENDING_WAITING) n++;
  return n;
}

const inEarlyHelp = (s: EngineState, kids: readonly number[]): boolean[] => kids.map((i) => stateOf(s.children.a, i) === S.early_help);

describe('joining and leaving the early-help waiting list (waiting-list.ts)', () => {
  it('marks a child as waiting, counts it and steps it monthly', () => {
    const s = earlyHelp(0);
    const i = addChild(s, S.universal);
    expect(isWaiting(s, i)).toBe(false);
    joinWaiting(s, i);
    expect(isWaiting(s, i)).toBe(true);
    expect(s.waiting).toBe(1);
    expect(activePosOf(s.children.a, i)).not.toBe(-1);
  });

  it('stops counting a child who leaves the list, and takes its ticket back', () => {
    const s = earlyHelp(0);
    const [a, b] = queue(s, 2, [0, 1]);
    leaveWaiting(s, a);
    expect(isWaiting(s, a)).toBe(false);
    expect(pendingOf(s.children.a, a)).toBe(PENDING_NEED);
    expect(waitTicketOf(s, a), 'holds no ticket').toBe(0);
    expect(isWaiting(s, b)).toBe(true);
    expect(s.waiting).toBe(1);
    expect(s.waiting).toBe(countWaiting(s));
  });
});

describe('admission to early help (waiting-list.ts)', () => {
  it('admits first come, first served, up to capacity', () => {
    const s = earlyHelp(3, 1);
    const kids = queue(s, 5, [3, 1, 4, 0, 2]);
    admitEarlyHelp(s);
    expect(inEarlyHelp(s, kids)).toEqual([false, true, false, true, false]);
    expect(s.stock[S.early_help]).toBe(3);
    expect(s.stock[S.universal]).toBe(3);
    expect(s.flows.toRecord()).toEqual({ 'universal>early_help': 2 });
    expect(s.waiting).toBe(3);
    expect(s.waiting).toBe(countWaiting(s));
  });

  it('admits the next in line when a place frees up', () => {
    const s = earlyHelp(2);
    const kids = queue(s, 4, [2, 0, 3, 1]);
    admitEarlyHelp(s);
    expect(inEarlyHelp(s, kids)).toEqual([true, false, true, false]);
    move(s, kids[2], S.universal); // a case closes
    admitEarlyHelp(s);
    expect(inEarlyHelp(s, kids)).toEqual([true, false, false, true]);
    expect(s.waiting).toBe(1);
    expect(s.waiting).toBe(countWaiting(s));
  });

  it('admits nobody when early help is full', () => {
    const s = earlyHelp(2, 2);
    const kids = queue(s, 2, [0, 1]);
    admitEarlyHelp(s);
    expect(inEarlyHelp(s, kids)).toEqual([false, false]);
    expect(s.waiting).toBe(2);
  });

  it('admits everyone waiting under a statutory duty, whatever the capacity', () => {
    const s = earlyHelp(0, 4, true);
    const kids = queue(s, 6, [5, 4, 3, 2, 1, 0]);
    admitEarlyHelp(s);
    expect(inEarlyHelp(s, kids)).toEqual(kids.map(() => true));
    expect(s.stock[S.early_help]).toBe(10);
    expect(s.waiting).toBe(0);
    expect(countWaiting(s)).toBe(0);
  });

  it('skips children who left the list, without using a place on them', () => {
    const s = earlyHelp(2);
    const kids = queue(s, 4, [0, 1, 2, 3]);
    leaveWaiting(s, kids[0]);
    move(s, kids[0], S.assessment); // escalated while waiting
    leaveWaiting(s, kids[1]); // the need resolved: back in universal services, not waiting
    admitEarlyHelp(s);
    expect(inEarlyHelp(s, kids)).toEqual([false, false, true, true]);
    expect(stateOf(s.children.a, kids[0])).toBe(S.assessment);
    expect(stateOf(s.children.a, kids[1])).toBe(S.universal);
    expect(s.waiting).toBe(0);
    expect(countWaiting(s)).toBe(0);
  });

  it('keeps the place in line of a child who left and joined again at the back', () => {
    const s = earlyHelp(2);
    const kids = addChildren(s, S.universal, 3);
    joinWaiting(s, kids[0]);
    joinWaiting(s, kids[1]);
    leaveWaiting(s, kids[0]);
    joinWaiting(s, kids[2]);
    joinWaiting(s, kids[0]);
    admitEarlyHelp(s);
    expect(inEarlyHelp(s, kids)).toEqual([false, true, true]);
    expect(s.waiting).toBe(1);
    expect(s.waiting).toBe(countWaiting(s));
  });

  it('never admits a child who is no longer in universal services or no longer waiting, even if its entry was not withdrawn', () => {
    const s = earlyHelp(5);
    const kids = queue(s, 3, [0, 1, 2]);
    move(s, kids[0], S.assessment);
    setPending(s.children.a, kids[1], PENDING_NEED);
    admitEarlyHelp(s);
    expect(inEarlyHelp(s, kids)).toEqual([false, false, true]);
  });

  it('does nothing with nobody waiting', () => {
    const s = earlyHelp(5);
    addChildren(s, S.universal, 3);
    admitEarlyHelp(s);
    expect(s.stock[S.early_help]).toBe(0);
    expect(s.flows.toRecord()).toEqual({});
  });
});

describe('early-help cases are families (waiting-list.ts, moves.ts)', () => {
  it('admits a child whose family already has a case without a new place, and counts the family once', () => {
    const s = earlyHelp(1);
    const [first] = addChildren(s, S.universal, 1);
    const sibling = addSibling(s, first, S.universal);
    const stranger = addChild(s, S.universal);
    joinWaiting(s, first);
    joinWaiting(s, sibling);
    joinWaiting(s, stranger);
    admitEarlyHelp(s);
    expect(inEarlyHelp(s, [first, sibling, stranger])).toEqual([true, true, false]);
    expect(s.earlyHelpFamilies).toBe(1);
    move(s, first, S.universal);
    expect(s.earlyHelpFamilies, 'the case stays open while a sibling is in early help').toBe(1);
    move(s, sibling, S.assessment);
    expect(s.earlyHelpFamilies).toBe(0);
    admitEarlyHelp(s);
    expect(inEarlyHelp(s, [stranger])).toEqual([true]);
  });
});
