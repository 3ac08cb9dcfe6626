/**
 * Ages, in months, and the thresholds the rules use. Every age comparison in the engine names one
 * of these, so a rule reads "from 16" rather than "192".
 */
export const MONTHS_PER_YEAR = 12;
export const years = (n: number): number => n * MONTHS_PER_YEAR;

/** Children leave the population (and care, as care leavers) on their 18th birthday. */
export const AGE_OUT_MONTHS = years(18);
/** Supported accommodation is for 16- and 17-year-olds. */
export const SUPPORTED_ACCOMMODATION_FROM = years(16);
/** Foster placements of children from 10 may break down into residential care. */
export const ESCALATION_FROM = years(10);
/** Permanence (adoption, special guardianship) hazards differ under 5, 5-9 and from 10. */
export const PERMANENCE_BAND_LIMITS = [years(5), years(10)] as const;

/** Age bands of the scenario's entry mix (care.entryMix): under 10, 10-15, 16-17. */
export const AGE_BANDS = ['under10', 'age10to15', 'age16to17'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];
export const ageBandOf = (ageMonths: number): number => (ageMonths < years(10) ? 0 : ageMonths < years(16) ? 1 : 2);

/** Index into the three permanence hazards (under 5, 5-9, 10 and over). */
export const permanenceBandOf = (ageMonths: number): number =>
  ageMonths < PERMANENCE_BAND_LIMITS[0] ? 0 : ageMonths < PERMANENCE_BAND_LIMITS[1] ? 1 : 2;

/** DfE's age bands for children looked after and for entries to care (outputs `lookedAfterByAge`, `careEntriesByAge`). */
export const DFE_AGE_BANDS = ['under_1', '1_to_4', '5_to_9', '10_to_15', '16_plus'] as const;
export type DfeAgeBand = (typeof DFE_AGE_BANDS)[number];
/** Where each DfE band starts, in months. */
export const DFE_AGE_BAND_FROM = [0, years(1), years(5), years(10), years(16)] as const;
export const dfeAgeBandOf = (ageMonths: number): number =>
  ageMonths < years(1) ? 0 : ageMonths < years(5) ? 1 : ageMonths < years(10) ? 2 : ageMonths < years(16) ? 3 : 4;

/** Care proceedings take at least this long (months) before they can conclude (the hazards' time-in-care class from 3 months). */
export const PROCEEDINGS_MIN_MONTHS = 3;

/** Section 20 at entry has its own share from this age (adolescents: family breakdown, accommodation at their request). */
export const ADOLESCENT_FROM = years(10);
/** A pre-birth referral that does not lead to care at birth comes to assessment within this many months of birth. */
export const PRE_BIRTH_REFERRAL_WITHIN = 6;
