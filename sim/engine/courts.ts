/**
 * How care proceedings conclude: the one place the rule is written. The pathway draws a child's
 * conclusion from it (pathway.ts) and the set-up's steady state of care spreads its shares
 * (steady-care.ts); written twice, the two could drift apart and the set-up's stock would no longer
 * be the engine's own steady state.
 *
 * Proceedings end in a placement order (young children, by age band), or else, of the rest, in
 * special guardianship, a return home (no order, or a supervision order), or a full care order.
 */
import { permanenceBandOf } from '../ages';
import type { EngineParams } from '../params';

export const COURT_PLACEMENT_ORDER = 0;
export const COURT_SPECIAL_GUARDIANSHIP = 1;
export const COURT_RETURN_HOME = 2;
export const COURT_CARE_ORDER = 3;

/** The share of proceedings concluding at `age` (months) with a placement order. */
export function placementOrderShare(p: EngineParams, age: number): number {
  return p.courtOutcomes.placementOrderByAge[permanenceBandOf(age)];
}

/** Of proceedings not ending in a placement order, the share ending in a full care order (never below 0). */
export function careOrderShareOfRest(p: EngineParams): number {
  const o = p.courtOutcomes;
  return Math.max(0, 1 - o.specialGuardianship - o.returnHome);
}

/** The share of proceedings concluding at `age` (months) with a return home (as courtConclusion decides). */
export function courtReturnHomeShare(p: EngineParams, age: number): number {
  return (1 - placementOrderShare(p, age)) * p.courtOutcomes.returnHome;
}

/** How the proceedings of a child aged `age` (months) conclude (a COURT_* code), from one uniform `u` in [0, 1). */
export function courtConclusion(p: EngineParams, age: number, u: number): number {
  const o = p.courtOutcomes;
  const placementOrder = placementOrderShare(p, age);
  if (u < placementOrder) return COURT_PLACEMENT_ORDER;
  // uniform again over the rest
  const v = (u - placementOrder) / (1 - placementOrder);
  if (v < o.specialGuardianship) return COURT_SPECIAL_GUARDIANSHIP;
  if (v < o.specialGuardianship + o.returnHome) return COURT_RETURN_HOME;
  return COURT_CARE_ORDER;
}
