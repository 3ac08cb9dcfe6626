/**
 * The region's month record with councils: each council's record (record.ts), and the region's as
 * their sum. Counts and pounds add exactly (pounds from whole pence); the market is the region's:
 * places and children in them add up, prices are the region's (the same for every council), and
 * the council-home cost per occupied week is the councils' spend over their children.
 */
import { WEEKS_PER_MONTH } from '../params';
import type { CouncilMonthRecord, MarketRecord, MonthRecord, PlacesRecord } from '../records';
import { SPEND_CATEGORIES, STATE_CODE as S } from '../states';
import { councilHomeMonthlyCost, councilHomeUsualSpend, highCostTail } from './costs';
import { marketRecord, monthRecord } from './record';
import type { EngineState } from './state';

type Counts = Record<string, number>;

/** Add `from`'s numbers into `into`, key by key (keys missing from `into` start at 0). */
function addCounts(into: Counts, from: Counts): void {
  for (const key of Object.keys(from)) into[key] = (into[key] ?? 0) + from[key];
}

const ADDED = ['stocks', 'flows', 'careExits', 'careExitsByReason', 'lookedAfterByAge', 'careEntriesByAge', 'lookedAfterByLegalStatus', 'outOfAreaByType', 'outsideCouncilByType'] as const;
const ADDED_NUMBERS = ['children', 'careReEntries', 'uascLookedAfter', 'outOfArea', 'outsideCouncil', 'over20Miles', 'careLeavers', 'placementMoves'] as const;

/** The region's council homes: places and children added up, the cost per occupied week from every council's spend. */
function councilHomes(states: readonly EngineState[]): PlacesRecord {
  let usual = 0;
  let tail = 0;
  let children = 0;
  let places = 0;
  for (const s of states) {
    usual += councilHomeUsualSpend(s);
    tail += highCostTail(s, S.la_residential, councilHomeMonthlyCost(s));
    children += s.stock[S.la_residential];
    places += s.councilHomePlaces;
  }
  const perWeek = (pounds: number) => (children > 0 ? pounds / (children * WEEKS_PER_MONTH) : 0);
  // `occupied`: the councils' own children in them, as each council's record counts it (record.ts)
  return { places, occupied: children, pricePerWeek: perWeek(usual), highCostTailPerWeek: perWeek(tail) };
}

function addPlaces(records: readonly CouncilMonthRecord[], type: 'private_residential' | 'agency_foster' | 'inhouse_foster'): PlacesRecord {
  const first = records[0].market[type];
  const out: PlacesRecord = { ...first, places: 0, occupied: 0 };
  for (const r of records) {
    out.places += r.market[type].places;
    out.occupied += r.market[type].occupied;
  }
  return out;
}

/** The region's record and each council's, by code. */
export function regionRecord(states: readonly EngineState[], codes: readonly string[]): MonthRecord {
  const councils = states.map(monthRecord);
  const first = councils[0];
  const region = structuredClone(first) as MonthRecord;
  for (const key of ADDED) region[key] = {} as never;
  for (const key of ADDED_NUMBERS) region[key] = 0;
  for (const r of councils) {
    for (const key of ADDED) addCounts(region[key] as Counts, r[key] as Counts);
    for (const key of ADDED_NUMBERS) region[key] += r[key];
  }
  // pounds from whole pence, so the categories add to the total exactly as each council's do
  let totalPence = 0;
  SPEND_CATEGORIES.forEach((cat, k) => {
    let pence = 0;
    for (const s of states) pence += s.spendPence[k];
    region.spend[cat] = pence / 100;
    totalPence += pence;
  });
  region.spendTotal = totalPence / 100;
  region.market = {
    private_residential: addPlaces(councils, 'private_residential'),
    la_residential: councilHomes(states),
    agency_foster: addPlaces(councils, 'agency_foster'),
    inhouse_foster: addPlaces(councils, 'inhouse_foster'),
  };
  region.councils = Object.fromEntries(codes.map((code, k) => [code, councils[k]]));
  return region;
}

/** The region's market figures: places and children add up; prices and margins are the region's. */
export function regionMarketRecord(states: readonly EngineState[]): MarketRecord {
  const each = states.map(marketRecord);
  const out = { ...each[0] };
  const added = ['outOfArea', 'councilHomePlaces', 'privateResidentialPlaces', 'inhouseFosterPlaces', 'earlyHelpCapacity', 'earlyHelpWaiting'] as const;
  for (const key of added) out[key] = each.reduce((sum, m) => sum + m[key], 0);
  const la = councilHomes(states);
  out.councilHomePricePerWeek = la.pricePerWeek;
  out.councilHomeTailPerWeek = la.highCostTailPerWeek ?? 0;
  // caseload: open cases over workers, region-wide
  let workers = 0;
  let cases = 0;
  for (const s of states) {
    workers += s.p.socialWorkers;
    cases += s.caseload * s.p.socialWorkers;
  }
  out.socialWorkCaseload = workers > 0 ? cases / workers : each[0].socialWorkCaseload;
  return out;
}
