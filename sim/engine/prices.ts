/**
 * Prices over time. Every unit cost in a scenario is in pounds of its start date; unit costs grow
 * by cost inflation month by month (`costIndex`, 1 at the start), so outputs are nominal. The
 * deflator tracks general prices relative to the price base year, so that real terms are
 * nominal / deflator.
 */
import type { EngineState } from './state';

/** Advance both indices by one month (call once at the start of each simulated month). */
export function advancePrices(s: EngineState): void {
  s.costIndex *= s.p.costInflationPerMonth;
  s.deflator *= s.p.generalInflationPerMonth;
}
