/**
 * Bookkeeping of states: every change of a child's state goes through here, so stocks, flows,
 * the out-of-area count and the active table stay consistent by construction.
 */
import { activePosOf, bornOf, drawsOf, outOfAreaOf, serialOf, setActive, setActivePos, setInactive, setOutOfArea, setStateOf, stateOf } from './population';
import type { EngineState } from './state';

/** Put a child (not yet counted) into a state. */
export function enterState(s: EngineState, i: number, code: number): void {
  setStateOf(s.children.a, i, code);
  s.stock[code]++;
}

/** Forget that a child is placed out of area (it is leaving its placement). */
export function clearOutOfArea(s: EngineState, i: number, from: number): void {
  const a = s.children.a;
  if (outOfAreaOf(a, i)) {
    setOutOfArea(a, i, 0);
    s.outOfArea[from]--;
  }
}

/** Move a counted child between states, recording the flow. */
export function move(s: EngineState, i: number, to: number): void {
  const a = s.children.a;
  const from = stateOf(a, i);
  clearOutOfArea(s, i, from);
  s.stock[from]--;
  s.stock[to]++;
  setStateOf(a, i, to);
  s.flows.add(from, to);
  const k = i === s.curSlot ? s.cur : activePosOf(a, i);
  if (k !== -1) s.active.code[k] = to;
}

/** Step the child monthly from now on (no-op if it already is). */
export function activate(s: EngineState, i: number): void {
  const a = s.children.a;
  if (activePosOf(a, i) !== -1) return;
  setActive(a, i, s.active.add(i, stateOf(a, i), serialOf(a, i), drawsOf(a, i), bornOf(a, i)));
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
