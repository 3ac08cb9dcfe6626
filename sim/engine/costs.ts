/**
 * Costs: every pound of the month's spend attributed to one category, in whole pence, so the
 * categories sum exactly to the total. Unit costs are in pounds of the start date, grown by the
 * index of its cost category (prices.ts), so spend is nominal.
 *
 * - Placements the council buys per child (kinship, in-house foster, placed with parents,
 *   supported accommodation, secure): children x weekly cost.
 * - Council homes: every open place pays the fixed share of the weekly cost, filled or not; each
 *   child adds the variable share; places opened during the run add their capital charge.
 * - Market placements: the month's price; children out of area carry the premium.
 * - Children's homes (council-run and private): a share of their children are in the high-cost tail.
 * - Early help: the budget (capacity is what it buys); under a statutory duty, whatever the cases
 *   cost if that is more. The part of the budget that finds no family is `early_help_unused`.
 * - Social work: the workforce (agency cover of vacancies at a premium), whatever the caseload.
 * - Care leavers 18-25: support for each, and staying put for a share of those under 21.
 * - Permanence allowances: for children adopted or under special guardianship, until 18.
 */
import { WEEKS_PER_MONTH } from '../params';
import { SPEND_CATEGORIES, STATE_CODE as S, type SpendCategory } from '../states';
import { capitalChargeOf } from './capacity';
import { isMarketCode } from './matching';
import { weeklyPriceOf } from './market';
import { ALLOWANCES, councilHomeIndex, EARLY_HELP, indexOfState, PAY, PLACEMENT_PRICES } from './prices';
import type { EngineState } from './state';

const pence = (pounds: number): number => Math.round(pounds * 100);

/**
 * The high-cost tail: a share of children in children's homes, council-run or private, cost the
 * high weekly price instead of their home's usual one (complex needs cost more wherever a child lives).
 */
export function highCostTail(s: EngineState, code: number, usualPerMonth: number): number {
  const p = s.p;
  return Math.max(0, s.stock[code] * p.highCostShare * (p.highCostPerWeek * s.costIndex[PLACEMENT_PRICES] * WEEKS_PER_MONTH - usualPerMonth));
}

/** A council home place's weekly cost this month, in pounds a month (staff at pay, the rest at general prices). */
export function councilHomeMonthlyCost(s: EngineState): number {
  return s.p.costPerWeek[S.la_residential] * councilHomeIndex(s) * WEEKS_PER_MONTH;
}

/** What council homes cost this month before the high-cost tail: fixed for open places, variable for children, capital. */
export function councilHomeUsualSpend(s: EngineState): number {
  const p = s.p;
  const weekly = councilHomeMonthlyCost(s);
  const occupied = s.stock[S.la_residential];
  // Places closed while children are still in them are paid until the children move on.
  const open = Math.max(s.councilHomePlaces, occupied);
  return open * weekly * p.councilHomeFixedShare + occupied * weekly * (1 - p.councilHomeFixedShare) + capitalChargeOf(s);
}

/** What a council home costs this month: fixed for open places, variable for children, capital, the high-cost tail. */
export function councilHomeSpend(s: EngineState): number {
  return councilHomeUsualSpend(s) + highCostTail(s, S.la_residential, councilHomeMonthlyCost(s));
}

/**
 * Early help's cost of the families it works with this month (pounds of the start date): their
 * cases, at most the budget unless a statutory duty pays for every case. The budget beyond it is
 * capacity that found no family (`early_help_unused`); the two add up to the budget, or to the
 * cases' cost under a duty when that is more.
 */
function earlyHelpUsed(s: EngineState): number {
  const p = s.p;
  const cases = s.earlyHelpFamilies * p.earlyHelpCostPerFamily;
  return p.earlyHelpStatutory ? cases : Math.min(cases, p.earlyHelpBudget);
}

/** Pounds spent this month in one category. */
export function spendOf(s: EngineState, cat: SpendCategory): number {
  const p = s.p;
  const index = s.costIndex;
  switch (cat) {
    case 'early_help':
      return earlyHelpUsed(s) * index[EARLY_HELP];
    case 'early_help_unused':
      return Math.max(0, p.earlyHelpBudget - earlyHelpUsed(s)) * index[EARLY_HELP];
    case 'social_work':
      return p.socialWorkCost * index[PAY];
    case 'care_leavers':
      return (s.careLeavers * p.careLeaverCostPerMonth + s.youngCareLeavers * p.stayingPutShare * p.stayingPutCostPerWeek * WEEKS_PER_MONTH) * index[ALLOWANCES];
    case 'permanence_allowances':
      return s.onAllowance * p.permanenceAllowancePerWeek * WEEKS_PER_MONTH * index[ALLOWANCES];
    case 'la_residential':
      return councilHomeSpend(s);
    default: {
      const code = S[cat];
      if (!isMarketCode(code)) return s.stock[code] * p.costPerWeek[code] * indexOfState(s, code) * WEEKS_PER_MONTH;
      // Market places are paid at the month's price; places out of area carry the premium on top.
      const price = weeklyPriceOf(s, code) * WEEKS_PER_MONTH;
      const away = s.outOfArea[code];
      const placed = (s.stock[code] - away) * price + away * price * p.outOfAreaPremium;
      return code === S.private_residential ? placed + highCostTail(s, code, price) : placed;
    }
  }
}

export function computeSpend(s: EngineState): void {
  SPEND_CATEGORIES.forEach((cat, k) => (s.spendPence[k] = pence(spendOf(s, cat))));
}
