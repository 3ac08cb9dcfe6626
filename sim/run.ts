/**
 * One run: a scenario, a seed and a lever timeline, stepped month by month. The CLI, the worker
 * session, `compare` and the tests all step runs through this object, so there is one definition
 * of "a run" and of when a lever takes effect: every change scheduled for month m is applied to
 * the scenario, then the engine gets the new parameters once, then month m is simulated.
 *
 * A change travels one way: it names its scenario path from the start; it is validated once (a
 * live change by `setLever`, a scheduled one when the schedule is checked, which keeps the scenario
 * after each change, so applying it is taking that state); the scenario is converted to engine
 * parameters once for the month (a live change's conversion, made to check that the engine takes
 * it, is the one the next step hands over); and the engine applies them once
 * (`engine/live-params.ts`).
 */
import { applyLever, applyLiveLever, checkedScheduleOf, checkSchedule, type LeverChange, type LeverEntry, type Scheduled } from './levers';
import { nonFiniteIssue } from './finite';
import { toParams, type EngineParams } from './params';
import type { MarketRecord, MonthRecord } from './records';
import type { Scenario } from './scenario/schema';
import { type Validated } from './scenario/validate';
import { Simulation, type PopulationView } from './simulation';

export { applyLever };

export class Run {
  readonly sim: Simulation;
  /** the scenario with every lever applied so far */
  current: Scenario;
  /**
   * The scenario's own timeline and the user's levers, applied entries first
   * (`timeline[0..applied)`), then scheduled ones, in month order (`levers.ts`, `scheduleOf`).
   */
  private timeline: Scheduled[];
  private applied = 0;
  /** the scenario after each change not yet applied (`timeline[applied..]`), as the schedule's check left it */
  private pendingStates: Scenario[];
  /** levers changed `current` since the engine last got parameters */
  private dirty = false;
  /** the engine parameters of a live change, converted when it was checked, for the next step */
  private converted: { scenario: Scenario; params: EngineParams } | undefined;

  private constructor(
    readonly base: Scenario,
    readonly seed: number,
    timeline: Scheduled[],
    pendingStates: Scenario[],
  ) {
    this.current = base;
    this.timeline = timeline;
    this.pendingStates = pendingStates;
    this.sim = new Simulation(toParams(base), seed);
  }

  /**
   * A run at month 0, or the problems with its timeline: the scenario's own `timeline` merged with
   * `levers` (dates read on the scenario's calendar), checked in full before anything runs.
   */
  static start(base: Scenario, seed: number, levers: readonly LeverEntry[] = []): Validated<Run> {
    const checked = checkedScheduleOf(base, levers);
    if (!checked.ok) return checked;
    // The run keeps its own copy of the values (the states hold them too), so the caller's later edits cannot reach it.
    const { schedule, states } = structuredClone(checked.value);
    return { ok: true, value: new Run(base, seed, schedule, states) };
  }

  get month(): number {
    return this.sim.month;
  }

  /** The user's lever changes, applied and scheduled (the scenario's own timeline is not repeated). */
  levers(): LeverChange[] {
    return this.timeline.filter((c) => !c.fromScenario).map(({ month, path, value }) => ({ month, path, value: structuredClone(value) }));
  }

  /** Simulate the next month (its scheduled levers first) and return its record. */
  step(): MonthRecord {
    this.applyScheduled(this.sim.month + 1);
    if (this.dirty) {
      const converted = this.converted?.scenario === this.current ? this.converted.params : toParams(this.current);
      this.sim.setParams(converted);
      this.converted = undefined;
      this.dirty = false;
    }
    this.sim.step();
    return this.sim.record();
  }

  record(): MonthRecord {
    return this.sim.record();
  }

  market(): MarketRecord {
    return this.sim.market();
  }

  population(): PopulationView {
    return this.sim.population();
  }

  /**
   * A live change from the next month on, recorded in the timeline as the CLI's `--levers` replays
   * it. A second change of the same path in the same month replaces the first (the run is the
   * same either way). Refused, with the run unchanged, if the value is invalid or a lever already
   * scheduled later would no longer apply.
   */
  setLever(path: string, value: unknown): Validated<LeverChange> {
    const month = this.sim.month + 1;
    // Levers already scheduled for this month go first, as they come first in the timeline.
    this.applyScheduled(month);
    const changed = applyLiveLever(this.current, path, value);
    if (!changed.ok) return changed;
    // The engine must accept it too, before it is recorded; the next step hands these parameters over.
    const params = toParams(changed.value);
    const later = checkSchedule(changed.value, this.timeline.slice(this.applied));
    if (!later.ok) return { ok: false, issues: later.issues.map((i) => ({ ...i, message: `conflicts with a scheduled lever change: ${i.message}` })) };
    const change: LeverChange = { month, path, value: structuredClone(value) };
    const before = this.timeline.length;
    this.timeline = this.timeline.filter((c, k) => k >= this.applied || c.fromScenario || c.month !== month || c.path !== path);
    this.applied -= before - this.timeline.length;
    this.timeline.splice(this.applied, 0, { ...change, entry: '', when: `month ${month}`, fromScenario: false });
    this.applied++;
    // The user's entries are named as levers() lists them, for later messages.
    let k = 0;
    for (const c of this.timeline) if (!c.fromScenario) c.entry = `levers[${k++}]`;
    this.current = changed.value;
    this.pendingStates = later.value;
    this.converted = { scenario: changed.value, params };
    this.dirty = true;
    return { ok: true, value: structuredClone(change) };
  }

  private applyScheduled(month: number): void {
    while (this.applied < this.timeline.length && this.timeline[this.applied].month <= month) {
      // Checked with the rest of the timeline when the run started or a live change extended it.
      const state = this.pendingStates.shift();
      if (!state) throw new Error(`scheduled lever ${this.timeline[this.applied].path} has no checked state`);
      this.current = state;
      this.applied++;
      this.dirty = true;
    }
  }
}

export interface RunOptions {
  seed: number;
  months: number;
  /** the user's levers, run after the scenario's own timeline within a month */
  levers?: readonly LeverEntry[];
  /** called after each month (including month 0), e.g. for progress or market figures */
  onMonth?: (record: MonthRecord, market: MarketRecord) => void;
}

/** A whole headless run: month 0 and `months` simulated months. */
export function runScenario(scenario: Scenario, options: RunOptions): Validated<MonthRecord[]> {
  const started = Run.start(scenario, options.seed, options.levers);
  if (!started.ok) return started;
  const run = started.value;
  const records: MonthRecord[] = [run.record()];
  const stop0 = nonFiniteIssue(records[0], run.market());
  if (stop0) return { ok: false, issues: [stop0] };
  options.onMonth?.(records[0], run.market());
  for (let m = 1; m <= options.months; m++) {
    const record = run.step();
    records.push(record);
    const stop = nonFiniteIssue(record, run.market());
    if (stop) return { ok: false, issues: [stop] };
    options.onMonth?.(record, run.market());
  }
  return { ok: true, value: records };
}
