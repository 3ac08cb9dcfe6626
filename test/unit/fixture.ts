/**
 * Tiny engine states for the fast tests of the mechanism modules: the North East baseline's
 * parameters at a sample of about 500 children, with an empty population that each test fills by
 * hand through the accessors, so every count a test asserts on is one it set up itself.
 */
import { years } from '../../sim/ages';
import { activate, enterState } from '../../sim/engine/moves';
import { enterHost, isLocatedCode, OWN_COUNCIL } from '../../sim/engine/region';
import { activePosOf, EMPTY, FAMILY_SHIFT, FAMILY_SLOTS, setBorn, setSize, setStream, sizeOf, stateOf } from '../../sim/engine/population';
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

/** Families used so far in each tiny state (each new child gets a family of its own, in turn). */
const familiesUsed = new WeakMap<EngineState, number>();
let nextSerial = 0;

/**
 * Put a new child of the given age (in months, at month `s.month`) into a state, alone in a family
 * of its own (so family-level rules such as early-help cases see one child per family unless a
 * test adds siblings), with its own random stream; returns its slot.
 */
export function addChild(s: EngineState, code: number, ageMonths = years(8)): number {
  const family = familiesUsed.get(s) ?? 0;
  familiesUsed.set(s, family + 1);
  if (family >= s.familyCount) throw new Error(`the tiny state holds ${s.familyCount} families`);
  return placeChild(s, family << FAMILY_SHIFT, code, ageMonths);
}

/** Put a new child into the family of child `of` (its next free slot); returns its slot. */
export function addSibling(s: EngineState, of: number, code: number, ageMonths = years(8)): number {
  const base = (of >> FAMILY_SHIFT) << FAMILY_SHIFT;
  for (let i = base; i < base + FAMILY_SLOTS; i++) if (stateOf(s.children.a, i) === EMPTY) return placeChild(s, i, code, ageMonths);
  throw new Error('the family is full');
}

function placeChild(s: EngineState, i: number, code: number, ageMonths: number): number {
  const fam = i >> FAMILY_SHIFT;
  setSize(s.families, fam, sizeOf(s.families, fam) + 1);
  setStream(s.children.a, i, nextSerial++, 0);
  setBorn(s.children.a, i, s.month - ageMonths);
  enterState(s, i, code);
  // a child in a located placement is stepped monthly and lives somewhere (in its own council), as the engine keeps it
  if (isLocatedCode(code)) {
    activate(s, i);
    enterHost(s, activePosOf(s.children.a, i), code, OWN_COUNCIL);
  }
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
