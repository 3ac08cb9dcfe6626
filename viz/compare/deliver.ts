/**
 * What each export holds, made from a finished (or partly finished) comparison: the tidy CSV, the
 * workbook, the report (printed in place or downloaded), the share link and the result bundle.
 */
import { makeBundle, bundleText, ENGINE_VERSION } from '../../sim/comparison/bundle';
import { comparisonCsv } from '../../sim/comparison/csv';
import { outcomeById } from '../../sim/comparison/outcomes';
import { sourcesOf } from '../../sim/comparison/parameters';
import type { ComparisonRequest, ResolvedSide } from '../../sim/comparison/request';
import { digestResults } from '../../sim/comparison/results';
import type { ComparisonSummary, PairedResults } from '../../sim/comparison/summary';
import { comparisonWorkbook } from '../../sim/comparison/workbook';
import { outcomeCharts } from './chart-view';
import { scenarioDifferences } from './describe';
import type { ExportHandlers } from './exports-panel';
import { downloadBlob, downloadText, slug } from './files';
import { sharedStartDate } from './observed';
import { REPORT_CSS, reportBody, reportDocument, type ReportInput } from './report';
import { PRINT_THEME, type ChartMarker } from './svg-chart';
import type { UncertaintyAnalysis } from '../../sim/uncertainty/analysis';
import { headlineSentences } from '../../sim/uncertainty/words';
import { assumptionsDependedOn, outcomeTornado } from './uncertainty-figures';
import type { ReportUncertainty } from './report';

export interface Finished {
  request: ComparisonRequest;
  sides: { a: ResolvedSide; b: ResolvedSide };
  horizons: number[];
  results: PairedResults;
  summary: ComparisonSummary;
  link: string;
  markers: ChartMarker[];
  /** the uncertainty analysis, when the option ran to the end */
  uncertainty?: UncertaintyAnalysis;
  /** the outcome on screen: its tornado goes in the report */
  outcome?: string;
}

const REPORT_CHARTS = ['lookedAfter', 'spendSinceStart'];

export function settingsText(f: Finished): string {
  const s = f.request.settings;
  const scale = f.sides.a.scenario.population.scale;
  return `${f.results.seeds.length} paired seeds (${f.results.seeds[0]}–${f.results.seeds[f.results.seeds.length - 1]}), ${s.months} months, ${scale === 1 ? 'the whole region' : `a ${scale * 100}% sample of children (pounds scaled up to the region)`}`;
}

async function facts(f: Finished): Promise<[string, string][]> {
  return [
    ['seeds', f.results.seeds.join(' ')],
    ['months', String(f.request.settings.months)],
    ['scale', String(f.sides.a.scenario.population.scale)],
    ['engine version', ENGINE_VERSION],
    ['digest of results', await digestResults(f.results)],
  ];
}

/** Bars the report's tornado shows: the largest swings; the page shows them all. */
const REPORT_TORNADO_BARS = 5;

function reportUncertainty(f: Finished, analysis: UncertaintyAnalysis): ReportUncertainty {
  const names: [string, string] = [f.sides.a.name, f.sides.b.name];
  const tornado = outcomeTornado(analysis, f.summary, f.outcome ?? 'lookedAfter', PRINT_THEME, 760, REPORT_TORNADO_BARS);
  const used = analysis.draws.length - analysis.notCalibrated.length;
  return {
    sentences: headlineSentences(names, f.summary.outcomes, analysis),
    assumptions: assumptionsDependedOn(analysis),
    about: `the 5–95% range of B − A over ${used} draws of ${analysis.parameters.length} uncertain parameters, each re-calibrated${analysis.notCalibrated.length > 0 ? ` (draws ${analysis.notCalibrated.join(', ')} left out: not calibrated)` : ''}, ${analysis.runs} runs`,
    ...(tornado ? { tornado: tornado.svg } : {}),
    breakEven: tornado?.breakEven ?? [],
  };
}

async function reportInput(f: Finished): Promise<ReportInput> {
  const names = { a: f.sides.a.name, b: f.sides.b.name };
  const charts = REPORT_CHARTS.flatMap((id) => {
    const o = outcomeById(id);
    if (!o) return [];
    const c = outcomeCharts(o, { results: f.results, months: f.request.settings.months, names, markers: f.markers, startDate: sharedStartDate(f.sides.a.scenario, f.sides.b.scenario) }, PRINT_THEME, { width: 560, height: 180 });
    // With the uncertainty analysis its tornado takes a row: the page keeps B − A, what the sentences speak of.
    return f.uncertainty ? [c.difference] : [c.pair, c.difference];
  });
  const ids = new Set<string>();
  const sources = [...sourcesOf(f.sides.a.scenario), ...sourcesOf(f.sides.b.scenario)].filter((s) => !ids.has(s.id) && ids.add(s.id));
  return {
    names,
    settingsText: settingsText(f),
    summary: f.summary,
    charts,
    differences: scenarioDifferences(f.sides.a.scenario, f.sides.b.scenario),
    levers: f.markers.map((m) => m.label),
    sources,
    facts: await facts(f),
    link: f.link,
    created: new Date().toISOString().slice(0, 10),
    ...(f.uncertainty ? { uncertainty: reportUncertainty(f, f.uncertainty) } : {}),
  };
}

export function buildExports(current: () => Finished | undefined, printHost: HTMLElement, openBundle: (file: File) => void): ExportHandlers {
  const need = (): Finished => {
    const f = current();
    if (!f) throw new Error('There are no results yet: run the comparison first.');
    return f;
  };
  const name = (f: Finished) => `${slug(f.sides.a.name)}-vs-${slug(f.sides.b.name)}`;
  return {
    csv() {
      const f = need();
      downloadText(`${name(f)}.csv`, comparisonCsv(f.summary, f.results), 'text/csv');
    },
    async report() {
      const f = need();
      downloadText(`${name(f)}-report.html`, reportDocument(await reportInput(f)), 'text/html');
    },
    async print() {
      const f = need();
      printHost.innerHTML = `<style>${REPORT_CSS}</style>${reportBody(await reportInput(f))}`;
      window.print();
    },
    link: () => need().link,
    async workbook() {
      const f = need();
      const side = (s: ResolvedSide) => ({ name: s.name, scenario: s.scenario, levers: s.levers });
      const blob = await comparisonWorkbook({ a: side(f.sides.a), b: side(f.sides.b), summary: f.summary, results: f.results, facts: [...(await facts(f)), ['share link', f.link]] });
      downloadBlob(`${name(f)}.xlsx`, blob);
    },
    async bundle() {
      const f = need();
      if (f.results.seeds.length !== f.request.settings.runs) throw new Error('A bundle holds a whole comparison: let every seed finish first.');
      const settings = { ...f.request.settings, horizons: f.horizons };
      const bundle = await makeBundle(f.sides, settings, f.results.seeds, await digestResults(f.results), f.summary.outcomes);
      downloadText(`${name(f)}-bundle.json`, bundleText(bundle), 'application/json');
    },
    openBundle,
  };
}
