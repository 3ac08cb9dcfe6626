/**
 * The animation sample: for a fixed set of population slots (0..size-1), each child's state now,
 * its state when the page last drew, and its family's poverty. This module owns the view codes and
 * every way a view is built, written and merged; the engine knows nothing of it and is only read.
 */
import { bornOf, EMPTY, FAMILY_SHIFT, flagsOf, povertyBit, stateOf } from '../engine/population';
import type { PopulationView } from '../simulation';

/** Special state codes in the animation view, besides the state indices of `STATES`. */
export const VIEW_CODE = {
  /** previous code of a child born this month */
  birth: 253,
  /** current code of a slot whose child left the population this month */
  exited: 254,
  /** slot not holding a child */
  empty: EMPTY,
} as const;

/** Per-child animation data for a fixed sample of population slots (typed arrays, sent as transferables). */
export interface AnimationView {
  /** state code now (index into STATES, or a VIEW_CODE) */
  state: Uint8Array;
  /** state code at the start of the snapshot's period */
  prev: Uint8Array;
  /** 1 if the child's family is in poverty */
  poor: Uint8Array;
}

export function newView(size: number): AnimationView {
  // Three buffers, not one shared: each is transferred on its own and the transfer list must not repeat a buffer.
  return { state: new Uint8Array(size), prev: new Uint8Array(size), poor: new Uint8Array(size) };
}

export function isViewOfSize(value: unknown, size: number): value is AnimationView {
  if (value === null || typeof value !== 'object') return false;
  const v = value as Partial<Record<keyof AnimationView, unknown>>;
  return [v.state, v.prev, v.poor].every((a) => a instanceof Uint8Array && a.length === size);
}

/** The buffers of a view, for a transfer list. */
export function viewBuffers(view: AnimationView): ArrayBuffer[] {
  return [view.state.buffer as ArrayBuffer, view.prev.buffer as ArrayBuffer, view.poor.buffer as ArrayBuffer];
}

/**
 * Writes views of one run's sample. `remember` before each month keeps the states the month
 * starts from; `write` after it fills a view (a child born during the month shows `prev = birth`,
 * a slot whose child left shows `state = exited`).
 */
export class SampleWriter {
  private readonly prev: Uint8Array;

  /** `size` slots, capped at the population's; remembers the states at the run's current month. */
  constructor(
    pop: PopulationView,
    size: number,
    private month: number,
  ) {
    this.prev = new Uint8Array(Math.min(size, pop.capacity));
    this.remember(pop, month);
  }

  get size(): number {
    return this.prev.length;
  }

  /** The states at the start of the next month (call before stepping from `month`). */
  remember(pop: PopulationView, month: number): void {
    const a = pop.children;
    for (let i = 0; i < this.prev.length; i++) this.prev[i] = stateOf(a, i);
    this.month = month;
  }

  /** Fill `view` for the population as it is now, `month` months in. */
  write(pop: PopulationView, month: number, view: AnimationView): void {
    const a = pop.children;
    const bornThisPeriod = month > this.month;
    const n = Math.min(this.prev.length, view.state.length);
    for (let i = 0; i < n; i++) {
      const s = stateOf(a, i);
      const prev = s !== EMPTY && bornThisPeriod && bornOf(a, i) > this.month ? VIEW_CODE.birth : this.prev[i];
      view.state[i] = s === EMPTY && prev !== EMPTY ? VIEW_CODE.exited : s;
      view.prev[i] = prev;
      view.poor[i] = s === EMPTY ? 0 : povertyBit(flagsOf(pop.families, i >> FAMILY_SHIFT));
    }
  }
}

const isChild = (code: number): boolean => code !== VIEW_CODE.empty && code !== VIEW_CODE.exited;

/**
 * Fold the next month's view into a pending one, so that `prev` stays the code at the start of the
 * whole period (what the page last drew) and `state` the code at its end.
 *
 * A slot taken by a newborn during the period shows `prev = birth`; a child who left during the
 * period shows `state = exited` even if the exit was months ago. When one child left and another was
 * born into the same slot within the period, the page sees only the newborn (a sample of dots, so the
 * loss is one animation, never a count: counts come from the record).
 */
export function mergeView(pending: AnimationView, next: AnimationView): void {
  const n = Math.min(pending.state.length, next.state.length);
  for (let i = 0; i < n; i++) {
    if (next.prev[i] === VIEW_CODE.birth) pending.prev[i] = VIEW_CODE.birth;
    const now = next.state[i];
    const before = pending.state[i];
    pending.state[i] = now === VIEW_CODE.empty && (isChild(before) || before === VIEW_CODE.exited) ? VIEW_CODE.exited : now;
    pending.poor[i] = next.poor[i];
  }
}
