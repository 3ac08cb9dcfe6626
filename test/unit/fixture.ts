/**
 * Tiny engine states for the fast tests of the mechanism modules: the North East baseline's
 * parameters at a sample of about 500 children, with an empty population that each test fills by
 * hand through the accessors, so every count a test asserts on is one it set up itself.
 */
import { years } from '../../sim/ages';
import { enterState } from '../../sim/engine/moves';
import { setBorn, setStream } from '../../sim/engine/population';
import { EngineState } from '../../sim/engine/state';
import { toParams, type EngineParams } from '../../sim/params';
import type { Scenario } from '../../sim/scenario/schema';
import { STATE_CODE, type StateId } from '../../sim/states';
import { loadShipped } from '../helpers';

let baseline: Scenario | undefined;

/** The baseline's engine parameters at scale 0.001 (fresh arrays each call), with overrides. */
export function tinyParams(overrides: Partial<EngineParams> = {}): EngineParams {
  baseline ??= loadShipped('north-east-baseline.json', { 'population.scale': 0.001 });
  return { ...toParams(baseline), ...overrides };
}

/** An engine state with no children in it yet (`Simulation` would populate it; these tests do by hand). */
export function tinyState(overrides: Partial<EngineParams> = {}, seed = 1): EngineState {
  return new EngineState(tinyParams(overrides), seed);
}

/** Slots filled so far in each tiny state (children go into slots 0, 1, 2, ... in turn). */
const filled = new WeakMap<EngineState, number>();

/**
 * Put a new child of the given age (in months, at month `s.month`) into a state, in the next free
 * slot, with its own random stream; returns its slot.
 */
export function addChild(s: EngineState, code: number, ageMonths = years(8)): number {
  const i = filled.get(s) ?? 0;
  filled.set(s, i + 1);
  if (i >= s.children.capacity) throw new Error(`the tiny state holds ${s.children.capacity} children`);
  setStream(s.children.a, i, i, 0);
  setBorn(s.children.a, i, s.month - ageMonths);
  enterState(s, i, code);
  return i;
}

/** Put `n` children into a state; returns their slots. */
export function addChildren(s: EngineState, code: number, n: number, ageMonths = years(8)): number[] {
  return Array.from({ length: n }, () => addChild(s, code, ageMonths));
}

/** Put children into several states at once, e.g. `{ assessment: 2, child_in_need: 3 }`. */
export function populate(s: EngineState, counts: Partial<Record<StateId, number>>): void {
  for (const [id, n] of Object.entries(counts) as [StateId, number][]) addChildren(s, STATE_CODE[id], n);
}
