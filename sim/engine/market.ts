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
