/**
 * The shell's side of the simulation worker: a thin adapter over `SimulationClient`
 * (viz/worker-client.ts) that speaks in what the panels need — scenario choices, a loaded
 * `Scenario`, error messages ready to show — and restarts a crashed worker, keeping the user's
 * scenario, seed and lever timeline.
 */
import type { SimStatus } from '../sim/worker/contract';
import type { AnimationView, ApiError, ApiResult, LeverChange, Snapshot } from '../sim/worker/contract';
import { bundledLoader, bundledScenarioNames } from '../sim/scenario/bundled';
import type { MonthRecord } from '../sim/records';
import type { Scenario } from '../sim/scenario/schema';
import type { ScenarioChoice } from './controls';
import { createSimulationClient, type SimulationClient } from './worker-client';

export type Failure = { ok: false; title: string; messages: string[] };
export type LoadResult = { ok: true; scenario: Scenario; status: SimStatus } | Failure;
export type LeverResult = { ok: true; timeline: LeverChange[] } | Failure;
export type CallResult = { ok: true; status: SimStatus } | Failure;
export type RecordsResult = { ok: true; records: MonthRecord[] } | Failure;

export interface LinkHandlers {
  /** Show a snapshot; resolve when ready for the next (the worker coalesces months meanwhile). */
  onSnapshot(snapshot: Snapshot): Promise<void> | void;
  /** A load, reset or restart began a new run: clear what belongs to the old one. */
  onRunStart(): void;
  onStatus(status: SimStatus): void;
  /** Something went wrong outside a call (the engine failed while playing, a crash, a restart). */
  onProblem(title: string, messages: string[]): void;
}

export interface SimulationLink {
  readonly scenarios: readonly ScenarioChoice[];
  /** The worker client itself, for tests and debugging. */
  readonly client: SimulationClient;
  /** `levers`: a timeline to replay as the run goes (from a link) */
  loadShipped(id: string, seed: number, levers?: LeverChange[]): Promise<LoadResult>;
  loadText(text: string, fileName: string, seed: number, levers?: LeverChange[]): Promise<LoadResult>;
  setLever(path: string, value: unknown): Promise<LeverResult>;
  /** Start the scenario again at month 0 with `seed`; the lever timeline is cleared. */
  reset(seed: number): Promise<LoadResult>;
  play(): Promise<CallResult>;
  pause(): Promise<CallResult>;
  step(months: number): Promise<CallResult>;
  setSpeed(monthsPerSecond: number): Promise<CallResult>;
  /** Every month record of the run so far, as the CLI writes them. */
  records(): Promise<RecordsResult>;
}

export function messagesOf(error: ApiError): string[] {
  if (error.kind === 'validation' && error.issues.length > 0) return error.issues.map((i) => i.message);
  return [error.message];
}

function failure(title: string, error: ApiError): Failure {
  return { ok: false, title, messages: messagesOf(error) };
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

export function connectSimulation(handlers: LinkHandlers): SimulationLink {
  let restarting = false;
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
    onCrash: (reason) => {
      if (restarting) return;
      restarting = true;
      handlers.onProblem('The simulation worker stopped; restarting it with your scenario, seed and levers…', [reason]);
      void client.restart().then((result) => {
        restarting = false;
        if (result.ok) {
          handlers.onStatus(result.value);
          handlers.onProblem('The simulation worker stopped and was restarted: your run is back, paused.', [reason]);
        } else {
          handlers.onProblem('The simulation worker could not be restarted; reload the page.', messagesOf(result.error));
        }
      });
    },
  });

  const scenarios = shippedChoices();

  const afterLoad = async (result: ApiResult<SimStatus>, title: string): Promise<LoadResult> => {
    if (!result.ok) return failure(title, result.error);
    const scenario = await client.scenario();
    if (!scenario.ok) return failure(title, scenario.error);
    return { ok: true, scenario: scenario.value, status: result.value };
  };
  const call = (result: ApiResult<SimStatus>, title: string): CallResult =>
    result.ok ? { ok: true, status: result.value } : failure(title, result.error);

  return {
    scenarios,
    client,
    async loadShipped(id, seed, levers) {
      const fileName = `${id}.json`;
      const text = bundledLoader(fileName);
      if (text === undefined) {
        return { ok: false, title: `There is no scenario called "${id}".`, messages: [`Shipped scenarios: ${scenarios.map((s) => s.id).join(', ')}`] };
      }
      return afterLoad(await client.load({ fileName, text, seed, levers }), `${fileName} could not be loaded; the previous scenario keeps running.`);
    },
    async loadText(text, fileName, seed, levers) {
      return afterLoad(await client.load({ fileName, text, seed, levers }), `${fileName} could not be loaded; the previous scenario keeps running.`);
    },
    async setLever(path, value) {
      const title = `${path || 'The lever'} was not changed; the run goes on as before.`;
      const set = await client.setLever(path, value);
      if (!set.ok) return failure(title, set.error);
      const timeline = await client.leverTimeline();
      if (!timeline.ok) return failure(title, timeline.error);
      return { ok: true, timeline: timeline.value };
    },
    async reset(seed) {
      return afterLoad(await client.reset(seed), 'The run could not be reset.');
    },
    play: async () => call(await client.play(), 'The run could not start.'),
    pause: async () => call(await client.pause(), 'The run could not pause.'),
    step: async (months) => call(await client.step(months), 'The run could not step.'),
    setSpeed: async (n) => call(await client.setSpeed(n), 'The speed could not be changed.'),
    async records() {
      const result = await client.records();
      return result.ok ? { ok: true, records: result.value } : failure('The run could not be exported.', result.error);
    },
  };
}
