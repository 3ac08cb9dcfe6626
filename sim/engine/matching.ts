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
import { PLACEMENTS, STATE_CODE as S, STATES } from '../states';
import { capacityOf } from './capacity';
import { activate, enterState, move } from './moves';
import { activePosOf, bornOf, stateOf } from './population';
import { enterHost, freeIn, hostFor, isLocatedCode, leaveHost, OUTSIDE_REGION, OWN_COUNCIL, type Region } from './region';
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

/** Where a child placed away goes back to when its council has room: the council's own type first (none for a council home: it goes back to one of its own). */
const LOCAL_FIRST: Readonly<Record<number, number | undefined>> = {
  [S.private_residential]: S.la_residential,
  [S.agency_foster]: S.inhouse_foster,
};
/** Types whose children may be placed away from their council (council homes only when they sell places). */
const AWAY_CODES = [S.private_residential, S.agency_foster, S.la_residential];

/**
 * The placement a child gets when `wanted` is sought: the first type in its chain with a free
 * place in the child's own council; a market type always takes the child, in the nearest council
 * with a free place or else outside the region (`s.matchHost` says where: region.ts). With council
 * homes selling places, a neighbour's free council place comes before a neighbour's private one.
 */
export function match(s: EngineState, wanted: number, i: number): number {
  let code = FIRST_CHOICE[wanted] ?? wanted;
  if (code === S.supported_accommodation && s.month + 1 - bornOf(s.children.a, i) < SUPPORTED_ACCOMMODATION_FROM) code = S.inhouse_foster;
  s.matchHost = OWN_COUNCIL;
  for (let hops = 0; hops < MAX_HOPS; hops++) {
    if (isMarketCode(code)) return matchMarket(s, code);
    if (isLocatedCode(code) ? freeIn(s.region, s.council, code) >= 1 : s.stock[code] < capacityOf(s, code)) return code;
    code = FALLBACK[code] ?? S.private_residential;
  }
  return matchMarket(s, S.private_residential);
}

/** A market place: in the child's council if one is free, else the nearest council with one (or a council home there, when they sell places), else outside the region. */
function matchMarket(s: EngineState, code: number): number {
  const r = s.region;
  if (freeIn(r, s.council, code) >= 1) {
    s.matchHost = OWN_COUNCIL;
    return code;
  }
  const homes = code === S.private_residential && r.sellCouncilHomes;
  for (const c of r.nearest[s.council]) {
    if (homes && freeIn(r, c, S.la_residential) >= 1) {
      s.matchHost = c + 1;
      return S.la_residential;
    }
    if (freeIn(r, c, code) >= 1) {
      s.matchHost = c + 1;
      return code;
    }
  }
  s.matchHost = OUTSIDE_REGION;
  return code;
}

/** Children of a market type placed in the council's own places now. */
export function localOccupied(s: EngineState, code: number): number {
  return s.region.usedIn[s.council * STATES.length + code];
}

/** A move between placements (step-down, 16+ to supported accommodation, breakdown to a home). */
export function changePlacement(s: EngineState, i: number, wanted: number): void {
  const to = match(s, wanted, i);
  if (to === stateOf(s.children.a, i)) return;
  const host = s.matchHost;
  move(s, i, to);
  s.placementMoves++;
  enterHost(s, i === s.curSlot ? s.cur : activePosOf(s.children.a, i), to, host);
}

/**
 * Children placed away from their council come back when a place frees up: to the council's own
 * type first (a council home, an in-house carer), else to a place of their market in their own
 * council; a child outside the region moves into the nearest council of the region with a free
 * place. Each is a placement move. Runs for the whole region after every council's month, so at
 * the month's end no child is away while a suitable place in its own council is free.
 */
export function repatriate(r: Region<EngineState>): void {
  // A child going home frees a place in the council it leaves, which may let that council's own
  // children come home in turn: repeat until nobody moves (each move brings one child home, so it ends).
  let moved = 0;
  do {
    moved = 0;
    for (const s of r.states) moved += comeHome(s);
  } while (moved > 0 && r.n > 1);
  if (r.n > 1) for (const s of r.states) intoRegion(s);
}

/** Children away from their council move into their council's free places; returns how many moved. */
function comeHome(s: EngineState): number {
  const r = s.region;
  let moved = 0;
  for (const code of AWAY_CODES) {
    if (s.outsideCouncil[code] === 0) continue;
    const own = LOCAL_FIRST[code];
    let ownFree = own === undefined ? 0 : isLocatedCode(own) ? freeIn(r, s.council, own) : capacityOf(s, own) - s.stock[own];
    let localFree = freeIn(r, s.council, code);
    // a child in a neighbour's council home comes back to one of its own council's homes, else to a private home there
    const other = code === S.la_residential ? S.private_residential : -1;
    let otherFree = other < 0 ? 0 : freeIn(r, s.council, other);
    const t = s.active;
    for (let k = t.count - 1; k >= 0 && s.outsideCouncil[code] > 0 && (ownFree >= 1 || localFree >= 1 || otherFree >= 1); k--) {
      if (t.code[k] !== code || t.host[k] === OWN_COUNCIL) continue;
      const i = t.slot[k];
      if (ownFree >= 1 && own !== undefined) {
        move(s, i, own);
        enterHost(s, k, own, OWN_COUNCIL);
        ownFree--;
      } else if (localFree >= 1) {
        leaveHost(s, i, code);
        enterHost(s, k, code, OWN_COUNCIL);
        localFree--;
      } else {
        move(s, i, other);
        enterHost(s, k, other, OWN_COUNCIL);
        otherFree--;
      }
      s.placementMoves++;
      moved++;
    }
  }
  return moved;
}

/** Children placed outside the region move into the nearest council of the region with a free place of their type. */
function intoRegion(s: EngineState): void {
  const t = s.active;
  for (const code of AWAY_CODES) {
    if (s.outOfArea[code] === 0) continue;
    for (let k = t.count - 1; k >= 0 && s.outOfArea[code] > 0; k--) {
      if (t.code[k] !== code || t.host[k] !== OUTSIDE_REGION) continue;
      const host = hostFor(s, code);
      if (host < 0) break; // no free place anywhere in the region
      leaveHost(s, t.slot[k], code);
      enterHost(s, k, code, host);
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
  const host = s.matchHost;
  activate(s, i);
  const pos = activePosOf(s.children.a, i);
  enterHost(s, pos, code, host);
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
