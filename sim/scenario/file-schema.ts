/**
 * The published JSON Schema of a scenario *file*. A file may extend another and state only what it
 * changes, so in the file schema nothing is required; types, ranges and unknown-field checks are
 * the same as for a complete scenario, which the validator checks after `extends` is resolved.
 */
import { ScenarioSchema } from './schema';

type JsonSchema = { [key: string]: unknown };

function dropRequired(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(dropRequired);
  if (node === null || typeof node !== 'object') return node;
  const out: JsonSchema = {};
  for (const [k, v] of Object.entries(node)) {
    if (k === 'required') continue;
    // Editors show `description` on hover; put the unit there too (`unit` is our own keyword).
    if (k === 'description' && typeof v === 'string' && typeof (node as JsonSchema).unit === 'string') {
      const unit = (node as JsonSchema).unit as string;
      out[k] = ['text', 'list', 'path', 'true/false'].includes(unit) ? v : `${v} [${unit}]`;
      continue;
    }
    // A list's items are whole objects (e.g. a source), so they keep their required fields.
    out[k] = k === 'items' ? v : dropRequired(v);
  }
  return out;
}

export function fileSchema(): JsonSchema {
  const plain = JSON.parse(JSON.stringify(ScenarioSchema)) as JsonSchema;
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    // Relative, so it names this file wherever it is read from: editors reach it through each
    // scenario's `$schema` (the schema file beside it), and the repository has no public address yet
    // for an absolute one (when it has, its raw address of this file goes here).
    $id: 'scenario.schema.json',
    title: 'Care Futures scenario',
    ...(dropRequired(plain) as JsonSchema),
  };
}
