/**
 * Costs: every pound of the month's spend attributed to one category, in whole pence, so the
 * categories sum exactly to the total.
 */
import { openCases, stocksOf } from '../measures';
import { WEEKS_PER_MONTH } from '../params';
import { SPEND_CATEGORIES, STATE_CODE as S, type SpendCategory } from '../states';
import { isMarketCode } from './matching';
import { weeklyPriceOf } from './market';
import type { EngineState } from './state';

const pence = (pounds: number): number => Math.round(pounds * 100);

/** Pounds spent this month in one category. */
export function spendOf(s: EngineState, cat: SpendCategory): number {
  const p = s.p;
  if (cat === 'early_help') return s.stock[S.early_help] * p.earlyHelpCostPerCase;
  if (cat === 'social_work') return openCases(stocksOf(s.stock)) * p.socialWorkCostPerCase;
  const code = S[cat];
  if (isMarketCode(code)) {
    // Market places are paid at the month's price; places out of area carry the premium on top.
    const price = weeklyPriceOf(s, code) * WEEKS_PER_MONTH;
    const away = s.outOfArea[code];
    return (s.stock[code] - away) * price + away * price * p.outOfAreaPremium;
  }
  return s.stock[code] * p.costPerWeek[code] * WEEKS_PER_MONTH;
}

export function computeSpend(s: EngineState): void {
  SPEND_CATEGORIES.forEach((cat, k) => (s.spendPence[k] = pence(spendOf(s, cat))));
}
