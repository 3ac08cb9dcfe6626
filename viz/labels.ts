/**
 * Display labels: the words the app puts on the engine's ids. The engine and its outputs speak in
 * ids only (sim/states.ts); every label a person reads lives here.
 */
import type { SinkId, SourceId, StateId } from '../sim/states';

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

/** The label of a state, source or sink id (the id itself if it has none). */
export function labelOf(id: string): string {
  return (STATE_LABEL as Record<string, string>)[id] ?? (EDGE_LABEL as Record<string, string>)[id] ?? id;
}
