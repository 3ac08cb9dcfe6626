/**
 * The app shell: builds the panels, connects them to the simulation worker, and routes every
 * snapshot to the map, the table, the cost panel and the charts. The engine runs in the worker;
 * this thread only draws and handles input.
 */
import './styles.css';
import type { Snapshot } from '../sim/worker/contract';
import type { Scenario } from '../sim/scenario/schema';
import { northEastOverlay } from '../sim/observed/overlay';
import { AppState } from './app-state';
import { createChart, type Chart } from './charts';
import { createControls, DEFAULT_SPEED } from './controls';
import { createCostPanel } from './costs';
import { createAgePanel } from './care-age-panel';
import { createLegalPanel } from './care-legal-panel';
import { addressKeeper, requestFromAddress } from './address';
import { createErrorPanel } from './errors';
import { download, runToCsv, timelineToJson } from './export';
import { formatCalendarMonth, formatCount, formatPounds } from './format';
import { DEFAULT_START_DATE } from '../sim/dates';
import { createLeverPanel } from './levers';
import { parentOf, showScenarioAbout } from './scenario-about';
import { bundledLoader } from '../sim/scenario/bundled';
import { loadScenarioText } from '../sim/load-scenario';
import { createPathwayMap, type PathwayMap } from './map';
import { createNotice } from './notice';
import { CATEGORICAL, OKABE_ITO } from './palette';
import { createStateTable } from './table';
import { exposeTestHooks } from './test-hooks';
import { applyTheme, CHART_THEME } from './theme';
import { particleBudget } from './render-budget';
import { ScenarioSwitcher } from './scenario-switch';
import { connectSimulation, fileNameOf, shippedChoices, type CallResult, type Failure, type Loaded, type ScenarioSource } from './sim-link';
import { isComparisonAddress } from './compare/link';
import { compareAddress } from './compare/live';
import { visibleText } from '../sim/text/bidi';
import type { WorkshopView } from './workshop/audience';
import { ROOM_STYLE } from './map/layout';
import type { ChartMarker } from './charts';
import { createCouncilsUi } from './council-panel';
import { recordFor } from './council-view';

function byId<T extends HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`index.html is missing #${id}`);
  return el as T;
}

const DEFAULT_SCENARIO = 'north-east-baseline';

/** A comparison address (`?a=&b=`) opens the comparison view instead of the live run (viz/compare). */
async function startComparison(): Promise<void> {
  for (const el of document.querySelectorAll<HTMLElement>('body > .screen, body > .care-detail, body > .council-panel, body > .table-view, body > .skip-link')) el.style.display = 'none';
  const { startCompareApp } = await import('./compare');
  startCompareApp(document.body, shippedChoices());
}

async function start(): Promise<void> {
  applyTheme(document.documentElement);
  if (isComparisonAddress(location.search)) return startComparison();
  const query = new URLSearchParams(location.search);
  if (query.has('presenter')) {
    const { startPresenter } = await import('./workshop/presenter');
    return startPresenter(query.get('workshop') ?? '');
  }
  // `?workshop=<file>`: the audience view of that file's workshop script (viz/workshop/audience.ts).
  const workshopId = query.get('workshop');
  let workshop: WorkshopView | undefined;
  const state = new AppState();
  const errors = createErrorPanel(byId('errors'));
  const notice = createNotice(byId('notices'));
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
  const carePanels = [createAgePanel(byId('care-age'), state.careMix, CHART_THEME), createLegalPanel(byId('care-legal'), state.careMix, CHART_THEME)];
  const allCharts = [...trendCharts, ...costs.charts, ...carePanels.flatMap((p) => p.charts)];

  let map: PathwayMap | undefined;

  let extraMarkers: ChartMarker[] = [];
  const showMarkers = (): void => {
    const markers = [...extraMarkers, ...state.markers()];
    for (const chart of allCharts) chart.setMarkers(markers);
    chartHost.dataset.markers = String(markers.length);
  };

  const showReferences = (scenario: Scenario): void => {
    const c = scenario.calibration;
    trendCharts[0].setReference(c ? { value: c.lookedAfterPer10k, label: `target ${c.lookedAfterPer10k}` } : undefined);
    trendCharts[1].setReference(c ? { value: c.childProtectionPer10k, label: `target ${c.childProtectionPer10k}` } : undefined);
    trendCharts[2].setReference(c ? { value: c.childrenInNeedPer10k, label: `target ${c.childrenInNeedPer10k}` } : undefined);
    // Observed North East figures (the region the scenarios model) where the run's dates reach them.
    trendCharts[0].setObserved(northEastOverlay('lookedAfter', scenario.startDate));
    trendCharts[1].setObserved(northEastOverlay('childProtection', scenario.startDate));
    trendCharts[2].setObserved(northEastOverlay('childrenInNeed', scenario.startDate));
    for (const chart of allCharts) chart.setCalendar(scenario.startDate ?? DEFAULT_START_DATE);
  };

  const showPlaying = (playing: boolean): void => {
    state.playing = playing;
    controls.setPlaying(playing);
  };

  // Acknowledge a snapshot on the next frame: the worker then sends at most one per frame and
  // folds the months in between into it, so a fast run never floods this thread.
  let frameAck: (() => void) | undefined;
  const ackOnFrame = (): void => {
    const ack = frameAck;
    frameAck = undefined;
    ack?.();
  };

  /** Every panel that reads the month record, for the area chosen (the map always shows the region). */
  let shown: Pick<Snapshot, 'record' | 'market' | 'coalesced' | 'scale'> | undefined;
  const showRecord = (): void => {
    if (!shown) return;
    table.update(recordFor(shown.record, state.council), shown.coalesced);
    costs.update(shown.market, shown.scale, state.careMix.area);
    for (const chart of trendCharts) chart.invalidate();
    for (const panel of carePanels) panel.update();
    councilsUi.showRun(state.rows);
  };
  const councilsUi = createCouncilsUi(
    { picker: byId('area-picker'), mapCaption: byId('map-caption'), panel: byId('council-panel') },
    {
      choose: (choice, name) => {
        state.showCouncil(choice, name);
        table.setArea(name);
        showRecord();
      },
      opened: showRecord,
    },
  );

  const onSnapshot = (snapshot: Snapshot): Promise<void> => {
    state.addSnapshot(snapshot);
    // Paused (a step, a reached month): the address follows, so it reproduces what is on screen.
    if (!state.playing) rememberView(snapshot.record.month);
    const { record } = snapshot;
    monthEl.dataset.month = String(record.month);
    monthEl.textContent = String(record.month);
    monthDetail.textContent = formatCalendarMonth(record);
    shown = { record, market: snapshot.market, coalesced: snapshot.coalesced, scale: snapshot.scale };
    showRecord();
    map?.update(snapshot);
    workshop?.onRecord(record, snapshot.scale);
    return new Promise<void>((resolve) => {
      frameAck = resolve;
      requestAnimationFrame(ackOnFrame);
    });
  };

  const link = connectSimulation({
    onSnapshot,
    onRunStart: () => state.startRun(),
    onStatus: (status) => {
      showPlaying(status.playing);
      workshop?.onStatus(status);
    },
    onProblem: (title, messages) => errors.show(title, messages),
    onNotice: (text) => notice.show(text),
    onNoticeOver: () => notice.clear(),
    onRestored: (loaded) => switcher.restored(loaded),
  });

  /** Every lever change goes through here: the sliders, the free-form box and the test hook. */
  const applyLever = (path: string, value: unknown): Promise<boolean> =>
    // In turn behind any scenario switch clicked before it, so it lands on the scenario on show.
    switcher.after(async () => {
      const result = await link.setLever(path, value);
      if (!result.ok && 'refused' in result) {
        // Not an error in what was typed: a path that cannot change mid-run. Say why, and what to use instead.
        notice.show(`Lever not changed, the run goes on as before. ${result.refused}`);
        return false;
      }
      if (!result.ok) {
        errors.show(result.title, result.messages);
        return false;
      }
      errors.clear();
      state.timeline = result.timeline;
      levers.show(path, value);
      showMarkers();
      rememberView(Number(monthEl.dataset.month) || 0);
      return true;
    });
  const levers = createLeverPanel(byId('levers'), applyLever);

  const report = (result: CallResult): void => {
    if (!result.ok) {
      errors.show(result.title, result.messages);
      return;
    }
    showPlaying(result.status.playing);
    // Paused: the address names the month the worker stopped at.
    if (!result.status.playing) rememberView(result.status.month);
  };

  /** A switch the user asked for: its refusal is shown by `refuse`; success clears old messages. */
  const userSwitch = (shown: Promise<boolean>): void => {
    void shown.then((ok) => {
      if (ok) errors.clear();
    });
  };

  const controls = createControls(byId('controls'), {
    play: () => (workshop ? workshop.play() : void link.play().then(report)),
    pause: () => void link.pause().then(report),
    step: () => {
      // Step means "one month, then stop": a running clock would carry straight on.
      const paused = state.playing ? link.pause() : Promise.resolve(undefined);
      void paused.then(() => link.step(1)).then(report);
    },
    reset: (seed) => userSwitch(switcher.reset(seed)),
    setSpeed: (monthsPerSecond) => void link.setSpeed(monthsPerSecond).then(report),
    chooseScenario: (id) => userSwitch(switcher.switchTo({ kind: 'shipped', id }, controls.seed())),
    openScenarioFile: (file) =>
      userSwitch(switcher.switchTo(async () => ({ kind: 'file', name: file.name, text: await file.text() }), controls.seed())),
    exportCsv: () => void exportCsv(),
    exportLevers: () => download(`${state.scenarioId}-levers.json`, timelineToJson(state.timeline), 'application/json'),
  }, { arrowSteps: workshopId === null });
  controls.setPlaying(false);

  async function exportCsv(): Promise<void> {
    // Every month with its own market figures, from the worker: never what happened to be drawn.
    const run = await link.runRecords();
    if (!run.ok) {
      errors.show(run.title, run.messages);
      return;
    }
    const first = run.records[0]?.month ?? 0;
    const scenario = state.scenario;
    if (!scenario) {
      errors.show('Export CSV: no scenario is loaded.', []);
      return;
    }
    download(`${state.scenarioId}-seed${state.seed}-run.csv`, runToCsv({ scenario: scenario.name, seed: state.seed, scale: scenario.population.scale }, run.records, (m) => run.markets[m - first]), 'text/csv');
  }

  const writeAddress = addressKeeper();
  const compareLink = byId<HTMLAnchorElement>('compare-open');

  /** The address and the "Compare scenarios" link reproduce this run: its source, seed, levers and `month`. */
  const writeRun = (source: ScenarioSource, month: number): void => {
    const run = { source, seed: state.seed, levers: state.timeline, month };
    writeAddress(run);
    compareLink.href = compareAddress(run);
  };

  /** The address follows the run on show (a paused month, a lever); a request under way writes it when it ends. */
  function rememberView(month: number): void {
    // A workshop keeps its own address (`?workshop=`) and its progress in the session (workshop/progress.ts).
    if (workshopId !== null) return;
    const current = switcher.current;
    if (current && !switcher.busy) writeRun(current.source, month);
  }

  /** Show the run the worker has now (a load, a reset, a restart): picker, address, name, levers, targets, markers. */
  const show = (loaded: Loaded): void => {
    const { source, scenario, status } = loaded;
    state.scenarioId = source.kind === 'shipped' ? source.id : source.name.replace(/\.json$/i, '');
    state.scenario = scenario;
    state.seed = status.seed;
    state.timeline = loaded.timeline;
    showPlaying(status.playing);
    controls.setSeed(status.seed);
    if (source.kind === 'shipped') {
      controls.setFileChoice(undefined);
      controls.setSelected(source.id);
    } else {
      controls.setFileChoice(scenario.name);
    }
    scenarioName.textContent = visibleText(source.kind === 'shipped' ? scenario.name : `${scenario.name} (${source.name}, a local file)`);
    scenarioName.title = scenario.description;
    // The scenario before the run's levers: the markers' "from" values, and what it changes from its parent.
    const text = source.kind === 'shipped' ? bundledLoader(`${source.id}.json`) : source.text;
    const base = text === undefined ? undefined : loadScenarioText(text, fileNameOf(source), bundledLoader);
    state.base = base?.ok ? base.value : scenario;
    const parent = text === undefined ? undefined : parentOf(text);
    showScenarioAbout(byId('scenario-about'), state.base, parent, parent?.name);
    levers.setScenario(scenario);
    councilsUi.setScenario(scenario.councils);
    showReferences(scenario);
    showMarkers();
    if (workshopId === null) writeRun(source, status.month);
  };

  /** The newest request was refused: say why, and put the picker back on the run that goes on. */
  const refuse = (failure: Failure, running: Loaded | undefined): void => {
    errors.show(running ? `${failure.title} ${running.scenario.name} goes on as before.` : failure.title, failure.messages);
    if (running?.source.kind === 'shipped') controls.setSelected(running.source.id);
    else if (running) controls.setFileChoice(running.scenario.name);
  };

  const switcher = new ScenarioSwitcher({ load: link.load, reset: link.reset, show, refuse });

  // Start-up: the map and the worker in parallel, then the scenario from the address (or the baseline).
  setStatus('loading', 'Starting the simulation…');
  controls.setBusy(true);
  levers.setEnabled(false);
  const choices = link.scenarios;
  if (choices.length === 0) throw new Error('no scenarios are bundled with the app (scenarios/*.json)');
  const fromAddress = requestFromAddress(location.search, location.hash, choices.map((c) => c.id), DEFAULT_SCENARIO);
  const workshopSeed = Number(query.get('seed') ?? '1');
  const wanted =
    workshopId === null
      ? fromAddress
      : { ...fromAddress, source: { kind: 'shipped' as const, id: workshopId }, seed: Number.isInteger(workshopSeed) ? workshopSeed : 1, levers: [], month: 0, note: undefined, problem: undefined };
  controls.setScenarios(choices, wanted.fallback.kind === 'shipped' ? wanted.fallback.id : choices[0].id);
  // The worker boots while the map starts; the scenario loads once the map can show month 0.
  try {
    if (workshopId !== null) document.body.classList.add('audience');
    map = await createPathwayMap(byId('map'), { maxParticles: particleBudget(location.search), ...(workshopId !== null ? { style: ROOM_STYLE } : {}) });
  } catch (err) {
    errors.show('The pathway map could not be drawn (is WebGL available?); the table view below has every figure.', [err instanceof Error ? err.message : String(err)]);
  }
  setStatus('loading', 'Loading the scenario…');
  await link.setSpeed(DEFAULT_SPEED);
  let loaded = await switcher.switchTo(wanted.source, wanted.seed, { levers: wanted.levers, month: wanted.month });
  if (loaded && wanted.note) notice.show(wanted.note);
  if (!loaded && (wanted.source !== wanted.fallback || wanted.levers.length > 0 || wanted.month > 0)) {
    // What the address carried was refused (its messages are on show): the usual scenario instead, at its start.
    loaded = await switcher.switchTo(wanted.fallback, wanted.seed);
  }
  if (wanted.problem) errors.show(wanted.problem.title, wanted.problem.messages);
  controls.setBusy(false);
  levers.setEnabled(loaded);
  if (loaded && workshopId !== null) {
    const running = switcher.current;
    const text = bundledLoader(`${workshopId}.json`);
    if (running?.scenario.workshop && text !== undefined) {
      const { startWorkshop } = await import('./workshop/audience');
      workshop = startWorkshop({
        id: workshopId,
        fileName: `${workshopId}.json`,
        text,
        scenario: state.base ?? running.scenario,
        seed: state.seed,
        link,
        reload: (leverList, month) => switcher.switchTo({ kind: 'shipped', id: workshopId }, state.seed, { levers: leverList, month }),
        applyLever,
        timeline: () => state.timeline.map((c) => ({ ...c })),
        careChart: trendCharts[0],
        setExtraMarkers: (markers) => {
          extraMarkers = markers;
          showMarkers();
        },
        say: (text) => notice.show(text),
      });
      const shownRow = state.rows[state.rows.length - 1];
      if (shownRow) workshop.onRecord(shownRow.record, state.scenario?.population.scale ?? 1);
    } else {
      errors.show(`${workshopId} has no workshop script (a top-level "workshop" field); it runs as a plain scenario.`, []);
    }
  }
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
      injectWorkerFault: (fault) => link.client.injectTestFault(fault),
      mapTextSizes: () => map?.textSizes() ?? [],
      shown: () => ({ scenarioId: state.scenarioId, seed: state.seed, running: link.running?.kind === 'file' ? `file:${link.running.name}` : link.running?.id }),
    });
  }
}

void start().catch((err: unknown) => {
  document.body.dataset.status = 'error';
  const host = document.getElementById('errors');
  if (host) createErrorPanel(host).show('The app could not start.', [err instanceof Error ? err.message : String(err)]);
  console.error(err);
});
