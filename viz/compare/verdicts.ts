/**
 * A figure's verdict as the summary table shows it: the word a reader sees, a class for its colour
 * and a tooltip with the range it rests on. Pure, so the mapping is tested without a page.
 */
import { formatNumber } from '../../sim/comparison/format';
import type { OutcomeFormat } from '../../sim/comparison/outcomes';
import type { OutcomeUncertainty } from '../../sim/uncertainty/analysis';
import { verdictWords } from '../../sim/uncertainty/words';

export interface VerdictCell {
  verdict: OutcomeUncertainty['verdict'];
  /** "robust", "no meaningful difference", "depends on earlyHelp.successShare" */
  words: string;
  title: string;
}

export function verdictCell(u: OutcomeUncertainty, format: OutcomeFormat): VerdictCell {
  const f = (v: number) => formatNumber(v, format, true);
  const share = Number.isFinite(u.uncertainty.shareBLower) ? `; B lower in ${Math.round(u.uncertainty.shareBLower * 100)}% of draws` : '';
  const breakEven = u.dependsOn ? u.breakEven.find((b) => b.path === u.dependsOn) : undefined;
  const sign = breakEven ? (breakEven.value === null ? '; the sign holds across its range' : `; the sign changes at ${Number(breakEven.value.toPrecision(3))}`) : '';
  return {
    verdict: u.verdict,
    words: verdictWords(u),
    title: `With chance and assumptions, B − A is ${f(u.uncertainty.low)} to ${f(u.uncertainty.high)}${share}${sign}`,
  };
}
