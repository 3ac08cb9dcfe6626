/** Helpers for the worker API tests: a small baseline, a manual clock, a listener that records events. */
import { directoryLoader, SCENARIO_DIR } from '../../sim/node/files';
import type { LoadInput, SimEvent } from '../../sim/worker/contract';
import type { Snapshot } from '../../sim/worker/contract';
import { loadShipped } from '../helpers';

export const SCALE = 0.03;
export const nodeLoader = directoryLoader(SCENARIO_DIR);

/** The North East baseline at a small scale, as a page would send a user's file. */
export function smallBaseline(options: Partial<LoadInput> = {}): LoadInput {
  return {
    fileName: 'small-baseline.json',
    document: { extends: 'north-east-baseline.json', population: { scale: SCALE } },
    sampleSize: 2000,
    ...options,
  } as LoadInput;
}

export const smallScenario = () => loadShipped('north-east-baseline.json', { 'population.scale': SCALE });

/** Let pending acknowledgements (promise callbacks) run. */
export const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** Timers on a clock that moves only when told: `play` becomes deterministic. */
export { FakeClock as ManualScheduler } from '../viz/fake-clock';

/** A listener that keeps every event and acknowledges at once (or when `hold` says so). */
export function recorder() {
  const events: SimEvent[] = [];
  const snapshots: Snapshot[] = [];
  let release: (() => void)[] = [];
  let holding = false;
  const listener = (event: SimEvent): unknown => {
    events.push(event);
    if (event.type !== 'snapshot') return undefined;
    snapshots.push(event.snapshot);
    if (!holding) return undefined;
    return new Promise<void>((resolve) => release.push(resolve));
  };
  return {
    listener,
    events,
    snapshots,
    hold: () => (holding = true),
    /** acknowledge everything held so far, and stop holding */
    ackAll: () => {
      holding = false;
      const pending = release;
      release = [];
      pending.forEach((r) => r());
    },
    /** acknowledge what is held, keep holding the next ones */
    ackHeld: () => {
      const pending = release;
      release = [];
      pending.forEach((r) => r());
    },
    statuses: () => events.flatMap((e) => (e.type === 'status' ? [e.status] : [])),
  };
}
