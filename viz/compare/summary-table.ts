/**
 * The summary table: for each horizon and outcome, A and B (median with the 5–95% band, and the
 * mean) and B − A (mean with its 95% interval), and whether the seeds are enough. Every figure
 * sits in its own element carrying `data-outcome`, `data-month`, `data-series`, `data-stat` and
 * `data-value` (the full-precision number), so tests and scripts read exactly what the CLI's JSON
 * holds.
 */
import { formatNumber, horizonLabel } from '../../sim/comparison/format';
import { outcomeById } from '../../sim/comparison/outcomes';
import type { Precision } from '../../sim/comparison/stats';
import type { ComparisonSummary, OutcomeAtHorizon } from '../../sim/comparison/summary';
import type { UncertaintyAnalysis } from '../../sim/uncertainty/analysis';
import { seedsWords } from '../../sim/uncertainty/words';
import { verdictCell as uncertaintyVerdict } from './verdicts';

type Series = 'a' | 'b' | 'difference';

function figure(row: OutcomeAtHorizon, series: Series, stat: 'mean' | 'median' | 'low' | 'high'): HTMLElement {
  const span = document.createElement('span');
  const value = series === 'difference' ? row.difference[stat as 'mean' | 'low' | 'high'] : row[series][stat];
  span.className = `fig fig-${stat}`;
  span.dataset.outcome = row.id;
  span.dataset.month = String(row.month);
  span.dataset.series = series;
  span.dataset.stat = stat;
  span.dataset.value = String(value);
  span.textContent = formatNumber(value, outcomeById(row.id)?.format ?? 'rate', series === 'difference');
  return span;
}

function cell(...children: (Node | string)[]): HTMLTableCellElement {
  const td = document.createElement('td');
  td.append(...children);
  return td;
}

/** "105.2 [98.1, 110.4]": the middle figure and its band, each its own element. */
function rangeCell(row: OutcomeAtHorizon, series: Series, mid: 'median' | 'mean'): HTMLTableCellElement {
  const band = document.createElement('span');
  band.className = 'band';
  band.append('[', figure(row, series, 'low'), ', ', figure(row, series, 'high'), ']');
  return cell(figure(row, series, mid), ' ', band);
}

const VERDICT: Record<Precision['verdict'], string> = { enough: 'Yes', more: 'More would help', 'no-difference': 'No difference' };

/** With an uncertainty analysis, "enough seeds?" speaks of chance only and never asks for seeds an assumption would make useless. */
function seedsText(p: Precision, row: OutcomeAtHorizon, analysis: UncertaintyAnalysis | undefined): string {
  if (!analysis) return VERDICT[p.verdict];
  const words = seedsWords(p, row, analysis.outcomes.find((u) => u.id === row.id && u.month === row.month));
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function verdictCell(p: Precision, row: OutcomeAtHorizon, analysis?: UncertaintyAnalysis): HTMLTableCellElement {
  const td = cell(seedsText(p, row, analysis));
  td.className = `verdict verdict-${p.verdict}`;
  const format = outcomeById(row.id)?.format ?? 'rate';
  td.title =
    p.verdict === 'no-difference'
      ? 'A and B agree exactly in every seed'
      : `Standard error of the mean difference: ${formatNumber(p.standardError, format)} (${Number.isFinite(p.relativeError) ? `${Math.round(p.relativeError * 100)}%` : 'all'} of its size); the interval ${p.excludesZero ? 'excludes' : 'includes'} zero`;
  return td;
}

/** The uncertainty verdict of a row, in words; every figure of the row carries it as `data-verdict`. */
function uncertaintyCell(tr: HTMLTableRowElement, row: OutcomeAtHorizon, analysis: UncertaintyAnalysis): HTMLTableCellElement {
  const u = analysis.outcomes.find((x) => x.id === row.id && x.month === row.month);
  if (!u) return cell('—');
  const v = uncertaintyVerdict(u, outcomeById(row.id)?.format ?? 'rate');
  for (const fig of tr.querySelectorAll<HTMLElement>('.fig')) fig.dataset.verdict = v.verdict;
  const td = cell(v.words);
  td.className = `rests-on rests-on-${v.verdict}`;
  td.dataset.verdict = v.verdict;
  td.title = v.title;
  return td;
}

/** `analysis`: the uncertainty analysis of the same comparison, adding a verdict column. */
export function renderSummaryTable(host: HTMLElement, summary: ComparisonSummary, names: { a: string; b: string }, analysis?: UncertaintyAnalysis): void {
  const table = document.createElement('table');
  table.className = 'summary-table';
  const caption = document.createElement('caption');
  caption.textContent = `${summary.seeds.length} paired seeds (${summary.seeds[0]}–${summary.seeds[summary.seeds.length - 1]}); A and B: median [5%, 95%] across seeds and mean; B − A: mean [95% interval]`;
  const thead = document.createElement('thead');
  const head = document.createElement('tr');
  for (const [text, scope] of [
    ['Outcome', 'col'],
    [`A: ${names.a}`, 'col'],
    ['A mean', 'col'],
    [`B: ${names.b}`, 'col'],
    ['B mean', 'col'],
    ['B − A', 'col'],
    ['Enough seeds?', 'col'],
    ...(analysis ? [['With the assumptions', 'col']] : []),
  ]) {
    const th = document.createElement('th');
    th.scope = scope;
    th.textContent = text;
    head.append(th);
  }
  thead.append(head);
  table.append(caption, thead);
  for (const month of summary.horizons) {
    const body = document.createElement('tbody');
    const group = document.createElement('tr');
    const th = document.createElement('th');
    th.colSpan = analysis ? 8 : 7;
    th.scope = 'rowgroup';
    th.className = 'horizon';
    th.textContent = `At ${horizonLabel(month)}`;
    group.append(th);
    body.append(group);
    summary.outcomes.forEach((row, k) => {
      if (row.month !== month) return;
      const tr = document.createElement('tr');
      const name = document.createElement('th');
      name.scope = 'row';
      name.append(row.label, Object.assign(document.createElement('span'), { className: 'unit', textContent: row.unit }));
      tr.append(name, rangeCell(row, 'a', 'median'), cell(figure(row, 'a', 'mean')), rangeCell(row, 'b', 'median'), cell(figure(row, 'b', 'mean')), rangeCell(row, 'difference', 'mean'), verdictCell(summary.precision[k], row, analysis));
      if (analysis) tr.append(uncertaintyCell(tr, row, analysis));
      tr.dataset.outcome = row.id;
      body.append(tr);
    });
    table.append(body);
  }
  host.replaceChildren(table);
}
