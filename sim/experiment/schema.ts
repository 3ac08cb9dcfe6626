/**
 * The experiment file format: the single source of truth. `experiments/experiment.schema.json` is
 * generated from it (`npm run schema`; `npm run schema:check` fails when the committed copy is
 * stale). An experiment names a base scenario (or two, for A/B), a design that makes variants of
 * it (named override sets, a full grid, or a sample over ranges), the seeds, months and scale of
 * every run, and which measures to keep.
 */
import { Type, type Static } from '@sinclair/typebox';

const text = (description: string) => Type.String({ description, unit: 'text', minLength: 1, maxLength: 200 });
const path = Type.String({ description: 'a dotted path into the scenario, as levers name it, e.g. policy.earlyHelp.budgetPerYear', unit: 'path', minLength: 1, maxLength: 200 });
const MAX_VARIANTS = 100_000;

export const ScenarioRef = Type.Object(
  {
    name: Type.Optional(Type.String({ description: 'a short name for the scenario in the outputs (default: the file name without .json)', unit: 'text', minLength: 1, maxLength: 100, pattern: '^[A-Za-z0-9][A-Za-z0-9 ._-]*$' })),
    file: Type.String({ description: 'the scenario file, relative to the experiment file (a shipped scenario by its file name also works)', unit: 'path', minLength: 1, maxLength: 500 }),
  },
  { additionalProperties: false },
);

export const VariantsDesign = Type.Object(
  {
    kind: Type.Literal('variants', { description: 'named sets of overrides' }),
    variants: Type.Array(
      Type.Object(
        {
          name: Type.String({ description: 'the variant\u2019s name in the outputs', unit: 'text', minLength: 1, maxLength: 100, pattern: '^[A-Za-z0-9][A-Za-z0-9 ._-]*$' }),
          set: Type.Record(Type.String({ minLength: 1, maxLength: 200 }), Type.Unknown(), { description: 'scenario path -> value, applied at month 0 as an edit of the file', minProperties: 1 }),
        },
        { additionalProperties: false },
      ),
      { description: 'the variants, each run for every seed', unit: 'list', minItems: 1, maxItems: MAX_VARIANTS },
    ),
  },
  { additionalProperties: false },
);

export const GridDesign = Type.Object(
  {
    kind: Type.Literal('grid', { description: 'every combination of the listed values (a full factorial)' }),
    parameters: Type.Array(
      Type.Object({ path, values: Type.Array(Type.Unknown(), { description: 'the values this path takes', unit: 'list', minItems: 1, maxItems: 10_000 }) }, { additionalProperties: false }),
      { description: 'the parameters swept; the last varies fastest', unit: 'list', minItems: 1, maxItems: 20 },
    ),
  },
  { additionalProperties: false },
);

export const SampleDesign = Type.Object(
  {
    kind: Type.Literal('sample', { description: 'points sampled over ranges of numbers' }),
    method: Type.Union([Type.Literal('latinHypercube'), Type.Literal('scrambledHalton')], { description: 'the sampler: latinHypercube (each range cut into `points` equal strata, each stratum used once) or scrambledHalton (the uncertainty analysis\u2019s scrambled low-discrepancy sequence)' }),
    points: Type.Integer({ description: 'how many points (variants)', unit: 'count', minimum: 1, maximum: MAX_VARIANTS }),
    seed: Type.Integer({ description: 'the sampler\u2019s seed (not the runs\u2019 seeds)', unit: 'count', minimum: 0, maximum: 2 ** 31 - 1 }),
    parameters: Type.Array(
      Type.Object(
        {
          path,
          min: Type.Number({ description: 'the lowest value', unit: 'as the field' }),
          max: Type.Number({ description: 'the highest value', unit: 'as the field' }),
          integer: Type.Optional(Type.Boolean({ description: 'round each value to a whole number', unit: 'true/false' })),
        },
        { additionalProperties: false },
      ),
      { description: 'the ranges sampled', unit: 'list', minItems: 1, maxItems: 100 },
    ),
  },
  { additionalProperties: false },
);

export const DESIGN_KINDS = ['variants', 'grid', 'sample'] as const;
export const Design = Type.Union([VariantsDesign, GridDesign, SampleDesign], { description: 'how the variants are made: variants, grid or sample (by `kind`)' });

export const OUTPUT_FORMATS = ['tidy', 'wide', 'quantiles', 'parquet'] as const;

export const ExperimentSchema = Type.Object(
  {
    $schema: Type.Optional(Type.String({ description: 'the JSON schema of this file (for editors)', unit: 'text' })),
    name: text('the experiment\u2019s name'),
    description: Type.Optional(Type.String({ description: 'what the experiment asks', unit: 'text', maxLength: 5000 })),
    scenarios: Type.Array(ScenarioRef, { description: 'the base scenario, or two (A and B) that every variant is applied to', unit: 'list', minItems: 1, maxItems: 2 }),
    baseline: Type.Optional(Type.Boolean({ description: 'also run each scenario unchanged, as the variant "baseline" (default true); it runs once however many variants there are', unit: 'true/false' })),
    design: Design,
    seeds: Type.Object(
      {
        first: Type.Integer({ description: 'the first seed; run r of a variant uses first + r', unit: 'count', minimum: 0, maximum: 2 ** 31 - 1 }),
        count: Type.Integer({ description: 'seeds per variant', unit: 'count', minimum: 1, maximum: 10_000 }),
      },
      { additionalProperties: false, description: 'the seeds every variant runs (the same seeds for all: common random numbers)' },
    ),
    months: Type.Integer({ description: 'months to simulate', unit: 'months', minimum: 1, maximum: 2400 }),
    scale: Type.Number({ description: 'population.scale for every run (the share of the region simulated)', unit: 'share (0 to 1)', exclusiveMinimum: 0, maximum: 1 }),
    outputs: Type.Optional(
      Type.Object(
        {
          measures: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { description: 'measures to keep: outcome ids (lookedAfter, earlyHelpInYear, ...) or month measures (stock.early_help, spend.early_help, flow.universal>early_help, ...); default: every outcome', unit: 'list', minItems: 1, maxItems: 500 })),
          formats: Type.Optional(Type.Array(Type.Union(OUTPUT_FORMATS.map((f) => Type.Literal(f))), { description: 'files to write: tidy (results.csv), wide (a CSV per measure), quantiles (quantiles.csv), parquet (results.parquet); default: all', unit: 'list', minItems: 1, uniqueItems: true })),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);

export type Experiment = Static<typeof ExperimentSchema>;
export type DesignSpec = Static<typeof Design>;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];
