/**
 * Counting the population itself, slot by slot, so tests check the month records against the
 * agents they describe rather than against the sums the engine made.
 */
import { EMPTY, FAMILY_SHIFT, isPoor, PENDING_WAITING, pendingOf, serialOf, stateOf } from '../../sim/engine/population';
import { OUTSIDE_REGION, OWN_COUNCIL } from '../../sim/engine/region';
import type { CareView, PopulationView } from '../../sim/simulation';
import { STATE_CODE, STATES, type StateId } from '../../sim/states';

export interface Census {
  children: number;
  stocks: Record<StateId, number>;
  /** children in universal services waiting for early help */
  waiting: number;
  /** children placed outside the region, by state (from the care view's hosts; all 0 without one) */
  outOfArea: Record<StateId, number>;
  /** children placed outside their own council (outside the region included), by state */
  outsideCouncil: Record<StateId, number>;
  /** families in poverty */
  poorFamilies: number;
}

export function census(pop: PopulationView, care?: CareView): Census {
  const a = pop.children;
  const stocks = Object.fromEntries(STATES.map((s) => [s, 0])) as Record<StateId, number>;
  const zeros = () => Object.fromEntries(STATES.map((s) => [s, 0])) as Record<StateId, number>;
  const outOfArea = zeros();
  const outsideCouncil = zeros();
  // where children live is kept while they are stepped monthly (every child in care is): the care view's hosts
  for (let k = 0; k < (care?.count ?? 0); k++) {
    const host = care!.host[k];
    if (host === OWN_COUNCIL) continue;
    outsideCouncil[STATES[care!.code[k]]]++;
    if (host === OUTSIDE_REGION) outOfArea[STATES[care!.code[k]]]++;
  }
  let children = 0;
  let waiting = 0;
  for (let i = 0; i < pop.capacity; i++) {
    const code = stateOf(a, i);
    if (code === EMPTY) continue;
    children++;
    stocks[STATES[code]]++;
    if (code === STATE_CODE.universal && pendingOf(a, i) === PENDING_WAITING) waiting++;
  }
  let poorFamilies = 0;
  for (let f = 0; f < pop.capacity >> FAMILY_SHIFT; f++) if (isPoor(pop.families, f)) poorFamilies++;
  return { children, stocks, waiting, outOfArea, outsideCouncil, poorFamilies };
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
