/** Shared by the councils' tests: the North East as its councils, run month by month with its engine in reach. */
import { Run } from '../../sim/run';
import type { MonthRecord } from '../../sim/records';
import type { Scenario } from '../../sim/scenario/schema';
import { loadShipped } from '../helpers';

export const COUNCILS_FILE = 'north-east-councils.json';

export function councilsScenario(scale = 0.05, overrides: Record<string, unknown> = {}): Scenario {
  return loadShipped(COUNCILS_FILE, { 'population.scale': scale, ...overrides });
}

/** A run of `months` months, calling `each` after every month (month 0 included) with the run in reach. */
export function runEach(s: Scenario, seed: number, months: number, each: (record: MonthRecord, run: Run) => void): MonthRecord[] {
  const started = Run.start(s, seed);
  if (!started.ok) throw new Error(started.issues.map((i) => i.message).join('\n'));
  const run = started.value;
  const out = [run.record()];
  each(out[0], run);
  for (let m = 1; m <= months; m++) {
    out.push(run.step());
    each(out[m], run);
  }
  return out;
}

/** Great-circle miles, written out here on its own (haversine, Earth radius 3,958.8 miles), to check the engine's distances. */
export function miles(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const r = (d: number) => (d * Math.PI) / 180;
  const h = Math.sin(r(b.lat - a.lat) / 2) ** 2 + Math.cos(r(a.lat)) * Math.cos(r(b.lat)) * Math.sin(r(b.lon - a.lon) / 2) ** 2;
  return 2 * 3958.8 * Math.asin(Math.sqrt(h));
}
