/**
 * The provider market (private children's homes, independent fostering agencies): the one place
 * a price is made, and the supply of local places, which answers the margin.
 *
 *   price per week = provider cost per week x placement-price index x (1 + margin)
 *   margin = min(cap, base + slope x max(0, occupancy - threshold))
 *   occupancy = children placed (out-of-area ones included) / local places
 *   local places: each month providers decide to grow them by
 *     places x elasticity x (margin - hurdle) / 12  (shrink when negative), effective `lag` months later.
 *
 * So a cap lowers the margin and, with a positive elasticity, the growth of supply; scarcity then
 * raises the margin (up to the cap) and sends more children out of area. Zero elasticity keeps the
 * places fixed (the first release's market).
 */
import type { MarketParams } from '../params';
import { STATE_CODE as S } from '../states';
import { indexOfState } from './prices';
import { largestRemainder } from '../scenario/councils/shares';
import { clearHosts, enterHost, freeIn, hostFor, OUTSIDE_REGION, OWN_COUNCIL, type Region } from './region';
import { SUPPLY_RING, type EngineState } from './state';

export const MARKET_CODES = [S.private_residential, S.agency_foster] as const;

export function marginFor(m: MarketParams, placed: number, localPlaces: number, cap: number): number {
  const occupancy = localPlaces > 0 && Number.isFinite(localPlaces) ? placed / localPlaces : localPlaces === 0 && placed > 0 ? 2 : 0;
  const margin = m.baseMargin + m.marginPerOccupancy * Math.max(0, occupancy - m.scarcityOccupancy);
  return Math.min(cap, margin);
}

/** What a provider charges for a cost and a margin. */
export function priceFor(cost: number, margin: number): number {
  return cost * (1 + margin);
}

function marketParams(s: EngineState, code: number): MarketParams {
  return code === S.private_residential ? s.p.privateMarket : s.p.agencyMarket;
}

/**
 * The month's margins of the two markets, from occupancy of their places in the region: every
 * council's children of the type (those placed outside the region included) over every council's
 * places. The market is the region's: each council pays the same margin.
 */
export function updateMargins(s: EngineState): void {
  const p = s.p;
  const states = s.region.states;
  let privatePlaced = 0;
  let privatePlaces = 0;
  let agencyPlaced = 0;
  let agencyPlaces = 0;
  for (const c of states) {
    privatePlaced += c.stock[S.private_residential];
    privatePlaces += c.marketPlaces[S.private_residential];
    agencyPlaced += c.stock[S.agency_foster];
    agencyPlaces += c.marketPlaces[S.agency_foster];
  }
  const privateMargin = marginFor(p.privateMarket, privatePlaced, privatePlaces, p.profitCap);
  const agencyMargin = marginFor(p.agencyMarket, agencyPlaced, agencyPlaces, p.profitCap);
  for (const c of states) {
    c.privateMargin = privateMargin;
    c.agencyMargin = agencyMargin;
  }
}

/**
 * Supply: open the places decided `lag` months ago, then decide this month's change from the
 * margin against the hurdle. Unlimited markets (no local limit) stay unlimited.
 */
export function updateSupply(s: EngineState, m: number): void {
  for (const code of MARKET_CODES) {
    const at = code * SUPPLY_RING + (m % SUPPLY_RING);
    const due = s.supplyPipeline[at];
    s.supplyPipeline[at] = 0;
    const places = s.marketPlaces[code];
    if (!Number.isFinite(places)) continue;
    s.marketPlaces[code] = Math.max(0, places + due);
    const mp = marketParams(s, code);
    if (mp.supplyElasticity === 0) continue;
    const change = (s.marketPlaces[code] * mp.supplyElasticity * (marginOf(s, code) - mp.hurdleMargin)) / 12;
    const lag = Math.min(SUPPLY_RING - 1, Math.max(1, mp.supplyLagMonths));
    s.supplyPipeline[code * SUPPLY_RING + ((m + lag) % SUPPLY_RING)] += change;
  }
}

/** Local places of a market type that exist this month (whole places). */
export function localPlacesOf(s: EngineState, code: number): number {
  return Math.floor(s.marketPlaces[code]);
}

/** The margin a provider of this placement type charges now (0 where no provider charges one). */
export function marginOf(s: EngineState, code: number): number {
  return code === S.private_residential ? s.privateMargin : code === S.agency_foster ? s.agencyMargin : 0;
}

/** Weekly price of a place of a market placement type now (private home or fostering agency). */
export function weeklyPriceOf(s: EngineState, code: number): number {
  return priceFor(s.p.costPerWeek[code] * indexOfState(s, code), marginOf(s, code));
}

/**
 * The occupancy at which a market's margin equals its hurdle, so that supply holds still: from
 * margin = base + slope x (occupancy - threshold). Undefined (NaN) when no occupancy gives the
 * hurdle (no slope, or a hurdle below the base margin): such a market has no still point, and
 * starts with the scenario's places (the schema says so).
 */
export function hurdleOccupancy(m: MarketParams): number {
  if (m.marginPerOccupancy <= 0 || m.hurdleMargin < m.baseMargin) return NaN;
  return m.scarcityOccupancy + (m.hurdleMargin - m.baseMargin) / m.marginPerOccupancy;
}

/**
 * A market that starts where it would stay (`startAtHurdle`): after the set-up has placed its
 * children, the region's places are those that put occupancy at the hurdle's, shared between
 * councils in proportion to the places the scenario locates in each; each council's children fill
 * its own places first, then the nearest council's free ones, and the rest are placed outside the
 * region. The placements themselves are the steady state's (steady-placements.ts), so the margin,
 * the places and the mix hold still with no policy change.
 */
export function startMarketsAtHurdle(r: Region<EngineState>): void {
  const first = r.states[0];
  for (const code of MARKET_CODES) {
    const mp = marketParams(first, code);
    if (!mp.startAtHurdle || r.states.some((s) => !Number.isFinite(s.marketPlaces[code]))) continue;
    const occupancy = hurdleOccupancy(mp);
    if (!(occupancy > 0)) continue;
    let children = 0;
    for (const s of r.states) children += s.stock[code];
    const shares = largestRemainder(Math.round(children / occupancy), r.states.map((s) => s.marketPlaces[code]));
    r.states.forEach((s, c) => (s.marketPlaces[code] = shares[c]));
    reassignHosts(r, code);
  }
  updateMargins(first);
}

/** Children of the type fill their own council's places first (in table order), then the nearest council's, then outside the region. */
function reassignHosts(r: Region<EngineState>, code: number): void {
  clearHosts(r, code);
  for (const s of r.states) {
    const t = s.active;
    for (let k = 0; k < t.count; k++) {
      if (t.code[k] !== code) continue;
      if (freeIn(r, s.council, code) >= 1) enterHost(s, k, code, OWN_COUNCIL);
      else t.host[k] = AWAITING;
    }
  }
  for (const s of r.states) {
    const t = s.active;
    for (let k = 0; k < t.count; k++) {
      if (t.code[k] !== code || t.host[k] !== AWAITING) continue;
      const host = hostFor(s, code);
      enterHost(s, k, code, host < 0 ? OUTSIDE_REGION : host);
    }
  }
}
/** A mark for children not yet given a place while hosts are reassigned (no council has this index: MAX_COUNCILS is far below). */
const AWAITING = 254;
