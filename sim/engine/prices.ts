/**
 * Prices over time. Every unit cost in a scenario is in pounds of its start date. Costs grow by the
 * inflation of their category, month by month, each from 1 at the start, so outputs are nominal:
 *
 *   staff pay         social work, placed with parents (support), council homes' staff share
 *   placement prices  what providers charge before their margin (private homes, fostering agencies,
 *                     supported accommodation, secure), and the high-cost tail
 *   allowances        kinship and in-house foster care, care leavers, staying put, permanence allowances
 *   early help        the early-help budget and its cost per family
 *   general           council homes' other running costs and new places' capital (general inflation)
 *
 * One inflation for every cost, pay included, against a lower deflator made the baseline's real
 * spend drift up by half over twenty years with nothing else changing (issue 21): each category
 * now carries its own sourced rate. The deflator tracks general prices relative to the price base
 * year, so that real terms are nominal / deflator.
 */
import { COST_INDICES, STATE_CODE as S, STATES } from '../states';
import type { EngineState } from './state';

export { COST_INDICES } from '../states';
/** Positions in COST_INDICES. */
export const PAY = 0;
export const PLACEMENT_PRICES = 1;
export const ALLOWANCES = 2;
export const EARLY_HELP = 3;
export const GENERAL = 4;

/** The index each state's weekly cost follows (council homes mix pay and general: `councilHomeIndex`). */
export const INDEX_OF_STATE: Uint8Array = (() => {
  const k = new Uint8Array(STATES.length).fill(GENERAL);
  k[S.kinship_foster] = ALLOWANCES;
  k[S.inhouse_foster] = ALLOWANCES;
  k[S.placed_with_parents] = PAY;
  k[S.agency_foster] = PLACEMENT_PRICES;
  k[S.private_residential] = PLACEMENT_PRICES;
  k[S.supported_accommodation] = PLACEMENT_PRICES;
  k[S.secure] = PLACEMENT_PRICES;
  return k;
})();

/** Advance every index by one month (call once at the start of each simulated month). */
export function advancePrices(s: EngineState): void {
  const growth = s.p.inflationPerMonth;
  for (let k = 0; k < COST_INDICES.length; k++) s.costIndex[k] *= growth[k];
  s.deflator *= s.p.generalInflationPerMonth;
}

/** How much the weekly cost of a placement type has grown since the start (not for council homes). */
export function indexOfState(s: EngineState, code: number): number {
  return s.costIndex[INDEX_OF_STATE[code]];
}

/** Council homes: their staff share follows pay, the rest general prices. */
export function councilHomeIndex(s: EngineState): number {
  const staff = s.p.councilHomeStaffShare;
  return staff * s.costIndex[PAY] + (1 - staff) * s.costIndex[GENERAL];
}
