/**
 * What the engine reports each month. This is the CLI's month record and the core of the
 * worker's snapshot: the types here are the documentation of the output format.
 */
import type { CareExitId, SpendCategory, StateId } from './states';

/** Flow keys are `from>to`, e.g. `universal>early_help`, `birth>universal`, `secure>left_care_18`. */
export type FlowKey = string;

export interface MonthRecord {
  /** 0 is the initial population; month m holds the stocks after m simulated months. */
  month: number;
  /** Children in the simulated population (already scaled: integers). */
  children: number;
  stocks: Record<StateId, number>;
  /** Moves during this month; only non-zero flows are listed. */
  flows: Record<FlowKey, number>;
  careExits: Record<CareExitId, number>;
  /** Pounds spent this month by category (simulated population, i.e. scaled). */
  spend: Record<SpendCategory, number>;
  spendTotal: number;
}

/** Market and capacity figures that the visualiser shows beside the month record. */
export interface MarketRecord {
  /** Weekly price the council pays per place, margin included (pounds). */
  privateResidentialPricePerWeek: number;
  privateResidentialMargin: number;
  agencyFosterPricePerWeek: number;
  agencyFosterMargin: number;
  councilHomePricePerWeek: number;
  /** Children placed outside the region (counted in their placement state too). */
  outOfArea: number;
  /** Places that exist this month (scaled). */
  councilHomePlaces: number;
  privateResidentialPlaces: number;
  inhouseFosterPlaces: number;
  earlyHelpCapacity: number;
  earlyHelpWaiting: number;
  socialWorkCaseload: number;
}
