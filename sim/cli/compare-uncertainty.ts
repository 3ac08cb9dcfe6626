/**
 * `npm run compare -- A B --uncertainty [--draws N] [--tornado-max K]`: the comparison's own
 * options for what its answers rest on (sim/uncertainty/analysis.ts), its JSON (each outcome entry
 * gains `uncertainty`, `tornado`, `breakEven`, `verdict`, `dependsOn`) and its text (a sentence per
 * headline question, then a verdict, the ensemble range and the tornado's top three per figure).
 */
import { formatNumber, formatWithRange, horizonLabel } from '../comparison/format';
import { outcomeById } from '../comparison/outcomes';
import type { ComparisonSummary } from '../comparison/summary';
import { UNCERTAINTY_DEFAULTS, type UncertaintyAnalysis } from '../uncertainty/analysis';
import type { UncertaintyOptions } from '../uncertainty/compare';
import { headlineSentences, seedsWords, verdictWords } from '../uncertainty/words';

export { runUncertainty, type UncertaintyOptions } from '../uncertainty/compare';

export const UNCERTAINTY_USAGE = `  --uncertainty    also say what each answer rests on: the range of B - A over an ensemble
                   of draws of the scenarios' uncertain parameters (each re-calibrated), a
                   tornado, break-even values and a verdict (see docs/uncertainty.md); text or json
  --draws N        draws in the ensemble (default ${UNCERTAINTY_DEFAULTS.draws}); draw k runs seed (--seed) + k
  --tornado-max K  with more uncertain parameters than K, a Morris screen keeps the K that
                   matter most for the tornado (default ${UNCERTAINTY_DEFAULTS.tornadoMax})`;

/** Takes this feature's flags out of argv; `options` is undefined without `--uncertainty`. */
export function takeUncertaintyFlags(argv: readonly string[]): { rest: string[]; options?: UncertaintyOptions; errors: string[] } {
  const rest: string[] = [];
  const errors: string[] = [];
  let on = false;
  const options: UncertaintyOptions = { draws: UNCERTAINTY_DEFAULTS.draws, tornadoMax: UNCERTAINTY_DEFAULTS.tornadoMax };
  const given: string[] = [];
  for (let k = 0; k < argv.length; k++) {
    const arg = argv[k];
    if (arg === '--uncertainty') {
      on = true;
      continue;
    }
    const m = /^--(draws|tornado-max)(?:=(.*))?$/.exec(arg);
    if (!m) {
      rest.push(arg);
      continue;
    }
    given.push(`--${m[1]}`);
    const text = m[2] ?? argv[++k];
    const value = Number(text);
    const min = m[1] === 'draws' ? 2 : 1;
    if (text === undefined || !/^\d+$/.test(text) || value < min || value > 10_000) errors.push(`--${m[1]}: expected a whole number from ${min} to 10000, found ${text === undefined ? 'nothing' : JSON.stringify(text)}`);
    else if (m[1] === 'draws') options.draws = value;
    else options.tornadoMax = value;
  }
  if (!on && given.length > 0) errors.push(`${given.join(', ')}: only with --uncertainty`);
  return { rest, errors, ...(on ? { options } : {}) };
}

/** "Enough seeds?" for the table's entry k, about chance only (`seedsWords`). */
export function chanceWords(summary: ComparisonSummary, analysis: UncertaintyAnalysis): (k: number) => string {
  return (k) => {
    const row = summary.outcomes[k];
    return seedsWords(summary.precision[k], row, analysis.outcomes.find((x) => x.id === row.id && x.month === row.month));
  };
}

/** The CLI's JSON with uncertainty: today's entries, each with its uncertainty fields, and how the ensemble went. */
export function uncertaintyJson(names: [string, string], summary: ComparisonSummary, analysis: UncertaintyAnalysis): string {
  const outcomes = summary.outcomes.map((row) => {
    const u = analysis.outcomes.find((x) => x.id === row.id && x.month === row.month);
    return u ? { ...row, uncertainty: u.uncertainty, tornado: u.tornado, breakEven: u.breakEven, verdict: u.verdict, ...(u.dependsOn ? { dependsOn: u.dependsOn } : {}) } : row;
  });
  const { outcomes: _entries, ...about } = analysis;
  return `${JSON.stringify({ a: names[0], b: names[1], seeds: summary.seeds, months: summary.months, horizons: summary.horizons, outcomes, ensemble: about }, null, 2)}\n`;
}

/** The text after the usual table: the headline sentences, then per horizon each figure's verdict and what it rests on. */
export function uncertaintyText(names: [string, string], summary: ComparisonSummary, analysis: UncertaintyAnalysis): string {
  const used = analysis.draws.length - analysis.notCalibrated.length;
  const lines = ['', 'What the answers rest on', ...headlineSentences(names, summary.outcomes, analysis).map((s) => `- ${s}`), ''];
  lines.push(
    `Chance and assumptions: ${used} draws of ${analysis.parameters.length} uncertain parameters (5-95% of B - A, widened to contain the chance-only interval)` +
      (analysis.notCalibrated.length > 0 ? `; left out, not calibrated within tolerance: draws ${analysis.notCalibrated.join(', ')}` : '; every draw calibrated') +
      '.',
  );
  if (analysis.screening) {
    lines.push(`Tornado: ${analysis.parameters.length} parameters are more than ${analysis.screening.cut}; a Morris screen (${analysis.screening.trajectories} trajectories, one seed) kept ${analysis.screening.kept.join(', ')}.`);
  }
  for (const month of summary.horizons) {
    lines.push('', `At ${horizonLabel(month)}`);
    summary.outcomes.forEach((row) => {
      if (row.month !== month) return;
      const u = analysis.outcomes.find((x) => x.id === row.id && x.month === month);
      if (!u) return;
      const format = outcomeById(row.id)?.format ?? 'rate';
      const top = u.tornado
        .slice(0, 3)
        .map((t) => `${t.path} ${formatNumber(t.low.difference, format, true)} to ${formatNumber(t.high.difference, format, true)}`)
        .join('; ');
      const be = u.breakEven.filter((b) => b.value !== null).map((b) => `${b.path} = ${Number((b.value as number).toPrecision(3))}`);
      lines.push(
        `  ${row.label}: ${verdictWords(u)}; B - A ${formatWithRange(row.difference.mean, u.uncertainty.low, u.uncertainty.high, format, true)} with assumptions`,
        `    tornado: ${top || 'no uncertain parameters'}${be.length > 0 ? `; break-even ${be.join(', ')}` : ''}`,
      );
    });
  }
  lines.push('', `${analysis.runs} runs for the uncertainty analysis.`);
  return `${lines.join('\n')}\n`;
}
