/**
 * The map's nodes: every state of the pathway plus the two sources (births, unaccompanied arrivals)
 * and the two exits, in pathway
 * order, and how an animation-view code finds its node.
 */
import { VIEW_CODE } from '../../sim/worker/contract';
import { isCareCode, SINKS, SOURCES, STATES, type SinkId, type SourceId, type StateId } from '../../sim/states';

export type MapNodeId = SourceId | StateId | SinkId;
export type NodeKind = 'source' | 'pathway' | 'care' | 'exit';

export interface MapNode {
  id: MapNodeId;
  kind: NodeKind;
  /** Short enough to stay on one or two lines in a narrow node; the table view has the full names. */
  label: string;
  /** Stocks show a head count; sources and exits show the month's flow. */
  measure: 'stock' | 'flow';
}

const SHORT_LABEL: Record<MapNodeId, string> = {
  birth: 'Births',
  moved_in: 'Arrivals (UASC)',
  universal: 'Universal services',
  early_help: 'Early help',
  assessment: 'Assessment',
  child_in_need: 'Child in need',
  child_protection: 'Child protection',
  kinship_foster: 'Kinship foster',
  inhouse_foster: 'In-house foster',
  agency_foster: 'Agency foster',
  placed_with_parents: 'Placed with parents',
  la_residential: 'Council home',
  private_residential: 'Private home',
  supported_accommodation: 'Supported 16\u201317',
  secure: 'Secure',
  aged_out: 'Turned 18',
  left_care_18: 'Left care at 18',
};

/**
 * A room's map (large type, layout.ts ROOM_STYLE) has narrow placement cells: one line each, in the
 * words social workers use (LA: the council's own; IFA: an independent fostering agency).
 */
export const ROOM_LABEL: Partial<Record<MapNodeId, string>> = {
  moved_in: 'Arrivals',
  kinship_foster: 'Kinship',
  inhouse_foster: 'LA foster',
  agency_foster: 'IFA foster',
  placed_with_parents: 'Parents',
  la_residential: 'LA home',
  private_residential: 'Private',
  supported_accommodation: 'Supported',
};

function kindOf(id: MapNodeId, code: number): NodeKind {
  if ((SOURCES as readonly string[]).includes(id)) return 'source';
  if ((SINKS as readonly string[]).includes(id)) return 'exit';
  return isCareCode(code) ? 'care' : 'pathway';
}

const ORDER: readonly MapNodeId[] = [...SOURCES, ...STATES, ...SINKS];

/** All nodes in pathway order: birth, the 13 states, then the exits. */
export const MAP_NODES: readonly MapNode[] = ORDER.map((id) => {
  const kind = kindOf(id, (STATES as readonly string[]).indexOf(id));
  return { id, kind, label: SHORT_LABEL[id], measure: kind === 'source' || kind === 'exit' ? 'flow' : 'stock' };
});

export const NODE_INDEX = Object.fromEntries(MAP_NODES.map((n, i) => [n.id, i])) as Record<MapNodeId, number>;

/** Marks "no node": the slot is not drawn. */
export const NO_NODE = -1;

const STATE_OFFSET = NODE_INDEX[STATES[0]];

/**
 * The node a child was in at the start of the period. A child born this month starts at the
 * birth node. A slot empty at the start that now holds a child in care was filled by an
 * unaccompanied child arriving (newborns show `birth`, and nobody else joins the population), so
 * it starts at the arrivals node; any other empty or exited slot has no start.
 */
export function prevNodeOf(prevCode: number, code: number): number {
  if (prevCode < STATES.length) return STATE_OFFSET + prevCode;
  if (prevCode === VIEW_CODE.birth) return NODE_INDEX.birth;
  if (prevCode === VIEW_CODE.empty && code < STATES.length && isCareCode(code)) return NODE_INDEX.moved_in;
  return NO_NODE;
}

/**
 * The node a child is in now. The view only says "exited"; a child who was in care when leaving
 * left care at 18, anyone else simply turned 18 (the only other way out of the population).
 */
export function currentNodeOf(code: number, prevCode: number): number {
  if (code < STATES.length) return STATE_OFFSET + code;
  if (code === VIEW_CODE.exited) {
    if (prevCode >= STATES.length) return NO_NODE;
    return isCareCode(prevCode) ? NODE_INDEX.left_care_18 : NODE_INDEX.aged_out;
  }
  return NO_NODE;
}
