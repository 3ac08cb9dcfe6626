/**
 * The two scenarios side by side, parameter by parameter, in the schema's own words (its
 * description and unit) with each scenario's citation: the "parameters" sheet of the workbook and
 * the "how the scenarios differ" part of the report.
 */
import type { LeverChange } from '../levers';
import type { Scenario } from '../scenario/schema';
import { SCHEMA_LEAVES, schemaLeaf } from '../scenario/schema-leaves';

export interface ParameterRow {
  path: string;
  description: string;
  unit: string;
  a: unknown;
  b: unknown;
  differs: boolean;
  /** the citation of the value (B's where the values differ and B cites it, else A's) */
  citation: string;
}

export function valueAt(root: unknown, path: string): unknown {
  let node: unknown = root;
  for (const key of path.split('.')) {
    if (node === null || typeof node !== 'object' || !Object.hasOwn(node, key)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

const same = (x: unknown, y: unknown) => JSON.stringify(x) === JSON.stringify(y);

export function parameterRows(a: Scenario, b: Scenario): ParameterRow[] {
  return SCHEMA_LEAVES.map(({ path, node }) => {
    const va = valueAt(a, path);
    const vb = valueAt(b, path);
    const differs = !same(va, vb);
    const citation = (differs ? b.citations[path] : undefined) ?? a.citations[path] ?? b.citations[path] ?? '';
    return { path, description: node.description ?? '', unit: node.unit ?? '', a: va, b: vb, differs, citation };
  });
}

/** The value of every lever path just before each change, so a change reads "from -> to". */
export function leverSteps(scenario: Scenario, levers: readonly LeverChange[]): { change: LeverChange; before: unknown }[] {
  const current = new Map<string, unknown>();
  return [...levers]
    .sort((x, y) => x.month - y.month)
    .map((change) => {
      const before = current.has(change.path) ? current.get(change.path) : valueAt(scenario, change.path);
      current.set(change.path, change.value);
      return { change, before };
    });
}

/** The schema's unit and description of a path, for labels (undefined for a path the schema lacks). */
export function describeParameter(path: string): { description: string; unit: string } | undefined {
  const found = schemaLeaf(path);
  return found ? { description: found.description ?? '', unit: found.unit ?? '' } : undefined;
}

/** The sources a scenario cites, with the ids its citations use. */
export function sourcesOf(scenario: Scenario): { id: string; citation: string; url?: string }[] {
  return scenario.sources.map((s) => ({ id: s.id, citation: s.citation, url: s.url }));
}
