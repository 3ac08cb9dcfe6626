/**
 * What the comparison view and its report draw from an uncertainty analysis: the tornado of an
 * outcome, its break-even values in words, and the assumptions the verdicts depend on. Pure
 * strings, shared by the page and the report so they say the same thing.
 */
import { formatNumber, horizonLabel } from '../../sim/comparison/format';
import { outcomeById } from '../../sim/comparison/outcomes';
import type { ComparisonSummary } from '../../sim/comparison/summary';
import type { UncertaintyAnalysis } from '../../sim/uncertainty/analysis';
import { trim } from '../../sim/uncertainty/words';
import { SIDE_COLOUR } from './chart-view';
import type { ChartTheme } from './svg-chart';
import { tornadoRows, tornadoSvg } from './tornado-chart';

/** The tornado of `outcomeId` at the comparison's last horizon; undefined when the analysis has no entry for it. */
export function outcomeTornado(analysis: UncertaintyAnalysis, summary: ComparisonSummary, outcomeId: string, theme: ChartTheme, width: number, max = Infinity): { svg: string; breakEven: string[]; month: number } | undefined {
  const month = summary.horizons[summary.horizons.length - 1];
  const u = analysis.outcomes.find((x) => x.id === outcomeId && x.month === month);
  const row = summary.outcomes.find((x) => x.id === outcomeId && x.month === month);
  const o = outcomeById(outcomeId);
  if (!u || !row || !o) return undefined;
  const rows = tornadoRows(u.tornado, max);
  const format = (v: number) => formatNumber(v, o.format, true);
  const top = rows[0];
  const svg = tornadoSvg({
    title: `${o.label} at ${horizonLabel(month)}: what B − A rests on`,
    unit: `${o.unit}; each parameter at the ends of its stated range, the others at their values`,
    centre: row.difference.mean,
    rows,
    format,
    formatValue: trim,
    colours: { low: SIDE_COLOUR.a, high: SIDE_COLOUR.b },
    width,
    theme,
    description: top
      ? `${top.path} moves B − A most: ${format(top.low.difference)} at ${trim(top.low.value)}, ${format(top.high.difference)} at ${trim(top.high.value)}.`
      : 'No uncertain parameter is shared by A and B.',
  });
  return { svg, breakEven: breakEvenLines(analysis, u.breakEven), month };
}

/** "earlyHelp.successShare: B − A crosses zero at 0.71 (stated range 0.6–0.9)" or "… keeps its sign over 0.6–0.9". */
export function breakEvenLines(analysis: UncertaintyAnalysis, breakEven: readonly { path: string; value: number | null }[]): string[] {
  return breakEven.map((b) => {
    const p = analysis.parameters.find((x) => x.path === b.path);
    const range = p ? `${trim(p.low)}–${trim(p.high)}` : 'its range';
    return b.value === null ? `${b.path}: B − A keeps its sign over ${range}` : `${b.path}: B − A crosses zero at ${trim(b.value)} (stated range ${range})`;
  });
}

/** Every parameter a "depends" verdict names, once, with its range and basis: what a reader must not take for a finding. */
export function assumptionsDependedOn(analysis: UncertaintyAnalysis): { path: string; range: string; basis: string; outcomes: string[] }[] {
  const out = new Map<string, { path: string; range: string; basis: string; outcomes: string[] }>();
  for (const u of analysis.outcomes) {
    if (u.verdict !== 'depends' || !u.dependsOn) continue;
    const p = analysis.parameters.find((x) => x.path === u.dependsOn);
    const entry = out.get(u.dependsOn) ?? { path: u.dependsOn, range: p ? `${trim(p.low)}–${trim(p.high)}` : '', basis: p?.basis ?? '', outcomes: [] };
    const label = `${outcomeById(u.id)?.label ?? u.id} at ${horizonLabel(u.month)}`;
    if (!entry.outcomes.includes(label)) entry.outcomes.push(label);
    out.set(u.dependsOn, entry);
  }
  return [...out.values()];
}
