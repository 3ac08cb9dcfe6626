/**
 * What the engine reports each month. This is the CLI's month record and the core of the
 * worker's snapshot: the types here are the documentation of the output format.
 */
import type { DfeAgeBand } from './ages';
import type { CareExitId, CareExitReason, CostIndexId, LegalStatus, SpendCategory, StateId } from './states';

/** Flow keys are `from>to`, e.g. `universal>early_help`, `birth>universal`, `secure>left_care_18`. */
export type FlowKey = string;

/** Places, children in them and the weekly price of one placement type this month. */
export interface PlacesRecord {
  /** Places in the region (scaled, like `stocks`): for the markets, their local places. */
  places: number;
  /** Children in those places (scaled); for the markets, children placed in the region (those out of area are in `outOfAreaByType`). */
  occupied: number;
  /**
   * Pounds a week, nominal. Markets: the price charged (cost x (1 + margin)). Council homes: the
   * whole cost per occupied place-week (fixed costs of empty places and capital included; 0 when
   * no child is placed). Neither includes the high-cost tail (`highCostTailPerWeek`). In-house
   * foster care: the weekly cost.
   */
  pricePerWeek: number;
  /** The provider's margin (markets only; left out elsewhere). */
  margin?: number;
  /**
   * Children's homes (private and council-run): the high-cost tail's extra pounds a week per child
   * in them, on top of `pricePerWeek` (which leaves it out for both, so they compare like for like).
   */
  highCostTailPerWeek?: number;
}

export const MARKET_TYPES = ['private_residential', 'la_residential', 'agency_foster', 'inhouse_foster'] as const;
export type MarketTypeId = (typeof MARKET_TYPES)[number];
export const OUT_OF_AREA_TYPES = ['private_residential', 'agency_foster'] as const;
export type OutOfAreaTypeId = (typeof OUT_OF_AREA_TYPES)[number];
/** Placement types whose places are located in a council (sim/engine/region.ts): children in them may live outside their council. */
export const LOCATED_TYPES = ['private_residential', 'la_residential', 'agency_foster'] as const;
export type LocatedTypeId = (typeof LOCATED_TYPES)[number];

export interface MonthRecord {
  /** 0 is the initial population; month m holds the stocks after m simulated months. */
  month: number;
  /** The month simulated, "YYYY-MM" (month 1 is the scenario's start date; month 0 is the month before, whose end is the starting state). */
  date: string;
  /** Its financial year (April to March), e.g. "2021-22". */
  financialYear: string;
  /** Children in the simulated population (already scaled: integers). */
  children: number;
  stocks: Record<StateId, number>;
  /** Moves during this month; only non-zero flows are listed. */
  flows: Record<FlowKey, number>;
  careExits: Record<CareExitId, number>;
  /** Exits from care this month by DfE's reason groups (they sum to the exits in `careExits` plus `other`). */
  careExitsByReason: Record<CareExitReason, number>;
  /** Children who entered care this month having left care before (after going home, or an earlier exit). */
  careReEntries: number;
  /** Children looked after at the end of the month by DfE age band (they sum to the care stocks). */
  lookedAfterByAge: Record<DfeAgeBand, number>;
  /** Entries to care during the month by age at entry (DfE bands), unaccompanied children included. */
  careEntriesByAge: Record<DfeAgeBand, number>;
  /** Children looked after at the end of the month by legal status (SSDA903 codes; they sum to the care stocks). */
  lookedAfterByLegalStatus: Record<LegalStatus, number>;
  /** Unaccompanied asylum-seeking children looked after at the end of the month (counted in the care stocks too). */
  uascLookedAfter: number;
  /** Pounds spent this month by category (simulated population, i.e. scaled). */
  spend: Record<SpendCategory, number>;
  spendTotal: number;
  /** Places, occupancy and prices at the end of the month. */
  market: Record<MarketTypeId, PlacesRecord>;
  /** Children placed outside the region at the end of the month (counted in their placement's stock too). */
  outOfArea: number;
  outOfAreaByType: Record<OutOfAreaTypeId, number>;
  /**
   * Children placed outside their own council at the end of the month, DfE's "outside the council's
   * boundary" (outside the region included; a scenario without councils is one council, so this is
   * `outOfArea`), in total and by placement type. For the region: the councils' sum.
   */
  outsideCouncil: number;
  outsideCouncilByType: Record<LocatedTypeId, number>;
  /** Children placed more than 20 miles from their council (centroid to centroid; a place outside the region counts as over 20 miles). */
  over20Miles: number;
  /**
   * With councils (the scenario's `councils`): each council's own record, by ONS code; the region's
   * counts and pounds are their sums, exactly. Absent for a scenario without councils.
   */
  councils?: Record<string, CouncilMonthRecord>;
  /** Care leavers supported after 18 (to the scenario's `careLeavers.supportedToAge`), outside `stocks`. */
  careLeavers: number;
  /** Placement moves during the month: changes of placement, and moves back into the region. */
  placementMoves: number;
  /** Unit costs relative to the start date by cost category (`general`: general prices), and general prices relative to the price base year (real = nominal / deflator). */
  prices: Record<CostIndexId, number> & { deflator: number };
}

/** A council's month: the region's fields for its own children and pounds (its `market` is its own places, at the region's prices). */
export type CouncilMonthRecord = Omit<MonthRecord, 'councils'>;

/** Market and capacity figures that the visualiser shows beside the month record. */
export interface MarketRecord {
  /** Weekly price the council pays per place, margin included (pounds). */
  privateResidentialPricePerWeek: number;
  privateResidentialMargin: number;
  agencyFosterPricePerWeek: number;
  agencyFosterMargin: number;
  /** Weekly cost per child in a council home: empty places and capital included, the high-cost tail not (as for the private price). */
  councilHomePricePerWeek: number;
  /** The high-cost tail's extra pounds a week per child in a private home, and in a council home (on top of the prices above). */
  privateResidentialTailPerWeek: number;
  councilHomeTailPerWeek: number;
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

/**
 * The fields of a month record beyond its counts and money, at neutral values (no places, nobody
 * away, no moves, prices at the start): for synthetic records in tests and benches.
 */
export function neutralMonthFields(
  month: number,
): Pick<
  MonthRecord,
  | 'date'
  | 'financialYear'
  | 'market'
  | 'outOfArea'
  | 'outOfAreaByType'
  | 'outsideCouncil'
  | 'outsideCouncilByType'
  | 'over20Miles'
  | 'careLeavers'
  | 'placementMoves'
  | 'prices'
  | 'careExitsByReason'
  | 'careReEntries'
  | 'lookedAfterByAge'
  | 'careEntriesByAge'
  | 'lookedAfterByLegalStatus'
  | 'uascLookedAfter'
> {
  const byAge = { under_1: 0, '1_to_4': 0, '5_to_9': 0, '10_to_15': 0, '16_plus': 0 };
  const none: PlacesRecord = { places: 0, occupied: 0, pricePerWeek: 0 };
  return {
    date: `2021-${String(4 + (month % 9)).padStart(2, '0')}`,
    financialYear: '2021-22',
    market: { private_residential: { ...none, margin: 0 }, la_residential: { ...none }, agency_foster: { ...none, margin: 0 }, inhouse_foster: { ...none } },
    outOfArea: 0,
    outOfAreaByType: { private_residential: 0, agency_foster: 0 },
    outsideCouncil: 0,
    outsideCouncilByType: { private_residential: 0, la_residential: 0, agency_foster: 0 },
    over20Miles: 0,
    careLeavers: 0,
    placementMoves: 0,
    prices: { staffPay: 1, placementPrices: 1, allowances: 1, earlyHelp: 1, general: 1, deflator: 1 },
    careExitsByReason: { returned_home: 0, adopted: 0, special_guardianship: 0, turned_18: 0, other: 0 },
    careReEntries: 0,
    lookedAfterByAge: { ...byAge },
    careEntriesByAge: { ...byAge },
    lookedAfterByLegalStatus: { V2: 0, C1: 0, C2: 0, E1: 0, other: 0 },
    uascLookedAfter: 0,
  };
}
