/**
 * How the uncertainty analyses get their runs: a batch of tasks in, outcome series out, in task
 * order. One small interface so the serial runner here can be swapped for a worker-thread pool (the
 * CLI's `runMany`, the app's worker pool) without touching the analyses; the results cannot depend on
 * which runner made them (each run is a pure function of its task).
 */
import type { RunSeries } from '../comparison/outcomes';
import { runSide } from '../comparison/summary';
import type { LeverChange } from '../levers';
import type { Scenario } from '../scenario/schema';

export interface RunTask {
  /** validated, scale applied, drawn values and calibration applied */
  scenario: Scenario;
  levers: LeverChange[];
  seed: number;
  months: number;
}

/** Runs a batch; `onRun` after each finished run (for progress). Throws on a run that stops (non-finite output). */
export type Runner = (tasks: readonly RunTask[], onRun?: () => void) => Promise<RunSeries[]>;

/** Every task in this thread, one after another. */
export const serialRunner: Runner = async (tasks, onRun) => {
  const out: RunSeries[] = [];
  for (const task of tasks) {
    const run = runSide({ scenario: task.scenario, levers: task.levers }, task.seed, task.months);
    if (!run.ok) throw new Error(`a run stopped (seed ${task.seed}): ${run.issues[0]?.message ?? 'no message'}`);
    out.push(run.value);
    onRun?.();
  }
  return out;
};

/**
 * A runner that runs each distinct task once per process: the key is the caller's (a digest of what
 * makes the run: side, drawn values, calibration, seed), so A's runs at a point serve every B
 * compared with it, and a break-even search revisiting a point costs nothing.
 */
export class RunCache {
  private readonly done = new Map<string, RunSeries>();
  runs = 0;

  constructor(private readonly runner: Runner) {}

  async get(keyed: readonly { key: string; task: RunTask }[], onRun?: () => void): Promise<RunSeries[]> {
    const missing = new Map<string, RunTask>();
    for (const { key, task } of keyed) if (!this.done.has(key) && !missing.has(key)) missing.set(key, task);
    const keys = [...missing.keys()];
    const results = await this.runner([...missing.values()], onRun);
    keys.forEach((key, k) => this.done.set(key, results[k]));
    this.runs += keys.length;
    return keyed.map(({ key }) => this.done.get(key) as RunSeries);
  }
}
