/**
 * Capacity at the start of each month: council homes open from the build pipeline (or plans are
 * cut back to the target), foster recruitment adds in-house places, and the social-work caseload
 * sets how overloaded the service is.
 */
import { openCases, stocksOf } from '../measures';
import { STATE_CODE as S } from '../states';
import { GENERAL } from './prices';
import type { EngineState } from './state';

/**
 * Council homes: open what the pipeline delivers, plan or cancel towards the target. Places opened
 * during the run carry their capital cost, spread over its lifetime from opening (at the costs of
 * the month they open); places open at the start are taken as paid for.
 */
export function updateCouncilHomes(s: EngineState, m: number): void {
  const p = s.p;
  s.pipeline = s.pipeline.filter((b) => {
    if (b.opens > m) return true;
    openCouncilPlaces(s, b.places, m);
    return false;
  });
  s.capitalCharges = s.capitalCharges.filter((c) => c.until >= m);
  let planned = s.councilHomePlaces + s.pipeline.reduce((sum, b) => sum + b.places, 0);
  if (p.councilHomeTarget > planned) {
    const add = p.councilHomeTarget - planned;
    if (p.councilHomeMonthsToOpen === 0) openCouncilPlaces(s, add, m);
    else s.pipeline.push({ opens: m + p.councilHomeMonthsToOpen, places: add });
  } else {
    while (planned > p.councilHomeTarget && s.pipeline.length > 0) {
      const last = s.pipeline[s.pipeline.length - 1];
      const cut = Math.min(last.places, planned - p.councilHomeTarget);
      last.places -= cut;
      planned -= cut;
      if (last.places === 0) s.pipeline.pop();
    }
    if (planned > p.councilHomeTarget) s.councilHomePlaces = p.councilHomeTarget;
  }
}

function openCouncilPlaces(s: EngineState, places: number, m: number): void {
  s.councilHomePlaces += places;
  const p = s.p;
  if (m > 0 && places > 0 && p.councilHomeCapitalPerPlace > 0) {
    s.capitalCharges.push({ perMonth: (places * p.councilHomeCapitalPerPlace * s.costIndex[GENERAL]) / p.councilHomeCapitalMonths, until: m + p.councilHomeCapitalMonths - 1 });
  }
}

/** The capital charge this month of council places opened during the run. */
export function capitalChargeOf(s: EngineState): number {
  let n = 0;
  for (const c of s.capitalCharges) n += c.perMonth;
  return n;
}

/** Recruitment adds in-house foster places month by month (fractions carry over). */
export function recruitFosterCarers(s: EngineState, m: number): void {
  if (m > 0) s.inhousePlaces += s.p.fosterExtraPlacesPerMonth;
}

/** Overload: how far the caseload per worker is above the threshold (0 when within it). */
export function updateCaseload(s: EngineState): void {
  const p = s.p;
  const open = openCases(stocksOf(s.stock));
  s.caseload = p.socialWorkers > 0 ? open / p.socialWorkers : Infinity;
  // Practice degrades with overload, but not without bound: past `maxOverload`, rationing takes over.
  const overload = Math.max(0, s.caseload / p.caseloadThreshold - 1);
  s.overload = Number.isFinite(overload) ? Math.min(p.maxOverload, overload) : p.maxOverload;
}

/** Places of a placement type that exist this month (Infinity: no limit). */
export function capacityOf(s: EngineState, code: number): number {
  if (code === S.la_residential) return s.councilHomePlaces;
  if (code === S.inhouse_foster) return Math.floor(s.inhousePlaces);
  return s.p.places[code];
}
