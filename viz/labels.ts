/**
 * Display labels: the words the app puts on the engine's ids. The engine and its outputs speak in
 * ids only (sim/states.ts); every label a person reads lives here.
 */
import type { DfeAgeBand } from '../sim/ages';
import type { CareExitReason, LegalStatus, SinkId, SourceId, StateId } from '../sim/states';

/** Display names of the pathway's states, sources and sinks. */
export const STATE_LABEL: Record<StateId, string> = {
  universal: 'Universal services',
  early_help: 'Early help',
  assessment: 'Assessment',
  child_in_need: 'Child in need',
  child_protection: 'Child protection plan',
  kinship_foster: 'Kinship foster care',
  inhouse_foster: 'In-house foster care',
  agency_foster: 'Agency (IFA) foster care',
  placed_with_parents: 'Placed with parents',
  la_residential: 'Council-run children\u2019s home',
  private_residential: 'Private children\u2019s home',
  supported_accommodation: 'Supported accommodation (16\u201317)',
  secure: 'Secure',
};

export const EDGE_LABEL: Record<SourceId | SinkId, string> = {
  birth: 'Births',
  moved_in: 'Arrived (unaccompanied)',
  aged_out: 'Turned 18 (left the population)',
  left_care_18: 'Left care at 18',
};

/** DfE's age bands of children looked after, as DfE writes them. */
export const AGE_BAND_LABEL: Record<DfeAgeBand, string> = {
  under_1: 'Under 1',
  '1_to_4': '1 to 4',
  '5_to_9': '5 to 9',
  '10_to_15': '10 to 15',
  '16_plus': '16 and over',
};

/** Legal status in plain words, with the SSDA903 code the council's returns use. */
export const LEGAL_STATUS_LABEL: Record<LegalStatus, string> = {
  V2: 'Section 20 (V2)',
  C1: 'Interim care order (C1)',
  C2: 'Full care order (C2)',
  E1: 'Placement order (E1)',
  other: 'Other',
};

/** Why children left care, in DfE's groups. */
export const EXIT_REASON_LABEL: Record<CareExitReason, string> = {
  returned_home: 'Returned home',
  adopted: 'Adopted',
  special_guardianship: 'Special guardianship',
  turned_18: 'Turned 18',
  other: 'Other',
};

/** The label of a state, source or sink id (the id itself if it has none). */
export function labelOf(id: string): string {
  return (STATE_LABEL as Record<string, string>)[id] ?? (EDGE_LABEL as Record<string, string>)[id] ?? id;
}
