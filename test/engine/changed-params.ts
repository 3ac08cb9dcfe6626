/**
 * Which engine parameters differ between two parameter sets: how the tests find what a scenario
 * field moves (the engine itself never diffs parameters; sim/engine/live-params.ts).
 */
import { LIVE_EFFECT } from '../../sim/engine/live-params';
import type { EngineParams } from '../../sim/params';

function sameValue(x: unknown, y: unknown): boolean {
  if (x === y) return true;
  if (typeof x !== 'object' || typeof y !== 'object' || x === null || y === null) return Number.isNaN(x) && Number.isNaN(y);
  const xs = x as Record<string, unknown>;
  const ys = y as Record<string, unknown>;
  const keys = Object.keys(xs);
  if (keys.length !== Object.keys(ys).length) return false;
  return keys.every((k) => sameValue(xs[k], ys[k]));
}

/** The parameters whose values differ between two parameter sets. */
export function changedParams(old: EngineParams, next: EngineParams): (keyof EngineParams)[] {
  return (Object.keys(LIVE_EFFECT) as (keyof EngineParams)[]).filter((key) => !sameValue(old[key], next[key]));
}
