/**
 * One headless run: scenario + seed (+ lever timeline) -> month records. The CLI, the tests and
 * the worker's parity check all go through here, so there is one definition of "a run".
 */
import type { LeverChange } from './api-types';
import { nonFiniteIssue } from './finite';
import { toParams } from './params';
import type { MarketRecord, MonthRecord } from './records';
import { withPath } from './scenario/resolve';
import type { Scenario } from './scenario/schema';
import { capIssues, validateScenario, type Validated, type ValidationIssue } from './scenario/validate';
import { Simulation } from './simulation';

export interface RunOptions {
  seed: number;
  months: number;
  levers?: readonly LeverChange[];
  /** called after each month (including month 0), e.g. for progress or market figures */
  onMonth?: (record: MonthRecord, market: MarketRecord) => void;
}

/** Apply a lever to a scenario; the result is validated like a scenario file. */
export function applyLever(scenario: Scenario, path: string, value: unknown): Validated<Scenario> {
  const changed = withPath(scenario, path, value);
  if (!changed.ok) return changed;
  return validateScenario(changed.value);
}

/** Check a whole timeline up front, so a bad entry fails before any month is simulated. */
export function checkTimeline(scenario: Scenario, levers: readonly LeverChange[]): Validated<Scenario[]> {
  // Every lever is checked, so all problems show at once; a failed one is skipped for the rest.
  const states: Scenario[] = [];
  const issues: ValidationIssue[] = [];
  let current = scenario;
  for (const [k, lever] of levers.entries()) {
    const next = applyLever(current, lever.path, lever.value);
    if (next.ok) current = next.value;
    else issues.push(...next.issues.map((i) => ({ ...i, message: `levers[${k}] (month ${lever.month}): ${i.message}` })));
    states.push(current);
  }
  return issues.length > 0 ? { ok: false, issues: capIssues(issues) } : { ok: true, value: states };
}

export function runScenario(scenario: Scenario, options: RunOptions): Validated<MonthRecord[]> {
  const levers = [...(options.levers ?? [])].sort((a, b) => a.month - b.month);
  const checked = checkTimeline(scenario, levers);
  if (!checked.ok) return checked;
  const sim = new Simulation(toParams(scenario), { seed: options.seed });
  const records: MonthRecord[] = [sim.record()];
  const stop0 = nonFiniteIssue(records[0], sim.market());
  if (stop0) return { ok: false, issues: [stop0] };
  options.onMonth?.(records[0], sim.market());
  let next = 0;
  for (let m = 1; m <= options.months; m++) {
    let changed: Scenario | undefined;
    while (next < levers.length && levers[next].month <= m) changed = checked.value[next++];
    if (changed) sim.setParams(toParams(changed));
    sim.step();
    const record = sim.record();
    records.push(record);
    const stop = nonFiniteIssue(record, sim.market());
    if (stop) return { ok: false, issues: [stop] };
    options.onMonth?.(record, sim.market());
  }
  return { ok: true, value: records };
}
