import { describe, expect, it } from 'vitest';
import { capacityOf, recruitFosterCarers, updateCaseload, updateCouncilHomes } from '../../sim/engine/capacity';
import type { EngineState } from '../../sim/engine/state';
import { PLACEMENTS, STATE_CODE as S } from '../../sim/states';
import { addChildren, populate, tinyState } from './fixture';

/** A state with `open` council-home places and a target of `target`, built over `lag` months. */
function homes(open: number, target: number, lag: number): EngineState {
  const s = tinyState({ councilHomeTarget: target, councilHomeMonthsToOpen: lag });
  s.councilHomePlaces = open;
  return s;
}

const inPipeline = (s: EngineState): number => s.pipeline.reduce((n, b) => n + b.places, 0);

describe('council homes (capacity.ts)', () => {
  it('plans the places missing from the target and opens them after the lag, not before', () => {
    const s = homes(10, 16, 3);
    updateCouncilHomes(s, 0);
    expect(s.councilHomePlaces).toBe(10);
    expect(s.pipeline).toEqual([{ opens: 3, places: 6 }]);
    for (const m of [1, 2]) {
      updateCouncilHomes(s, m);
      expect(s.councilHomePlaces, `month ${m}`).toBe(10);
      expect(inPipeline(s), `month ${m}: planned once, not again`).toBe(6);
    }
    updateCouncilHomes(s, 3);
    expect(s.councilHomePlaces).toBe(16);
    expect(s.pipeline).toEqual([]);
  });

  it('opens a batch whose month has passed (a lever moved the lag)', () => {
    const s = homes(10, 16, 3);
    s.pipeline = [{ opens: 2, places: 6 }];
    updateCouncilHomes(s, 5);
    expect(s.councilHomePlaces).toBe(16);
    expect(s.pipeline).toEqual([]);
  });

  it('opens the missing places at once when homes take no time to open', () => {
    const s = homes(10, 16, 0);
    updateCouncilHomes(s, 4);
    expect(s.councilHomePlaces).toBe(16);
    expect(s.pipeline).toEqual([]);
  });

  it('plans a second batch when the target rises while the first is being built', () => {
    const s = homes(10, 16, 3);
    updateCouncilHomes(s, 0);
    s.p.councilHomeTarget = 20;
    updateCouncilHomes(s, 1);
    expect(s.pipeline).toEqual([
      { opens: 3, places: 6 },
      { opens: 4, places: 4 },
    ]);
    updateCouncilHomes(s, 3);
    expect(s.councilHomePlaces).toBe(16);
    expect(s.pipeline).toEqual([{ opens: 4, places: 4 }]);
    updateCouncilHomes(s, 4);
    expect(s.councilHomePlaces).toBe(20);
    expect(s.pipeline).toEqual([]);
  });

  it('changes nothing when the places open and planned meet the target', () => {
    const s = homes(10, 16, 3);
    s.pipeline = [{ opens: 5, places: 6 }];
    updateCouncilHomes(s, 1);
    expect(s.councilHomePlaces).toBe(10);
    expect(s.pipeline).toEqual([{ opens: 5, places: 6 }]);
  });

  it('cuts plans back to a lower target, the latest batch first', () => {
    const s = homes(10, 13, 3);
    s.pipeline = [
      { opens: 4, places: 3 },
      { opens: 6, places: 5 },
    ];
    updateCouncilHomes(s, 1); // 18 planned, 13 wanted: the latest batch goes, 5 places
    expect(s.pipeline).toEqual([{ opens: 4, places: 3 }]);
    s.p.councilHomeTarget = 11;
    updateCouncilHomes(s, 2); // 13 planned, 11 wanted: the remaining batch shrinks by 2
    expect(s.pipeline).toEqual([{ opens: 4, places: 1 }]);
    expect(s.councilHomePlaces).toBe(10);
  });

  it('cuts a batch only by what is over the target', () => {
    const s = homes(10, 16, 3);
    s.pipeline = [{ opens: 4, places: 8 }];
    updateCouncilHomes(s, 1);
    expect(s.pipeline).toEqual([{ opens: 4, places: 6 }]);
  });

  it('closes open homes down to a target below them once nothing is left to cancel', () => {
    const s = homes(10, 7, 3);
    s.pipeline = [{ opens: 4, places: 2 }];
    updateCouncilHomes(s, 1);
    expect(s.pipeline).toEqual([]);
    expect(s.councilHomePlaces).toBe(7);
  });
});

describe('foster recruitment (capacity.ts)', () => {
  it('adds in-house places every month after the start, carrying fractions until they make a place', () => {
    const s = tinyState({ fosterExtraPlacesPerMonth: 0.5 });
    s.inhousePlaces = 20;
    recruitFosterCarers(s, 0);
    expect(s.inhousePlaces).toBe(20);
    const whole: number[] = [];
    for (let m = 1; m <= 5; m++) {
      recruitFosterCarers(s, m);
      whole.push(capacityOf(s, S.inhouse_foster));
    }
    expect(s.inhousePlaces).toBe(22.5);
    expect(whole).toEqual([20, 21, 21, 22, 22]); // 20.5, 21, 21.5, 22, 22.5
  });
});

describe('places of each placement type (capacity.ts)', () => {
  it("reads council homes and in-house foster care from this month's running figures and the rest from the scenario", () => {
    const s = tinyState();
    for (const [k, p] of PLACEMENTS.entries()) s.p.places[S[p]] = 100 + k;
    s.councilHomePlaces = 7;
    s.inhousePlaces = 12.75;
    for (const [k, p] of PLACEMENTS.entries()) {
      const expected = p === 'la_residential' ? 7 : p === 'inhouse_foster' ? 12 : 100 + k;
      expect(capacityOf(s, S[p]), p).toBe(expected);
    }
  });
});

describe('social-work caseload (capacity.ts)', () => {
  it('divides open cases among the workers and counts nothing in universal services or early help', () => {
    const s = tinyState({ socialWorkers: 4, caseloadThreshold: 10 });
    populate(s, { universal: 100, early_help: 30, assessment: 10, child_in_need: 12, child_protection: 8, la_residential: 6 });
    updateCaseload(s);
    expect(s.caseload).toBe(9); // 36 cases / 4 workers
    expect(s.overload).toBe(0);
  });

  it('measures overload as how far the caseload is above the threshold', () => {
    const s = tinyState({ socialWorkers: 2, caseloadThreshold: 10 });
    addChildren(s, S.child_in_need, 25);
    updateCaseload(s);
    expect(s.caseload).toBe(12.5);
    expect(s.overload).toBeCloseTo(0.25, 12);
  });

  it('counts no overload at exactly the threshold', () => {
    const s = tinyState({ socialWorkers: 2, caseloadThreshold: 10 });
    addChildren(s, S.child_in_need, 20);
    updateCaseload(s);
    expect(s.overload).toBe(0);
  });

  it('treats a service with no social workers as overloaded to the limit, with cases open or not', () => {
    for (const open of [3, 0]) {
      const s = tinyState({ socialWorkers: 0, caseloadThreshold: 10, maxOverload: 1.5 });
      addChildren(s, S.assessment, open);
      updateCaseload(s);
      expect(s.caseload, `${open} cases`).toBe(Infinity);
      expect(s.overload, `${open} cases`).toBe(1.5);
    }
  });

  it('counts overload up to its limit and no further', () => {
    const s = tinyState({ socialWorkers: 1, caseloadThreshold: 10, maxOverload: 0.5 });
    addChildren(s, S.assessment, 12);
    updateCaseload(s);
    expect(s.overload).toBeCloseTo(0.2, 12);
    addChildren(s, S.assessment, 20);
    updateCaseload(s);
    expect(s.caseload).toBe(32);
    expect(s.overload).toBe(0.5);
  });
});
