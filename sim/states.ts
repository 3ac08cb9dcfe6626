/**
 * The care pathway: one registry of states, in pathway order.
 *
 * A state's numeric code is its index here; the engine stores codes in a Uint8Array, outputs use
 * the string ids. Every output, the schema and the visualiser read this table, so adding a state
 * is one line here (plus its rules in the step modules).
 */
export const STATES = [
  'universal',
  'early_help',
  'assessment',
  'child_in_need',
  'child_protection',
  'kinship_foster',
  'inhouse_foster',
  'agency_foster',
  'placed_with_parents',
  'la_residential',
  'private_residential',
  'supported_accommodation',
  'secure',
] as const;

export type StateId = (typeof STATES)[number];
export type StateCode = number;

export const STATE_CODE = Object.fromEntries(STATES.map((s, i) => [s, i])) as Record<StateId, StateCode>;

/** The looked-after (in care) states, i.e. one per placement type. */
export const PLACEMENTS = [
  'kinship_foster',
  'inhouse_foster',
  'agency_foster',
  'placed_with_parents',
  'la_residential',
  'private_residential',
  'supported_accommodation',
  'secure',
] as const satisfies readonly StateId[];
export type PlacementId = (typeof PLACEMENTS)[number];

export const FIRST_CARE_CODE = STATE_CODE.kinship_foster;
export const isCareCode = (code: StateCode): boolean => code >= FIRST_CARE_CODE;

/** Pseudo-states for flows into and out of the population (never a stock). */
export const SOURCES = ['birth'] as const;
export const SINKS = ['aged_out', 'left_care_18'] as const;
export type SourceId = (typeof SOURCES)[number];
export type SinkId = (typeof SINKS)[number];

/** Why a child left care (counted in `careExits`). */
export const CARE_EXITS = ['reunified', 'permanence', 'left_care_18'] as const;
export type CareExitId = (typeof CARE_EXITS)[number];

/** Spend categories: one per placement, plus early help and social work. They sum to the total. */
export const SPEND_CATEGORIES = [...PLACEMENTS, 'early_help', 'social_work', 'care_leavers', 'permanence_allowances'] as const;
export type SpendCategory = (typeof SPEND_CATEGORIES)[number];
