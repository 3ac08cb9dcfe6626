import { describe, expect, it } from 'vitest';
import { computeSpend, councilHomeSpend, spendOf } from '../../sim/engine/costs';
import { PLACEMENTS, SPEND_CATEGORIES, STATE_CODE as S, type PlacementId, type SpendCategory } from '../../sim/states';
import { addChildren, populate, tinyState } from './fixture';

/** Weeks in an average month: 365.2425 days / 7 / 12. */
const WEEKS = 365.2425 / 7 / 12;
const PER_CHILD: readonly PlacementId[] = PLACEMENTS.filter((p) => !['private_residential', 'agency_foster', 'la_residential'].includes(p));

/** A state with weekly costs, margins and budgets of our choosing, no high-cost tail, and no children. */
function priced(costIndex = 1) {
  const s = tinyState({
    earlyHelpBudget: 10_000,
    earlyHelpCostPerFamily: 291.75,
    socialWorkCost: 50_000,
    outOfAreaPremium: 1.15,
    highCostShare: 0,
    councilHomeFixedShare: 0.6,
    careLeaverCostPerMonth: 500,
    stayingPutShare: 0.5,
    stayingPutCostPerWeek: 200,
    permanenceAllowancePerWeek: 40,
  });
  PLACEMENTS.forEach((p, k) => (s.p.costPerWeek[S[p]] = 100 * (k + 1) + 0.37));
  s.privateMargin = 0.25;
  s.agencyMargin = 0.1;
  s.councilHomePlaces = 0;
  s.costIndex.fill(costIndex);
  return s;
}

describe('monthly spend by category (costs.ts)', () => {
  it('grows each cost by the inflation of its own category', () => {
    // distinct indices: staff pay, placement prices, allowances, early help, general
    const s = priced();
    s.costIndex.set([1.3, 1.7, 1.11, 1.5, 1.02]);
    s.p.councilHomeStaffShare = 0.8;
    const one = (p: PlacementId, index: number) => {
      addChildren(s, S[p], 1);
      expect(spendOf(s, p), p).toBeCloseTo(s.p.costPerWeek[S[p]] * index * WEEKS, 6);
    };
    one('kinship_foster', 1.11);
    one('inhouse_foster', 1.11);
    one('placed_with_parents', 1.3);
    one('supported_accommodation', 1.7);
    one('secure', 1.7);
    expect(spendOf(s, 'social_work')).toBeCloseTo(50_000 * 1.3, 6);
    expect(spendOf(s, 'early_help_unused')).toBeCloseTo(10_000 * 1.5, 6);
    // a private place: provider cost x placement prices x (1 + margin)
    addChildren(s, S.private_residential, 2);
    expect(spendOf(s, 'private_residential')).toBeCloseTo(2 * s.p.costPerWeek[S.private_residential] * 1.7 * 1.25 * WEEKS, 6);
    // a council home: staff share at pay, the rest at general prices (one open place, one child, all fixed or not)
    s.councilHomePlaces = 1;
    addChildren(s, S.la_residential, 1);
    expect(spendOf(s, 'la_residential')).toBeCloseTo(s.p.costPerWeek[S.la_residential] * (0.8 * 1.3 + 0.2 * 1.02) * WEEKS, 6);
  });


  it('costs a placement bought per child as children x weekly cost x weeks per month, grown by the cost index', () => {
    for (const p of PER_CHILD) {
      const s = priced(1.1);
      addChildren(s, S[p], 7);
      expect(spendOf(s, p), p).toBeCloseTo(7 * s.p.costPerWeek[S[p]] * 1.1 * WEEKS, 6);
    }
  });

  it('costs an empty council-home place its fixed share, and a filled one its whole weekly cost', () => {
    const s = priced();
    s.p.costPerWeek[S.la_residential] = 5000;
    s.councilHomePlaces = 10;
    expect(councilHomeSpend(s)).toBeCloseTo(10 * 0.6 * 5000 * WEEKS, 6);
    addChildren(s, S.la_residential, 4);
    // 10 open places pay the fixed 60%; the 4 children add the variable 40% each.
    expect(spendOf(s, 'la_residential')).toBeCloseTo((10 * 0.6 + 4 * 0.4) * 5000 * WEEKS, 6);
    addChildren(s, S.la_residential, 6);
    expect(spendOf(s, 'la_residential')).toBeCloseTo(10 * 5000 * WEEKS, 6);
  });

  it('adds the capital charge of council places opened during the run until it runs out', () => {
    const s = priced();
    s.p.costPerWeek[S.la_residential] = 5000;
    s.capitalCharges.push({ perMonth: 1234, until: 5 });
    expect(councilHomeSpend(s)).toBeCloseTo(1234, 9);
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

  it('costs a share of children in homes, council-run or private, at the high-cost price instead', () => {
    const s = priced();
    s.p.costPerWeek[S.private_residential] = 3000;
    s.p.highCostShare = 0.1;
    s.p.highCostPerWeek = 12_000;
    addChildren(s, S.private_residential, 20);
    // 2 of 20 children at 12,000 a week instead of 3,750
    expect(spendOf(s, 'private_residential')).toBeCloseTo((20 * 3750 + 2 * (12_000 - 3750)) * WEEKS, 6);
    s.p.costPerWeek[S.la_residential] = 5000;
    s.councilHomePlaces = 10;
    addChildren(s, S.la_residential, 10);
    expect(spendOf(s, 'la_residential')).toBeCloseTo((10 * 5000 + 1 * (12_000 - 5000)) * WEEKS, 6);
  });

  it('splits the early-help budget into what cases use and capacity unused; under a duty, what the cases cost if that is more', () => {
    const s = priced(1.2);
    // no families: the whole budget is capacity nobody uses
    expect(spendOf(s, 'early_help')).toBe(0);
    expect(spendOf(s, 'early_help_unused')).toBeCloseTo(10_000 * 1.2, 9);
    addChildren(s, S.early_help, 12);
    expect(spendOf(s, 'early_help')).toBeCloseTo(12 * 291.75 * 1.2, 9);
    expect(spendOf(s, 'early_help_unused')).toBeCloseTo((10_000 - 12 * 291.75) * 1.2, 9);
    s.p.earlyHelpStatutory = true;
    addChildren(s, S.early_help, 40); // 52 families at 291.75 a month is more than the budget
    expect(s.earlyHelpFamilies).toBe(52);
    expect(spendOf(s, 'early_help')).toBeCloseTo(52 * 291.75 * 1.2, 9);
    expect(spendOf(s, 'early_help_unused')).toBe(0);
  });

  it('costs social work as the workforce, whatever the caseload', () => {
    const s = priced();
    expect(spendOf(s, 'social_work')).toBe(50_000);
    populate(s, { assessment: 20, child_in_need: 30, child_protection: 4 });
    expect(spendOf(s, 'social_work')).toBe(50_000);
  });

  it('costs care leavers their support, and staying put for the share of those under 21', () => {
    const s = priced();
    s.careLeavers = 30;
    s.youngCareLeavers = 12;
    expect(spendOf(s, 'care_leavers')).toBeCloseTo(30 * 500 + 12 * 0.5 * 200 * WEEKS, 9);
  });

  it('pays permanence allowances for every child on one', () => {
    const s = priced();
    s.onAllowance = 25;
    expect(spendOf(s, 'permanence_allowances')).toBeCloseTo(25 * 40 * WEEKS, 9);
  });

  it('spends only the fixed budgets on an empty population', () => {
    const s = priced();
    for (const cat of SPEND_CATEGORIES) expect(spendOf(s, cat), cat).toBe(cat === 'early_help_unused' ? 10_000 : cat === 'social_work' ? 50_000 : 0);
  });

  it('records every category in whole pence, rounded from the pounds, in category order', () => {
    const s = priced();
    s.privateMargin = 0;
    s.agencyMargin = 0;
    s.councilHomePlaces = 5; // exactly full: five children, none empty
    PLACEMENTS.forEach((p, k) => addChildren(s, S[p], k + 1)); // 1 kinship, 2 in-house, ... 8 secure
    computeSpend(s);
    const pounds: Record<SpendCategory, number> = {
      ...(Object.fromEntries(PLACEMENTS.map((p, k) => [p, (k + 1) * (100 * (k + 1) + 0.37) * WEEKS])) as Record<SpendCategory, number>),
      early_help: 0,
      early_help_unused: 10_000,
      social_work: 50_000,
      care_leavers: 0,
      permanence_allowances: 0,
    };
    SPEND_CATEGORIES.forEach((cat, k) => {
      expect(Number.isInteger(s.spendPence[k]), cat).toBe(true);
      expect(s.spendPence[k], cat).toBe(Math.round(pounds[cat] * 100));
    });
  });
});
