import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { SCENARIO_DIR } from '../../sim/node/files';
import { shippedScenarioFiles } from '../helpers';

// scenarios/scenario.schema.json as an editor or another tool reads it: on its own, by its address.
const schemaPath = join(SCENARIO_DIR, 'scenario.schema.json');
const schema = JSON.parse(readFileSync(schemaPath, 'utf8')) as { $id: string; $schema: string };
const schemaUrl = pathToFileURL(schemaPath).href;

describe('the published scenario schema', () => {
  it('has an $id relative to its own address, naming the file itself', () => {
    expect(() => new URL(schema.$id)).toThrow(); // not an absolute address somewhere else
    expect(new URL(schema.$id, schemaUrl).href).toBe(schemaUrl);
  });

  it('is the schema every shipped scenario names in its $schema', () => {
    for (const file of shippedScenarioFiles()) {
      const path = join(SCENARIO_DIR, file);
      const doc = JSON.parse(readFileSync(path, 'utf8')) as { $schema?: string };
      expect(doc.$schema, file).toBeDefined();
      expect(new URL(doc.$schema ?? '', pathToFileURL(path)).href, file).toBe(new URL(schema.$id, schemaUrl).href);
    }
  });

  it('is a valid draft-07 schema, found by its $id, that accepts every shipped scenario file', () => {
    const ajv = new Ajv({ strict: true, allErrors: true });
    ajv.addKeyword({ keyword: 'unit', schemaType: 'string' });
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(ajv.validateSchema(schema)).toBe(true);
    ajv.addSchema(schema);
    const validate = ajv.getSchema(schema.$id);
    expect(validate).toBeDefined();
    for (const file of shippedScenarioFiles()) {
      const doc: unknown = JSON.parse(readFileSync(join(SCENARIO_DIR, file), 'utf8'));
      expect(validate?.(doc), `${file}: ${JSON.stringify(validate?.errors)}`).toBe(true);
    }
    expect(validate?.({ policy: { earlyHelp: { budgetPerYear: 'lots' } } })).toBe(false);
  });
});
