/**
 * The page's side of the simulation worker: starts it, wraps it with comlink, receives its events
 * through one `Comlink.proxy` listener, and brings a dead worker back without a page reload.
 *
 * No DOM here apart from `Worker`, so the view code can use it and Node tests can drive it over a
 * `MessageChannel` (`createWorker` option).
 *
 * Snapshots: `onSnapshot` is called once per snapshot; the worker sends the next one when it
 * returns (or when its promise resolves), so a slow frame makes the worker coalesce months rather
 * than queue them. Return the snapshot's `view` (or call `returnBuffers(view)` later) when you no
 * longer need its arrays, and the worker reuses them instead of allocating.
 *
 * Runs: every load, reset and restart starts a new run. `onRunStart(run)` is called before the
 * first snapshot of a new run (clear charts there); snapshots of an older run still in flight are
 * dropped, never delivered after a newer run's.
 *
 * Liveness: a watchdog (viz/watchdog.ts) listens to every message of the worker, heartbeats
 * included. When the worker is silent for about 2 s while a call waits or the run plays, it is
 * treated as dead: terminated, its calls end with a `state` error and `onCrash` says why. A worker
 * that throws (an `error` event) is treated the same way. `restart()` brings the run back.
 */
import * as Comlink from 'comlink';
import type {
  AnimationView,
  ApiError,
  ApiResult,
  LeverChange,
  LeverEntry,
  LoadInput,
  MonthRecord,
  PlayOptions,
  ResetOptions,
  Scenario,
  SimEvent,
  SimStatus,
  RunRecords,
  SimulationApi,
  Snapshot,
  TestFault,
  TestFaultMessage,
} from '../sim/worker/contract';
import type { WatchdogClock, WatchdogTimings } from './watchdog';
import { createSimulationWorker, openConnection, viewBuffers, type Connection, type WorkerLike } from './worker-connection';

export { createSimulationWorker, type WorkerLike } from './worker-connection';

/** A live change the worker accepted, and its lever timeline after it. */
export interface LeverSet {
  change: LeverChange;
  timeline: LeverChange[];
}

export interface ClientHandlers {
  /** A snapshot to show. Resolve when ready for the next; resolve to the view to hand its buffers back. */
  onSnapshot(snapshot: Snapshot, run: number): void | AnimationView | Promise<void | AnimationView>;
  /** A new run (load, reset or restart) is about to deliver its first snapshot. */
  onRunStart?(run: number): void;
  /** The worker's status changed (playing, paused, reached `untilMonth`, failed). */
  onStatus?(status: SimStatus): void;
  /** An error outside a call (e.g. the engine failed while playing), or a handler that threw. */
  onError?(error: ApiError): void;
  /** The worker died, threw or stopped answering; calls fail with a `state` error until `restart()` (or a `load`). */
  onCrash?(reason: string): void;
}

export interface ClientOptions extends ClientHandlers {
  /** default: the Vite-bundled `sim/worker/worker.ts` */
  createWorker?: () => WorkerLike;
  /** the watchdog's clock (default: real time) and limits (default: 2 s of silence) */
  clock?: WatchdogClock;
  watchdog?: WatchdogTimings;
}

/**
 * Silence allowed while a load or reset waits: the worker cannot beat while the engine builds a
 * population, and an England-sized one takes seconds.
 */
export const POPULATION_PATIENCE_MS = 20_000;

const DEAD: ApiError = { kind: 'state', message: 'the simulation worker has stopped: restart it' };
const BROKEN = 'the simulation worker stopped answering';

/** Whether a call failed because its worker died or its channel broke (not because the worker refused it). */
export function isWorkerGone(error: ApiError): boolean {
  return error === DEAD || (error.kind === 'internal' && error.message.startsWith(BROKEN));
}

function isView(value: unknown): value is AnimationView {
  if (value === null || typeof value !== 'object') return false;
  const v = value as Partial<Record<keyof AnimationView, unknown>>;
  return v.state instanceof Uint8Array && v.prev instanceof Uint8Array && v.poor instanceof Uint8Array;
}

export class SimulationClient {
  private connection: Connection;
  /** the last accepted load, kept to rebuild the run after a crash */
  private input: LoadInput | undefined;
  /** the timeline a restart replays, as the worker records it (months; as loaded if it could not be read) */
  private timeline: LeverEntry[] = [];
  private seed: number | undefined;
  private speed: number | undefined;
  /** month of the last snapshot delivered: where a restart takes the run back to */
  private shownMonth = 0;
  /** newest run the worker has announced, and the run of the last snapshot delivered */
  private latestRun = 0;
  private deliveredRun = 0;
  private lastStatus: SimStatus | undefined;

  private readonly createWorker: () => WorkerLike;

  constructor(private readonly handlers: ClientOptions) {
    this.createWorker = handlers.createWorker ?? createSimulationWorker;
    this.connection = this.connect();
  }

  get alive(): boolean {
    return this.connection.alive;
  }

  /** Heartbeats received from the current worker (for tests and debugging). */
  get heartbeats(): number {
    return this.connection.heartbeats;
  }

  /** The status from the latest call or event (may lag the worker by a message). */
  get status(): SimStatus | undefined {
    return this.lastStatus;
  }

  /** Load a scenario. A dead worker is replaced by a fresh one first: a load needs nothing of the old run. */
  async load(input: LoadInput): Promise<ApiResult<SimStatus>> {
    if (!this.connection.alive) this.reconnect('replaced for a new load');
    const result = await this.call((api) => api.load(input), 'loading a scenario', POPULATION_PATIENCE_MS);
    if (result.ok) {
      const { levers, ...rest } = input;
      this.input = rest as LoadInput;
      this.timeline = [];
      this.seed = result.value.seed;
      this.shownMonth = 0;
      // The worker's timeline is in run months (dates read on the scenario's calendar): mirror it.
      if (levers && levers.length > 0) {
        const timeline = await this.call((api) => api.leverTimeline(), 'reading the lever timeline');
        this.timeline = timeline.ok ? timeline.value : [...levers];
      }
    }
    return this.noteStatus(result);
  }

  async play(options?: PlayOptions): Promise<ApiResult<SimStatus>> {
    return this.noteStatus(await this.call((api) => api.play(options), 'starting to play'));
  }

  async pause(): Promise<ApiResult<SimStatus>> {
    return this.noteStatus(await this.call((api) => api.pause(), 'pausing'));
  }

  async step(months?: number): Promise<ApiResult<SimStatus>> {
    return this.noteStatus(await this.call((api) => api.step(months), `stepping ${months ?? 1} month(s)`));
  }

  async setSpeed(monthsPerSecond: number): Promise<ApiResult<SimStatus>> {
    const result = await this.call((api) => api.setSpeed(monthsPerSecond), 'setting the speed');
    if (result.ok) this.speed = monthsPerSecond;
    return this.noteStatus(result);
  }

  /** A live change, and the worker's timeline after it (the page shows it; a restart replays it). */
  async setLever(path: string, value: unknown): Promise<ApiResult<LeverSet>> {
    const result = await this.call((api) => api.setLever(path, value), 'setting a lever');
    if (!result.ok) return result;
    // The worker's timeline is the truth (it merges repeated changes): mirror it for a restart.
    const timeline = await this.call((api) => api.leverTimeline(), 'reading the lever timeline');
    if (!timeline.ok) return timeline;
    this.timeline = timeline.value;
    return { ok: true, value: { change: result.value, timeline: timeline.value } };
  }

  async leverTimeline(): Promise<ApiResult<LeverChange[]>> {
    if (!this.connection.alive) {
      // Dates become months only on the scenario's calendar, which the worker reads: none is guessed here.
      const months = this.timeline.filter((c): c is LeverChange => 'month' in c);
      if (months.length === this.timeline.length) return { ok: true, value: months };
      return { ok: false, error: { kind: 'state', message: 'the lever timeline is known again once the worker has restarted' } };
    }
    return this.call((api) => api.leverTimeline(), 'reading the lever timeline');
  }

  async reset(seed?: number, options?: ResetOptions): Promise<ApiResult<SimStatus>> {
    const result = await this.call((api) => api.reset(seed, options), 'resetting the run', POPULATION_PATIENCE_MS);
    if (result.ok) {
      this.seed = result.value.seed;
      if (!options?.keepLevers) this.timeline = [];
      this.shownMonth = 0;
    }
    return this.noteStatus(result);
  }

  async scenario(): Promise<ApiResult<Scenario>> {
    return this.call((api) => api.scenario(), 'reading the scenario');
  }

  async records(fromMonth?: number): Promise<ApiResult<MonthRecord[]>> {
    return this.call((api) => api.records(fromMonth), 'reading the month records');
  }

  /** Every month's record and market figures (what the CSV export is built from). */
  async runRecords(fromMonth?: number): Promise<ApiResult<RunRecords>> {
    return this.call((api) => api.runRecords(fromMonth), 'reading the month records');
  }

  async fetchStatus(): Promise<ApiResult<SimStatus>> {
    return this.noteStatus(await this.call((api) => api.status(), 'reading the status'));
  }

  /** The input of the last accepted load (what `restart` rebuilds), if any. */
  get loadedInput(): Readonly<LoadInput> | undefined {
    return this.input;
  }

  /** Test only (dev server): make the worker hang, close or throw, to check that the page recovers. */
  injectTestFault(fault: TestFault): void {
    const message: TestFaultMessage = { careFuturesTestFault: fault };
    if (this.connection.alive) this.connection.worker.postMessage(message);
  }

  /** Hand a view back after drawing it (when `onSnapshot` did not return it). */
  async returnBuffers(view: AnimationView): Promise<void> {
    if (!this.connection.alive) return;
    await this.call((api) => api.returnBuffers(Comlink.transfer(view, viewBuffers(view))), 'handing buffers back');
  }

  /**
   * Is the worker answering within `timeoutMs`? A long `step` keeps a healthy worker busy too, so
   * only call this when nothing long is running.
   */
  async ping(timeoutMs = 2000): Promise<boolean> {
    if (!this.connection.alive) return false;
    const answer = this.call((api) => api.status(), 'answering a ping').then((r) => r.ok);
    const timeout = new Promise<boolean>((resolve) => setTimeout(() => resolve(false), timeoutMs));
    return Promise.race([answer, timeout]);
  }

  /**
   * Start a fresh worker and rebuild the run: the same scenario document, seed and lever timeline,
   * stepped back to the month last shown. The run is paused afterwards. A new run number follows,
   * so `onRunStart` fires; the month records are available from `records()`.
   */
  async restart(): Promise<ApiResult<SimStatus>> {
    const month = this.shownMonth;
    this.reconnect('restarted');
    if (!this.input) return this.fetchStatus();
    const levers = [...this.timeline];
    const loaded = await this.call((api) => api.load({ ...this.input!, seed: this.seed, levers }), 'rebuilding the run', POPULATION_PATIENCE_MS);
    if (!loaded.ok) return loaded;
    if (month > 0) {
      const stepped = await this.call((api) => api.step(month), `replaying ${month} months`);
      if (!stepped.ok) return stepped;
    }
    return this.fetchStatus();
  }

  /** Stop the worker for good (e.g. on hot reload or unmount). */
  dispose(): void {
    this.connection.kill('disposed');
  }

  // ------------------------------------------------------------------ internals

  /** A fresh worker in place of the current one, at the speed the page had set. */
  private reconnect(reason: string): void {
    this.connection.kill(reason);
    this.connection = this.connect();
    if (this.speed !== undefined) {
      const speed = this.speed;
      // Sent before anything else, so comlink's order has it in force for every later call.
      void this.call((api) => api.setSpeed(speed), 'setting the speed');
    }
  }

  private connect(): Connection {
    const connection = openConnection({
      createWorker: this.createWorker,
      runBase: this.latestRun,
      clock: this.handlers.clock,
      // Undefined only for the first connection, made from the constructor.
      learnedGapMs: (this.connection as Connection | undefined)?.watchdog.learnedGapMs,
      timings: this.handlers.watchdog,
      receive: (event, from) => this.receive(event, from),
      lost: (reason, from) => {
        if (this.connection === from) this.handlers.onCrash?.(reason);
      },
    });
    void this.call((remote) => remote.subscribe(connection.listener), 'subscribing', undefined, connection).then((result) => {
      if (!result.ok && result.error !== DEAD) this.handlers.onError?.(result.error);
    });
    return connection;
  }

  /** A call that ends with a typed error whatever happens: the worker dies, or comlink rejects. */
  private async call<T>(
    body: (api: Comlink.Remote<SimulationApi>) => Promise<ApiResult<T>>,
    what: string,
    patienceMs?: number,
    connection = this.connection,
  ): Promise<ApiResult<T>> {
    if (!connection.alive) return { ok: false, error: DEAD };
    const answered = connection.watchdog.expect(what, patienceMs);
    try {
      return await Promise.race([body(connection.api), connection.died]);
    } catch (err) {
      if (!connection.alive) return { ok: false, error: DEAD };
      // The API never throws: a rejected call means the channel itself broke.
      const reason = `${BROKEN}: ${err instanceof Error ? err.message : String(err)}`;
      connection.kill(reason);
      if (this.connection === connection) this.handlers.onCrash?.(reason);
      return { ok: false, error: { kind: 'internal', message: reason } };
    } finally {
      answered();
    }
  }

  private noteStatus(result: ApiResult<SimStatus>): ApiResult<SimStatus> {
    if (!result.ok) return result;
    return { ok: true, value: this.noteRun(result.value, this.connection) };
  }

  /** The status with the page's run number, remembered as the latest. */
  private noteRun(status: SimStatus, connection: Connection): SimStatus {
    const seen = { ...status, run: connection.runBase + status.run };
    connection.watchdog.setPlaying(seen.playing);
    this.lastStatus = seen;
    this.latestRun = Math.max(this.latestRun, seen.run);
    return seen;
  }

  private async receive(event: SimEvent, connection: Connection): Promise<AnimationView | undefined> {
    // A dead worker's last messages must not reach the page after its replacement's.
    if (connection !== this.connection) return undefined;
    connection.watchdog.heard();
    switch (event.type) {
      case 'status':
        this.handlers.onStatus?.(this.noteRun(event.status, connection));
        return undefined;
      case 'error':
        this.handlers.onError?.(event.error);
        return undefined;
      case 'snapshot':
        return this.deliver(event.snapshot, connection.runBase + event.run);
    }
  }

  private async deliver(snapshot: Snapshot, run: number): Promise<AnimationView | undefined> {
    const { view } = snapshot;
    if (run < this.latestRun) return Comlink.transfer(view, viewBuffers(view));
    this.latestRun = run;
    try {
      if (run !== this.deliveredRun) {
        this.deliveredRun = run;
        this.handlers.onRunStart?.(run);
      }
      this.shownMonth = snapshot.record.month;
      const returned = await this.handlers.onSnapshot(snapshot, run);
      return isView(returned) ? Comlink.transfer(returned, viewBuffers(returned)) : undefined;
    } catch (err) {
      // A drawing bug must not stop the worker sending: report it and acknowledge anyway.
      this.handlers.onError?.({ kind: 'internal', message: `showing month ${snapshot.record.month} failed: ${err instanceof Error ? err.message : String(err)}` });
      return undefined;
    }
  }
}

/** Start the worker and subscribe to it. Call `load` next. */
export function createSimulationClient(options: ClientOptions): SimulationClient {
  return new SimulationClient(options);
}
