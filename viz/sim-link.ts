/**
 * The shell's side of the simulation worker: a thin adapter over `SimulationClient`
 * (viz/worker-client.ts) that speaks in what the panels need — scenario sources, a loaded
 * `Scenario`, messages ready to show — replays a link's levers and month on load, and brings a
 * hung or crashed worker back with the user's scenario, seed, lever timeline and month
 * (viz/recovery.ts), saying what it did.
 */
import { REFUSED_EXPECTED } from '../sim/refused-levers';
import type { SimStatus } from '../sim/worker/contract';
import type { AnimationView, ApiError, ApiResult, LeverChange, LeverEntry, RunRecords, Snapshot } from '../sim/worker/contract';
import { bundledLoader, bundledScenarioNames } from '../sim/scenario/bundled';
import type { MonthRecord } from '../sim/records';
import type { Scenario } from '../sim/scenario/schema';
import type { ScenarioChoice } from './controls';
import { Recovery } from './recovery';
import { createSimulationClient, isWorkerGone, type SimulationClient } from './worker-client';

/** Where a scenario came from: a shipped file (by id, its name without `.json`) or a file the user opened (with its text). */
export type ScenarioSource = { kind: 'shipped'; id: string } | { kind: 'file'; name: string; text: string };

/** What a link asks a load to replay: the lever timeline as the run goes, and the month to step to. */
export interface Replay {
  levers?: LeverEntry[];
  month?: number;
}

export type Failure = { ok: false; title: string; messages: string[] };
/** A lever change refused because the path cannot change during a run: `reason` says why and what to use instead. */
export type LeverRefused = Failure & { refused: string };
/** A run the worker has accepted: what it came from, the scenario in force, its status and lever timeline. */
export interface Loaded {
  source: ScenarioSource;
  scenario: Scenario;
  status: SimStatus;
  timeline: LeverChange[];
}
export type LoadResult = ({ ok: true } & Loaded) | Failure;
export type LeverResult = { ok: true; timeline: LeverChange[] } | Failure | LeverRefused;
export type CallResult = { ok: true; status: SimStatus } | Failure;
export type RecordsResult = { ok: true; records: MonthRecord[] } | Failure;
export type RunRecordsResult = ({ ok: true } & RunRecords) | Failure;

export interface LinkHandlers {
  /** Show a snapshot; resolve when ready for the next (the worker coalesces months meanwhile). */
  onSnapshot(snapshot: Snapshot): Promise<void> | void;
  /** A load, reset or restart began a new run: clear what belongs to the old one. */
  onRunStart(): void;
  onStatus(status: SimStatus): void;
  /** Something went wrong outside a call (the engine failed while playing, restarts given up). */
  onProblem(title: string, messages: string[]): void;
  /** News the user should hear but need not act on (a worker restarting, restarted). */
  onNotice(text: string): void;
  /** The news of a restart no longer holds (a run works again): take it down. */
  onNoticeOver(): void;
  /** A restarted worker runs the user's run again: show it as the current one. */
  onRestored(loaded: Loaded): void;
}

export interface SimulationLink {
  readonly scenarios: readonly ScenarioChoice[];
  /** The worker client itself, for tests and debugging. */
  readonly client: SimulationClient;
  /** The source of the run in the worker now (the last accepted load; what a restart rebuilds). */
  readonly running: ScenarioSource | undefined;
  /** Load `source` with `seed`; `replay` (from a link) schedules its levers and steps to its month, paused. */
  load(source: ScenarioSource, seed: number, replay?: Replay): Promise<LoadResult>;
  /** `levers`: a timeline to replay as the run goes */
  loadShipped(id: string, seed: number, levers?: LeverEntry[]): Promise<LoadResult>;
  loadText(text: string, fileName: string, seed: number, levers?: LeverEntry[]): Promise<LoadResult>;
  setLever(path: string, value: unknown): Promise<LeverResult>;
  /** Start the scenario again at month 0 with `seed`; the lever timeline is cleared. */
  reset(seed: number): Promise<LoadResult>;
  play(): Promise<CallResult>;
  /** Play, pausing by itself at `month` (a workshop's next step). */
  playUntil(month: number): Promise<CallResult>;
  pause(): Promise<CallResult>;
  step(months: number): Promise<CallResult>;
  setSpeed(monthsPerSecond: number): Promise<CallResult>;
  /** Every month record of the run so far, as the CLI writes them. */
  records(): Promise<RecordsResult>;
  /** Every month record with its market figures: what the CSV export is built from. */
  runRecords(): Promise<RunRecordsResult>;
}

export function messagesOf(error: ApiError): string[] {
  if (error.kind === 'validation' && error.issues.length > 0) return error.issues.map((i) => i.message);
  return [error.message];
}

function refusal(title: string, error: ApiError): Failure {
  return { ok: false, title, messages: messagesOf(error) };
}

export function fileNameOf(source: ScenarioSource): string {
  return source.kind === 'shipped' ? `${source.id}.json` : source.name;
}

export function shippedChoices(): ScenarioChoice[] {
  return bundledScenarioNames().map((fileName) => {
    const id = fileName.replace(/\.json$/, '');
    let name = id;
    try {
      const doc = JSON.parse(bundledLoader(fileName) ?? '{}') as { name?: unknown };
      if (typeof doc.name === 'string' && doc.name !== '') name = doc.name;
    } catch {
      // A broken shipped file still gets listed; loading it shows the parse error.
    }
    return { id, name };
  });
}

/** What a restart brought back, in a sentence. */
function restoredText(loaded: Loaded): string {
  const { status, timeline, scenario } = loaded;
  const levers = timeline.length === 1 ? '1 lever change' : `${timeline.length} lever changes`;
  return `The simulation stopped responding and was restarted. Your run is back, paused: ${scenario.name}, seed ${status.seed}, ${levers}, month ${status.month}.`;
}

export function connectSimulation(handlers: LinkHandlers): SimulationLink {
  let running: ScenarioSource | undefined;
  /** A refused call, worded for what the user can do: a dead worker's bare error would not say. */
  const failure = (title: string, error: ApiError): Failure => {
    if (!isWorkerGone(error)) return refusal(title, error);
    const why = recovery.restarting
      ? 'The simulation worker stopped before answering; it is being restarted with your run (see the notice).'
      : 'The simulation worker has stopped; choose a scenario to start a fresh one, or reload the page.';
    return { ok: false, title, messages: [why] };
  };
  const client: SimulationClient = createSimulationClient({
    onSnapshot: async (snapshot): Promise<AnimationView> => {
      await handlers.onSnapshot(snapshot);
      // The map copies what it needs: the buffers can go back to the worker for reuse.
      return snapshot.view;
    },
    onRunStart: () => handlers.onRunStart(),
    onStatus: (status) => {
      handlers.onStatus(status);
      if (status.failure) handlers.onProblem('The simulation stopped with an error; load or reset to go on.', [status.failure]);
    },
    onError: (error) => handlers.onProblem('The simulation reported a problem.', messagesOf(error)),
    onCrash: (reason) => recovery.crashed(reason),
  });

  /** The scenario and lever timeline in force, after a call that (re)started a run. */
  const describe = async (source: ScenarioSource, status: SimStatus, title: string): Promise<LoadResult> => {
    const scenario = await client.scenario();
    if (!scenario.ok) return failure(title, scenario.error);
    const timeline = await client.leverTimeline();
    if (!timeline.ok) return failure(title, timeline.error);
    return { ok: true, source, scenario: scenario.value, status, timeline: timeline.value };
  };

  const recovery = new Recovery({
    restart: () => client.restart(),
    isAlive: () => client.alive,
    onRestarting: (reason, attempt, delayMs) =>
      handlers.onNotice(
        attempt === 1
          ? `The simulation stopped responding (${reason}). Restarting it with your scenario, seed, levers and month…`
          : `The simulation worker stopped again (${reason}). Trying again in ${Math.round(delayMs / 1000)} s (attempt ${attempt})…`,
      ),
    onRestarted: (status) => {
      const source = running;
      if (!source) {
        handlers.onNotice('The simulation worker stopped responding and was restarted.');
        return;
      }
      void describe(source, status, 'The restarted run could not be shown.').then((loaded) => {
        if (!loaded.ok) {
          handlers.onProblem(loaded.title, loaded.messages);
          return;
        }
        handlers.onRestored(loaded);
        handlers.onNotice(restoredText(loaded));
      });
    },
    onRecovered: () => handlers.onNoticeOver(),
    onGaveUp: (reason, attempts) =>
      handlers.onProblem(
        `The simulation worker stopped ${attempts + 1} times in a row, so the page has stopped restarting it. Choose a scenario to start a fresh one, or reload the page.`,
        [reason],
      ),
  });

  const scenarios = shippedChoices();
  const call = (result: ApiResult<SimStatus>, title: string): CallResult =>
    result.ok ? { ok: true, status: result.value } : failure(title, result.error);

  const load = async (source: ScenarioSource, seed: number, replay: Replay = {}): Promise<LoadResult> => {
    const fileName = fileNameOf(source);
    // Which run goes on instead is for the page to say: it knows what it shows (none at start-up).
    const title = `${fileName} could not be loaded.`;
    const text = source.kind === 'shipped' ? bundledLoader(fileName) : source.text;
    if (text === undefined) {
      return { ok: false, title: `There is no scenario called "${fileName.replace(/\.json$/, '')}".`, messages: [`Shipped scenarios: ${scenarios.map((s) => s.id).join(', ')}`] };
    }
    const levers = replay.levers ?? [];
    const result = await client.load({ fileName, text, seed, ...(levers.length > 0 ? { levers } : {}) });
    if (!result.ok) return failure(title, result.error);
    // From here on the worker runs this source, whatever happens to the calls below.
    running = source;
    recovery.forgive();
    let status = result.value;
    const month = replay.month ?? 0;
    if (month > 0) {
      // A link to a paused run at month m: simulate up to it, as the person who shared it saw it.
      const stepped = await client.step(month);
      if (!stepped.ok) return failure(`${fileName} was loaded but could not be stepped to month ${month}.`, stepped.error);
      status = stepped.value;
    }
    return describe(source, status, `${fileName} was loaded but could not be shown.`);
  };

  return {
    scenarios,
    client,
    get running() {
      return running;
    },
    load,
    loadShipped: (id, seed, levers) => load({ kind: 'shipped', id }, seed, { levers }),
    loadText: (text, fileName, seed, levers) => load({ kind: 'file', name: fileName, text }, seed, { levers }),
    async setLever(path, value) {
      const title = `${path || 'The lever'} was not changed; the run goes on as before.`;
      const set = await client.setLever(path, value);
      if (!set.ok) {
        const refused = set.error.kind === 'validation' ? set.error.issues.find((i) => i.expected === REFUSED_EXPECTED) : undefined;
        return refused ? { ...failure(title, set.error), refused: refused.message } : failure(title, set.error);
      }
      return { ok: true, timeline: set.value.timeline };
    },
    async reset(seed) {
      const title = 'The run could not be reset.';
      const source = running;
      if (!source) return { ok: false, title, messages: ['no scenario is loaded'] };
      const result = await client.reset(seed);
      return result.ok ? describe(source, result.value, title) : failure(title, result.error);
    },
    play: async () => call(await client.play(), 'The run could not start.'),
    playUntil: async (month) => call(await client.play({ untilMonth: month }), 'The run could not start.'),
    pause: async () => call(await client.pause(), 'The run could not pause.'),
    step: async (months) => call(await client.step(months), 'The run could not step.'),
    setSpeed: async (n) => call(await client.setSpeed(n), 'The speed could not be changed.'),
    async records() {
      const result = await client.records();
      return result.ok ? { ok: true, records: result.value } : failure('The run could not be exported.', result.error);
    },
    async runRecords() {
      const result = await client.runRecords();
      return result.ok ? { ok: true, ...result.value } : failure('The run could not be exported.', result.error);
    },
  };
}
