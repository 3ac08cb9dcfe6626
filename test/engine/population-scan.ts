/**
 * Counting the population itself, slot by slot, so tests check the month records against the
 * agents they describe rather than against the sums the engine made.
 */
import { EMPTY, FAMILY_SHIFT, isPoor, outOfAreaOf, PENDING_WAITING, pendingOf, serialOf, stateOf } from '../../sim/engine/population';
import type { PopulationView } from '../../sim/simulation';
import { STATE_CODE, STATES, type StateId } from '../../sim/states';

export interface Census {
  children: number;
  stocks: Record<StateId, number>;
  /** children in universal services waiting for early help */
  waiting: number;
  /** children placed out of area, by state */
  outOfArea: Record<StateId, number>;
  /** families in poverty */
  poorFamilies: number;
}

export function census(pop: PopulationView): Census {
  const a = pop.children;
  const stocks = Object.fromEntries(STATES.map((s) => [s, 0])) as Record<StateId, number>;
  const outOfArea = Object.fromEntries(STATES.map((s) => [s, 0])) as Record<StateId, number>;
  let children = 0;
  let waiting = 0;
  for (let i = 0; i < pop.capacity; i++) {
    const code = stateOf(a, i);
    if (code === EMPTY) continue;
    children++;
    stocks[STATES[code]]++;
    if (code === STATE_CODE.universal && pendingOf(a, i) === PENDING_WAITING) waiting++;
    if (outOfAreaOf(a, i)) outOfArea[STATES[code]]++;
  }
  let poorFamilies = 0;
  for (let f = 0; f < pop.capacity >> FAMILY_SHIFT; f++) if (isPoor(pop.families, f)) poorFamilies++;
  return { children, stocks, waiting, outOfArea, poorFamilies };
}

/** Each child's state and family by its serial (its identity across runs). */
export function bySerial(pop: PopulationView): Map<number, { state: number; family: number }> {
  const out = new Map<number, { state: number; family: number }>();
  const a = pop.children;
  for (let i = 0; i < pop.capacity; i++) {
    const code = stateOf(a, i);
    if (code !== EMPTY) out.set(serialOf(a, i), { state: code, family: i >> FAMILY_SHIFT });
  }
  return out;
}
