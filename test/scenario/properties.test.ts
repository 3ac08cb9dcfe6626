import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../sim/run';
import type { Scenario } from '../../sim/scenario/schema';
import { ScenarioSchema } from '../../sim/scenario/schema';
import { joinPath, validateScenario } from '../../sim/scenario/validate';
import { expectInvariants, loadShipped } from '../helpers';

interface Node {
  type?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  properties?: Record<string, Node>;
  anyOf?: Node[];
  required?: string[];
}

/** Every numeric or boolean leaf of the schema, with its bounds, except the population (kept small for speed). */
function leaves(node: Node, path: string[] = []): { path: string[]; schema: Node }[] {
  if (node.properties) return Object.entries(node.properties).flatMap(([k, v]) => leaves(v, [...path, k]));
  if (node.anyOf) {
    const numeric = node.anyOf.find((n) => n.type === 'integer' || n.type === 'number');
    return numeric ? [{ path, schema: numeric }] : [];
  }
  return node.type === 'number' || node.type === 'integer' || node.type === 'boolean' ? [{ path, schema: node }] : [];
}

const TUNABLE = leaves(ScenarioSchema as unknown as Node).filter(
  // `workshop` is a script for the app, `uncertainty` ranges: neither is a model parameter.
  (l) => !['population', 'initialState', 'calibration', 'uncertainty', 'workshop'].includes(l.path[0]),
);
const baseline = loadShipped('north-east-baseline.json', { 'population.scale': 0.004 });

function get(root: unknown, path: readonly string[]): unknown {
  return path.reduce<unknown>((node, k) => (node as Record<string, unknown>)[k], root);
}
function set(root: unknown, path: readonly string[], value: unknown): void {
  const parent = get(root, path.slice(0, -1)) as Record<string, unknown>;
  parent[path[path.length - 1]] = value;
}

/** A valid scenario: the baseline with random leaves moved within their allowed ranges. */
const validScenario = fc
  .array(fc.tuple(fc.integer({ min: 0, max: TUNABLE.length - 1 }), fc.double({ min: 0, max: 3, noNaN: true }), fc.boolean()), {
    minLength: 1,
    maxLength: 25,
  })
  .map((changes) => {
    const s = structuredClone(baseline) as Scenario;
    for (const [k, factor, flag] of changes) {
      const { path, schema } = TUNABLE[k];
      const current = get(s, path);
      if (schema.type === 'boolean') {
        set(s, path, flag);
        continue;
      }
      const base = typeof current === 'number' ? current : 1;
      let value = base * factor;
      if (schema.maximum !== undefined) value = Math.min(value, schema.maximum);
      if (schema.minimum !== undefined) value = Math.max(value, schema.minimum);
      if (schema.exclusiveMinimum !== undefined) value = Math.max(value, schema.exclusiveMinimum + 1e-3);
      if (schema.type === 'integer') value = Math.round(value);
      set(s, path, value);
    }
    return s;
  });

describe('properties of random scenarios', () => {
  it('keeps every invariant for random valid scenarios and seeds', () => {
    fc.assert(
      fc.property(validScenario, fc.integer({ min: 0, max: 1_000_000 }), (scenario, seed) => {
        const valid = validateScenario(scenario);
        // A random change can make every weight of a mix zero: that is rightly rejected, and not this property's concern.
        fc.pre(valid.ok);
        const run = runScenario(scenario, { seed, months: 30 });
        expect(run.ok).toBe(true);
        if (run.ok) expectInvariants(run.value);
      }),
      { numRuns: 40 },
    );
  });

  const allLeaves = (() => {
    const out: string[][] = [];
    const walk = (node: unknown, path: string[]) => {
      if (node !== null && typeof node === 'object') {
        for (const [k, v] of Object.entries(node)) walk(v, [...path, k]);
      } else if (path[0] !== 'citations' && path[0] !== 'calibration' && path[0] !== '$schema') out.push(path);
    };
    walk(baseline, []);
    return out;
  })();

  const wrongValue = (current: unknown) =>
    typeof current === 'string'
      ? fc.constantFrom<unknown>(42, true, null, ['x'], { a: 1 })
      : typeof current === 'boolean'
        ? fc.constantFrom<unknown>('true', 1, null, [], {})
        : fc.constantFrom<unknown>('lots', true, [], { n: 1 }, -1e9, '12');

  it('rejects random malformed scenarios with an error naming the path, and never throws', () => {
    const mutation = fc.integer({ min: 0, max: allLeaves.length - 1 }).chain((k) =>
      fc.oneof(
        wrongValue(get(baseline, allLeaves[k])).map((value) => ({ kind: 'wrong' as const, path: allLeaves[k], value })),
        fc.constant({ kind: 'delete' as const, path: allLeaves[k], value: undefined as unknown }),
        fc.string({ minLength: 1, maxLength: 8 }).map((name) => ({ kind: 'unknown' as const, path: [...allLeaves[k].slice(0, -1), `x_${name}`], value: 1 as unknown })),
      ),
    );
    fc.assert(
      fc.property(mutation, (m) => {
        const doc = structuredClone(baseline) as unknown as Record<string, unknown>;
        const parent = get(doc, m.path.slice(0, -1)) as Record<string, unknown>;
        const key = m.path[m.path.length - 1];
        if (m.kind === 'delete') delete parent[key];
        else parent[key] = m.value;
        // Deleting an optional field is not an error.
        fc.pre(!(m.kind === 'delete' && ['url', 'extends', 'startDate'].includes(key)));
        // Nor is deleting an entry of `uncertainty.fixed` (a parameter that then needs no reason).
        fc.pre(!(m.kind === 'delete' && m.path[0] === 'uncertainty' && m.path[1] === 'fixed'));
        const result = validateScenario(doc);
        expect(result.ok).toBe(false);
        if (!result.ok) {
          const expected = joinPath(m.path.map((k) => (/^\d+$/.test(k) ? Number(k) : k)));
          const named = result.issues.some((i) => i.path === expected);
          expect(named, `${expected}: ${result.issues.map((i) => i.message).join(' | ')}`).toBe(true);
          for (const i of result.issues) expect(i.message).toMatch(/: expected .+, found .+/);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on arbitrary JSON values', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const result = validateScenario(value);
        expect(result.ok).toBe(false);
      }),
      { numRuns: 200 },
    );
  });
});
