/**
 * The worker session: the `SimulationApi` (contract.ts) over one run at a time (sim/run.ts), a
 * player that steps it in time (scheduling.ts) and a channel that sends snapshots with
 * back-pressure (snapshots.ts). `worker.ts` only exposes it with comlink; Node tests and the bench
 * drive it directly or over a `MessageChannel`.
 */
import { checkLeverShape, type LeverChange, type LeverEntry } from '../levers';
import type { MarketRecord, MonthRecord } from '../records';
import { Run } from '../run';
import { type ScenarioLoader } from '../scenario/resolve';
import { loadScenarioDocument, loadScenarioText } from '../load-scenario';
import type { Scenario } from '../scenario/schema';
import { describeFound, issue, type Validated, type ValidationIssue } from '../scenario/validate';
import { SampleWriter, type AnimationView } from '../view/animation';
import {
  DEFAULT_MONTHS_PER_SECOND,
  DEFAULT_SAMPLE_SIZE,
  DEFAULT_SEED,
  MAX_MONTHS,
  type ApiError,
  type ApiResult,
  type LoadInput,
  type PlayOptions,
  type ResetOptions,
  type RunRecords,
  type SimListener,
  type SimStatus,
  type SimulationApi,
} from './contract';
import { HeartbeatSender, type HeartbeatPost } from './heartbeat';
import { createRealScheduler, Player, type PlayerOptions } from './scheduling';
import { SnapshotChannel, type SnapshotSource } from './snapshots';

export type { Scheduler } from './scheduling';
export { createRealScheduler } from './scheduling';
export interface ApiOptions extends PlayerOptions {
  /** Posts the heartbeat (`worker.ts`: a plain `postMessage`); none in tests that do not need one. */
  heartbeat?: HeartbeatPost;
}

const MAX_SAMPLE_SIZE = 1_000_000;

/** The loaded run and what the session keeps beside it. */
interface Loaded {
  fileName: string;
  run: Run;
  sample: SampleWriter;
  records: MonthRecord[];
  /** `markets[m]` is month m's market figures, kept beside `records[m]` for exports */
  markets: MarketRecord[];
  failure: string | null;
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

class SimulationSession implements SimulationApi {
  private loaded: Loaded | undefined;
  private runId = 0;
  private seed = DEFAULT_SEED;
  private sampleSize = DEFAULT_SAMPLE_SIZE;
  private readonly player: Player;
  private readonly heartbeat: HeartbeatSender;
  private readonly channel = new SnapshotChannel();

  constructor(
    private readonly loadFile: ScenarioLoader,
    options: ApiOptions,
  ) {
    const scheduler = options.scheduler ?? createRealScheduler();
    this.player = new Player(() => this.advance().ok, DEFAULT_MONTHS_PER_SECOND, { ...options, scheduler });
    this.heartbeat = new HeartbeatSender(options.heartbeat, scheduler, () => ({
      run: this.runId,
      month: this.loaded?.run.month ?? 0,
      playing: this.player.playing,
    }));
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

      let scenario: Validated<Scenario>;
      if ('text' in input) {
        if (typeof input.text !== 'string') return badArgument('text', 'the text of a scenario file', input.text);
        scenario = loadScenarioText(input.text, fileName, this.loadFile);
      } else if ('document' in input) {
        scenario = loadScenarioDocument(input.document, fileName, this.loadFile);
      } else {
        return badArgument('input', 'a `text` or a `document` field', input);
      }
      if (!scenario.ok) return validationError(`${fileName}: invalid scenario`, scenario.issues);

      let timeline: LeverEntry[] = [];
      if (input.levers !== undefined) {
        const shape = checkLeverShape(input.levers);
        if (!shape.ok) return validationError('levers: invalid lever timeline', shape.issues);
        timeline = shape.value;
      }
      // Build the new run completely before touching the old one: a throw here keeps the last good state.
      const run = Run.start(scenario.value, seed, timeline);
      if (!run.ok) return validationError('levers: invalid lever timeline', run.issues);
      this.seed = seed;
      this.sampleSize = sampleSize;
      this.startRun(fileName, run.value);
      return ok(this.currentStatus());
    });
  }

  reset(seed?: number, options: ResetOptions = {}): ApiResult<SimStatus> {
    return this.guard(() => {
      const loaded = this.loaded;
      if (!loaded) return stateError('no scenario is loaded: load one first');
      const nextSeed = seed ?? loaded.run.seed;
      if (!isWholeIn(nextSeed, -(2 ** 31), 2 ** 31 - 1)) return badArgument('seed', 'a whole number', nextSeed);
      const run = Run.start(loaded.run.base, nextSeed, options.keepLevers ? loaded.run.levers() : []);
      if (!run.ok) return validationError('levers: invalid lever timeline', run.issues);
      this.seed = nextSeed;
      this.startRun(loaded.fileName, run.value);
      return ok(this.currentStatus());
    });
  }

  play(options: PlayOptions = {}): ApiResult<SimStatus> {
    return this.guard(() => {
      const usable = this.usable();
      if (!usable.ok) return usable;
      const month = usable.value.run.month;
      const until = options.untilMonth;
      if (until !== undefined && !isWholeIn(until, month + 1, month + MAX_MONTHS)) {
        return badArgument('untilMonth', `a whole number from ${month + 1} to ${month + MAX_MONTHS}`, until);
      }
      this.player.untilMonth = until ?? null;
      this.player.start();
      this.heartbeat.setTicking(true);
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
      const usable = this.usable();
      if (!usable.ok) return usable;
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
      this.player.setSpeed(monthsPerSecond);
      return ok(this.currentStatus());
    });
  }

  setLever(path: string, value: unknown): ApiResult<LeverChange> {
    return this.guard(() => {
      const usable = this.usable();
      if (!usable.ok) return usable;
      if (typeof path !== 'string' || path === '') return badArgument('path', 'a dotted path into the scenario, e.g. "policy.earlyHelp.budgetPerYear"', path);
      const change = usable.value.run.setLever(path, value);
      if (!change.ok) return validationError(`${path}: invalid lever value`, change.issues);
      return ok(change.value);
    });
  }

  leverTimeline(): ApiResult<LeverChange[]> {
    return this.guard(() => ok(this.loaded?.run.levers() ?? []));
  }

  subscribe(listener: SimListener): ApiResult<SimStatus> {
    return this.guard(() => {
      if (typeof listener !== 'function') return badArgument('listener', 'a function (a Comlink.proxy over the worker boundary)', listener);
      this.channel.listen(listener);
      if (this.loaded) this.channel.queueCurrent(this.source(this.loaded));
      return ok(this.currentStatus());
    });
  }

  unsubscribe(): ApiResult<null> {
    return this.guard(() => {
      this.channel.stopListening();
      return ok(null);
    });
  }

  returnBuffers(view: AnimationView): ApiResult<null> {
    return this.guard(() => {
      this.channel.recycle(view);
      return ok(null);
    });
  }

  status(): ApiResult<SimStatus> {
    return this.guard(() => ok(this.currentStatus()));
  }

  scenario(): ApiResult<Scenario> {
    return this.guard(() => (this.loaded ? ok(structuredClone(this.loaded.run.current)) : stateError('no scenario is loaded: load one first')));
  }

  records(fromMonth = 0): ApiResult<MonthRecord[]> {
    return this.guard(() => {
      if (!isWholeIn(fromMonth, 0, Number.MAX_SAFE_INTEGER)) return badArgument('fromMonth', 'a whole number >= 0', fromMonth);
      return ok(this.loaded ? this.loaded.records.slice(fromMonth) : []);
    });
  }

  runRecords(fromMonth = 0): ApiResult<RunRecords> {
    return this.guard(() => {
      if (!isWholeIn(fromMonth, 0, Number.MAX_SAFE_INTEGER)) return badArgument('fromMonth', 'a whole number >= 0', fromMonth);
      const loaded = this.loaded;
      return ok({ records: loaded ? loaded.records.slice(fromMonth) : [], markets: loaded ? loaded.markets.slice(fromMonth) : [] });
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

  private usable(): ApiResult<Loaded> {
    const loaded = this.loaded;
    if (!loaded) return stateError('no scenario is loaded: load one first');
    if (loaded.failure !== null) return stateError(`the simulation failed at month ${loaded.run.month} (${loaded.failure}): reset or load a scenario`);
    return ok(loaded);
  }

  private startRun(fileName: string, run: Run): void {
    this.stopPlaying(false);
    const sample = new SampleWriter(run.population(), this.sampleSize, run.month);
    this.loaded = { fileName, run, sample, records: [run.record()], markets: [run.market()], failure: null };
    this.runId++;
    this.channel.newRun(sample.size);
    this.emitStatus();
    this.channel.queueCurrent(this.source(this.loaded));
  }

  private source(loaded: Loaded): SnapshotSource {
    const { run, sample } = loaded;
    return {
      run: this.runId,
      scale: run.current.population.scale,
      sampleSize: sample.size,
      record: loaded.records[loaded.records.length - 1],
      market: loaded.markets[loaded.markets.length - 1],
      writeView: (view) => sample.write(run.population(), run.month, view),
    };
  }

  /** Simulate one month (its scheduled levers first), record it and queue its snapshot. */
  private advance(): ApiResult<null> {
    const loaded = this.loaded;
    if (!loaded || loaded.failure !== null) return stateError('the run cannot go on: reset or load a scenario');
    try {
      loaded.sample.remember(loaded.run.population(), loaded.run.month);
      loaded.records.push(loaded.run.step());
      loaded.markets.push(loaded.run.market());
      this.channel.queueMonth(this.source(loaded));
      this.heartbeat.due();
    } catch (err) {
      loaded.failure = errorText(err);
      this.stopPlaying();
      const error: ApiError = { kind: 'internal', message: `the simulation failed at month ${loaded.run.month + 1}: ${loaded.failure}` };
      this.channel.send({ type: 'error', error });
      return fail(error);
    }
    if (this.player.untilMonth !== null && loaded.run.month >= this.player.untilMonth) this.stopPlaying();
    return ok(null);
  }

  private stopPlaying(announce = true): void {
    this.heartbeat.setTicking(false);
    if (this.player.stop() && announce) this.emitStatus();
  }

  private emitStatus(): void {
    this.channel.send({ type: 'status', status: this.currentStatus() });
  }

  private currentStatus(): SimStatus {
    const loaded = this.loaded;
    return {
      loaded: loaded !== undefined,
      fileName: loaded?.fileName ?? null,
      scenarioName: loaded?.run.current.name ?? null,
      month: loaded?.run.month ?? 0,
      playing: this.player.playing,
      monthsPerSecond: this.player.speed,
      untilMonth: this.player.untilMonth,
      seed: this.seed,
      sampleSize: loaded?.sample.size ?? this.sampleSize,
      scale: loaded?.run.current.population.scale ?? 1,
      run: this.runId,
      levers: loaded?.run.levers().length ?? 0,
      failure: loaded?.failure ?? null,
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

