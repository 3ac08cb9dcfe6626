/**
 * The region as its councils: each council is an CouncilState of its own (its families, pathway,
 * budgets and counters), and this object is what they share: the places located in each council
 * and who fills them, the distances between councils, and the provider market's margins (market.ts).
 *
 * Where a child in a located placement (a children's home, council-run or private, or an agency
 * foster place) lives is its `host` in the active table: its own council, another council of the
 * region, or outside the region. That gives DfE's "placed outside the council's boundary"
 * (`outsideCouncil`), placements more than 20 miles from home (`over20Miles`, centroid to centroid;
 * a place outside the region counts as over 20 miles) and "out of area" as the model counted it
 * before councils (`outOfArea`: outside the region). A region without councils is one council: the
 * same code, with no neighbours.
 */
import { STATE_CODE as S, STATES } from '../states';
import { activePosOf, type ChildArrays } from './population';

/**
 * What the region reads and writes of a council's engine state (CouncilState has all of it:
 * state.ts). Written out here so that the region does not import the state that holds it.
 */
export interface CouncilState {
  readonly region: Region;
  readonly council: number;
  councilHomePlaces: number;
  readonly marketPlaces: Float64Array;
  readonly outOfArea: Int32Array;
  readonly outsideCouncil: Int32Array;
  readonly over20Miles: Int32Array;
  readonly active: { readonly host: Uint8Array; readonly code: Uint8Array; readonly count: number };
  readonly children: { readonly a: ChildArrays };
  cur: number;
  curSlot: number;
}

/** `host` of a child in its own council (or in a placement that is not located). */
export const OWN_COUNCIL = 0;
/** `host` of a child placed outside the region. */
export const OUTSIDE_REGION = 255;
/** DfE's distance for placements far from home. */
export const FAR_MILES = 20;
const NS = STATES.length;

/** Placement types whose places are located in a council and may take another council's child. */
export const isLocatedCode = (code: number): boolean => code === S.la_residential || code === S.private_residential || code === S.agency_foster;

export interface CouncilSite {
  lat: number;
  lon: number;
}

/** Great-circle miles between two points (haversine, mean Earth radius 3,958.8 miles). */
export function milesBetween(a: CouncilSite, b: CouncilSite): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 3958.8 * Math.asin(Math.min(1, Math.sqrt(h)));
}

export class Region<S extends CouncilState = CouncilState> {
  /** the councils' states, in the scenario's order (filled as they are made) */
  readonly states: S[] = [];
  /** miles between council centroids, n x n */
  readonly miles: Float64Array;
  /** for each council, the other councils nearest first (ties: the scenario's order) */
  readonly nearest: Int32Array[];
  /** children (of any council) in the places located in council c, by state code: usedIn[c * NS + code] */
  readonly usedIn: Int32Array;
  /** whether a council home's free place may take a neighbouring council's child */
  sellCouncilHomes = false;
  /**
   * Buffers the set-up's steady-state tables are written into, lent to one council after another
   * (each is read only while its council is set up): new ones for each of 152 councils made
   * 520 MB of garbage at once.
   */
  readonly setupBuffers: { care?: Float64Array; placements?: Float64Array } = {};

  constructor(readonly n: number, sites: readonly CouncilSite[] = []) {
    this.miles = new Float64Array(n * n);
    for (let a = 0; a < n; a++) for (let b = 0; b < n; b++) this.miles[a * n + b] = a === b || sites.length < n ? 0 : milesBetween(sites[a], sites[b]);
    this.nearest = Array.from({ length: n }, (_, a) => Int32Array.from([...Array(n).keys()].filter((b) => b !== a).sort((x, y) => this.miles[a * n + x] - this.miles[a * n + y] || x - y)));
    this.usedIn = new Int32Array(n * NS);
  }
}

/** Free places of a located type in council c now (Infinity where the type has no limit). */
export function freeIn(r: Region, c: number, code: number): number {
  const s = r.states[c];
  const places = code === S.la_residential ? s.councilHomePlaces : Math.floor(s.marketPlaces[code]);
  return places - r.usedIn[c * NS + code];
}

/**
 * Where a child of council `s` would be placed in a place of `code`: its own council if a place is
 * free there, else the nearest council of the region with one (council homes only when they sell
 * places), else -1 (none in the region).
 */
export function hostFor(s: CouncilState, code: number): number {
  const r = s.region;
  if (freeIn(r, s.council, code) >= 1) return OWN_COUNCIL;
  if (code === S.la_residential && !r.sellCouncilHomes) return -1;
  for (const c of r.nearest[s.council]) if (freeIn(r, c, code) >= 1) return c + 1;
  return -1;
}

/** The council a host value names (undefined outside the region). */
const councilOfHost = (s: CouncilState, host: number): number | undefined => (host === OWN_COUNCIL ? s.council : host === OUTSIDE_REGION ? undefined : host - 1);

function count(s: CouncilState, code: number, host: number, by: 1 | -1): void {
  const c = councilOfHost(s, host);
  if (c !== undefined) s.region.usedIn[c * NS + code] += by;
  if (host === OWN_COUNCIL) return;
  s.outsideCouncil[code] += by;
  if (host === OUTSIDE_REGION) {
    s.outOfArea[code] += by;
    s.over20Miles[code] += by;
  } else if (s.region.miles[s.council * s.region.n + host - 1] > FAR_MILES) s.over20Miles[code] += by;
}

/** The active child at table position `pos`, now in `code`, lives at `host`. */
export function enterHost(s: CouncilState, pos: number, code: number, host: number): void {
  if (!isLocatedCode(code)) return;
  s.active.host[pos] = host;
  count(s, code, host, 1);
}

/** The child in slot `i` leaves its placement of `code` (its host's place is free again). */
export function leaveHost(s: CouncilState, i: number, code: number): void {
  if (!isLocatedCode(code)) return;
  const pos = i === s.curSlot ? s.cur : activePosOf(s.children.a, i);
  if (pos === -1) return;
  count(s, code, s.active.host[pos], -1);
  s.active.host[pos] = OWN_COUNCIL;
}

/** Forget where every child of the type lives, in every council (before the set-up places them again). */
export function clearHosts(r: Region, code: number): void {
  for (let c = 0; c < r.n; c++) r.usedIn[c * NS + code] = 0;
  for (const s of r.states) {
    s.outOfArea[code] = 0;
    s.outsideCouncil[code] = 0;
    s.over20Miles[code] = 0;
    const t = s.active;
    for (let k = 0; k < t.count; k++) if (t.code[k] === code) t.host[k] = OWN_COUNCIL;
  }
}
