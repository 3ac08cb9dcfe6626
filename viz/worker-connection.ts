/**
 * One connection to a simulation worker: the worker, its comlink wrapper, the proxied listener
 * for its events, and the watchdog that notices when it hangs or goes (viz/watchdog.ts).
 * `SimulationClient` (viz/worker-client.ts) keeps one at a time and replaces it on restart.
 */
import * as Comlink from 'comlink';
import { isHeartbeatMessage, type AnimationView, type SimEvent, type SimListener, type SimulationApi } from '../sim/worker/contract';
import { Watchdog, type WatchdogClock, type WatchdogTimings } from './watchdog';

/** What the client needs of a worker: a comlink endpoint that can be terminated. */
export type WorkerLike = Comlink.Endpoint & { terminate(): void };

/** Vite needs this expression literally, to bundle the worker as its own module. */
export function createSimulationWorker(): Worker {
  return new Worker(new URL('../sim/worker/worker.ts', import.meta.url), { type: 'module' });
}

export function viewBuffers(view: AnimationView): ArrayBuffer[] {
  return [view.state.buffer, view.prev.buffer, view.poor.buffer] as ArrayBuffer[];
}

export interface Connection {
  worker: WorkerLike;
  api: Comlink.Remote<SimulationApi>;
  listener: SimListener & Comlink.ProxyMarked;
  /** rejects when this worker dies, so calls waiting on it end instead of hanging */
  died: Promise<never>;
  watchdog: Watchdog;
  /** Terminate the worker (idempotent); calls waiting on it end. */
  kill: (reason: string) => void;
  alive: boolean;
  /** heartbeats received from this worker (for tests and debugging) */
  heartbeats: number;
  /** added to the worker's run numbers: a new worker counts from 1 again, the page's runs keep increasing */
  runBase: number;
}

export interface ConnectionOptions {
  createWorker: () => WorkerLike;
  runBase: number;
  clock?: WatchdogClock;
  /** the pace the previous worker's watchdog learned (a slow device stays slow) */
  learnedGapMs?: number;
  timings?: WatchdogTimings;
  /** An event from the worker's listener proxy. */
  receive(event: SimEvent, connection: Connection): Promise<AnimationView | undefined>;
  /** The worker failed (an error event) or went silent; it is already killed. */
  lost(reason: string, connection: Connection): void;
}

export function openConnection(options: ConnectionOptions): Connection {
  const worker = options.createWorker();
  const api = Comlink.wrap<SimulationApi>(worker);
  let reject: (reason: string) => void = () => {};
  const died = new Promise<never>((_, fail) => {
    reject = (reason) => fail(new Error(reason));
  });
  // Nobody may be awaiting a call when the worker dies: that is not an unhandled rejection.
  died.catch(() => {});
  const listener = Comlink.proxy((event: SimEvent) => options.receive(event, connection));
  const lose = (reason: string): void => {
    if (!connection.alive) return;
    connection.kill(reason);
    options.lost(reason, connection);
  };
  const watchdog = new Watchdog({
    ...options.timings,
    clock: options.clock,
    learnedGapMs: options.learnedGapMs,
    onSilence: (silentMs, waitingFor) =>
      lose(`the simulation worker stopped responding: nothing heard from it for ${(silentMs / 1000).toFixed(1)} s while ${waitingFor}`),
  });
  const connection: Connection = {
    worker,
    api,
    listener,
    died,
    watchdog,
    alive: true,
    heartbeats: 0,
    runBase: options.runBase,
    kill: (reason) => {
      if (!connection.alive) return;
      connection.alive = false;
      watchdog.stop();
      reject(reason);
      try {
        api[Comlink.releaseProxy]();
      } catch {
        // the port is already closed
      }
      worker.terminate();
    },
  };
  const onFailure = (event: Event) => {
    const message = (event as Partial<ErrorEvent>).message;
    lose(`the simulation worker failed${message ? `: ${message}` : ''}`);
  };
  worker.addEventListener('error', onFailure as EventListener);
  worker.addEventListener('messageerror', onFailure as EventListener);
  // Every message is a sign of life: comlink's answers and the heartbeats the worker posts beside them.
  worker.addEventListener('message', (event) => {
    watchdog.heard();
    if (isHeartbeatMessage((event as MessageEvent).data)) connection.heartbeats++;
  });
  return connection;
}
