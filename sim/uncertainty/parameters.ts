/**
 * The uncertain parameters of a comparison and the scenarios at a point of them.
 *
 * The parameters are every path either side ranges (`uncertainty.ranges`), in path order. A point
 * gives each parameter a quantile u in [0, 1] (NaN: the scenario's own value). Each side maps u
 * through its own range, with its own value as the triangular mode, so a parameter A and B share
 * (same value, same range) takes the same value in both, and one only B ranges (e.g. the providers'
 * claims, which exist only in B) moves B alone. A side that does not range a path keeps its value.
 */
import type { Scenario } from '../scenario/schema';
import { valueAtPath } from '../scenario/paths';
import { numericLeaf } from '../scenario/schema-leaves';
import { validateScenario, type Validated } from '../scenario/validate';
import { inverseCdf, type Range } from './sampler';

export interface SideRange {
  range: Range;
  /** the side's own value: the triangular mode */
  value: number;
}

export interface UncertainParameter {
  path: string;
  a?: SideRange;
  b?: SideRange;
  /** where the range was given (A's basis, else B's) */
  basis: string;
}

function sideRange(s: Scenario, path: string): SideRange | undefined {
  const r = s.uncertainty?.ranges[path];
  const value = valueAtPath(s, path);
  return r && typeof value === 'number' ? { range: { low: r.low, high: r.high, distribution: r.distribution }, value } : undefined;
}

/** Every path ranged by A or by B (B optional: a one-scenario screening), sorted. */
export function uncertainParameters(a: Scenario, b?: Scenario): UncertainParameter[] {
  const paths = new Set([...Object.keys(a.uncertainty?.ranges ?? {}), ...Object.keys(b?.uncertainty?.ranges ?? {})]);
  return [...paths].sort().map((path) => {
    const ra = sideRange(a, path);
    const rb = b ? sideRange(b, path) : undefined;
    const basis = a.uncertainty?.ranges[path]?.basis ?? b?.uncertainty?.ranges[path]?.basis ?? '';
    return { path, ...(ra ? { a: ra } : {}), ...(rb ? { b: rb } : {}), basis };
  });
}

/** The side's range of a parameter (A's when both range it, for reporting values). */
export function reportedRange(p: UncertainParameter): SideRange {
  return (p.a ?? p.b) as SideRange;
}

/** The value a side takes at quantile u (its own value where it does not range the path, or u is NaN). */
export function sideValue(p: UncertainParameter, side: 'a' | 'b', u: number): number | undefined {
  const r = p[side];
  if (!r || Number.isNaN(u)) return undefined;
  return inverseCdf(r.range, r.value, u);
}

/** The values a side takes at a point: only the paths the point moves. */
export function valuesAt(parameters: readonly UncertainParameter[], side: 'a' | 'b', u: ArrayLike<number>): Record<string, number> {
  const out: Record<string, number> = {};
  parameters.forEach((p, i) => {
    const v = sideValue(p, side, u[i]);
    if (v !== undefined) out[p.path] = v;
  });
  return out;
}

/** The scenario with `values` set (whole numbers rounded for whole-number fields), validated once. */
export function withValues(scenario: Scenario, values: Readonly<Record<string, number>>): Validated<Scenario> {
  const copy = structuredClone(scenario) as unknown as Record<string, unknown>;
  for (const [path, raw] of Object.entries(values)) {
    const keys = path.split('.');
    let node = copy;
    for (const key of keys.slice(0, -1)) node = node[key] as Record<string, unknown>;
    node[keys[keys.length - 1]] = numericLeaf(path)?.type === 'integer' ? Math.round(raw) : raw;
  }
  return validateScenario(copy);
}
