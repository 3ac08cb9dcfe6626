/**
 * The uncertainty analysis in words: one decision-ready sentence per headline question, a verdict
 * per figure, and the "enough seeds?" answer restricted to chance. Shared by the CLI's text output
 * (and meant for the app's report), so they say the same thing.
 */
import { formatNumber, horizonLabel } from '../comparison/format';
import { outcomeById } from '../comparison/outcomes';
import type { Precision } from '../comparison/stats';
import type { OutcomeAtHorizon } from '../comparison/summary';
import type { OutcomeUncertainty, UncertaintyAnalysis } from './analysis';

/** The questions a committee asks first: money over the run, and children in care. */
export const HEADLINE_OUTCOMES = ['spendSinceStart', 'lookedAfter'] as const;

const VERDICT_WORDS = { robust: 'robust', depends: 'depends', 'no-difference': 'no meaningful difference' } as const;

function rangeOf(analysis: UncertaintyAnalysis, path: string): string {
  const p = analysis.parameters.find((x) => x.path === path);
  return p ? `${trim(p.low)}–${trim(p.high)}` : '';
}

/** A parameter value as the sentences write it: three significant figures, thousands grouped. */
export const trim = (v: number) => (Math.abs(v) >= 100 ? Math.round(v).toLocaleString('en-GB') : String(Number(v.toPrecision(3))));

/** "B costs £3.2m more" / "B has 7.0 fewer per 10,000 children" */
function effect(row: OutcomeAtHorizon): string {
  const o = outcomeById(row.id);
  const format = o?.format ?? 'rate';
  const d = row.difference.mean;
  const size = formatNumber(Math.abs(d), format);
  if (format === 'millions') return d >= 0 ? `costs ${size} more` : `costs ${size} less`;
  return `${size} ${d >= 0 ? 'more' : 'fewer'} (${o?.unit ?? row.unit})`;
}

/** One sentence for one outcome at one horizon. */
export function sentence(names: [string, string], row: OutcomeAtHorizon, u: OutcomeUncertainty, analysis: UncertaintyAnalysis): string {
  const format = outcomeById(row.id)?.format ?? 'rate';
  const f = (v: number) => formatNumber(v, format, true);
  const head = `${row.label}, ${horizonLabel(row.month)}: ${names[1]} ${effect(row)} than ${names[0]}`;
  const ranges = `chance alone ${f(row.difference.low)} to ${f(row.difference.high)}; chance and assumptions ${f(u.uncertainty.low)} to ${f(u.uncertainty.high)}`;
  const lower = Number.isFinite(u.uncertainty.shareBLower) ? `, B lower in ${Math.round(u.uncertainty.shareBLower * 100)}% of draws` : '';
  let why: string;
  if (u.verdict === 'no-difference') why = 'no meaningful difference: every plausible answer is within the margin a committee would ignore';
  else if (u.verdict === 'robust') why = 'robust: the sign holds across every stated range';
  else {
    const path = u.dependsOn ?? '';
    const be = u.breakEven.find((b) => b.path === path);
    const at = be?.value != null ? `the answer changes sign at ${trim(be.value)}` : 'its range moves the answer most';
    why = `depends on ${path}: ${at}, where the stated range is ${rangeOf(analysis, path)}`;
  }
  return `${head} (${ranges}${lower}); ${why}.`;
}

/** The headline sentences: each headline outcome at the last horizon. */
export function headlineSentences(names: [string, string], rows: readonly OutcomeAtHorizon[], analysis: UncertaintyAnalysis): string[] {
  const last = Math.max(...rows.map((r) => r.month));
  return HEADLINE_OUTCOMES.flatMap((id) => {
    const row = rows.find((r) => r.id === id && r.month === last);
    const u = analysis.outcomes.find((x) => x.id === id && x.month === last);
    return row && u ? [sentence(names, row, u, analysis)] : [];
  });
}

export function verdictWords(u: OutcomeUncertainty): string {
  return u.verdict === 'depends' && u.dependsOn ? `depends on ${u.dependsOn}` : VERDICT_WORDS[u.verdict];
}

/**
 * "Enough seeds?" about chance only. Where the answer depends on an assumption and chance is a
 * small part of the range, more seeds cannot settle it: say so instead of asking for them.
 */
export function seedsWords(precision: Precision, row: OutcomeAtHorizon, u: OutcomeUncertainty | undefined): string {
  if (precision.verdict === 'enough') return 'yes';
  if (precision.verdict === 'no-difference') return 'no difference';
  const chanceWidth = row.difference.high - row.difference.low;
  const width = u ? u.uncertainty.high - u.uncertainty.low : Infinity;
  if (u && u.verdict !== 'robust' && Number.isFinite(chanceWidth) && chanceWidth < width / 2) return 'enough for chance; an assumption decides';
  return 'more seeds';
}
