/**
 * The provider market: margin rises with scarcity, a profit cap bounds it.
 * price per week = provider cost x (1 + margin);  margin = min(cap, base + slope x max(0, occupancy - threshold)),
 * occupancy = children placed (out-of-area ones included) / places inside the region.
 */
import type { MarketParams } from './params';

export function marginFor(m: MarketParams, placed: number, localPlaces: number, cap: number): number {
  const occupancy = localPlaces > 0 && Number.isFinite(localPlaces) ? placed / localPlaces : localPlaces === 0 && placed > 0 ? 2 : 0;
  const margin = m.baseMargin + m.marginPerOccupancy * Math.max(0, occupancy - m.scarcityOccupancy);
  return Math.min(cap, margin);
}
