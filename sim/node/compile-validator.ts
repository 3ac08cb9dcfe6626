/**
 * The scenario validator as ajv compiles it at run time. The simulator does not use this: it loads
 * the same validator compiled ahead of time (`scenario-validator.generated.js`, written by
 * `npm run schema` from this compilation), because compiling the schema cost about a tenth of a
 * short CLI run. This module is the one place the ajv options live, for the generator, for the
 * test that the two give the same errors, and for any schema still compiled at run time.
 */
import { Ajv, type ValidateFunction } from 'ajv';
import standaloneCode from 'ajv/dist/standalone';
import { createRequire } from 'node:module';
import { ScenarioSchema } from '../scenario/schema';
import { schemaDigest } from '../scenario/schema-digest';

// ajv's runtime helpers are CommonJS modules with a `default` export: read as such, whatever loader runs this.
const ucs2length = (createRequire(import.meta.url)('ajv/dist/runtime/ucs2length') as { default: (s: string) => number }).default;

/**
 * The ajv every schema of ours is compiled with (`standalone`: keeping the code, for
 * `standaloneCode`). Compiling at run time costs start-up: prefer code generated ahead of time.
 */
export function makeAjv({ standalone = false } = {}): Ajv {
  // verbose: errors carry the failing value and its schema node, which the messages quote.
  const ajv = new Ajv({ allErrors: true, verbose: true, strict: true, code: { source: standalone, esm: true } });
  ajv.addKeyword({ keyword: 'unit', schemaType: 'string' });
  return ajv;
}

/** Compiled now, in this process: the reference the generated module is checked against. */
export function compileScenarioValidator(): ValidateFunction {
  return makeAjv().compile(ScenarioSchema);
}

/**
 * The source of an ES module exporting `validate` and `compiledFrom` (the digest of the schema it
 * was compiled from, which validate.ts checks before first use), with no imports: ajv's standalone output
 * `require`s its string-length helper even in ES module mode, so the helper's own source is
 * written in its place (the module then loads the same in the browser, Node and a bundle).
 */
export function scenarioValidatorModule(): string {
  const ajv = makeAjv({ standalone: true });
  const code = standaloneCode(ajv, ajv.compile(ScenarioSchema));
  const helper = 'require("ajv/dist/runtime/ucs2length").default';
  if (!code.includes(helper)) throw new Error(`ajv's standalone code no longer uses ${helper}: update ${import.meta.url}`);
  if (code.replace(helper, '').includes('require(')) throw new Error('ajv standalone code requires a module this generator does not inline');
  return `${code.replace(helper, `(${ucs2length.toString()})`)}\nexport const compiledFrom = ${JSON.stringify(schemaDigest(ScenarioSchema))};\n`;
}
