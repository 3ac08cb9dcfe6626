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
import { setOutOfArea } from './population';
import { indexOfState } from './prices';
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

/** The month's margins of the two markets, from occupancy of their local places. */
export function updateMargins(s: EngineState): void {
  const p = s.p;
  s.privateMargin = marginFor(p.privateMarket, s.stock[S.private_residential], s.marketPlaces[S.private_residential], p.profitCap);
  s.agencyMargin = marginFor(p.agencyMarket, s.stock[S.agency_foster], s.marketPlaces[S.agency_foster], p.profitCap);
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
 * children, its local places are those that put occupancy at the hurdle's, and the children beyond
 * them are the ones placed out of the region. The placements themselves are the steady state's
 * (steady-placements.ts), so the margin, the places and the mix hold still with no policy change.
 */
export function startMarketsAtHurdle(s: EngineState): void {
  for (const code of MARKET_CODES) {
    const mp = marketParams(s, code);
    if (!mp.startAtHurdle || !Number.isFinite(s.marketPlaces[code])) continue;
    const occupancy = hurdleOccupancy(mp);
    if (!(occupancy > 0)) continue;
    s.marketPlaces[code] = Math.round(s.stock[code] / occupancy);
    reassignOutOfArea(s, code);
  }
  updateMargins(s);
}

/** The first children of the type (in table order) fill its local places; the rest are out of the region. */
function reassignOutOfArea(s: EngineState, code: number): void {
  const t = s.active;
  const a = s.children.a;
  let local = localPlacesOf(s, code);
  s.outOfArea[code] = 0;
  for (let k = 0; k < t.count; k++) {
    if (t.code[k] !== code) continue;
    const away = local > 0 ? 0 : 1;
    if (away === 0) local--;
    setOutOfArea(a, t.slot[k], away);
    s.outOfArea[code] += away;
  }
}
