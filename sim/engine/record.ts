/**
 * Reading the engine's state into the month record and the market figures (sim/records.ts holds
 * their types, the documentation of the output format).
 */
import { stocksOf } from '../measures';
import type { MarketRecord, MonthRecord } from '../records';
import { CARE_EXITS, SPEND_CATEGORIES, STATE_CODE as S } from '../states';
import { capacityOf } from './capacity';
import { weeklyPriceOf } from './market';
import type { EngineState } from './state';

export function monthRecord(s: EngineState): MonthRecord {
  const stocks = stocksOf(s.stock);
  let children = 0;
  for (let k = 0; k < s.stock.length; k++) children += s.stock[k];
  const careExits = {} as MonthRecord['careExits'];
  CARE_EXITS.forEach((e, k) => (careExits[e] = s.careExits[k]));
  const spend = {} as MonthRecord['spend'];
  let totalPence = 0;
  SPEND_CATEGORIES.forEach((cat, k) => {
    spend[cat] = s.spendPence[k] / 100;
    totalPence += s.spendPence[k];
  });
  return { month: s.month, children, stocks, flows: s.flows.toRecord(), careExits, spend, spendTotal: totalPence / 100 };
}

export function marketRecord(s: EngineState): MarketRecord {
  const p = s.p;
  return {
    privateResidentialPricePerWeek: weeklyPriceOf(s, S.private_residential),
    privateResidentialMargin: s.privateMargin,
    agencyFosterPricePerWeek: weeklyPriceOf(s, S.agency_foster),
    agencyFosterMargin: s.agencyMargin,
    councilHomePricePerWeek: weeklyPriceOf(s, S.la_residential),
    outOfArea: s.outOfArea[S.private_residential] + s.outOfArea[S.agency_foster],
    councilHomePlaces: s.councilHomePlaces,
    privateResidentialPlaces: p.places[S.private_residential],
    inhouseFosterPlaces: capacityOf(s, S.inhouse_foster),
    earlyHelpCapacity: p.earlyHelpStatutory ? s.stock[S.early_help] : p.earlyHelpCapacity,
    earlyHelpWaiting: s.waiting,
    socialWorkCaseload: s.caseload,
  };
}
