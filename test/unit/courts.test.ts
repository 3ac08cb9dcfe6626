/**
 * How proceedings conclude (sim/engine/courts.ts) against the rule as docs/model.md states it: a
 * placement order with the age band's share; of the rest, special guardianship, a return home,
 * else a care order. The draw and the shares the set-up's steady state uses must agree.
 */
import { describe, expect, it } from 'vitest';
import { years } from '../../sim/ages';
import {
  careOrderShareOfRest,
  COURT_CARE_ORDER,
  COURT_PLACEMENT_ORDER,
  COURT_RETURN_HOME,
  COURT_SPECIAL_GUARDIANSHIP,
  courtConclusion,
  placementOrderShare,
} from '../../sim/engine/courts';
import type { EngineParams } from '../../sim/params';
import { tinyParams } from './fixture';

const GRID = 100_000;

/** Share of each conclusion over an even grid of uniforms (midpoints): exact up to 1 / GRID. */
function sharesOfDraws(p: EngineParams, age: number): number[] {
  const counts = [0, 0, 0, 0];
  for (let k = 0; k < GRID; k++) counts[courtConclusion(p, age, (k + 0.5) / GRID)]++;
  return counts.map((c) => c / GRID);
}

const courts = (placementOrderByAge: [number, number, number], specialGuardianship: number, returnHome: number) =>
  tinyParams({ courtOutcomes: { placementOrderByAge, specialGuardianship, returnHome } });

describe('court conclusions', () => {
  const p = courts([0.5, 0.2, 0.05], 0.25, 0.15);

  it.each([
    [years(2), 0.5],
    [years(7), 0.2],
    [years(12), 0.05],
  ])('at age %i months: placement order with its band share, then of the rest SGO, home, care order', (age, po) => {
    expect(placementOrderShare(p, age)).toBe(po);
    const drawn = sharesOfDraws(p, age);
    const expected = [po, (1 - po) * 0.25, (1 - po) * 0.15, (1 - po) * 0.6];
    for (const c of [COURT_PLACEMENT_ORDER, COURT_SPECIAL_GUARDIANSHIP, COURT_RETURN_HOME, COURT_CARE_ORDER]) {
      expect(drawn[c], `conclusion ${c}`).toBeCloseTo(expected[c], 4);
    }
    expect(careOrderShareOfRest(p)).toBeCloseTo(0.6, 12);
    expect((1 - po) * careOrderShareOfRest(p)).toBeCloseTo(drawn[COURT_CARE_ORDER], 4);
  });

  it('bands change at 5 and 10 years', () => {
    expect([years(5) - 1, years(5), years(10) - 1, years(10)].map((age) => placementOrderShare(p, age))).toEqual([0.5, 0.2, 0.2, 0.05]);
  });

  it('when special guardianship and home take everything, no care order is drawn and its share is 0, not negative', () => {
    const full = courts([0.3, 0.3, 0.3], 0.7, 0.5);
    expect(careOrderShareOfRest(full)).toBe(0);
    expect(sharesOfDraws(full, years(3))[COURT_CARE_ORDER]).toBe(0);
  });

  it('no placement order at all: the first uniform is already the rest, sliced in order', () => {
    const none = courts([0, 0, 0], 0.4, 0.1);
    expect(courtConclusion(none, years(1), 0)).toBe(COURT_SPECIAL_GUARDIANSHIP);
    // each conclusion holds a half-open slice of [0, 1): a uniform on a boundary belongs to the next
    expect(courtConclusion(none, years(1), 0.4)).toBe(COURT_RETURN_HOME);
    expect(courtConclusion(none, years(1), 0.45)).toBe(COURT_RETURN_HOME);
    expect(courtConclusion(none, years(1), 0.5)).toBe(COURT_CARE_ORDER);
  });
});
