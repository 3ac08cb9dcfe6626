/**
 * The published JSON Schema of an experiment file (`experiments/experiment.schema.json`), from
 * `schema.ts`: editors that read `$schema` complete and check the fields, with each unit in its
 * description as the scenario schema does.
 */
import { describedWithUnit, type JsonSchema } from '../scenario/file-schema';
import { ExperimentSchema } from './schema';

function withUnits(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withUnits);
  if (node === null || typeof node !== 'object') return node;
  return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, k === 'description' && typeof v === 'string' ? describedWithUnit(node as JsonSchema, v) : withUnits(v)]));
}

export function experimentFileSchema(): JsonSchema {
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'experiment.schema.json',
    title: 'Care Futures experiment',
    ...(withUnits(JSON.parse(JSON.stringify(ExperimentSchema))) as JsonSchema),
  };
}
