import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SCENARIO_DIR } from '../../sim/node/files';
import { compileScenarioValidator } from '../../sim/node/compile-validator';
import { compiledFrom, validate as standalone } from '../../sim/scenario/scenario-validator.generated';
import { ScenarioSchema } from '../../sim/scenario/schema';
import { schemaDigest } from '../../sim/scenario/schema-digest';
import { checkPlainData } from '../../sim/scenario/json';
import { formatErrors, validateScenario } from '../../sim/scenario/validate';

// The simulator validates with the module compiled ahead of time; here ajv compiles the schema
// afresh in this process, and both must judge every document the same way, error for error.
const runtime = compileScenarioValidator();
const baselineText = readFileSync(join(SCENARIO_DIR, 'north-east-baseline.json'), 'utf8');
type Doc = Record<string, unknown>;
const baseline = (): Doc => JSON.parse(baselineText) as Doc;

function at(doc: Doc, path: readonly (string | number)[]): Doc {
  let node: unknown = doc;
  for (const key of path) node = (node as Doc)[key];
  return node as Doc;
}

function withValue(path: readonly (string | number)[], value: unknown): Doc {
  const doc = baseline();
  at(doc, path.slice(0, -1))[path[path.length - 1]] = value;
  return doc;
}

function without(path: readonly string[]): Doc {
  const doc = baseline();
  delete at(doc, path.slice(0, -1))[path[path.length - 1]];
  return doc;
}

const asJson = (x: unknown): unknown => JSON.parse(JSON.stringify(x));

function expectSameJudgement(doc: unknown): void {
  const fresh = runtime(doc);
  expect(standalone(doc)).toBe(fresh);
  // As JSON: the runtime's schema nodes also carry TypeBox's symbol-keyed tags, which are no part of the schema.
  expect(asJson(standalone.errors ?? null)).toEqual(asJson(runtime.errors ?? null));
  // What a modeller reads: the simulator's messages are the runtime validator's errors, formatted.
  const result = validateScenario(doc);
  // (validateScenario refuses prototype keys and over-deep data before the schema is consulted.)
  if (!fresh && checkPlainData(doc).length === 0) expect(result.ok ? [] : result.issues).toEqual(formatErrors(runtime.errors ?? [], doc));
}

const badScenarios: Record<string, unknown> = {
  'a string where a number belongs': withValue(['policy', 'earlyHelp', 'budgetPerYear'], 'lots'),
  'a share above 1': withValue(['poverty', 'initialShare'], 1.5),
  'a negative count': withValue(['socialWork', 'workers'], -3),
  'a fraction where a whole number belongs': withValue(['placements', 'secure', 'places'], 2.5),
  'a nullable field given text': withValue(['placements', 'secure', 'places'], 'ten'),
  'a missing field': without(['socialWork', 'workers']),
  'a missing section': without(['market']),
  'an unknown field': withValue(['policy', 'earlyHelp', 'budgetPerYaer'], 5),
  'an empty name': withValue(['name'], ''),
  'a start date that is not YYYY-MM': withValue(['startDate'], '2021-13'),
  'a source without its id': withValue(['sources', 0], { title: 'no id' }),
  'a list where an object belongs': withValue(['care'], []),
  'several errors at once': (() => {
    const doc = withValue(['population', 'scale'], 0);
    (doc.care as Doc).reunificationPerYear = -1;
    (doc.policy as Doc).extra = true;
    return doc;
  })(),
  'null': null,
  'a number': 42,
  'a list': [],
  'an empty object': {},
};

describe('the scenario validator compiled ahead of time', () => {
  for (const [name, doc] of Object.entries(badScenarios)) {
    it(`gives the same errors as ajv compiling the schema now: ${name}`, () => {
      expect(runtime(doc)).toBe(false);
      expectSameJudgement(doc);
    });
  }

  it('accepts the baseline, and a one-character name outside the Basic Multilingual Plane (the inlined length helper)', () => {
    for (const doc of [baseline(), withValue(['name'], '\u{1F600}')]) {
      expect(runtime(doc)).toBe(true);
      expectSameJudgement(doc);
    }
  });

  it('agrees with ajv compiling the schema now when any field is given any JSON value', () => {
    const leaves: (string | number)[][] = [];
    const walk = (node: unknown, path: (string | number)[]): void => {
      if (node !== null && typeof node === 'object') {
        for (const [k, v] of Object.entries(node)) walk(v, [...path, Array.isArray(node) ? Number(k) : k]);
      }
      if (path.length > 0) leaves.push(path);
    };
    walk(baseline(), []);
    fc.assert(
      fc.property(fc.constantFrom(...leaves), fc.jsonValue({ maxDepth: 2 }), (path, value) => {
        expectSameJudgement(withValue(path, value));
      }),
      { numRuns: 300, seed: 24 },
    );
  });

  it('names the schema it was compiled from, which is the one in the sources, and another schema has another name', () => {
    expect(compiledFrom).toBe(schemaDigest(ScenarioSchema));
    const changed = JSON.parse(JSON.stringify(ScenarioSchema)) as { properties: { population: { properties: { scale: { maximum: number } } } } };
    expect(schemaDigest(changed)).toBe(compiledFrom);
    changed.properties.population.properties.scale.maximum = 2;
    expect(schemaDigest(changed)).not.toBe(compiledFrom);
  });
});
