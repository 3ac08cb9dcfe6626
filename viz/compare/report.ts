/**
 * The one-page report: what a committee paper needs on a page. Headline differences in words, the
 * charts, the table of the main outcomes at each horizon, how the scenarios differ (with their
 * citations), and the seeds, versions and digest that let anyone re-run it. The same HTML is
 * printed in place (print styles hide the app) and downloaded as a standalone file. Pure strings.
 */
import { formatWithRange, horizonLabel } from '../../sim/comparison/format';
import { outcomeById } from '../../sim/comparison/outcomes';
import type { ComparisonSummary } from '../../sim/comparison/summary';
import type { Difference } from './describe';

export interface ReportInput {
  names: { a: string; b: string };
  settingsText: string;
  summary: ComparisonSummary;
  /** SVG markup of the charts, in reading order */
  charts: string[];
  differences: Difference[];
  levers: string[];
  sources: { id: string; citation: string; url?: string }[];
  facts: [string, string][];
  link: string;
  created: string;
  /** what the answers rest on, when the uncertainty analysis ran */
  uncertainty?: ReportUncertainty;
}

export interface ReportUncertainty {
  /** one per headline question (sim/uncertainty/words.ts) */
  sentences: string[];
  /** every parameter a verdict depends on */
  assumptions: { path: string; range: string; basis: string; outcomes: string[] }[];
  /** "40 runs: 4 of 4 draws of 12 uncertain parameters, every draw calibrated" */
  about: string;
  /** SVG of the tornado of the outcome on screen, and its break-even values in words */
  tornado?: string;
  breakEven: string[];
}

/**
 * Whether an address points at this computer (localhost, 127.x, ::1, 0.0.0.0): a reader of a
 * printed report cannot open it, so the report never shows one.
 */
export function isLoopback(href: string): boolean {
  let host: string;
  try {
    host = new URL(href).hostname.toLowerCase();
  } catch {
    return false;
  }
  return host === 'localhost' || host.endsWith('.localhost') || /^127(\.\d{1,3}){3}$/.test(host) || host === '[::1]' || host === '0.0.0.0';
}

function linkText(link: string): string {
  return isLoopback(link) ? 'No share link: this comparison ran on this computer\'s own address, which no reader can open; the seeds, months and scale above re-run it.' : link;
}

/** The outcomes the report's table shows: the ones a committee asks about first. */
export const REPORT_OUTCOMES = ['lookedAfter', 'childProtection', 'childrenInNeed', 'privateHomes', 'outOfArea', 'spendInYear', 'spendSinceStart', 'spendPerChildInCare'];
const HEADLINE = ['lookedAfter', 'childProtection', 'spendSinceStart'];

const esc = (text: string) => text.replace(/[<>&"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c] ?? c);

function headline(summary: ComparisonSummary): string[] {
  const month = summary.horizons[summary.horizons.length - 1];
  return HEADLINE.flatMap((id) => {
    const row = summary.outcomes.find((r) => r.id === id && r.month === month);
    const o = outcomeById(id);
    if (!row || !o) return [];
    const d = row.difference;
    const sure = d.low > 0 || d.high < 0 ? '' : ' (the interval includes zero: no clear difference)';
    // Money carries its unit in the figure ("+£10.0m"); rates need theirs said.
    const unit = o.format === 'millions' || o.format === 'pounds' ? '' : ` ${o.unit}`;
    return [`${o.label} at ${horizonLabel(month)}: B − A = ${formatWithRange(d.mean, d.low, d.high, o.format, true)}${unit}${sure}.`];
  });
}

function table(summary: ComparisonSummary, names: { a: string; b: string }): string {
  const rows: string[] = [];
  for (const month of summary.horizons) {
    rows.push(`<tr><th colspan="4" class="horizon">At ${esc(horizonLabel(month))}</th></tr>`);
    for (const id of REPORT_OUTCOMES) {
      const r = summary.outcomes.find((x) => x.id === id && x.month === month);
      const o = outcomeById(id);
      if (!r || !o) continue;
      rows.push(
        `<tr><th scope="row">${esc(r.label.replace(/ \(.*\)$/, ''))}</th><td>${esc(formatWithRange(r.a.median, r.a.low, r.a.high, o.format))}</td><td>${esc(formatWithRange(r.b.median, r.b.low, r.b.high, o.format))}</td><td>${esc(formatWithRange(r.difference.mean, r.difference.low, r.difference.high, o.format, true))}</td></tr>`,
      );
    }
  }
  const caption = '<caption>Rates per 10,000 children (children in need as the DfE counts them: CIN, CP and in care); shares in % of children in care; money for the whole region, in the year to then or since the start; spend per child is placement spend a year.</caption>';
  return `<table>${caption}<thead><tr><th>Outcome</th><th>A: ${esc(names.a)}<br><small>median [5%, 95%]</small></th><th>B: ${esc(names.b)}<br><small>median [5%, 95%]</small></th><th>B − A<br><small>mean [95% interval]</small></th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

const list = (items: string[]) => (items.length > 0 ? `<ul>${items.map((i) => `<li>${i}</li>`).join('')}</ul>` : '<p>None.</p>');

/** The opening: one sentence per headline question and what the answers rest on, or, without the analysis, the chance-only figures. */
function brief(input: ReportInput): string {
  const seeds = input.summary.seeds.length;
  const u = input.uncertainty;
  if (!u) {
    return `<section><h2>In brief</h2>${list(headline(input.summary).map(esc))}
<p class="note">Each seed simulates the same families under A and B (common random numbers); B − A's 95% interval across ${seeds} seeds covers chance only, not the scenarios' assumptions.</p></section>`;
  }
  const assumptions = u.assumptions.map((a) => `<b>${esc(a.path)}</b>, stated range ${esc(a.range)} (${esc(a.basis)}): decides ${esc(a.outcomes.join('; '))}`);
  return `<section><h2>In brief</h2>${list(u.sentences.map(esc))}
<p class="note">Chance alone: B − A's 95% interval across ${seeds} paired seeds. Chance and assumptions: ${esc(u.about)}.</p>
<h3>Assumptions the answers depend on</h3>${assumptions.length > 0 ? list(assumptions) : '<p>None: every verdict is robust or no meaningful difference within the stated ranges.</p>'}</section>`;
}

function restsOn(u: ReportUncertainty | undefined): string {
  if (!u?.tornado) return '';
  return `<section class="tornado-section">${u.tornado}<div><h3>Break-even values</h3>${list(u.breakEven.map(esc))}</div></section>`;
}

export function reportBody(input: ReportInput): string {
  const differences = input.differences.map((d) => `${esc(d.text)}${d.citation ? ` <small>(source: ${esc(d.citation)})</small>` : ''}`);
  // The sources behind what differs; the workbook lists every source of both scenarios.
  const cited = input.sources.filter((s) => input.differences.some((d) => d.citation.includes(s.id)));
  const sources = cited.map((s) => `<b>${esc(s.id)}</b>: ${esc(s.citation)}${s.url ? ` <small>${esc(s.url)}</small>` : ''}`);
  return `<article class="report" aria-label="Comparison report">
<header><h1>${esc(input.names.b)} <span class="vs">compared with</span> ${esc(input.names.a)}</h1>
<p class="meta">${esc(input.settingsText)}. Care Futures, ${esc(input.created)}.</p></header>
${brief(input)}
<section class="charts">${input.charts.join('')}</section>${restsOn(input.uncertainty)}
<section><h2>Main outcomes</h2>${table(input.summary, input.names)}</section>
<section class="columns"><div><h2>How B differs from A</h2>${list(differences)}<h3>Lever changes during the runs</h3>${list(input.levers.map(esc))}</div>
<div><h2>Sources of the differences</h2>${list(sources)}<p class="note">Every parameter, its citation and every source: the workbook.</p><h2>Reproduce</h2><dl>${input.facts.map(([k, v]) => `<dt>${esc(k)}</dt><dd>${esc(v)}</dd>`).join('')}</dl><p class="link">${esc(linkText(input.link))}</p></div></section>
</article>`;
}

export const REPORT_CSS = `
.report{font:8pt/1.25 Inter,'Segoe UI',Roboto,'DejaVu Sans',Arial,sans-serif;color:#111;background:#fff;max-width:190mm;margin:0 auto;padding:4mm}
.report h1{font-size:13pt;margin:0 0 2pt}.report h2{font-size:9.5pt;margin:4pt 0 1pt}.report h3{font-size:8.5pt;margin:3pt 0 1pt}.report p{margin:2pt 0}
.report .vs{font-weight:400;color:#555}.report .meta,.report .note,.report small{color:#444}.report ul{margin:0;padding-left:14pt}
.report .charts{display:grid;grid-template-columns:1fr 1fr;gap:2mm}.report .charts svg{width:100%;height:auto}
.report table{border-collapse:collapse;width:100%;font-size:7pt;line-height:1.15}.report th,.report td{border-bottom:1px solid #ddd;padding:0.5pt 3pt;text-align:right;vertical-align:top}.report td,.report th[scope=row]{white-space:nowrap}.report caption{caption-side:bottom;text-align:left;color:#444;font-size:7pt;padding-top:2pt}
.report th[scope=row],.report thead th:first-child{text-align:left}.report .horizon{text-align:left;background:#f0f0f0}
.report .columns{display:grid;grid-template-columns:1fr 1fr;gap:5mm;font-size:7pt}.report dl{display:grid;grid-template-columns:auto 1fr;gap:0 6pt;margin:0}.report dt{font-weight:600}.report dd{margin:0;overflow-wrap:anywhere}
.report .link{overflow-wrap:anywhere;font-size:7pt}.report .tornado-section{display:grid;grid-template-columns:3fr 2fr;gap:3mm;align-items:start;font-size:7pt}.report .tornado-section svg{width:100%;height:auto}
@page{size:A4;margin:10mm}`;

/** A standalone HTML file of the report (the download). */
export function reportDocument(input: ReportInput): string {
  return `<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><title>${esc(`${input.names.b} compared with ${input.names.a}`)}</title><style>${REPORT_CSS}body{margin:0;background:#fff}</style></head><body>${reportBody(input)}</body></html>\n`;
}

