/**
 * The scenario's `councils` list (part of the scenario format, `schema.ts`): a region modelled as
 * its councils. Each council brings its own population, poverty, published rates and places, each
 * figure cited; a figure not found is `null`, and the region's figure is used in its place (the
 * derived council scenario says so: `derive.ts`). Without the list, a scenario is one council.
 */
import { Type, type Static, type TSchema } from '@sinclair/typebox';

/** More than England's 152 councils and its 12 million children, with room; enough to bound any loop. */
export const MAX_COUNCILS = 400;
const MAX_CHILDREN = 20_000_000;
const MAX_OVERRIDES = 200;

const obj = <T extends Record<string, TSchema>>(description: string, props: T) => Type.Object(props, { description, additionalProperties: false });
const orNull = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()], { description: t.description, unit: (t as { unit?: string }).unit });
const per10k = (description: string) => orNull(Type.Number({ description, unit: 'per 10,000 children', minimum: 0, maximum: 10_000 }));
const places = (description: string) => orNull(Type.Number({ description, unit: 'places (full scale)', minimum: 0, maximum: 1_000_000 }));

/** ONS codes of English councils (E06 unitary, E08 metropolitan, E09 London, E10 county), and of the other nations' areas. */
export const COUNCIL_CODE_PATTERN = '^[EWSN][0-9]{8}$';

export const CouncilSchema = obj('A council of the region: who lives there, its published rates and places, and where each figure comes from.', {
  code: Type.String({ description: 'ONS code, as DfE\u2019s `new_la_code` (e.g. "E06000047"). Lever paths name a council by it: `councils[E06000047].policy.earlyHelp.budgetPerYear`.', unit: 'text', pattern: COUNCIL_CODE_PATTERN }),
  name: Type.String({ description: 'The council\u2019s name.', unit: 'text', minLength: 1, maxLength: 200 }),
  children: Type.Integer({ description: 'Children aged 0-17 (full scale).', unit: 'children', minimum: 1, maximum: MAX_CHILDREN }),
  birthsPerYear: orNull(Type.Number({ description: 'Live births a year (null: the region\u2019s births per child).', unit: 'births per year', minimum: 0, maximum: 2_000_000 })),
  childPovertyShare: orNull(Type.Number({ description: 'Share of children living in poverty (null: the region\u2019s `poverty.initialShare`).', unit: 'share (0 to 1)', minimum: 0, maximum: 0.95 })),
  centroid: obj('Where the council is, for distances between councils (`over20Miles`, nearest council with a place).', {
    lat: Type.Number({ description: 'Latitude.', unit: 'degrees', minimum: -90, maximum: 90 }),
    lon: Type.Number({ description: 'Longitude.', unit: 'degrees', minimum: -180, maximum: 180 }),
  }),
  targets: obj('The council\u2019s published rates at the start date: its starting state and its calibration targets (null: the region\u2019s).', {
    lookedAfterPer10k: per10k('Children looked after per 10,000 children.'),
    childProtectionPer10k: per10k('Children on child protection plans per 10,000 children.'),
    childrenInNeedPer10k: per10k('Children in need per 10,000 children, DfE definition (CP and looked after included).'),
  }),
  places: obj('Places located in the council (null: the region\u2019s places shared by children; see docs/councils.md).', {
    la_residential: places('Places in the council\u2019s own children\u2019s homes.'),
    private_residential: places('Places in private and voluntary children\u2019s homes located in the council.'),
    inhouse_foster: places('Places with the council\u2019s own foster carers.'),
    agency_foster: places('Places with independent fostering agencies\u2019 carers living in the council.'),
  }),
  fit: Type.Optional(
    obj('Calibration multipliers that bring the council to its own targets (written by `npm run council -- calibrate`; 1 = the region\u2019s practice).', {
      need: Type.Number({ description: 'Multiplier on `need.baseHazardPerYear` (moves children in need).', unit: 'ratio', minimum: 0.05, maximum: 20 }),
      protection: Type.Number({ description: 'Multiplier on the routes into a CP plan (`socialWork.assessmentOutcomes.childProtection`, `childInNeed.toChildProtectionPerYear`).', unit: 'ratio', minimum: 0.05, maximum: 20 }),
      care: Type.Number({ description: 'Multiplier on `practice.careEntryRatio` (every route into care).', unit: 'ratio', minimum: 0.05, maximum: 20 }),
    }),
  ),
  overrides: Type.Optional(
    Type.Record(Type.String({ minLength: 1, maxLength: 200 }), Type.Union([Type.Number({ description: 'The value (checked against the named parameter\u2019s own range in the council\u2019s scenario).', unit: 'the parameter\u2019s unit', minimum: -1e12, maximum: 1e12 }), Type.Boolean()]), {
      description: 'The council\u2019s own value of any numeric or true/false scenario parameter, by dotted path (e.g. "policy.earlyHelp.budgetPerYear": 8000000). Amounts given here are the council\u2019s, not shared out. The provider market is the region\u2019s: `market.*` and `policy.profitCap.*` cannot be set per council.',
      unit: 'path to value',
      maxProperties: MAX_OVERRIDES,
    }),
  ),
  sources: Type.Record(Type.String({ minLength: 1, maxLength: 200 }), Type.String({ maxLength: 2000 }), {
    description: 'Where each figure comes from, by field path (e.g. "targets.lookedAfterPer10k": "DfE CLA 2021, table A1"); a null figure says where it was looked for.',
    unit: 'path to citation',
    maxProperties: 100,
  }),
});

export const CouncilsSchema = Type.Array(CouncilSchema, {
  description: 'The region as its councils (docs/councils.md): each runs its own families, pathway and budgets; the provider market and the places in each council are shared. Absent: the scenario is one council.',
  unit: 'list',
  minItems: 1,
  maxItems: MAX_COUNCILS,
});

export type Council = Static<typeof CouncilSchema>;
