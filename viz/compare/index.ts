/**
 * The comparison view: pick A and B, run them over the same seeds in a pool of workers, and read
 * the paired results as they fill in: a summary table, charts, the "enough seeds?" verdict, and
 * exports for a decision paper. Opened by a comparison address (`?a=&b=&runs=&months=&seed=&scale=`),
 * which starts the run at once; the address is kept current, so it is always the share link.
 */
import './compare.css';
import { bundleSizeProblem, readBundleBytes, type ResultBundle } from '../../sim/comparison/bundle';
import { resolveRequest, workToConfirm, type ComparisonRequest, type ResolvedSide } from '../../sim/comparison/request';
import { PairedStore } from '../../sim/comparison/results';
import { defaultHorizons, seedsOf, summarise, type ComparisonSummary } from '../../sim/comparison/summary';
import { bundledLoader } from '../../sim/scenario/bundled';
import { createPool, jobsFor, poolSize, type PoolRun } from '../../sim/worker/pool';
import type { ScenarioChoice } from '../controls';
import { createErrorPanel } from '../errors';
import { createChartView } from './chart-view';
import { leverMarkers } from './describe';
import { buildExports, type Finished } from './deliver';
import { createExportPanel } from './exports-panel';
import { panel } from './files';
import { createCompareForm } from './form';
import { readComparisonLink, writeComparisonLink } from './link';
import { sharedStartDate } from './observed';
import { createStatus } from './status';
import { renderSummaryTable } from './summary-table';
import { spawnCompareWorker } from './workers';
import { visibleText } from '../../sim/text/bidi';
import { runUncertainty } from '../../sim/uncertainty/compare';
import { UNCERTAINTY_DEFAULTS, type UncertaintyAnalysis } from '../../sim/uncertainty/analysis';
import { uncertaintyRunCost } from '../../sim/uncertainty/cost';
import { uncertainParameters } from '../../sim/uncertainty/parameters';
import { CancelledError, poolRunner, type PoolRunner } from '../../sim/worker/pool-runner';
import { createUncertaintyView } from './uncertainty-view';

/** The names of A and B as shown: bidirectional controls made visible. */
const shownNames = (sides: { a: { name: string }; b: { name: string } }) => ({ a: visibleText(sides.a.name), b: visibleText(sides.b.name) });

export { isComparisonAddress } from './link';

interface Session {
  request: ComparisonRequest;
  sides: { a: ResolvedSide; b: ResolvedSide };
  horizons: number[];
  store: PairedStore;
  started: number;
  /** worker milliseconds spent in runs since the last launch (the bench's pool utilisation) */
  busyMs: number;
  run?: PoolRun;
  bundle?: ResultBundle;
  summary?: ComparisonSummary;
  /** the uncertainty option: draws asked for; absent when off */
  uncertainty?: { draws: number };
  analysis?: UncertaintyAnalysis;
  uncertaintyRun?: PoolRunner;
}

const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err));

export function startCompareApp(root: HTMLElement, shipped: readonly ScenarioChoice[]): void {
  const app = document.createElement('div');
  app.className = 'compare-app';
  const header = document.createElement('header');
  header.className = 'compare-header';
  header.innerHTML = '<div class="brand"><h1>Care Futures</h1><p>Compare two scenarios, seed by seed</p></div>';
  const back = document.createElement('a');
  back.href = './';
  back.textContent = 'Back to the live simulator';
  header.append(back);
  const errorHost = document.createElement('div');
  const errors = createErrorPanel(errorHost);
  const main = document.createElement('main');
  main.className = 'compare-main';
  const printHost = document.createElement('div');
  printHost.className = 'print-host';
  app.append(header, errorHost, main);
  root.append(app, printHost);

  const workers = poolSize(navigator.hardwareConcurrency, Number(new URLSearchParams(location.search).get('workers') ?? NaN));
  const pool = createPool(workers, spawnCompareWorker);
  let session: Session | undefined;
  let renderQueued = false;

  const form = createCompareForm(shipped, { run: () => void runFromForm(), openFile: (side, file) => void openFile(side, file) });
  const status = createStatus(workers, {
    cancel: () => {
      session?.run?.cancel();
      session?.uncertaintyRun?.cancel();
    },
    more: () => void moreSeeds(),
  });
  const rests = createUncertaintyView();
  const tableHost = panel('compare-summary', 'compare-summary-heading', 'Summary');
  const table = document.createElement('div');
  table.className = 'table-scroll';
  tableHost.append(table);
  const charts = createChartView(() => {
    rememberLink();
    showAnalysis();
  });
  const finished = (): Finished | undefined => {
    if (!session) return undefined;
    const results = session.store.paired();
    if (results.seeds.length === 0) return undefined;
    const summary = session.summary ?? summarise(results, session.request.settings.months, session.horizons);
    return { request: session.request, sides: session.sides, horizons: session.horizons, results, summary, link: linkNow(), markers: markersOf(session), uncertainty: session.analysis, outcome: charts.outcome() };
  };
  const exportsPanel = createExportPanel(buildExports(finished, printHost, (file) => void openBundle(file)), (title, err) => errors.show(title, [messageOf(err)]));
  exportsPanel.setEnabled(false);
  main.append(form.element, status.element, tableHost, rests.element, charts.element, exportsPanel.element);

  const startOf = (s: Session) => sharedStartDate(s.sides.a.scenario, s.sides.b.scenario);
  const markersOf = (s: Session) => [...leverMarkers('A', s.sides.a.scenario, s.sides.a.levers), ...leverMarkers('B', s.sides.b.scenario, s.sides.b.levers)];
  const base = () => `${location.origin}${location.pathname}`;
  const fromBundle = (s: Session) => [s.request.a, s.request.b].some((side) => side.origin.kind === 'scenario');
  function linkNow(): string {
    if (!session) return location.href;
    if (fromBundle(session)) {
      exportsPanel.showLink('', ['A comparison opened from a bundle has no share link (its scenarios are whole files): share the bundle, or the result bundle made from it.']);
      return location.href;
    }
    const link = writeComparisonLink(base(), session.request, { outcome: charts.outcome() });
    exportsPanel.showLink(link.href, link.notes);
    return link.href;
  }
  function rememberLink(): void {
    // A bundle's scenarios are whole documents, not names an address can hold: its address stays as it was.
    if (!session || fromBundle(session)) return;
    const href = linkNow();
    history.replaceState(null, '', href.slice(base().length));
  }

  function render(): void {
    renderQueued = false;
    if (!session) return;
    const results = session.store.paired();
    if (results.seeds.length === 0) return;
    session.summary = summarise(results, session.request.settings.months, session.horizons);
    renderSummaryTable(table, session.summary, shownNames(session.sides), session.analysis);
    charts.update({ results, months: session.request.settings.months, names: shownNames(session.sides), markers: markersOf(session), startDate: startOf(session) });
    status.showPrecision(session.summary, charts.outcome());
  }
  const queueRender = () => {
    if (renderQueued) return;
    renderQueued = true;
    // About one redraw a second while seeds come in: on a 2-core machine every millisecond the page
    // spends drawing is taken from the workers.
    setTimeout(() => requestAnimationFrame(render), 800);
  };

  /** Run `seeds` of the session; earlier seeds' results stay. */
  function launch(s: Session, seeds: number[]): void {
    const { a, b } = s.sides;
    s.started = performance.now();
    s.busyMs = 0;
    const startedRuns = s.store.finishedRuns;
    status.start(s.store.totalRuns, startedRuns);
    form.setBusy(true);
    exportsPanel.setEnabled(s.store.paired().seeds.length > 0);
    const run = pool.run(jobsFor({ a, b }, seeds, s.request.settings.months), {
      onResult: (result) => {
        s.store.add(result.side, result.seed, result.series);
        s.busyMs += result.elapsedMs;
        status.progress(s.store.finishedRuns, s.store.totalRuns, startedRuns, performance.now() - s.started);
        queueRender();
      },
    });
    s.run = run;
    void run.done.then(async (outcome) => {
      if (session !== s) return;
      form.setBusy(false);
      render();
      exportsPanel.setEnabled(s.store.paired().seeds.length > 0);
      if (outcome.state === 'failed') errors.show('The comparison stopped: a run failed.', [outcome.message]);
      status.end(outcome.state, s.store.finishedRuns, s.store.totalRuns, performance.now() - s.started, s.busyMs);
      if (outcome.state === 'finished' && s.bundle && s.summary) status.checkBundle(s.bundle, s.store.paired(), s.summary, { a: s.sides.a.name, b: s.sides.b.name });
      if (outcome.state === 'finished' && s.uncertainty) await analyse(s, s.uncertainty);
    });
  }

  function showAnalysis(): void {
    const s = session;
    if (!s?.analysis || !s.summary) return;
    const names = shownNames(s.sides);
    rests.show({ analysis: s.analysis, summary: s.summary, names: [names.a, names.b], outcome: charts.outcome() });
  }

  /** The CLI's uncertainty analysis (same functions, same answers) with the pool as its runner, after every seed has finished. */
  async function analyse(s: Session, options: { draws: number }): Promise<void> {
    const summary = s.summary;
    if (!summary) return;
    const parameters = uncertainParameters(s.sides.a.scenario, s.sides.b.scenario).length;
    rests.start(uncertaintyRunCost({ parameters, seeds: summary.seeds.length, draws: options.draws }));
    const run = poolRunner(pool, (runs) => rests.progress(runs));
    s.uncertaintyRun = run;
    form.setBusy(true);
    // A new comparison, or more seeds, replaces this run: what it left must not touch the page.
    const current = () => session === s && s.uncertaintyRun === run;
    try {
      const analysis = await runUncertainty([s.sides.a, s.sides.b], summary, { draws: options.draws, tornadoMax: UNCERTAINTY_DEFAULTS.tornadoMax }, run.runner);
      if (!current()) return;
      s.analysis = analysis;
      renderSummaryTable(table, summary, shownNames(s.sides), s.analysis);
      showAnalysis();
    } catch (err) {
      if (current()) rests.end(err instanceof CancelledError ? 'cancelled' : 'failed', messageOf(err));
    } finally {
      if (current()) form.setBusy(false);
    }
  }

  function begin(request: ComparisonRequest, bundle?: ResultBundle, uncertainty?: { draws: number }): boolean {
    const resolved = resolveRequest(request, bundledLoader);
    if (!resolved.ok) {
      errors.show('The comparison cannot run as set.', resolved.issues.map((i) => i.message));
      return false;
    }
    errors.clear();
    session?.run?.cancel();
    session?.uncertaintyRun?.cancel();
    const seeds = seedsOf(request.settings);
    session = { request, sides: resolved.value, horizons: request.settings.horizons ?? defaultHorizons(request.settings.months), store: new PairedStore(seeds), started: 0, busyMs: 0, bundle, ...(uncertainty ? { uncertainty } : {}) };
    table.replaceChildren();
    rests.hide();
    rememberLink();
    launch(session, seeds);
    return true;
  }

  async function runFromForm(): Promise<void> {
    const read = form.read();
    if ('problems' in read) {
      errors.show('The comparison cannot run as set.', read.problems);
      return;
    }
    // Horizons from a link hold while the run length they were chosen for does.
    const horizons = session && session.request.settings.months === read.settings.months ? session.request.settings.horizons : null;
    begin({ a: read.a, b: read.b, settings: { ...read.settings, horizons } }, undefined, read.uncertainty ?? undefined);
  }

  async function moreSeeds(): Promise<void> {
    const s = session;
    if (!s) return;
    // More seeds than a bundle holds are a new comparison: there is nothing left to check against.
    s.bundle = undefined;
    // The analysis averaged over the old seeds: it is made again once the new ones finish.
    s.uncertaintyRun?.cancel();
    s.analysis = undefined;
    rests.hide();
    const extra = s.request.settings.runs;
    const seeds = seedsOf({ runs: extra, seed: s.request.settings.seed + s.request.settings.runs });
    s.request = { ...s.request, settings: { ...s.request.settings, runs: s.request.settings.runs + extra } };
    s.store.extend(seeds);
    form.write(s.request.settings);
    rememberLink();
    launch(s, seeds);
  }

  async function openFile(side: 'a' | 'b', file: File): Promise<void> {
    const text = await file.text();
    const source = { origin: { kind: 'file' as const, fileName: file.name, text }, levers: [] };
    const checked = resolveRequest({ a: source, b: source, settings: { runs: 2, months: 1, seed: 1, scale: null, horizons: null } }, bundledLoader);
    if (!checked.ok) {
      errors.show(`${file.name} cannot be compared: it is not a valid scenario.`, [...new Set(checked.issues.map((i) => i.message.replace(/^[AB] \([^)]*\): /, '')))]);
      return;
    }
    errors.clear();
    form.select(side, form.addChoice(`file:${file.name}`, `Opened: ${checked.value.a.scenario.name} (${file.name})`, source));
  }

  async function openBundle(file: File): Promise<void> {
    // The size first (no byte read for a file too large), then the CLI's own reader.
    const tooBig = bundleSizeProblem(file.size);
    const read = tooBig ? { ok: false as const, message: tooBig } : await readBundleBytes(new Uint8Array(await file.arrayBuffer()));
    if (!read.ok) {
      errors.show(`${file.name} cannot be opened.`, [read.message]);
      return;
    }
    form.write(read.request.settings);
    for (const side of ['a', 'b'] as const) form.select(side, form.addChoice(`bundle:${side}`, `From bundle: ${read.bundle[side].name}`, read.request[side]));
    if (begin(read.request, read.bundle)) status.note(`Re-running ${file.name} (${read.bundle.seeds.length} seeds, made by engine ${read.bundle.engineVersion}) to check its results…`);
  }

  // Start: the address names a comparison; run it at once, or explain what it lacks.
  const linked = readComparisonLink(location.search, location.hash);
  if (linked.partial.settings) form.write(linked.partial.settings);
  for (const side of ['a', 'b'] as const) {
    const source = linked.partial[side];
    if (!source) continue;
    const key = source.origin.kind === 'shipped' && source.levers.length === 0 && !source.live ? `shipped:${source.origin.id}` : `link:${side}`;
    const name = source.live ? 'Live run' : source.origin.kind === 'file' ? `Opened: ${source.origin.fileName}` : source.origin.kind === 'shipped' ? source.origin.id : 'Scenario';
    const levers = source.levers.length > 0 ? ` with ${source.levers.length} lever change${source.levers.length === 1 ? '' : 's'}` : '';
    form.select(side, key.startsWith('shipped:') ? key : form.addChoice(key, `${name}${source.origin.kind === 'shipped' && (levers || source.live) ? ` (${source.origin.id})` : ''}${levers}`, source));
  }
  // A link asking for a lot of work waits for the user's Run (the form already shows it).
  const tooMuch = linked.value ? workToConfirm(linked.value.request.settings) : undefined;
  if (tooMuch) status.note(tooMuch);
  const started = linked.value && !tooMuch ? begin(linked.value.request) : false;
  if (started && linked.value?.view.outcome) charts.setOutcome(linked.value.view.outcome);
  // After starting, which clears the panel: what the address lacked stays in view while the rest runs.
  if (linked.problems.length > 0) errors.show('Part of the address was not understood.', linked.problems);
  document.body.dataset.status = 'ready';
}
