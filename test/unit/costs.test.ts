import { describe, expect, it } from 'vitest';
import { computeSpend, spendOf } from '../../sim/engine/costs';
import { PLACEMENTS, SPEND_CATEGORIES, STATE_CODE as S, type SpendCategory } from '../../sim/states';
import { addChildren, populate, tinyState } from './fixture';

/** Weeks in an average month: 365.2425 days / 7 / 12. */
const WEEKS = 365.2425 / 7 / 12;
const MARKETS: readonly SpendCategory[] = ['private_residential', 'agency_foster'];
const NON_MARKET = PLACEMENTS.filter((p) => !MARKETS.includes(p));

/** A state with weekly costs and margins of our choosing and no children. */
function priced() {
  const s = tinyState({ earlyHelpCostPerCase: 291.75, socialWorkCostPerCase: 180.5, outOfAreaPremium: 1.15 });
  PLACEMENTS.forEach((p, k) => (s.p.costPerWeek[S[p]] = 100 * (k + 1) + 0.37));
  s.privateMargin = 0.25;
  s.agencyMargin = 0.1;
  return s;
}

describe('monthly spend by category (costs.ts)', () => {
  it('costs a placement outside the markets as children x weekly cost x weeks per month', () => {
    for (const p of NON_MARKET) {
      const s = priced();
      addChildren(s, S[p], 7);
      expect(spendOf(s, p), p).toBeCloseTo(7 * s.p.costPerWeek[S[p]] * WEEKS, 6);
    }
  });

  it('costs market places at the weekly price, with the out-of-area premium on the children placed away', () => {
    const s = priced();
    s.p.costPerWeek[S.private_residential] = 3000;
    s.p.costPerWeek[S.agency_foster] = 700;
    addChildren(s, S.private_residential, 10);
    s.outOfArea[S.private_residential] = 4;
    addChildren(s, S.agency_foster, 5);
    s.outOfArea[S.agency_foster] = 1;
    // 6 local + 4 away at 1.15 x the price of 3000 x 1.25 a week
    expect(spendOf(s, 'private_residential')).toBeCloseTo((6 + 4 * 1.15) * 3750 * WEEKS, 6);
    // 4 local + 1 away at 1.15 x the price of 700 x 1.1 a week
    expect(spendOf(s, 'agency_foster')).toBeCloseTo((4 + 1.15) * 770 * WEEKS, 6);
  });

  it('costs market places all at the local price when none is out of area', () => {
    const s = priced();
    s.p.costPerWeek[S.private_residential] = 3000;
    addChildren(s, S.private_residential, 3);
    expect(spendOf(s, 'private_residential')).toBeCloseTo(3 * 3750 * WEEKS, 6);
  });

  it('costs early help per case open to it, and nothing for children waiting in universal services', () => {
    const s = priced();
    addChildren(s, S.early_help, 12);
    addChildren(s, S.universal, 50);
    expect(spendOf(s, 'early_help')).toBeCloseTo(12 * 291.75, 9);
  });

  it('costs social work per open case: assessments, CIN and CP plans and children in care', () => {
    const s = priced();
    populate(s, { universal: 50, early_help: 9, assessment: 2, child_in_need: 3, child_protection: 4, secure: 1, kinship_foster: 5 });
    expect(spendOf(s, 'social_work')).toBeCloseTo((2 + 3 + 4 + 1 + 5) * 180.5, 9);
  });

  it('spends nothing on an empty population', () => {
    const s = priced();
    for (const cat of SPEND_CATEGORIES) expect(spendOf(s, cat), cat).toBe(0);
  });

  it('records every category in whole pence, rounded from the pounds, in category order', () => {
    const s = priced();
    s.privateMargin = 0;
    s.agencyMargin = 0;
    PLACEMENTS.forEach((p, k) => addChildren(s, S[p], k + 1)); // 1 kinship, 2 in-house, ... 8 secure: 36 in care
    addChildren(s, S.early_help, 3);
    addChildren(s, S.assessment, 1);
    computeSpend(s);
    const pounds: Record<SpendCategory, number> = {
      ...(Object.fromEntries(PLACEMENTS.map((p, k) => [p, (k + 1) * (100 * (k + 1) + 0.37) * WEEKS])) as Record<SpendCategory, number>),
      early_help: 3 * 291.75,
      social_work: (36 + 1) * 180.5,
    };
    SPEND_CATEGORIES.forEach((cat, k) => {
      expect(Number.isInteger(s.spendPence[k]), cat).toBe(true);
      expect(s.spendPence[k], cat).toBe(Math.round(pounds[cat] * 100));
    });
  });
});
