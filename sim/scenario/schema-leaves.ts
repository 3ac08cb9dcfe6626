/**
 * The schema's leaves (numbers, whole numbers, flags, texts) by dotted path, with their description,
 * unit and bounds: read by the parameters table of a comparison and by the uncertainty ranges,
 * which must stay within what the field allows.
 */
import { ScenarioSchema } from './schema';

export interface SchemaLeaf {
  type?: string;
  description?: string;
  unit?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  anyOf?: SchemaLeaf[];
  properties?: Record<string, SchemaLeaf>;
}

/** Top-level fields that are not parameters of the model. */
export const NOT_PARAMETERS: ReadonlySet<string> = new Set(['$schema', 'extends', 'name', 'description', 'sources', 'citations', 'uncertainty', 'workshop']);

function collect(node: SchemaLeaf, prefix: string, out: { path: string; node: SchemaLeaf }[]): void {
  for (const [key, child] of Object.entries(node.properties ?? {})) {
    const path = prefix === '' ? key : `${prefix}.${key}`;
    if (prefix === '' && NOT_PARAMETERS.has(key)) continue;
    if (child.properties) collect(child, path, out);
    else out.push({ path, node: child });
  }
}

/** Every parameter leaf of the schema, in the schema's order. */
export const SCHEMA_LEAVES: readonly { path: string; node: SchemaLeaf }[] = (() => {
  const out: { path: string; node: SchemaLeaf }[] = [];
  collect(ScenarioSchema as unknown as SchemaLeaf, '', out);
  return out;
})();

const BY_PATH = new Map(SCHEMA_LEAVES.map((l) => [l.path, l.node]));

/** The schema of the parameter at `path`; for a number-or-null field, its number branch. */
export function numericLeaf(path: string): SchemaLeaf | undefined {
  const node = BY_PATH.get(path);
  if (!node) return undefined;
  if (node.type === 'number' || node.type === 'integer') return node;
  return node.anyOf?.find((n) => n.type === 'number' || n.type === 'integer');
}

export function schemaLeaf(path: string): SchemaLeaf | undefined {
  return BY_PATH.get(path);
}
