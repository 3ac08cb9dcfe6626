/**
 * Reading the engine's state into the month record and the market figures (sim/records.ts holds
 * their types, the documentation of the output format).
 */
import { dateOfIndex, dateOfRunMonth, financialYearOfIndex } from '../dates';
import { stocksOf } from '../measures';
import { WEEKS_PER_MONTH } from '../params';
import type { MarketRecord, MonthRecord, PlacesRecord } from '../records';
import { DFE_AGE_BANDS, dfeAgeBandOf, type DfeAgeBand } from '../ages';
import { CARE_EXIT_REASONS, CARE_EXITS, COST_INDICES, isCareCode, LEGAL_STATUSES, SPEND_CATEGORIES, STATE_CODE as S, type LegalStatus } from '../states';
import { capacityOf } from './capacity';
import { councilHomeMonthlyCost, councilHomeUsualSpend, highCostTail } from './costs';
import { localPlacesOf, weeklyPriceOf } from './market';
import { localOccupied } from './matching';
import { indexOfState } from './prices';
import type { EngineState } from './state';

/** The high-cost tail's extra pounds a week per child in a home of this type (shown beside the usual price). */
function tailPerWeek(s: EngineState, code: number, usualPerMonth: number): number {
  const children = s.stock[code];
  return children > 0 ? highCostTail(s, code, usualPerMonth) / (children * WEEKS_PER_MONTH) : 0;
}

function marketPlaces(s: EngineState, code: number, margin: number): PlacesRecord {
  const price = weeklyPriceOf(s, code);
  const record: PlacesRecord = { places: localPlacesOf(s, code), occupied: localOccupied(s, code), pricePerWeek: price, margin };
  if (code === S.private_residential) record.highCostTailPerWeek = tailPerWeek(s, code, price * WEEKS_PER_MONTH);
  return record;
}

/**
 * The weekly cost of a council-home place per child in one (0 when no child is placed): empty
 * places and capital included, the high-cost tail not (it is `highCostTailPerWeek`, as for private
 * homes, so the two prices compare like for like).
 */
export function councilHomeCostPerOccupiedWeek(s: EngineState): number {
  const occupied = s.stock[S.la_residential];
  return occupied > 0 ? councilHomeUsualSpend(s) / (occupied * WEEKS_PER_MONTH) : 0;
}

function councilHomePlaces(s: EngineState): PlacesRecord {
  return {
    places: s.councilHomePlaces,
    occupied: s.stock[S.la_residential],
    pricePerWeek: councilHomeCostPerOccupiedWeek(s),
    highCostTailPerWeek: tailPerWeek(s, S.la_residential, councilHomeMonthlyCost(s)),
  };
}

const byName = <K extends string>(names: readonly K[], counts: ArrayLike<number>): Record<K, number> => {
  const out = {} as Record<K, number>;
  names.forEach((name, k) => (out[name] = counts[k]));
  return out;
};

/** Children in care now, by DfE age band and by legal status, and how many are unaccompanied: one pass over the active table. */
function careCensus(s: EngineState): { byAge: Record<DfeAgeBand, number>; byLegal: Record<LegalStatus, number>; uasc: number } {
  const t = s.active;
  const byAge = new Int32Array(DFE_AGE_BANDS.length);
  const byLegal = new Int32Array(LEGAL_STATUSES.length);
  // the columns in locals: read through the table's getters, each row cost four property loads
  const { code, born, legal } = t;
  const uascs = t.uasc;
  const month = s.month;
  let uasc = 0;
  for (let k = 0; k < t.count; k++) {
    if (!isCareCode(code[k])) continue;
    byAge[dfeAgeBandOf(month - born[k])]++;
    byLegal[legal[k]]++;
    uasc += uascs[k];
  }
  return { byAge: byName(DFE_AGE_BANDS, byAge), byLegal: byName(LEGAL_STATUSES, byLegal), uasc };
}

export function monthRecord(s: EngineState): MonthRecord {
  const stocks = stocksOf(s.stock);
  let children = 0;
  for (let k = 0; k < s.stock.length; k++) children += s.stock[k];
  const spend = {} as MonthRecord['spend'];
  let totalPence = 0;
  SPEND_CATEGORIES.forEach((cat, k) => {
    spend[cat] = s.spendPence[k] / 100;
    totalPence += s.spendPence[k];
  });
  const date = dateOfRunMonth(s.p.startMonth, s.month);
  const census = careCensus(s);
  return {
    month: s.month,
    date: dateOfIndex(date),
    financialYear: financialYearOfIndex(date),
    children,
    stocks,
    flows: s.flows.toRecord(),
    careExits: byName(CARE_EXITS, s.careExits),
    careExitsByReason: byName(CARE_EXIT_REASONS, s.careExitReasons),
    careReEntries: s.careReEntries,
    lookedAfterByAge: census.byAge,
    careEntriesByAge: byName(DFE_AGE_BANDS, s.careEntriesByAge),
    lookedAfterByLegalStatus: census.byLegal,
    uascLookedAfter: census.uasc,
    spend,
    spendTotal: totalPence / 100,
    market: {
      private_residential: marketPlaces(s, S.private_residential, s.privateMargin),
      la_residential: councilHomePlaces(s),
      agency_foster: marketPlaces(s, S.agency_foster, s.agencyMargin),
      inhouse_foster: { places: capacityOf(s, S.inhouse_foster), occupied: s.stock[S.inhouse_foster], pricePerWeek: s.p.costPerWeek[S.inhouse_foster] * indexOfState(s, S.inhouse_foster) },
    },
    outOfArea: s.outOfArea[S.private_residential] + s.outOfArea[S.agency_foster],
    outOfAreaByType: { private_residential: s.outOfArea[S.private_residential], agency_foster: s.outOfArea[S.agency_foster] },
    outsideCouncil: s.outsideCouncil[S.private_residential] + s.outsideCouncil[S.la_residential] + s.outsideCouncil[S.agency_foster],
    outsideCouncilByType: { private_residential: s.outsideCouncil[S.private_residential], la_residential: s.outsideCouncil[S.la_residential], agency_foster: s.outsideCouncil[S.agency_foster] },
    over20Miles: s.over20Miles[S.private_residential] + s.over20Miles[S.la_residential] + s.over20Miles[S.agency_foster],
    careLeavers: Math.round(s.careLeavers),
    placementMoves: s.placementMoves,
    prices: { ...byName(COST_INDICES, s.costIndex), deflator: s.deflator },
  };
}

export function marketRecord(s: EngineState): MarketRecord {
  const p = s.p;
  return {
    privateResidentialPricePerWeek: weeklyPriceOf(s, S.private_residential),
    privateResidentialMargin: s.privateMargin,
    agencyFosterPricePerWeek: weeklyPriceOf(s, S.agency_foster),
    agencyFosterMargin: s.agencyMargin,
    councilHomePricePerWeek: councilHomeCostPerOccupiedWeek(s),
    privateResidentialTailPerWeek: tailPerWeek(s, S.private_residential, weeklyPriceOf(s, S.private_residential) * WEEKS_PER_MONTH),
    councilHomeTailPerWeek: tailPerWeek(s, S.la_residential, councilHomeMonthlyCost(s)),
    outOfArea: s.outOfArea[S.private_residential] + s.outOfArea[S.agency_foster],
    councilHomePlaces: s.councilHomePlaces,
    privateResidentialPlaces: localPlacesOf(s, S.private_residential),
    inhouseFosterPlaces: capacityOf(s, S.inhouse_foster),
    earlyHelpCapacity: p.earlyHelpStatutory ? s.earlyHelpFamilies : p.earlyHelpCapacity,
    earlyHelpWaiting: s.waiting,
    socialWorkCaseload: s.caseload,
  };
}
