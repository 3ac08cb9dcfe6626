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
 */
import * as Comlink from 'comlink';
import type {
  AnimationView,
  ApiError,
  ApiResult,
  LeverChange,
  LoadInput,
  MonthRecord,
  PlayOptions,
  ResetOptions,
  Scenario,
  SimEvent,
  SimListener,
  SimStatus,
  SimulationApi,
  Snapshot,
} from '../sim/worker/contract';

/** What the client needs of a worker: a comlink endpoint that can be terminated. */
export type WorkerLike = Comlink.Endpoint & { terminate(): void };

export interface ClientHandlers {
  /** A snapshot to show. Resolve when ready for the next; resolve to the view to hand its buffers back. */
  onSnapshot(snapshot: Snapshot, run: number): void | AnimationView | Promise<void | AnimationView>;
  /** A new run (load, reset or restart) is about to deliver its first snapshot. */
  onRunStart?(run: number): void;
  /** The worker's status changed (playing, paused, reached `untilMonth`, failed). */
  onStatus?(status: SimStatus): void;
  /** An error outside a call (e.g. the engine failed while playing), or a handler that threw. */
  onError?(error: ApiError): void;
  /** The worker died; calls fail with a `state` error until `restart()`. */
  onCrash?(reason: string): void;
}

export interface ClientOptions extends ClientHandlers {
  /** default: the Vite-bundled `sim/worker.ts` */
  createWorker?: () => WorkerLike;
}

/** Vite needs this expression literally, to bundle the worker as its own module. */
export function createSimulationWorker(): Worker {
  return new Worker(new URL('../sim/worker/worker.ts', import.meta.url), { type: 'module' });
}

const DEAD: ApiError = { kind: 'state', message: 'the simulation worker has stopped: restart it' };

function viewBuffers(view: AnimationView): ArrayBuffer[] {
  return [view.state.buffer, view.prev.buffer, view.poor.buffer] as ArrayBuffer[];
}

function isView(value: unknown): value is AnimationView {
  if (value === null || typeof value !== 'object') return false;
  const v = value as Partial<Record<keyof AnimationView, unknown>>;
  return v.state instanceof Uint8Array && v.prev instanceof Uint8Array && v.poor instanceof Uint8Array;
}

/** One connection to a worker; `restart` replaces it. */
interface Connection {
  worker: WorkerLike;
  api: Comlink.Remote<SimulationApi>;
  listener: SimListener & Comlink.ProxyMarked;
  /** rejects when this worker dies, so calls waiting on it end instead of hanging */
  died: Promise<never>;
  kill: (reason: string) => void;
  alive: boolean;
  /** added to the worker's run numbers: a new worker counts from 1 again, the page's runs keep increasing */
  runBase: number;
}

export class SimulationClient {
  private connection: Connection;
  /** the last accepted load, kept to rebuild the run after a crash */
  private input: LoadInput | undefined;
  private timeline: LeverChange[] = [];
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

  /** The status from the latest call or event (may lag the worker by a message). */
  get status(): SimStatus | undefined {
    return this.lastStatus;
  }

  async load(input: LoadInput): Promise<ApiResult<SimStatus>> {
    const result = await this.call((api) => api.load(input));
    if (result.ok) {
      const { levers, ...rest } = input;
      this.input = rest as LoadInput;
      this.timeline = levers ? [...levers] : [];
      this.seed = result.value.seed;
      this.shownMonth = 0;
    }
    return this.noteStatus(result);
  }

  async play(options?: PlayOptions): Promise<ApiResult<SimStatus>> {
    return this.noteStatus(await this.call((api) => api.play(options)));
  }

  async pause(): Promise<ApiResult<SimStatus>> {
    return this.noteStatus(await this.call((api) => api.pause()));
  }

  async step(months?: number): Promise<ApiResult<SimStatus>> {
    return this.noteStatus(await this.call((api) => api.step(months)));
  }

  async setSpeed(monthsPerSecond: number): Promise<ApiResult<SimStatus>> {
    const result = await this.call((api) => api.setSpeed(monthsPerSecond));
    if (result.ok) this.speed = monthsPerSecond;
    return this.noteStatus(result);
  }

  async setLever(path: string, value: unknown): Promise<ApiResult<LeverChange>> {
    const result = await this.call((api) => api.setLever(path, value));
    if (result.ok) {
      // The worker's timeline is the truth (it merges repeated changes): mirror it for a restart.
      const timeline = await this.call((api) => api.leverTimeline());
      if (timeline.ok) this.timeline = timeline.value;
    }
    return result;
  }

  async leverTimeline(): Promise<ApiResult<LeverChange[]>> {
    if (!this.connection.alive) return { ok: true, value: [...this.timeline] };
    return this.call((api) => api.leverTimeline());
  }

  async reset(seed?: number, options?: ResetOptions): Promise<ApiResult<SimStatus>> {
    const result = await this.call((api) => api.reset(seed, options));
    if (result.ok) {
      this.seed = result.value.seed;
      if (!options?.keepLevers) this.timeline = [];
      this.shownMonth = 0;
    }
    return this.noteStatus(result);
  }

  async scenario(): Promise<ApiResult<Scenario>> {
    return this.call((api) => api.scenario());
  }

  async records(fromMonth?: number): Promise<ApiResult<MonthRecord[]>> {
    return this.call((api) => api.records(fromMonth));
  }

  async fetchStatus(): Promise<ApiResult<SimStatus>> {
    return this.noteStatus(await this.call((api) => api.status()));
  }

  /** Hand a view back after drawing it (when `onSnapshot` did not return it). */
  async returnBuffers(view: AnimationView): Promise<void> {
    if (!this.connection.alive) return;
    await this.call((api) => api.returnBuffers(Comlink.transfer(view, viewBuffers(view))));
  }

  /**
   * Is the worker answering within `timeoutMs`? A long `step` keeps a healthy worker busy too, so
   * only call this when nothing long is running.
   */
  async ping(timeoutMs = 2000): Promise<boolean> {
    if (!this.connection.alive) return false;
    const answer = this.call((api) => api.status()).then((r) => r.ok);
    const timeout = new Promise<boolean>((resolve) => setTimeout(() => resolve(false), timeoutMs));
    return Promise.race([answer, timeout]);
  }

  /**
   * Start a fresh worker and rebuild the run: the same scenario document, seed and lever timeline,
   * stepped back to the month last shown. The run is paused afterwards. A new run number follows,
   * so `onRunStart` fires; the month records are available from `records()`.
   */
  async restart(): Promise<ApiResult<SimStatus>> {
    this.connection.kill('restarted');
    this.connection = this.connect();
    const month = this.shownMonth;
    if (this.speed !== undefined) {
      const speed = this.speed;
      const set = await this.call((api) => api.setSpeed(speed));
      if (!set.ok) return set;
    }
    if (!this.input) return this.fetchStatus();
    const levers = [...this.timeline];
    const loaded = await this.call((api) => api.load({ ...this.input!, seed: this.seed, levers }));
    if (!loaded.ok) return loaded;
    if (month > 0) {
      const stepped = await this.call((api) => api.step(month));
      if (!stepped.ok) return stepped;
    }
    return this.fetchStatus();
  }

  /** Stop the worker for good (e.g. on hot reload or unmount). */
  dispose(): void {
    this.connection.kill('disposed');
  }

  // ------------------------------------------------------------------ internals

  private connect(): Connection {
    const worker = this.createWorker();
    const api = Comlink.wrap<SimulationApi>(worker);
    let kill: (reason: string) => void = () => {};
    const died = new Promise<never>((_, reject) => {
      kill = (reason) => reject(new Error(reason));
    });
    // Nobody may be awaiting a call when the worker dies: that is not an unhandled rejection.
    died.catch(() => {});
    const listener = Comlink.proxy((event: SimEvent) => this.receive(event, connection));
    const connection: Connection = {
      worker,
      api,
      listener,
      died,
      alive: true,
      runBase: this.latestRun,
      kill: (reason) => {
        if (!connection.alive) return;
        connection.alive = false;
        kill(reason);
        try {
          api[Comlink.releaseProxy]();
        } catch {
          // the port is already closed
        }
        worker.terminate();
      },
    };
    const onFailure = (event: Event) => {
      if (!connection.alive) return;
      const message = (event as Partial<ErrorEvent>).message;
      const reason = `the simulation worker failed${message ? `: ${message}` : ''}`;
      connection.kill(reason);
      if (this.connection === connection) this.handlers.onCrash?.(reason);
    };
    worker.addEventListener('error', onFailure as EventListener);
    worker.addEventListener('messageerror', onFailure as EventListener);
    void this.call((remote) => remote.subscribe(listener), connection).then((result) => {
      if (!result.ok && result.error !== DEAD) this.handlers.onError?.(result.error);
    });
    return connection;
  }

  /** A call that ends with a typed error whatever happens: the worker dies, or comlink rejects. */
  private async call<T>(body: (api: Comlink.Remote<SimulationApi>) => Promise<ApiResult<T>>, connection = this.connection): Promise<ApiResult<T>> {
    if (!connection.alive) return { ok: false, error: DEAD };
    try {
      return await Promise.race([body(connection.api), connection.died]);
    } catch (err) {
      if (!connection.alive) return { ok: false, error: DEAD };
      // The API never throws: a rejected call means the channel itself broke.
      const reason = `the simulation worker stopped answering: ${err instanceof Error ? err.message : String(err)}`;
      connection.kill(reason);
      if (this.connection === connection) this.handlers.onCrash?.(reason);
      return { ok: false, error: { kind: 'internal', message: reason } };
    }
  }

  private noteStatus(result: ApiResult<SimStatus>): ApiResult<SimStatus> {
    if (!result.ok) return result;
    return { ok: true, value: this.noteRun(result.value, this.connection) };
  }

  /** The status with the page's run number, remembered as the latest. */
  private noteRun(status: SimStatus, connection: Connection): SimStatus {
    const seen = { ...status, run: connection.runBase + status.run };
    this.lastStatus = seen;
    this.latestRun = Math.max(this.latestRun, seen.run);
    return seen;
  }

  private async receive(event: SimEvent, connection: Connection): Promise<AnimationView | undefined> {
    // A dead worker's last messages must not reach the page after its replacement's.
    if (connection !== this.connection) return undefined;
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
