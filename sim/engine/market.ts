/**
 * The provider market: margin rises with scarcity, a profit cap bounds it, and the price is the
 * provider's cost plus the margin. The one place a price is made.
 *
 *   price per week = provider cost per week x (1 + margin)
 *   margin = min(cap, base + slope x max(0, occupancy - threshold))
 *   occupancy = children placed (out-of-area ones included) / places inside the region
 */
import type { MarketParams } from '../params';
import { STATE_CODE as S } from '../states';
import type { EngineState } from './state';

export function marginFor(m: MarketParams, placed: number, localPlaces: number, cap: number): number {
  const occupancy = localPlaces > 0 && Number.isFinite(localPlaces) ? placed / localPlaces : localPlaces === 0 && placed > 0 ? 2 : 0;
  const margin = m.baseMargin + m.marginPerOccupancy * Math.max(0, occupancy - m.scarcityOccupancy);
  return Math.min(cap, margin);
}

/** What a provider charges for a cost and a margin. */
export function priceFor(cost: number, margin: number): number {
  return cost * (1 + margin);
}

/** The month's margins of the two markets (private homes, fostering agencies). */
export function updateMargins(s: EngineState): void {
  const p = s.p;
  s.privateMargin = marginFor(p.privateMarket, s.stock[S.private_residential], p.places[S.private_residential], p.profitCap);
  s.agencyMargin = marginFor(p.agencyMarket, s.stock[S.agency_foster], p.places[S.agency_foster], p.profitCap);
}

/** The margin a provider of this placement type charges now (0 where no provider charges one). */
export function marginOf(s: EngineState, code: number): number {
  return code === S.private_residential ? s.privateMargin : code === S.agency_foster ? s.agencyMargin : 0;
}

/** Weekly price of a place of a market placement type (private home or fostering agency). */
export function weeklyPriceOf(s: EngineState, code: number): number {
  return priceFor(s.p.costPerWeek[code], marginOf(s, code));
}
