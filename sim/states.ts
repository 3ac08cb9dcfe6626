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
/** `moved_in`: children arriving from outside the region into care (unaccompanied asylum-seeking children). */
export const SOURCES = ['birth', 'moved_in'] as const;
export const SINKS = ['aged_out', 'left_care_18'] as const;
export type SourceId = (typeof SOURCES)[number];
export type SinkId = (typeof SINKS)[number];

/** Why a child left care (counted in `careExits`). */
export const CARE_EXITS = ['reunified', 'permanence', 'left_care_18'] as const;
export type CareExitId = (typeof CARE_EXITS)[number];

/**
 * Why a child left care, in DfE's groups of the SSDA903 reason-ceased codes (`careExitsByReason`):
 * returned home (E4A, E4B, E13), adopted (E11, E12), special guardianship or child arrangements
 * (E41, E45-E48), turned 18 (E17, E5, E6 at 18) and other (independent living before 18, custody,
 * transfer, ...). `careExits` keeps its three coarser groups: reunified = returned home,
 * permanence = adopted + special guardianship, left_care_18 = turned 18; `other` exits count in
 * `careExitsByReason` only.
 */
export const CARE_EXIT_REASONS = ['returned_home', 'adopted', 'special_guardianship', 'turned_18', 'other'] as const;
export type CareExitReason = (typeof CARE_EXIT_REASONS)[number];

/**
 * Legal status of a looked-after child, by SSDA903 code: V2 section 20 (accommodated with the
 * parents' agreement), C1 interim care order (proceedings under way), C2 full care order, E1
 * placement order (adoption authorised), and other (police protection, remand, ...).
 */
export const LEGAL_STATUSES = ['V2', 'C1', 'C2', 'E1', 'other'] as const;
export type LegalStatus = (typeof LEGAL_STATUSES)[number];

/** Spend categories: one per placement, plus early help and social work. They sum to the total. */
/**
 * Spend categories. `early_help` is what early-help cases use; `early_help_unused` is funded
 * early-help capacity that finds no family that month (the budget beyond the cases), reported on
 * its own so that spend which changes nothing is not taken for early help at work.
 */
export const SPEND_CATEGORIES = [...PLACEMENTS, 'early_help', 'early_help_unused', 'social_work', 'care_leavers', 'permanence_allowances'] as const;
export type SpendCategory = (typeof SPEND_CATEGORIES)[number];

/**
 * Cost categories that inflate separately (`prices.inflationPerYear`; `general` is general
 * inflation), in the order of the engine's cost indices (engine/prices.ts).
 */
export const COST_INDICES = ['staffPay', 'placementPrices', 'allowances', 'earlyHelp', 'general'] as const;
export type CostIndexId = (typeof COST_INDICES)[number];
