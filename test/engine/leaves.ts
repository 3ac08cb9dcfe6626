/**
 * The numeric and boolean leaves of a scenario, walked generically (a parameter added later is
 * covered without touching the tests), and a changed value for each within the schema's bounds.
 */
import { ScenarioSchema } from '../../sim/scenario/schema';

interface SchemaNode {
  type?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  properties?: Record<string, SchemaNode>;
  anyOf?: SchemaNode[];
}

export interface Leaf {
  path: string;
  value: number | boolean;
  /** the schema's number (or boolean) node for the path */
  node: SchemaNode;
}

function nodeAt(path: string): SchemaNode {
  let node = ScenarioSchema as unknown as SchemaNode;
  for (const key of path.split('.')) {
    const next = node.properties?.[key];
    if (!next) throw new Error(`${path}: not in the schema`);
    node = next;
  }
  // `places: integer | null`: the number branch carries the bounds.
  return node.anyOf?.find((n) => n.type === 'number' || n.type === 'integer') ?? node;
}

/**
 * Every number and boolean in `root` (objects walked, lists such as `sources` and `timeline` not,
 * nor the `uncertainty` block: ranges keyed by path, about parameters rather than parameters).
 */
export function numericLeaves(root: unknown, prefix = ''): Leaf[] {
  if (root === null || typeof root !== 'object' || Array.isArray(root)) return [];
  return Object.entries(root as Record<string, unknown>).flatMap(([key, value]) => {
    if (prefix === '' && key === 'uncertainty') return [];
    const path = prefix === '' ? key : `${prefix}.${key}`;
    if (typeof value === 'number' || typeof value === 'boolean') return [{ path, value, node: nodeAt(path) }];
    return numericLeaves(value, path);
  });
}

/**
 * A clearly different valid value: booleans flipped; numbers times 10, else divided by 10 (0
 * becomes a tenth of the maximum), rounded for whole numbers, kept within the schema's bounds. A
 * large change, so that a parameter that acts does so visibly within a short, small run.
 */
export function changedValue(leaf: Leaf): number | boolean {
  const { value, node } = leaf;
  if (typeof value === 'boolean') return !value;
  const max = node.maximum ?? Number.MAX_SAFE_INTEGER;
  const min = node.minimum ?? node.exclusiveMinimum ?? -Number.MAX_SAFE_INTEGER;
  const candidates = value === 0 ? [max / 10, 1] : [value * 10, value / 10, value + 1, value - 1];
  for (const raw of candidates) {
    const v = node.type === 'integer' ? Math.round(raw) : raw;
    const inside = v <= max && (node.exclusiveMinimum !== undefined ? v > node.exclusiveMinimum : v >= min);
    if (inside && v !== value) return v;
  }
  throw new Error(`${leaf.path}: no changed value within the schema's bounds`);
}
