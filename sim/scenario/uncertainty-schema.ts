/**
 * The scenario's `uncertainty` block (part of the scenario format, `schema.ts`): a range for each
 * uncertain parameter, the parameters deliberately left fixed, and how each draw is re-calibrated.
 * Checks the schema cannot express are in `uncertainty.ts`; what reads it is `sim/uncertainty/`.
 */
import { Type, type TSchema } from '@sinclair/typebox';

/** How a ranged parameter's values are drawn (`uncertainty.ranges`). */
export const UNCERTAINTY_DISTRIBUTIONS = ['uniform', 'triangular', 'loguniform'] as const;
export type UncertaintyDistribution = (typeof UNCERTAINTY_DISTRIBUTIONS)[number];

const obj = <T extends Record<string, TSchema>>(description: string, props: T) => Type.Object(props, { description, additionalProperties: false });
// bounded like every number of the format (a range beyond its field's own limits is refused in uncertainty.ts)
const bound = (description: string) => Type.Number({ description, unit: 'the parameter\u2019s unit', minimum: -1e12, maximum: 1e12 });
const byPath = <T extends TSchema>(description: string, unit: string, each: T) => Type.Record(Type.String(), each, { description, unit });

const Range = obj('The plausible range of one numeric parameter, keyed by its dotted path (e.g. "earlyHelp.successShare").', {
  low: bound('Lowest plausible value (at most the scenario\u2019s value).'),
  high: bound('Highest plausible value (at least the scenario\u2019s value, above `low`).'),
  distribution: Type.Unsafe<UncertaintyDistribution>({
    type: 'string',
    enum: [...UNCERTAINTY_DISTRIBUTIONS],
    description: 'How values are drawn between low and high: uniform; triangular with the scenario\u2019s value as its mode; loguniform (uniform in the logarithm; low above 0).',
    unit: 'name',
  }),
  basis: Type.String({ description: 'Where the range comes from: a source id and how, or "assumption: why this range".', unit: 'text', minLength: 1 }),
});

const Calibrate = obj(
  'Re-calibration of each draw to the `calibration` targets (looked after, CP plans, children in need per 10,000): the named parameters are moved together until the mean rates over months `fromMonth` to `toMonth` are within `tolerance` of the targets.',
  {
    adjust: byPath(
      'The calibration parameters, by dotted path: three, one for each target.',
      'path -> bounds',
      obj('The bounds within which calibration may move one parameter.', { low: bound('Lowest value calibration may set.'), high: bound('Highest value calibration may set.') }),
    ),
    tolerance: Type.Number({ description: 'Largest relative gap between a draw\u2019s rates and the targets that counts as calibrated.', unit: 'share of the target', exclusiveMinimum: 0, maximum: 1 }),
    fromMonth: Type.Integer({ description: 'First month whose rates are matched (after a warm-up).', unit: 'month', minimum: 1, maximum: 600 }),
    toMonth: Type.Integer({ description: 'Last month whose rates are matched.', unit: 'month', minimum: 1, maximum: 600 }),
  },
);

export const UncertaintySchema = obj(
  'What the scenario is unsure of: a range for each uncertain parameter (read by comparisons with uncertainty and by `npm run sensitivity`), the parameters deliberately not ranged, and how each draw is re-calibrated. See docs/uncertainty.md.',
  {
    ranges: byPath('For each uncertain parameter path, its range.', 'path -> range', Range),
    fixed: Type.Optional(
      byPath(
        'Parameters cited as assumptions that are deliberately not ranged, each with why (a policy lever, a run setting, a figure derived from others). A child scenario may range what its parent fixed: ranged wins.',
        'path -> text',
        Type.String({ minLength: 1 }),
      ),
    ),
    calibrate: Type.Optional(Calibrate),
  },
);
