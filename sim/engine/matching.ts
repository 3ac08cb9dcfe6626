/**
 * Matching a child to a placement: the type sought, then its fallback chain until a type has a
 * free place; the markets (private homes, fostering agencies) always take a child, beyond the
 * region's own places if need be, which is what "out of area" counts.
 */
import { ageBandOf, SUPPORTED_ACCOMMODATION_FROM } from '../ages';
import { PLACEMENTS, STATE_CODE as S } from '../states';
import { capacityOf } from './capacity';
import { activate, enterState, move } from './moves';
import { bornOf, setOutOfArea, stateOf } from './population';
import { draw, type EngineState } from './state';

/** Placement to try when a placement type has no free place. */
export const FALLBACK: Readonly<Record<number, number>> = {
  [S.kinship_foster]: S.inhouse_foster,
  [S.placed_with_parents]: S.kinship_foster,
  [S.inhouse_foster]: S.agency_foster,
  [S.la_residential]: S.private_residential,
  [S.secure]: S.private_residential,
  [S.supported_accommodation]: S.agency_foster,
};
const MAX_HOPS = 8;
const PLACEMENT_CODES = PLACEMENTS.map((p) => S[p]);

/** Market placement types: they always take a child, out of area when the region's places are full. */
export const isMarketCode = (code: number): boolean => code === S.private_residential || code === S.agency_foster;

/** The placement a child gets when `wanted` is sought: the first type in its fallback chain with a free place. */
export function match(s: EngineState, wanted: number, i: number): number {
  let code = wanted;
  if (code === S.supported_accommodation && s.month + 1 - bornOf(s.children.a, i) < SUPPORTED_ACCOMMODATION_FROM) code = S.inhouse_foster;
  for (let hops = 0; hops < MAX_HOPS; hops++) {
    if (isMarketCode(code) || s.stock[code] < capacityOf(s, code)) return code;
    code = FALLBACK[code] ?? S.private_residential;
  }
  return S.private_residential;
}

/** Market places beyond the region's own count as out of area (call after the child moved in). */
export function markOutOfArea(s: EngineState, i: number): void {
  const a = s.children.a;
  const code = stateOf(a, i);
  if (!isMarketCode(code)) return;
  const local = s.stock[code] - 1 - s.outOfArea[code];
  if (local >= s.p.places[code]) {
    setOutOfArea(a, i, 1);
    s.outOfArea[code]++;
  }
}

/** A move between placements (step-down, 16+ to supported accommodation, breakdown to a home). */
export function changePlacement(s: EngineState, i: number, wanted: number): void {
  const to = match(s, wanted, i);
  if (to === stateOf(s.children.a, i)) return;
  move(s, i, to);
  markOutOfArea(s, i);
}

/**
 * Entry to care: the placement sought depends on age; matching finds what exists. A child not
 * yet counted (set-up) is taken out of `from` without a flow.
 */
export function placeInCare(s: EngineState, i: number, from: number, m: number, counted: boolean): void {
  const band = ageBandOf(m - bornOf(s.children.a, i));
  const cdf = s.p.entryCdf[band];
  const v = draw(s, i);
  let k = 0;
  while (k < cdf.length - 1 && v >= cdf[k]) k++;
  const code = match(s, PLACEMENT_CODES[k], i);
  if (counted) move(s, i, code);
  else {
    s.stock[from]--;
    enterState(s, i, code);
  }
  markOutOfArea(s, i);
  activate(s, i);
}
