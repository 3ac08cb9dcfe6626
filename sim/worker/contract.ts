/**
 * The worker API contract: what the page can ask of the simulation worker, and what it gets back.
 * This is the one file of `sim/` the page-side client imports (types, and the few constants the
 * page needs); `session.ts` implements it and `worker.ts` only exposes it with comlink.
 *
 * Rules that hold for every method:
 * - It returns an `ApiResult` and never throws across the boundary: a bad scenario or lever value is
 *   `{ ok: false, error: { kind: 'validation', issues } }` and the previous good state is kept.
 * - One listener receives snapshots (`subscribe`). The worker sends the next snapshot only when the
 *   listener's returned promise has settled (the acknowledgement). Months simulated meanwhile are
 *   folded into one pending snapshot, so nothing queues up.
 * - A lever takes effect from the next simulated month and is recorded in the timeline with that
 *   month, exactly as `npm run sim -- --levers FILE` replays it (`sim/run.ts`).
 * - While it works (a long `step`, playing) the worker posts a heartbeat at least every
 *   `HEARTBEAT_INTERVAL_MS`, as a plain message beside comlink's, so the page can tell a busy worker
 *   from a hung one (`viz/watchdog.ts`).
 */
import type { LeverChange, LeverEntry } from '../levers';
import type { MarketRecord, MonthRecord } from '../records';
import type { Scenario } from '../scenario/schema';
import type { ValidationIssue } from '../scenario/validate';
import type { AnimationView } from '../view/animation';

export type { LeverChange, LeverEntry } from '../levers';
export type { MarketRecord, MonthRecord } from '../records';
export type { Scenario } from '../scenario/schema';
export { VIEW_CODE, type AnimationView } from '../view/animation';

export const DEFAULT_SAMPLE_SIZE = 20_000;
export const DEFAULT_SEED = 1;
export const DEFAULT_MONTHS_PER_SECOND = 4;
/** Longest single `step` or `play` horizon: 200 years, the CLI's limit. */
export const MAX_MONTHS = 2400;

/**
 * How often a busy worker says it is alive, in ms. A quarter of a second keeps two beats inside
 * every half second even when a beat waits for the month being simulated to finish, and the page's
 * silence limit (about 2 s) several beats away.
 */
export const HEARTBEAT_INTERVAL_MS = 250;

/** What a heartbeat says: where the worker is. Informative only; any message at all shows it is alive. */
export interface Heartbeat {
  /** the session's run number (see `SimStatus.run`) and the month it has reached */
  run: number;
  month: number;
  playing: boolean;
}

/**
 * A heartbeat as posted: a plain `postMessage` from the worker, not a comlink call. A comlink call
 * would wait for the page's reply, which a worker busy in a synchronous loop cannot receive; a plain
 * message leaves the worker at once and needs nothing back. Comlink ignores it (it has no `id`).
 */
export interface HeartbeatMessage {
  careFuturesHeartbeat: Heartbeat;
}

export function isHeartbeatMessage(data: unknown): data is HeartbeatMessage {
  return data !== null && typeof data === 'object' && 'careFuturesHeartbeat' in data;
}

/**
 * Test only: faults the dev-server worker can be told to have (`sim/worker/test-faults.ts`), so the
 * browser tests can check that the page notices and recovers. A production build ignores them.
 * `loop`: busy forever; `close`: the worker closes itself (no error event); `throw`: an uncaught error.
 */
export type TestFault = 'loop' | 'close' | 'throw';
export interface TestFaultMessage {
  careFuturesTestFault: TestFault;
}

/** A run's month records with, at the same index, that month's market figures (prices, places, waiting list, caseload). */
export interface RunRecords {
  records: MonthRecord[];
  markets: MarketRecord[];
}

export interface Snapshot {
  /** The month record; when months were coalesced, flows, careExits and spend are summed over `coalesced` months. */
  record: MonthRecord;
  /** How many simulated months this snapshot covers (1 unless the page fell behind). */
  coalesced: number;
  market: MarketRecord;
  scale: number;
  view: AnimationView;
}

export type ApiError =
  | { kind: 'validation'; message: string; issues: ValidationIssue[] }
  | { kind: 'state'; message: string }
  | { kind: 'internal'; message: string };

export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiError };

export interface LoadOptions {
  /** default: the seed of the previous load, else 1 */
  seed?: number;
  /** population slots in the animation view (up to that many children; see docs/CONTRACTS.md); default: the previous load's, else 20,000 */
  sampleSize?: number;
  /** a lever timeline to replay as the run goes (e.g. one exported earlier; months or dates); validated like `--levers` */
  levers?: LeverEntry[];
}

/** A scenario file's text, or its parsed document; `fileName` names it in errors. `extends` resolves through the loader. */
export type LoadInput = ({ fileName: string; text: string } | { fileName: string; document: unknown }) & LoadOptions;

export interface ResetOptions {
  /** replay the current lever timeline in the new run (default false: the timeline is cleared) */
  keepLevers?: boolean;
}

export interface PlayOptions {
  /** pause by itself when this month is reached */
  untilMonth?: number;
}

export interface SimStatus {
  loaded: boolean;
  fileName: string | null;
  scenarioName: string | null;
  /** months simulated (the month of the latest record) */
  month: number;
  playing: boolean;
  monthsPerSecond: number;
  untilMonth: number | null;
  seed: number;
  /** population slots in the animation view (up to that many children) */
  sampleSize: number;
  scale: number;
  /** increases on every load and reset; each snapshot carries the run it belongs to */
  run: number;
  /** entries in the lever timeline */
  levers: number;
  /** set when the engine threw: the run cannot go on until a load or reset */
  failure: string | null;
}

export type SimEvent =
  | { type: 'snapshot'; run: number; snapshot: Snapshot }
  /** the playing state changed without being asked (reached `untilMonth`, failed), or a load/reset/play/pause happened */
  | { type: 'status'; status: SimStatus }
  /** something went wrong outside a call, e.g. while playing */
  | { type: 'error'; error: ApiError };

/**
 * Receives every event. For a snapshot, the next one is sent when the returned value settles; it may
 * resolve to the snapshot's `view` to hand its buffers back for reuse (or use `returnBuffers`).
 * Over comlink this is a `Comlink.proxy`, so its result is always a promise.
 */
export type SimListener = (event: SimEvent) => unknown;

export interface SimulationApi {
  load(input: LoadInput): ApiResult<SimStatus>;
  play(options?: PlayOptions): ApiResult<SimStatus>;
  pause(): ApiResult<SimStatus>;
  /** Simulate `months` months now (default 1); snapshots follow as the listener acknowledges them. */
  step(months?: number): ApiResult<SimStatus>;
  /** Months simulated per second while playing; `Infinity` runs as fast as the engine goes. */
  setSpeed(monthsPerSecond: number): ApiResult<SimStatus>;
  /** A live policy change from the next month on; returns the timeline entry it was recorded as. */
  setLever(path: string, value: unknown): ApiResult<LeverChange>;
  /** Every lever change of this run, in the order applied: the JSON the CLI reads with `--levers`. */
  leverTimeline(): ApiResult<LeverChange[]>;
  /** Restart the same scenario at month 0 with `seed` (default: the current one); clears the timeline unless `keepLevers`. */
  reset(seed?: number, options?: ResetOptions): ApiResult<SimStatus>;
  /** Set the only listener (replacing any other) and send it a snapshot of the current month. */
  subscribe(listener: SimListener): ApiResult<SimStatus>;
  unsubscribe(): ApiResult<null>;
  /** Give a snapshot's view back after drawing it, so the worker reuses its buffers. */
  returnBuffers(view: AnimationView): ApiResult<null>;
  status(): ApiResult<SimStatus>;
  /** The scenario in force now: the loaded file with every lever applied so far. */
  scenario(): ApiResult<Scenario>;
  /** The month records of this run from `fromMonth` on (the CLI's `months` array, byte for byte). */
  records(fromMonth?: number): ApiResult<MonthRecord[]>;
  /**
   * Every month from `fromMonth` on, each with its market figures, in one answer (so both belong to
   * the same run and the same months, whatever happens between calls). Snapshots may coalesce
   * months for drawing; this never does: it is what an export is built from.
   */
  runRecords(fromMonth?: number): ApiResult<RunRecords>;
}
