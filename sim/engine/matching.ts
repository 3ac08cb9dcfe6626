/**
 * Matching a child to a placement, in the order councils use places: a child needing a home goes
 * to a free council place in the region, then a free private place in the region, then out of
 * area; a child needing foster care goes to kinship care where that is what was assessed, then an
 * in-house carer, then an agency carer in the region, then out of area. Other types (placed with
 * parents, supported accommodation, secure) follow their fallback chain when full. The markets
 * always take a child, beyond the region's own places if need be: that is what "out of area" counts.
 * A vacancy that exists when a child is matched is used, and children placed out of area move back
 * into the region when a place frees up (`repatriate`).
 */
import { ageBandOf, SUPPORTED_ACCOMMODATION_FROM } from '../ages';
import { PLACEMENTS, STATE_CODE as S } from '../states';
import { capacityOf } from './capacity';
import { localPlacesOf } from './market';
import { activate, enterState, move } from './moves';
import { activePosOf, bornOf, outOfAreaOf, setOutOfArea, stateOf } from './population';
import { draw, type EngineState } from './state';
import { startCare } from './care-episodes';
import { LEGAL_V2 } from './hazards';
import { SOURCE_MOVED_IN } from './flows';

/** Placement to try when a placement type has no free place. */
export const FALLBACK: Readonly<Record<number, number>> = {
  [S.kinship_foster]: S.inhouse_foster,
  [S.placed_with_parents]: S.kinship_foster,
  [S.inhouse_foster]: S.agency_foster,
  [S.la_residential]: S.private_residential,
  [S.secure]: S.private_residential,
  [S.supported_accommodation]: S.agency_foster,
};
/**
 * Where the search starts for the type sought: councils use their own places first, so a child
 * needing a home is offered a council place before a private one, and a child needing a (non-kin)
 * foster carer an in-house carer before an agency one.
 */
const FIRST_CHOICE: Readonly<Record<number, number>> = {
  [S.private_residential]: S.la_residential,
  [S.agency_foster]: S.inhouse_foster,
};
const MAX_HOPS = 8;
const PLACEMENT_CODES = PLACEMENTS.map((p) => S[p]);

/** Market placement types: they always take a child, out of area when the region's places are full. */
export const isMarketCode = (code: number): boolean => code === S.private_residential || code === S.agency_foster;

/** Where a market placement's children go back to when the region has room: the council's own type first. */
const LOCAL_FIRST: Readonly<Record<number, number>> = {
  [S.private_residential]: S.la_residential,
  [S.agency_foster]: S.inhouse_foster,
};

/** The placement a child gets when `wanted` is sought: the first type in its chain with a free place. */
export function match(s: EngineState, wanted: number, i: number): number {
  let code = FIRST_CHOICE[wanted] ?? wanted;
  if (code === S.supported_accommodation && s.month + 1 - bornOf(s.children.a, i) < SUPPORTED_ACCOMMODATION_FROM) code = S.inhouse_foster;
  for (let hops = 0; hops < MAX_HOPS; hops++) {
    if (isMarketCode(code) || s.stock[code] < capacityOf(s, code)) return code;
    code = FALLBACK[code] ?? S.private_residential;
  }
  return S.private_residential;
}

/** Children of a market type placed inside the region now. */
export function localOccupied(s: EngineState, code: number): number {
  return s.stock[code] - s.outOfArea[code];
}

/** Market places beyond the region's own count as out of area (call after the child moved in). */
export function markOutOfArea(s: EngineState, i: number): void {
  const a = s.children.a;
  const code = stateOf(a, i);
  if (!isMarketCode(code)) return;
  if (localOccupied(s, code) - 1 >= localPlacesOf(s, code)) {
    setOutOfArea(a, i, 1);
    s.outOfArea[code]++;
  }
}

/** A move between placements (step-down, 16+ to supported accommodation, breakdown to a home). */
export function changePlacement(s: EngineState, i: number, wanted: number): void {
  const to = match(s, wanted, i);
  if (to === stateOf(s.children.a, i)) return;
  move(s, i, to);
  s.placementMoves++;
  markOutOfArea(s, i);
}

/**
 * Children placed out of area come back into the region when a place frees up: to the council's
 * own type first (a council home, an in-house carer), else to a local place of their market. Each
 * is a placement move. Only runs when there is both someone away and a free place.
 */
export function repatriate(s: EngineState): void {
  for (const code of [S.private_residential, S.agency_foster]) {
    if (s.outOfArea[code] === 0) continue;
    const own = LOCAL_FIRST[code];
    let ownFree = capacityOf(s, own) - s.stock[own];
    let localFree = localPlacesOf(s, code) - localOccupied(s, code);
    if (ownFree < 1 && localFree < 1) continue;
    const t = s.active;
    const a = s.children.a;
    for (let k = t.count - 1; k >= 0 && s.outOfArea[code] > 0 && (ownFree >= 1 || localFree >= 1); k--) {
      if (t.code[k] !== code) continue;
      const i = t.slot[k];
      if (!outOfAreaOf(a, i)) continue;
      if (ownFree >= 1) {
        move(s, i, own);
        ownFree--;
      } else {
        setOutOfArea(a, i, 0);
        s.outOfArea[code]--;
        localFree--;
      }
      s.placementMoves++;
    }
  }
}

/**
 * Entry to care: the placement sought depends on age; matching finds what exists. `from` is the
 * state the child leaves (a flow), or FROM_NOWHERE for a child not yet counted (set-up) and
 * FROM_ARRIVAL for an unaccompanied child arriving (a `moved_in` flow). `counted`: an entry
 * during the run (counted by age; set-up's children are not entries). `sought`, when given, is
 * the placement type sought instead of one drawn from the entry mix (the set-up's children).
 */
export function placeInCare(s: EngineState, i: number, from: number, m: number, counted: boolean, sought = -1): number {
  const age = m - bornOf(s.children.a, i);
  const cdf = s.p.entryCdf[ageBandOf(age)];
  const v = draw(s, i);
  // drawn before the child joins the active table (its stream counter then moves there)
  const uLegal = draw(s, i);
  let k = 0;
  while (k < cdf.length - 1 && v >= cdf[k]) k++;
  const unaccompanied = from === FROM_ARRIVAL || from === FROM_NOWHERE_UNACCOMPANIED;
  // `sought`: the set-up's placement from the steady state (steady-placements.ts) instead of the entry mix
  const wanted = sought >= 0 ? sought : PLACEMENT_CODES[k];
  const code = match(s, unaccompanied ? ARRIVAL_PLACEMENT[wanted] ?? wanted : wanted, i);
  if (from >= 0) move(s, i, code);
  else {
    enterState(s, i, code);
    if (from === FROM_ARRIVAL) s.flows.add(SOURCE_MOVED_IN, code);
  }
  markOutOfArea(s, i);
  activate(s, i);
  const pos = activePosOf(s.children.a, i);
  startCare(s, i, pos, m, age, counted, uLegal);
  // an unaccompanied child has nobody here to agree to or contest an order: accommodated under section 20
  if (unaccompanied) {
    s.active.uasc[pos] = 1;
    s.active.legal[pos] = LEGAL_V2;
  }
  // The providers' proposal: children placed in a home at entry while it is on carry its claimed benefits.
  if (counted && s.p.homesEarly && (code === S.la_residential || code === S.private_residential)) s.active.earlyHome[pos] = 1;
  return code;
}

/** An unaccompanied child has no parents or relatives here: a foster carer or supported accommodation instead. */
const ARRIVAL_PLACEMENT: Readonly<Record<number, number>> = {
  [S.placed_with_parents]: S.supported_accommodation,
  [S.kinship_foster]: S.inhouse_foster,
};

/** `from` of placeInCare for a child not yet counted anywhere (set-up). */
export const FROM_NOWHERE = -1;
/** `from` of placeInCare for a child arriving from outside the region. */
export const FROM_ARRIVAL = -2;
/** `from` of placeInCare for an unaccompanied child in care at set-up (no flow). */
export const FROM_NOWHERE_UNACCOMPANIED = -3;
