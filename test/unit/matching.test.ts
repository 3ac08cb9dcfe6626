import { describe, expect, it } from 'vitest';
import { years } from '../../sim/ages';
import { changePlacement, match, placeInCare } from '../../sim/engine/matching';
import { activate, move } from '../../sim/engine/moves';
import { activePosOf, serialOf, stateOf } from '../../sim/engine/population';
import { enterHost, leaveHost, OUTSIDE_REGION } from '../../sim/engine/region';
import { uniform } from '../../sim/engine/rng';
import type { EngineState } from '../../sim/engine/state';
import { PLACEMENTS, STATE_CODE as S, type PlacementId } from '../../sim/states';
import { addChild, addChildren, tinyState } from './fixture';
import { arrivals } from '../../sim/engine/demography';
import { LEGAL_V2 } from '../../sim/engine/hazards';

/** A state where every placement type outside the markets has `n` places (markets too, though they take everyone). */
function withPlaces(n: number): EngineState {
  const s = tinyState();
  for (const p of PLACEMENTS) s.p.places[S[p]] = n;
  s.marketPlaces[S.private_residential] = n;
  s.marketPlaces[S.agency_foster] = n;
  s.councilHomePlaces = n;
  s.inhousePlaces = n;
  return s;
}

/** A state with `n` places of the markets in the region and none of the council's own (homes, in-house carers). */
function marketsOnly(n: number): EngineState {
  const s = withPlaces(n);
  s.councilHomePlaces = 0;
  s.inhousePlaces = 0;
  return s;
}

/** 1 if the child is placed outside the region (its host in the active table), else 0. */
const awayOf = (s: EngineState, i: number): number => {
  const k = activePosOf(s.children.a, i);
  return k !== -1 && s.active.host[k] === OUTSIDE_REGION ? 1 : 0;
};

/** Place a child of a located type outside the region (as a full market would have). */
function sendAway(s: EngineState, i: number): void {
  leaveHost(s, i, stateOf(s.children.a, i));
  enterHost(s, activePosOf(s.children.a, i), stateOf(s.children.a, i), OUTSIDE_REGION);
}

/** Children on a CP plan who are about to come into care: stepped monthly, as the engine steps them. */
function aboutToEnterCare(s: EngineState, n: number): number[] {
  const kids = addChildren(s, S.child_protection, n);
  for (const i of kids) activate(s, i);
  return kids;
}

/** Fill a placement type to its `n` places. */
const fill = (s: EngineState, p: PlacementId, n: number): number[] => addChildren(s, S[p], n);

/** An entry mix that sends every child to placement `k` (cumulative weights over PLACEMENTS). */
const onlyPlacement = (k: number): Float64Array => Float64Array.from(PLACEMENTS, (_, j) => (j >= k ? 1 : 0));

describe('matching a child to a placement (matching.ts)', () => {
  it('gives the type sought when it has a free place, the council\'s own places first', () => {
    // A child needing a home is offered a free council place before a private one, and one needing
    // an agency carer a free in-house carer: councils use what they pay for already.
    const ownFirst: Partial<Record<PlacementId, PlacementId>> = { private_residential: 'la_residential', agency_foster: 'inhouse_foster' };
    for (const p of PLACEMENTS) {
      const s = withPlaces(2);
      fill(s, p, 1);
      const i = addChild(s, S.child_protection, years(17));
      expect(match(s, S[p], i), p).toBe(S[ownFirst[p] ?? p]);
    }
  });

  it('goes to a private home only when every council place is taken, and to an agency only when every in-house carer is', () => {
    const s = withPlaces(1);
    const i = addChild(s, S.child_protection, years(12));
    fill(s, 'la_residential', 1);
    expect(match(s, S.private_residential, i)).toBe(S.private_residential);
    expect(match(s, S.la_residential, i)).toBe(S.private_residential);
    fill(s, 'inhouse_foster', 1);
    expect(match(s, S.agency_foster, i)).toBe(S.agency_foster);
  });

  it('moves down the fallback chain from a full type to the next type with a free place', () => {
    const next: Record<string, PlacementId> = {
      kinship_foster: 'inhouse_foster',
      placed_with_parents: 'kinship_foster',
      inhouse_foster: 'agency_foster',
      la_residential: 'private_residential',
      secure: 'private_residential',
      supported_accommodation: 'agency_foster',
    };
    for (const [full, expected] of Object.entries(next) as [PlacementId, PlacementId][]) {
      const s = withPlaces(2);
      fill(s, full, 2);
      const i = addChild(s, S.child_protection, years(17));
      expect(match(s, S[full], i), full).toBe(S[expected]);
    }
  });

  it('follows the chain past every full type: parents, then kinship, in-house foster care and an agency', () => {
    const s = withPlaces(1);
    const i = addChild(s, S.child_protection);
    fill(s, 'placed_with_parents', 1);
    expect(match(s, S.placed_with_parents, i)).toBe(S.kinship_foster);
    fill(s, 'kinship_foster', 1);
    expect(match(s, S.placed_with_parents, i)).toBe(S.inhouse_foster);
    fill(s, 'inhouse_foster', 1);
    expect(match(s, S.placed_with_parents, i)).toBe(S.agency_foster);
  });

  it('always places a child in a market type, even one with no places in the region', () => {
    const s = withPlaces(0);
    const i = addChild(s, S.child_protection);
    expect(match(s, S.private_residential, i)).toBe(S.private_residential);
    expect(match(s, S.agency_foster, i)).toBe(S.agency_foster);
    expect(match(s, S.secure, i)).toBe(S.private_residential);
    expect(match(s, S.kinship_foster, i)).toBe(S.agency_foster);
  });

  it("reads council homes' and in-house foster places from this month's capacity", () => {
    const s = withPlaces(5);
    s.councilHomePlaces = 1;
    s.inhousePlaces = 1.9; // recruitment carries fractions; only whole places take a child
    fill(s, 'la_residential', 1);
    fill(s, 'inhouse_foster', 1);
    const i = addChild(s, S.child_protection);
    expect(match(s, S.la_residential, i)).toBe(S.private_residential);
    expect(match(s, S.inhouse_foster, i)).toBe(S.agency_foster);
  });

  it('offers supported accommodation only from 16, in the month being placed', () => {
    const s = withPlaces(3);
    s.month = 30;
    const sixteen = addChild(s, S.child_protection, years(16) - 1); // 16 next month, when the placement is made
    const younger = addChild(s, S.child_protection, years(16) - 2);
    expect(match(s, S.supported_accommodation, sixteen)).toBe(S.supported_accommodation);
    expect(match(s, S.supported_accommodation, younger)).toBe(S.inhouse_foster);
    fill(s, 'inhouse_foster', 3);
    expect(match(s, S.supported_accommodation, younger)).toBe(S.agency_foster);
  });
});

describe('out-of-area placements (matching.ts)', () => {
  it("counts market placements out of area only beyond the region's places", () => {
    const s = marketsOnly(3);
    const kids = aboutToEnterCare(s, 5);
    for (const i of kids) changePlacement(s, i, S.private_residential);
    expect(kids.map((i) => stateOf(s.children.a, i))).toEqual(kids.map(() => S.private_residential));
    expect(kids.map((i) => awayOf(s, i))).toEqual([0, 0, 0, 1, 1]);
    expect(s.outOfArea[S.private_residential]).toBe(2);
  });

  it('places a child locally again once a local place is free, however many are away', () => {
    const s = marketsOnly(3);
    const kids = aboutToEnterCare(s, 5);
    for (const i of kids) changePlacement(s, i, S.agency_foster);
    move(s, kids[0], S.child_in_need); // a local place frees up; two children stay away
    const [next] = aboutToEnterCare(s, 1);
    changePlacement(s, next, S.agency_foster);
    expect(awayOf(s, next)).toBe(0);
    expect(s.outOfArea[S.agency_foster]).toBe(2);
    const [after] = aboutToEnterCare(s, 1);
    changePlacement(s, after, S.agency_foster);
    expect(awayOf(s, after)).toBe(1);
    expect(s.outOfArea[S.agency_foster]).toBe(3);
  });

  it('never counts a placement outside the markets as out of area', () => {
    for (const p of PLACEMENTS.filter((x) => x !== 'private_residential' && x !== 'agency_foster')) {
      const s = withPlaces(1);
      const [i] = aboutToEnterCare(s, 1);
      changePlacement(s, i, S[p]);
      expect(awayOf(s, i), p).toBe(0);
      expect(s.outOfArea[S[p]], p).toBe(0);
    }
  });
});

describe('changing placement (matching.ts)', () => {
  it('moves the child and records the flow', () => {
    const s = withPlaces(2);
    const i = addChild(s, S.inhouse_foster);
    changePlacement(s, i, S.la_residential);
    expect(stateOf(s.children.a, i)).toBe(S.la_residential);
    expect(s.stock[S.inhouse_foster]).toBe(0);
    expect(s.stock[S.la_residential]).toBe(1);
    expect(s.flows.toRecord()).toEqual({ 'inhouse_foster>la_residential': 1 });
  });

  it('leaves a child where it is when matching finds its own placement', () => {
    const s = withPlaces(0);
    const i = addChild(s, S.private_residential);
    sendAway(s, i);
    changePlacement(s, i, S.la_residential); // no council place: the fallback is where the child already is
    expect(stateOf(s.children.a, i)).toBe(S.private_residential);
    expect(s.flows.toRecord()).toEqual({});
    expect(s.outOfArea[S.private_residential]).toBe(1);
    expect(awayOf(s, i)).toBe(1);
  });
});

describe('entering care (matching.ts)', () => {
  it("places a child in the type its age band's entry mix gives", () => {
    const cases: [number, PlacementId][] = [
      [years(10) - 1, 'kinship_foster'],
      [years(10), 'la_residential'],
      [years(16) - 1, 'la_residential'],
      [years(16), 'supported_accommodation'],
    ];
    for (const [age, expected] of cases) {
      const s = withPlaces(5);
      s.p.entryCdf = [onlyPlacement(0), onlyPlacement(4), onlyPlacement(6)];
      s.month = 40;
      const i = addChild(s, S.child_protection, age - 1); // `age` in the month of the move
      placeInCare(s, i, S.child_protection, s.month + 1, true);
      expect(stateOf(s.children.a, i), `${age} months`).toBe(S[expected]);
    }
  });

  it("takes the first type whose cumulative weight lies above the child's draw", () => {
    for (const [nudge, expected] of [
      [0, S.inhouse_foster], // a draw equal to the first weight lies in the second interval
      [1e-9, S.kinship_foster],
    ] as const) {
      const s = withPlaces(5);
      const i = addChild(s, S.child_protection, years(3));
      const u = uniform(s.keys.child, serialOf(s.children.a, i), 0); // the child's first draw
      s.p.entryCdf = [Float64Array.from(PLACEMENTS, (_, j) => (j === 0 ? u + nudge : 1)), onlyPlacement(0), onlyPlacement(0)];
      placeInCare(s, i, S.child_protection, s.month + 1, true);
      expect(stateOf(s.children.a, i), `nudge ${nudge}`).toBe(expected);
    }
  });

  it('takes the last type when the draw lies beyond every cumulative weight', () => {
    const s = withPlaces(5);
    s.p.entryCdf = [new Float64Array(PLACEMENTS.length), onlyPlacement(0), onlyPlacement(0)];
    const i = addChild(s, S.child_protection, years(3));
    placeInCare(s, i, S.child_protection, s.month + 1, true);
    expect(stateOf(s.children.a, i)).toBe(S.secure);
  });

  it('moves a child from a state with its flow, and counts the entry by age', () => {
    const s = withPlaces(5);
    s.p.entryCdf = [onlyPlacement(1), onlyPlacement(1), onlyPlacement(1)];
    const i = addChild(s, S.child_in_need);
    addChildren(s, S.child_in_need, 2);
    placeInCare(s, i, S.child_in_need, s.month + 1, true);
    expect(s.stock[S.child_in_need]).toBe(2);
    expect(s.stock[S.inhouse_foster]).toBe(1);
    expect(stateOf(s.children.a, i)).toBe(S.inhouse_foster);
    expect(s.flows.toRecord()).toEqual({ 'child_in_need>inhouse_foster': 1 });
    expect(Array.from(s.careEntriesByAge).reduce((x, y) => x + y, 0)).toBe(1);
  });

  it('steps a child in care monthly from then on', () => {
    const s = marketsOnly(5);
    s.p.entryCdf = [onlyPlacement(2), onlyPlacement(2), onlyPlacement(2)];
    const i = addChild(s, S.child_protection);
    expect(activePosOf(s.children.a, i)).toBe(-1);
    placeInCare(s, i, S.child_protection, s.month + 1, true);
    const k = activePosOf(s.children.a, i);
    expect(k).not.toBe(-1);
    expect(s.active.slot[k]).toBe(i);
    expect(s.active.code[k]).toBe(S.agency_foster);
  });

  it('counts a child entering a full market out of area', () => {
    const s = marketsOnly(1);
    s.p.entryCdf = [onlyPlacement(5), onlyPlacement(5), onlyPlacement(5)];
    const [local, away] = addChildren(s, S.child_protection, 2);
    placeInCare(s, local, S.child_protection, s.month + 1, true);
    placeInCare(s, away, S.child_protection, s.month + 1, false);
    expect(awayOf(s, local)).toBe(0);
    expect(awayOf(s, away)).toBe(1);
    expect(s.outOfArea[S.private_residential]).toBe(1);
  });
});

describe('unaccompanied children arriving into care (demography.ts arrivals, matching.ts)', () => {
  it('places each arrival in care from outside the region, never with parents or relatives, under section 20, aged 14-17', () => {
    const s = withPlaces(50);
    s.p.uascArrivalsPerMonth = 2.5;
    s.p.uascShare16to17 = 0.5;
    // an entry mix that asks for parents (index 3) at every age: arrivals get supported accommodation or foster care instead
    s.p.entryCdf = [onlyPlacement(3), onlyPlacement(3), onlyPlacement(3)];
    s.month = 0;
    arrivals(s, 1);
    arrivals(s, 2);
    const flows = s.flows.toRecord();
    const moved = Object.entries(flows).filter(([k]) => k.startsWith('moved_in>'));
    expect(moved.reduce((n, [, v]) => n + v, 0)).toBe(5); // 2.5 a month: 2, then 3
    expect(Object.keys(flows).some((k) => k.includes('placed_with_parents') || k.includes('kinship_foster'))).toBe(false);
    expect(s.stock[S.placed_with_parents]).toBe(0);
    const t = s.active;
    let seen = 0;
    for (let k = 0; k < t.count; k++) {
      if (!t.uasc[k]) continue;
      seen++;
      expect(t.legal[k]).toBe(LEGAL_V2);
      const age = 2 - t.born[k];
      expect(age).toBeGreaterThanOrEqual(years(14) - 1);
      expect(age).toBeLessThan(years(18));
      expect([S.supported_accommodation, S.inhouse_foster, S.agency_foster]).toContain(t.code[k]);
    }
    expect(seen).toBe(5);
    expect(Array.from(s.careEntriesByAge).reduce((a, b) => a + b, 0)).toBe(5);
  });

  it('marks a child placed in a home at entry under "homes as an early option", and no one else', () => {
    const s = withPlaces(5);
    s.p.homesEarly = true;
    s.p.entryCdf = [onlyPlacement(4), onlyPlacement(4), onlyPlacement(4)]; // la_residential
    const home = addChild(s, S.child_protection);
    placeInCare(s, home, S.child_protection, s.month + 1, true);
    expect(s.active.earlyHome[activePosOf(s.children.a, home)]).toBe(1);
    s.p.entryCdf = [onlyPlacement(1), onlyPlacement(1), onlyPlacement(1)]; // in-house foster
    const foster = addChild(s, S.child_protection);
    placeInCare(s, foster, S.child_protection, s.month + 1, true);
    expect(s.active.earlyHome[activePosOf(s.children.a, foster)]).toBe(0);
    s.p.homesEarly = false;
    s.p.entryCdf = [onlyPlacement(4), onlyPlacement(4), onlyPlacement(4)];
    const off = addChild(s, S.child_protection);
    placeInCare(s, off, S.child_protection, s.month + 1, true);
    expect(s.active.earlyHome[activePosOf(s.children.a, off)]).toBe(0);
  });
});
