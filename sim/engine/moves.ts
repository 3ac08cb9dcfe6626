/**
 * Bookkeeping of states: every change of a child's state goes through here, so stocks, flows,
 * where children are placed (region.ts) and the active table stay consistent by construction.
 */
import { STATE_CODE as S } from '../states';
import { activePosOf, bornOf, drawsOf, earlyHelpChildrenOf, familyOfSlot, serialOf, setActive, setActivePos, setEarlyHelpChildren, setInactive, setStateOf, stateOf } from './population';
import { leaveHost } from './region';
import { streamOf } from './rng';
import type { EngineState } from './state';

/** Put a child (not yet counted) into a state. */
export function enterState(s: EngineState, i: number, code: number): void {
  setStateOf(s.children.a, i, code);
  s.stock[code]++;
  if (code === S.early_help) joinEarlyHelpCase(s, i);
}

/** Early help works with families: the first child of a family in early help opens its case. */
function joinEarlyHelpCase(s: EngineState, i: number): void {
  const fam = familyOfSlot(i);
  const n = earlyHelpChildrenOf(s.families, fam);
  setEarlyHelpChildren(s.families, fam, n + 1);
  if (n === 0) s.earlyHelpFamilies++;
}

/** A child leaves early help; the family's case closes with its last child. */
export function leaveEarlyHelpCase(s: EngineState, i: number): void {
  const fam = familyOfSlot(i);
  const n = earlyHelpChildrenOf(s.families, fam) - 1;
  setEarlyHelpChildren(s.families, fam, n);
  if (n === 0) s.earlyHelpFamilies--;
}

/** Whether the child's family already has an early-help case (so the child needs no new place). */
export function familyHasEarlyHelp(s: EngineState, i: number): boolean {
  return earlyHelpChildrenOf(s.families, familyOfSlot(i)) > 0;
}


/** Move a counted child between states, recording the flow. */
export function move(s: EngineState, i: number, to: number): void {
  const a = s.children.a;
  const from = stateOf(a, i);
  leaveHost(s, i, from);
  s.stock[from]--;
  s.stock[to]++;
  setStateOf(a, i, to);
  s.flows.add(from, to);
  if (from === S.early_help) leaveEarlyHelpCase(s, i);
  if (to === S.early_help) joinEarlyHelpCase(s, i);
  const k = i === s.curSlot ? s.cur : activePosOf(a, i);
  if (k !== -1) s.active.code[k] = to;
}

/** Step the child monthly from now on (no-op if it already is). */
export function activate(s: EngineState, i: number): void {
  const a = s.children.a;
  if (activePosOf(a, i) !== -1) return;
  setActive(a, i, s.active.add(i, stateOf(a, i), streamOf(s.keys.child, serialOf(a, i)), drawsOf(a, i), bornOf(a, i)));
}

/** Stop stepping the child monthly; its draw counter goes back to the population's arrays. */
export function deactivate(s: EngineState, i: number): void {
  const a = s.children.a;
  const k = activePosOf(a, i);
  if (k === -1) return;
  setInactive(a, i, s.active.draws[k]);
  const moved = s.active.removeAt(k);
  if (moved !== -1) setActivePos(a, moved, k);
  if (i === s.curSlot) s.curSlot = s.cur = -1;
}
