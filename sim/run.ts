/**
 * One run: a scenario, a seed and a lever timeline, stepped month by month. The CLI, the worker
 * session, `compare` and the tests all step runs through this object, so there is one definition
 * of "a run" and of when a lever takes effect: every change scheduled for month m is applied to
 * the scenario, then the engine gets the new parameters once, then month m is simulated.
 */
import { applyLever, applyLiveLever, checkSchedule, scheduleOf, type LeverChange, type LeverEntry, type Scheduled } from './levers';
import { nonFiniteIssue } from './finite';
import { toParams } from './params';
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
  /** levers changed `current` since the engine last got parameters */
  private dirty = false;

  private constructor(
    readonly base: Scenario,
    readonly seed: number,
    timeline: Scheduled[],
  ) {
    this.current = base;
    this.timeline = timeline;
    this.sim = new Simulation(toParams(base), seed);
  }

  /**
   * A run at month 0, or the problems with its timeline: the scenario's own `timeline` merged with
   * `levers` (dates read on the scenario's calendar), checked in full before anything runs.
   */
  static start(base: Scenario, seed: number, levers: readonly LeverEntry[] = []): Validated<Run> {
    const schedule = scheduleOf(base, levers);
    if (!schedule.ok) return schedule;
    return { ok: true, value: new Run(base, seed, structuredClone(schedule.value)) };
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
      this.sim.setParams(toParams(this.current));
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
    toParams(changed.value); // the engine must accept it too, before it is recorded
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
    this.dirty = true;
    return { ok: true, value: structuredClone(change) };
  }

  private applyScheduled(month: number): void {
    while (this.applied < this.timeline.length && this.timeline[this.applied].month <= month) {
      const lever = this.timeline[this.applied];
      const changed = applyLiveLever(this.current, lever.path, lever.value);
      // The timeline was checked as a whole when the run started or it was extended, so this cannot fail.
      if (!changed.ok) throw new Error(`scheduled lever ${lever.path} (${lever.when}) no longer applies: ${changed.issues[0]?.message}`);
      this.current = changed.value;
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
