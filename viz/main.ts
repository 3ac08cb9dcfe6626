/**
 * The app shell: builds the panels, connects them to the simulation worker, and routes every
 * snapshot to the map, the table, the cost panel and the charts. The engine runs in the worker;
 * this thread only draws and handles input.
 */
import './styles.css';
import type { Snapshot } from '../sim/worker/contract';
import type { Scenario } from '../sim/scenario/schema';
import { AppState } from './app-state';
import { createChart, type Chart } from './charts';
import { createControls, DEFAULT_SPEED } from './controls';
import { createCostPanel } from './costs';
import { createErrorPanel } from './errors';
import { download, runToCsv, timelineToJson } from './export';
import { formatCount, formatMonth, formatPounds } from './format';
import { createLeverPanel } from './levers';
import { createPathwayMap, type PathwayMap } from './map';
import { CATEGORICAL, OKABE_ITO } from './palette';
import { createStateTable } from './table';
import { exposeTestHooks } from './test-hooks';
import { applyTheme, CHART_THEME } from './theme';
import { particleBudget } from './render-budget';
import { readViewParams } from './url';
import { connectSimulation, shippedChoices, type CallResult, type LoadResult } from './sim-link';
import { isComparisonAddress } from './compare/link';
import { compareAddress, liveAddress, readLiveAddress } from './compare/live';
import type { LeverChange } from '../sim/levers';

function byId<T extends HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`index.html is missing #${id}`);
  return el as T;
}

const DEFAULT_SCENARIO = 'north-east-baseline';

/** A comparison address (`?a=&b=`) opens the comparison view instead of the live run (viz/compare). */
async function startComparison(): Promise<void> {
  for (const el of document.querySelectorAll<HTMLElement>('body > .screen, body > .table-view, body > .skip-link')) el.style.display = 'none';
  const { startCompareApp } = await import('./compare');
  startCompareApp(document.body, shippedChoices());
}

async function start(): Promise<void> {
  applyTheme(document.documentElement);
  if (isComparisonAddress(location.search)) return startComparison();
  const state = new AppState();
  const errors = createErrorPanel(byId('errors'));
  const monthEl = document.querySelector<HTMLElement>('[data-testid="month"]');
  if (!monthEl) throw new Error('index.html is missing the month display');
  const monthDetail = byId('month-detail');
  const scenarioName = byId('scenario-name');
  const loadingText = byId('loading-text');
  const main = byId('main');

  const setStatus = (status: 'loading' | 'ready' | 'error', text?: string): void => {
    document.body.dataset.status = status;
    main.setAttribute('aria-busy', String(status === 'loading'));
    if (text) loadingText.textContent = text;
  };

  const table = createStateTable(byId('table'));
  const costs = createCostPanel(byId('costs'), state.history, CHART_THEME);
  const chartHost = byId('charts');
  const per10k = (v: number): string => formatCount(v);
  const trendCharts: Chart[] = [
    createChart(chartHost, state.history.series, { title: 'Children in care', unit: 'per 10,000 children', mode: 'lines', series: [{ key: 'care', label: 'In care', colour: CATEGORICAL[2] }], formatTick: per10k }, CHART_THEME),
    createChart(chartHost, state.history.series, { title: 'Child protection plans', unit: 'per 10,000 children', mode: 'lines', series: [{ key: 'cp', label: 'On a plan', colour: OKABE_ITO.vermillion }], formatTick: per10k }, CHART_THEME),
    createChart(chartHost, state.history.series, { title: 'Children in need', unit: 'per 10,000, incl. CP and in care', mode: 'lines', series: [{ key: 'cin', label: 'In need', colour: OKABE_ITO.skyBlue }], formatTick: per10k }, CHART_THEME),
    createChart(chartHost, state.history.series, { title: 'Spend', unit: '£ a month, whole region', mode: 'lines', series: [{ key: 'spend', label: 'Total', colour: OKABE_ITO.reddishPurple }], formatTick: formatPounds }, CHART_THEME),
  ];
  const allCharts = [...trendCharts, ...costs.charts];

  let map: PathwayMap | undefined;

  const showMarkers = (): void => {
    const months = state.markerMonths();
    for (const chart of allCharts) chart.setMarkers(months);
    chartHost.dataset.markers = String(months.length);
  };

  const showReferences = (scenario: Scenario): void => {
    const c = scenario.calibration;
    trendCharts[0].setReference(c ? { value: c.lookedAfterPer10k, label: `target ${c.lookedAfterPer10k}` } : undefined);
    trendCharts[1].setReference(c ? { value: c.childProtectionPer10k, label: `target ${c.childProtectionPer10k}` } : undefined);
    trendCharts[2].setReference(c ? { value: c.childrenInNeedPer10k, label: `target ${c.childrenInNeedPer10k}` } : undefined);
  };

  const showPlaying = (playing: boolean): void => {
    state.playing = playing;
    controls.setPlaying(playing);
  };

  /** An opened scenario file, which the address then carries (within a link's size limit). */
  let opened: { fileName: string; text: string } | undefined;
  const compareLink = byId<HTMLAnchorElement>('compare-open');
  const rememberView = (month = Number(monthEl.dataset.month) || 0): void => {
    const live = { origin: opened ? { kind: 'file' as const, ...opened } : { kind: 'shipped' as const, id: state.scenarioId }, seed: state.seed, levers: state.timeline, month };
    history.replaceState(null, '', liveAddress(location.search, live));
    compareLink.href = compareAddress(live);
  };
  // Acknowledge a snapshot on the next frame: the worker then sends at most one per frame and
  // folds the months in between into it, so a fast run never floods this thread.
  let frameAck: (() => void) | undefined;
  const ackOnFrame = (): void => {
    const ack = frameAck;
    frameAck = undefined;
    ack?.();
  };

  const onSnapshot = (snapshot: Snapshot): Promise<void> => {
    state.addSnapshot(snapshot);
    // Paused (a step, a reached month): the address follows, so it reproduces what is on screen.
    if (!state.playing) rememberView(snapshot.record.month);
    const { record } = snapshot;
    monthEl.dataset.month = String(record.month);
    monthEl.textContent = String(record.month);
    monthDetail.textContent = record.month === 0 ? 'start' : formatMonth(record.month - 1);
    table.update(record, snapshot.coalesced);
    costs.update(snapshot.market, snapshot.scale);
    for (const chart of trendCharts) chart.invalidate();
    map?.update(snapshot);
    return new Promise<void>((resolve) => {
      frameAck = resolve;
      requestAnimationFrame(ackOnFrame);
    });
  };

  const link = connectSimulation({
    onSnapshot,
    onRunStart: () => state.startRun(),
    onStatus: (status) => showPlaying(status.playing),
    onProblem: (title, messages) => errors.show(title, messages),
  });

  /** Every lever change goes through here: the sliders, the free-form box and the test hook. */
  const applyLever = async (path: string, value: unknown): Promise<boolean> => {
    const result = await link.setLever(path, value);
    if (!result.ok) {
      errors.show(result.title, result.messages);
      return false;
    }
    errors.clear();
    state.timeline = result.timeline;
    levers.show(path, value);
    showMarkers();
    rememberView();
    return true;
  };
  const levers = createLeverPanel(byId('levers'), applyLever);

  const report = (result: CallResult): void => {
    if (result.ok) showPlaying(result.status.playing);
    else errors.show(result.title, result.messages);
  };

  const controls = createControls(byId('controls'), {
    play: () => void link.play().then(report),
    pause: () => void link.pause().then(report),
    step: () => {
      // Step means "one month, then stop": a running clock would carry straight on.
      const paused = state.playing ? link.pause() : Promise.resolve(undefined);
      void paused.then(() => link.step(1)).then(report);
    },
    reset: (seed) => void resetRun(seed),
    setSpeed: (monthsPerSecond) => void link.setSpeed(monthsPerSecond).then(report),
    chooseScenario: (id) => void loadShipped(id, controls.seed()),
    openScenarioFile: (file) => void openFile(file),
    exportCsv: () => void exportCsv(),
    exportLevers: () => download(`${state.scenarioId}-levers.json`, timelineToJson(state.timeline), 'application/json'),
  });
  controls.setPlaying(false);

  async function exportCsv(): Promise<void> {
    const records = await link.records();
    if (!records.ok) {
      errors.show(records.title, records.messages);
      return;
    }
    download(`${state.scenarioId}-seed${state.seed}-run.csv`, runToCsv(records.records, (m) => state.marketAt(m)), 'text/csv');
  }

  /** The timeline the worker replays (a link's levers), shown as markers. */
  const adoptTimeline = async (): Promise<void> => {
    const timeline = await link.client.leverTimeline();
    if (timeline.ok) state.timeline = timeline.value;
    showMarkers();
  };

  /** Show a newly loaded (or reset) scenario: levers, targets and markers start again. */
  const adopt = (id: string, result: Extract<LoadResult, { ok: true }>): void => {
    state.scenarioId = id;
    state.scenario = result.scenario;
    state.seed = result.status.seed;
    state.timeline = [];
    showPlaying(result.status.playing);
    controls.setSeed(result.status.seed);
    scenarioName.textContent = result.scenario.name;
    scenarioName.title = result.scenario.description;
    levers.setScenario(result.scenario);
    showReferences(result.scenario);
    showMarkers();
  };

  async function loadShipped(id: string, seed: number, timeline: LeverChange[] = []): Promise<boolean> {
    const result = await link.loadShipped(id, seed, timeline);
    if (!result.ok) {
      errors.show(result.title, result.messages);
      controls.setSelected(state.scenarioId);
      return false;
    }
    errors.clear();
    opened = undefined;
    adopt(id, result);
    if (timeline.length > 0) await adoptTimeline();
    controls.setFileChoice(undefined);
    controls.setSelected(id);
    rememberView(0);
    return true;
  }

  async function openFile(file: File): Promise<void> {
    await openText(await file.text(), file.name, controls.seed());
  }

  async function openText(text: string, fileName: string, seed: number, timeline: LeverChange[] = []): Promise<boolean> {
    const result = await link.loadText(text, fileName, seed, timeline);
    if (!result.ok) {
      errors.show(result.title, result.messages);
      return false;
    }
    errors.clear();
    opened = { fileName, text };
    adopt(fileName.replace(/\.json$/i, ''), result);
    if (timeline.length > 0) await adoptTimeline();
    controls.setFileChoice(result.scenario.name);
    rememberView(0);
    return true;
  }

  async function resetRun(seed: number): Promise<void> {
    const result = await link.reset(seed);
    if (!result.ok) {
      errors.show(result.title, result.messages);
      return;
    }
    errors.clear();
    adopt(state.scenarioId, result);
    rememberView(0);
  }

  // Start-up: the map and the worker in parallel, then the scenario from the address (or the baseline).
  setStatus('loading', 'Starting the simulation…');
  controls.setBusy(true);
  levers.setEnabled(false);
  const { params, problems } = readViewParams(location.search);
  const fromLink = readLiveAddress(location.search, location.hash);
  const choices = link.scenarios;
  if (choices.length === 0) throw new Error('no scenarios are bundled with the app (scenarios/*.json)');
  let wanted = params.scenario ?? DEFAULT_SCENARIO;
  const addressProblems = [...problems, ...fromLink.problems];
  if (!choices.some((c) => c.id === wanted)) {
    if (params.scenario && !params.scenario.startsWith('file:')) addressProblems.push(`scenario in the address: no shipped scenario called "${params.scenario}" (shipped: ${choices.map((c) => c.id).join(', ')})`);
    wanted = choices.some((c) => c.id === DEFAULT_SCENARIO) ? DEFAULT_SCENARIO : choices[0].id;
  }
  controls.setScenarios(choices, wanted);
  // The worker boots while the map starts; the scenario loads once the map can show month 0.
  try {
    map = await createPathwayMap(byId('map'), { maxParticles: particleBudget(location.search) });
  } catch (err) {
    errors.show('The pathway map could not be drawn (is WebGL available?); the table view below has every figure.', [err instanceof Error ? err.message : String(err)]);
  }
  setStatus('loading', 'Loading the scenario…');
  await link.setSpeed(DEFAULT_SPEED);
  const loaded = fromLink.file ? await openText(fromLink.file.text, fromLink.file.fileName, params.seed ?? 1, fromLink.levers) : await loadShipped(wanted, params.seed ?? 1, fromLink.levers);
  // A link to a paused run at month m: simulate up to it, as the person who shared it saw it.
  if (loaded && fromLink.month > 0) report(await link.step(fromLink.month));
  if (addressProblems.length > 0) errors.show('Part of the address was not understood.', addressProblems);
  controls.setBusy(false);
  levers.setEnabled(loaded);
  setStatus(loaded ? 'ready' : 'error', loaded ? undefined : 'The scenario could not be loaded.');

  if (import.meta.env.DEV || new URLSearchParams(location.search).has('debug')) {
    exposeTestHooks({
      link,
      timeline: () => state.timeline.map((c) => ({ ...c })),
      setLever: applyLever,
      rows: () => state.rows.length,
      drawCharts: () => {
        for (const chart of allCharts) chart.drawNow();
      },
    });
  }
}

void start().catch((err: unknown) => {
  document.body.dataset.status = 'error';
  const host = document.getElementById('errors');
  if (host) createErrorPanel(host).show('The app could not start.', [err instanceof Error ? err.message : String(err)]);
  console.error(err);
});
