/**
 * The simulation API: what the page can ask of the worker. `sim/worker.ts` only exposes this object
 * with comlink; Node tests and the bench drive it directly or over a `MessageChannel`.
 *
 * Its TypeScript type (`SimulationApi`) is the documentation. Rules that hold for every method:
 * - It returns an `ApiResult` and never throws across the boundary: a bad scenario or lever value is
 *   `{ ok: false, error: { kind: 'validation', issues } }` and the previous good state is kept.
 * - One listener receives snapshots (`subscribe`). The worker sends the next snapshot only when the
 *   listener's returned promise has settled (the acknowledgement). Months simulated meanwhile are
 *   folded into one pending snapshot (`sim/coalesce.ts`), so nothing queues up.
 * - A lever takes effect from the next simulated month and is recorded in the timeline with that
 *   month, exactly as `npm run sim -- --levers FILE` replays it (`sim/run.ts`).
 */
import * as Comlink from 'comlink';
import type { AnimationView, ApiError, ApiResult, LeverChange, Snapshot } from './api-types';
import { addMonth, copyRecord, isViewOfSize, mergeView, newView } from './coalesce';
import { checkLeverShape, isLivePath } from './levers';
import { toParams } from './params';
import type { MarketRecord, MonthRecord } from './records';
import { applyLever, checkTimeline } from './run';
import { loadScenarioDocument, loadScenarioText, type ScenarioLoader } from './scenario/resolve';
import type { Scenario } from './scenario/schema';
import { describeFound, issue, type Validated, type ValidationIssue } from './scenario/validate';
import { Simulation } from './simulation';

export const DEFAULT_SAMPLE_SIZE = 20_000;
export const DEFAULT_SEED = 1;
export const DEFAULT_MONTHS_PER_SECOND = 4;
/** Longest single `step` or `play` horizon: 200 years, the CLI's limit. */
export const MAX_MONTHS = 2400;
const MAX_SAMPLE_SIZE = 1_000_000;
const MAX_POOLED_VIEWS = 2;

export interface LoadOptions {
  /** default: the seed of the previous load, else 1 */
  seed?: number;
  /** population slots in the animation view (up to that many children; see docs/CONTRACTS.md); default: the previous load's, else 20,000 */
  sampleSize?: number;
  /** a lever timeline to replay as the run goes (e.g. one exported earlier); validated like `--levers` */
  levers?: LeverChange[];
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
}

/** Time and timers, injected so tests can drive `play` with a manual clock. */
export interface Scheduler {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

interface Yield {
  callback: () => void;
  cancelled: boolean;
}

/**
 * Timers for real. A zero delay (playing flat out, or the engine slower than the speed) must yield
 * so waiting calls and acknowledgements get through, but cheaply: browsers clamp nested
 * `setTimeout(0)` to 4 ms, about a tenth of a month at 1:1. So: `setImmediate` where it exists
 * (Node, which would otherwise drain a self-posting port without ever yielding), else a message to
 * a private port (each message is its own task in a browser worker), else `setTimeout`.
 */
export function createRealScheduler(): Scheduler {
  let channel: MessageChannel | undefined;
  const queue: Yield[] = [];
  const postYield = (task: Yield) => {
    if (!channel) {
      channel = new MessageChannel();
      channel.port1.onmessage = () => {
        const next = queue.shift();
        if (next && !next.cancelled) next.callback();
      };
    }
    queue.push(task);
    channel.port2.postMessage(null);
  };
  return {
    now: () => performance.now(),
    setTimeout: (callback, ms) => {
      if (ms > 0) return setTimeout(callback, ms);
      const task: Yield = { callback, cancelled: false };
      const run = () => {
        if (!task.cancelled) task.callback();
      };
      if (typeof setImmediate === 'function') setImmediate(run);
      else if (typeof MessageChannel === 'function') postYield(task);
      else setTimeout(run, 0);
      return task;
    },
    clearTimeout: (handle) => {
      if (handle !== null && typeof handle === 'object' && 'cancelled' in handle) (handle as Yield).cancelled = true;
      else clearTimeout(handle as Parameters<typeof clearTimeout>[0]);
    },
  };
}

export interface ApiOptions {
  scheduler?: Scheduler;
  /** While playing, simulate for at most this long before yielding so calls and acks get through (ms). */
  tickBudgetMs?: number;
  /** Upper bound on months per tick, whatever the clock says. */
  maxMonthsPerTick?: number;
}

interface Run {
  fileName: string;
  /** the scenario as loaded, before any lever */
  base: Scenario;
  /** the scenario with every applied lever */
  current: Scenario;
  sim: Simulation;
  seed: number;
  /** applied entries first (`timeline[0..next)`), then scheduled ones */
  timeline: LeverChange[];
  next: number;
  /** levers changed `current` since the engine last got parameters */
  dirty: boolean;
  records: MonthRecord[];
  failure: string | null;
}

interface Pending {
  record: MonthRecord;
  coalesced: number;
  market: MarketRecord;
  view: AnimationView;
}

const ok = <T>(value: T): ApiResult<T> => ({ ok: true, value });
const fail = (error: ApiError): { ok: false; error: ApiError } => ({ ok: false, error });
const stateError = (message: string) => fail({ kind: 'state', message });

function validationError(heading: string, issues: ValidationIssue[]): { ok: false; error: ApiError } {
  return fail({ kind: 'validation', message: `${heading}\n${issues.map((i) => `  - ${i.message}`).join('\n')}`, issues });
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** A one-issue validation error for an argument of a call. */
function badArgument(name: string, expected: string, found: unknown) {
  return validationError(`${name}: invalid`, [issue(name, expected, describeFound(found))]);
}

function isWholeIn(value: unknown, min: number, max: number): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
}

/** By month, keeping the given order within a month (sort is stable), exactly as `runScenario` orders them. */
function byMonth(levers: readonly LeverChange[]): LeverChange[] {
  return [...levers].sort((a, b) => a.month - b.month);
}

/** Hand a listener proxy's port back, so a replaced listener does not keep a MessagePort alive. */
function release(listener: SimListener | undefined): void {
  const remote = listener as (SimListener & Partial<Comlink.ProxyMethods>) | undefined;
  try {
    remote?.[Comlink.releaseProxy]?.();
  } catch {
    // already released or the page is gone: nothing left to free
  }
}

class SimulationSession implements SimulationApi {
  private run: Run | undefined;
  private runId = 0;
  private seed = DEFAULT_SEED;
  private sampleSize = DEFAULT_SAMPLE_SIZE;
  private speed = DEFAULT_MONTHS_PER_SECOND;

  private playing = false;
  private untilMonth: number | null = null;
  private timer: unknown;
  private hasTimer = false;
  private nextDue = 0;
  private lastStepAt = 0;

  private listener: SimListener | undefined;
  private pending: Pending | undefined;
  /** identifies the snapshot awaiting acknowledgement; 0 when none is */
  private inFlight = 0;
  private flightCounter = 0;
  private readonly pool: AnimationView[] = [];
  /** worker-owned view the engine writes into while months are being coalesced */
  private scratch: AnimationView = newView(0);

  private readonly scheduler: Scheduler;
  private readonly tickBudgetMs: number;
  private readonly maxMonthsPerTick: number;

  constructor(
    private readonly loadFile: ScenarioLoader,
    options: ApiOptions,
  ) {
    this.scheduler = options.scheduler ?? createRealScheduler();
    this.tickBudgetMs = options.tickBudgetMs ?? 25;
    this.maxMonthsPerTick = options.maxMonthsPerTick ?? 120;
  }

  // ------------------------------------------------------------------ calls

  load(input: LoadInput): ApiResult<SimStatus> {
    return this.guard(() => {
      if (input === null || typeof input !== 'object') return badArgument('input', 'an object { fileName, text } or { fileName, document }', input);
      const fileName: unknown = input.fileName;
      if (typeof fileName !== 'string' || fileName === '') return badArgument('fileName', 'a non-empty string', fileName);
      const seed = input.seed ?? this.seed;
      if (!isWholeIn(seed, -(2 ** 31), 2 ** 31 - 1)) return badArgument('seed', 'a whole number', seed);
      const sampleSize = input.sampleSize ?? this.sampleSize;
      if (!isWholeIn(sampleSize, 0, MAX_SAMPLE_SIZE)) return badArgument('sampleSize', `a whole number from 0 to ${MAX_SAMPLE_SIZE}`, sampleSize);

      let loaded: Validated<Scenario>;
      if ('text' in input) {
        if (typeof input.text !== 'string') return badArgument('text', 'the text of a scenario file', input.text);
        loaded = loadScenarioText(input.text, fileName, this.loadFile);
      } else if ('document' in input) {
        loaded = loadScenarioDocument(input.document, fileName, this.loadFile);
      } else {
        return badArgument('input', 'a `text` or a `document` field', input);
      }
      if (!loaded.ok) return validationError(`${fileName}: invalid scenario`, loaded.issues);

      let timeline: LeverChange[] = [];
      if (input.levers !== undefined) {
        const shape = checkLeverShape(input.levers);
        if (!shape.ok) return validationError('levers: invalid lever timeline', shape.issues);
        timeline = byMonth(shape.value);
        const replayable = checkTimeline(loaded.value, timeline);
        if (!replayable.ok) return validationError('levers: invalid lever timeline', replayable.issues);
      }
      // Build the new run completely before touching the old one: a throw here keeps the last good state.
      const sim = new Simulation(toParams(loaded.value), { seed, sampleSize });
      this.seed = seed;
      this.sampleSize = sampleSize;
      this.startRun({ fileName, base: loaded.value, current: loaded.value, sim, seed, timeline: structuredClone(timeline), next: 0, dirty: false, records: [], failure: null });
      return ok(this.currentStatus());
    });
  }

  reset(seed?: number, options: ResetOptions = {}): ApiResult<SimStatus> {
    return this.guard(() => {
      const run = this.run;
      if (!run) return stateError('no scenario is loaded: load one first');
      const nextSeed = seed ?? run.seed;
      if (!isWholeIn(nextSeed, -(2 ** 31), 2 ** 31 - 1)) return badArgument('seed', 'a whole number', nextSeed);
      const sim = new Simulation(toParams(run.base), { seed: nextSeed, sampleSize: this.sampleSize });
      this.seed = nextSeed;
      const timeline = options.keepLevers ? run.timeline : [];
      this.startRun({ ...run, current: run.base, sim, seed: nextSeed, timeline, next: 0, dirty: false, records: [], failure: null });
      return ok(this.currentStatus());
    });
  }

  play(options: PlayOptions = {}): ApiResult<SimStatus> {
    return this.guard(() => {
      const run = this.usable();
      if (!run.ok) return run;
      const until = options.untilMonth;
      if (until !== undefined && !isWholeIn(until, run.value.sim.month + 1, run.value.sim.month + MAX_MONTHS)) {
        return badArgument('untilMonth', `a whole number from ${run.value.sim.month + 1} to ${run.value.sim.month + MAX_MONTHS}`, until);
      }
      this.untilMonth = until ?? null;
      if (!this.playing) {
        this.playing = true;
        // The first month comes at once: pressing Play should show something move.
        this.nextDue = this.scheduler.now();
        this.schedule(0);
      }
      this.emitStatus();
      return ok(this.currentStatus());
    });
  }

  pause(): ApiResult<SimStatus> {
    return this.guard(() => {
      this.stopPlaying();
      return ok(this.currentStatus());
    });
  }

  step(months = 1): ApiResult<SimStatus> {
    return this.guard(() => {
      const run = this.usable();
      if (!run.ok) return run;
      if (!isWholeIn(months, 1, MAX_MONTHS)) return badArgument('months', `a whole number from 1 to ${MAX_MONTHS}`, months);
      for (let k = 0; k < months; k++) {
        const stepped = this.advance();
        if (!stepped.ok) return stepped;
      }
      return ok(this.currentStatus());
    });
  }

  setSpeed(monthsPerSecond: number): ApiResult<SimStatus> {
    return this.guard(() => {
      if (typeof monthsPerSecond !== 'number' || !(monthsPerSecond > 0)) {
        return badArgument('monthsPerSecond', 'a number > 0 (Infinity: as fast as possible)', monthsPerSecond);
      }
      this.speed = monthsPerSecond;
      if (this.playing) {
        // Keep the cadence from the last month, at the new interval, rather than restarting it.
        this.nextDue = this.lastStepAt + 1000 / monthsPerSecond;
        this.schedule(Math.max(0, this.nextDue - this.scheduler.now()));
      }
      return ok(this.currentStatus());
    });
  }

  setLever(path: string, value: unknown): ApiResult<LeverChange> {
    return this.guard(() => {
      const usable = this.usable();
      if (!usable.ok) return usable;
      const run = usable.value;
      if (typeof path !== 'string' || path === '') return badArgument('path', 'a dotted path into the scenario, e.g. "policy.earlyHelp.budgetPerYear"', path);
      if (!isLivePath(path)) {
        return validationError(`${path}: not a lever`, [issue(path, 'a path that can change during a run (policy and model parameters)', JSON.stringify(path))]);
      }
      const month = run.sim.month + 1;
      // Levers already scheduled for this month go first, as they come first in the timeline.
      this.applyScheduled(run, month);
      const changed = applyLever(run.current, path, value);
      if (!changed.ok) return validationError(`${path}: invalid lever value`, changed.issues);
      toParams(changed.value); // the engine must accept it too, before it is recorded
      const later = checkTimeline(changed.value, run.timeline.slice(run.next));
      if (!later.ok) return validationError(`${path}: conflicts with a scheduled lever change`, later.issues);

      const change: LeverChange = { month, path, value: structuredClone(value) };
      // A second change of the same path in the same month replaces the first: the run is the same either way.
      const before = run.timeline.length;
      run.timeline = run.timeline.filter((c, k) => k >= run.next || c.month !== month || c.path !== path);
      run.next -= before - run.timeline.length;
      run.timeline.splice(run.next, 0, change);
      run.next++;
      run.current = changed.value;
      run.dirty = true;
      return ok(structuredClone(change));
    });
  }

  leverTimeline(): ApiResult<LeverChange[]> {
    return this.guard(() => ok(structuredClone(this.run?.timeline ?? [])));
  }

  subscribe(listener: SimListener): ApiResult<SimStatus> {
    return this.guard(() => {
      if (typeof listener !== 'function') return badArgument('listener', 'a function (a Comlink.proxy over the worker boundary)', listener);
      if (this.listener !== listener) release(this.listener);
      this.listener = listener;
      this.pending = undefined;
      this.inFlight = 0;
      if (this.run) this.queueCurrent(this.run);
      return ok(this.currentStatus());
    });
  }

  unsubscribe(): ApiResult<null> {
    return this.guard(() => {
      release(this.listener);
      this.listener = undefined;
      this.pending = undefined;
      this.inFlight = 0;
      return ok(null);
    });
  }

  returnBuffers(view: AnimationView): ApiResult<null> {
    return this.guard(() => {
      this.recycle(view);
      return ok(null);
    });
  }

  status(): ApiResult<SimStatus> {
    return this.guard(() => ok(this.currentStatus()));
  }

  scenario(): ApiResult<Scenario> {
    return this.guard(() => (this.run ? ok(structuredClone(this.run.current)) : stateError('no scenario is loaded: load one first')));
  }

  records(fromMonth = 0): ApiResult<MonthRecord[]> {
    return this.guard(() => {
      if (!isWholeIn(fromMonth, 0, Number.MAX_SAFE_INTEGER)) return badArgument('fromMonth', 'a whole number >= 0', fromMonth);
      return ok(this.run ? this.run.records.slice(fromMonth) : []);
    });
  }

  // ------------------------------------------------------------------ the run

  private guard<T>(body: () => ApiResult<T>): ApiResult<T> {
    try {
      return body();
    } catch (err) {
      return fail({ kind: 'internal', message: errorText(err) });
    }
  }

  private usable(): ApiResult<Run> {
    const run = this.run;
    if (!run) return stateError('no scenario is loaded: load one first');
    if (run.failure !== null) return stateError(`the simulation failed at month ${run.sim.month} (${run.failure}): reset or load a scenario`);
    return ok(run);
  }

  private startRun(run: Run): void {
    this.stopPlaying(false);
    this.run = run;
    this.runId++;
    run.records = [run.sim.record()];
    const size = run.sim.sampleSize;
    if (this.scratch.state.length !== size) this.scratch = newView(size);
    const reusable = this.pool.filter((v) => isViewOfSize(v, size));
    this.pool.splice(0, this.pool.length, ...reusable);
    // A snapshot of the previous run may still be in flight: the new run's month 0 does not wait for it.
    this.pending = undefined;
    this.inFlight = 0;
    this.emitStatus();
    this.queueCurrent(run);
  }

  private applyScheduled(run: Run, month: number): void {
    while (run.next < run.timeline.length && run.timeline[run.next].month <= month) {
      const lever = run.timeline[run.next];
      const changed = applyLever(run.current, lever.path, lever.value);
      // The timeline was checked as a whole when it was loaded or extended, so this cannot fail.
      if (!changed.ok) throw new Error(`scheduled lever ${lever.path} (month ${lever.month}) no longer applies: ${changed.issues[0]?.message}`);
      run.current = changed.value;
      run.next++;
      run.dirty = true;
    }
  }

  /** Simulate one month, exactly as `runScenario` does: every lever of the month, then one `setParams`, then the step. */
  private advance(): ApiResult<null> {
    const run = this.run;
    if (!run || run.failure !== null) return stateError('the run cannot go on: reset or load a scenario');
    try {
      this.applyScheduled(run, run.sim.month + 1);
      if (run.dirty) {
        run.sim.setParams(toParams(run.current));
        run.dirty = false;
      }
      run.sim.step();
      const record = run.sim.record();
      run.records.push(record);
      this.queueMonth(run, record);
    } catch (err) {
      run.failure = errorText(err);
      this.stopPlaying();
      const error: ApiError = { kind: 'internal', message: `the simulation failed at month ${run.sim.month + 1}: ${run.failure}` };
      this.send({ type: 'error', error });
      return fail(error);
    }
    if (this.untilMonth !== null && run.sim.month >= this.untilMonth) this.stopPlaying();
    return ok(null);
  }

  // ------------------------------------------------------------------ playing

  private schedule(delayMs: number): void {
    if (this.hasTimer) this.scheduler.clearTimeout(this.timer);
    this.timer = this.scheduler.setTimeout(this.tick, delayMs);
    this.hasTimer = true;
  }

  private stopPlaying(announce = true): void {
    if (this.hasTimer) this.scheduler.clearTimeout(this.timer);
    this.hasTimer = false;
    const was = this.playing;
    this.playing = false;
    this.untilMonth = null;
    if (was && announce) this.emitStatus();
  }

  private readonly tick = (): void => {
    this.hasTimer = false;
    if (!this.playing) return;
    const interval = 1000 / this.speed;
    const started = this.scheduler.now();
    let now = started;
    let months = 0;
    while (this.playing && this.nextDue <= now && months < this.maxMonthsPerTick) {
      const stepped = this.advance();
      if (!stepped.ok) return;
      months++;
      this.lastStepAt = now;
      this.nextDue += interval;
      now = this.scheduler.now();
      if (now - started >= this.tickBudgetMs) break;
    }
    if (!this.playing) return;
    // When the engine cannot keep up, run flat out from now rather than banking a backlog to burst through later.
    if (this.nextDue < now) this.nextDue = now;
    this.schedule(this.nextDue - now);
  };

  // ------------------------------------------------------------------ snapshots

  private takeView(size: number): AnimationView {
    return this.pool.pop() ?? newView(size);
  }

  private recycle(value: unknown): void {
    const size = this.run?.sim.sampleSize ?? -1;
    if (this.pool.length < MAX_POOLED_VIEWS && isViewOfSize(value, size) && !this.pool.includes(value)) this.pool.push(value);
  }

  /** A snapshot of the month on show now: on load, reset and subscribe. */
  private queueCurrent(run: Run): void {
    if (!this.listener) return;
    const view = this.takeView(run.sim.sampleSize);
    run.sim.writeView(view);
    const month = run.sim.month;
    this.pending = { record: copyRecord(run.records[run.records.length - 1]), coalesced: month > 0 ? 1 : 0, market: run.sim.market(), view };
    this.flush();
  }

  private queueMonth(run: Run, record: MonthRecord): void {
    if (!this.listener) return;
    const pending = this.pending;
    if (!pending) {
      const view = this.takeView(run.sim.sampleSize);
      run.sim.writeView(view);
      this.pending = { record: copyRecord(record), coalesced: 1, market: run.sim.market(), view };
    } else {
      addMonth(pending.record, record);
      pending.coalesced++;
      pending.market = run.sim.market();
      run.sim.writeView(this.scratch);
      mergeView(pending.view, this.scratch);
    }
    this.flush();
  }

  private flush(): void {
    const listener = this.listener;
    const pending = this.pending;
    if (!listener || !pending || this.inFlight !== 0) return;
    this.pending = undefined;
    const flight = ++this.flightCounter;
    this.inFlight = flight;
    const { view } = pending;
    const snapshot: Snapshot = { record: pending.record, coalesced: pending.coalesced, market: pending.market, scale: this.run?.current.population.scale ?? 1, view };
    const event: SimEvent = { type: 'snapshot', run: this.runId, snapshot };
    let ack: unknown;
    try {
      ack = listener(Comlink.transfer(event, [view.state.buffer, view.prev.buffer, view.poor.buffer]));
    } catch {
      this.dropListener(listener);
      return;
    }
    Promise.resolve(ack).then(
      (returned) => {
        this.recycle(returned);
        this.acknowledged(flight);
      },
      () => {
        // The page is gone or its listener broke: stop sending rather than pile up calls.
        this.dropListener(listener);
      },
    );
  }

  private acknowledged(flight: number): void {
    if (this.inFlight !== flight) return;
    this.inFlight = 0;
    this.flush();
  }

  private dropListener(listener: SimListener): void {
    if (this.listener !== listener) return;
    release(listener);
    this.listener = undefined;
    this.pending = undefined;
    this.inFlight = 0;
  }

  /** Fire-and-forget events (status, errors): they do not wait for an acknowledgement. */
  private send(event: SimEvent): void {
    const listener = this.listener;
    if (!listener) return;
    try {
      Promise.resolve(listener(event)).catch(() => this.dropListener(listener));
    } catch {
      this.dropListener(listener);
    }
  }

  private emitStatus(): void {
    this.send({ type: 'status', status: this.currentStatus() });
  }

  private currentStatus(): SimStatus {
    const run = this.run;
    return {
      loaded: run !== undefined,
      fileName: run?.fileName ?? null,
      scenarioName: run?.current.name ?? null,
      month: run?.sim.month ?? 0,
      playing: this.playing,
      monthsPerSecond: this.speed,
      untilMonth: this.untilMonth,
      seed: this.seed,
      sampleSize: run?.sim.sampleSize ?? this.sampleSize,
      scale: run?.current.population.scale ?? 1,
      run: this.runId,
      levers: run?.timeline.length ?? 0,
      failure: run?.failure ?? null,
    };
  }
}

/**
 * The API object for one worker (or one test). `loadFile` serves the files that `extends` names:
 * the bundled scenarios in the browser (`sim/scenario/bundled.ts`), the disk in Node.
 */
export function createSimulationApi(loadFile: ScenarioLoader, options: ApiOptions = {}): SimulationApi {
  return new SimulationSession(loadFile, options);
}
