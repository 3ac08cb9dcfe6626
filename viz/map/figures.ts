/**
 * The numbers the map shows, derived from a month record: per-node counts and rates, and the flow
 * on each edge. Pure, so the figures are tested without a renderer.
 */
import { flowEnds, per10k } from '../../sim/measures';
import type { MonthRecord } from '../../sim/records';
import { MAP_NODES, NODE_INDEX, type MapNodeId } from './nodes';

export interface EdgeFlow {
  from: MapNodeId;
  to: MapNodeId;
  /** Children moving along the edge per month (coalesced snapshots are averaged). */
  perMonth: number;
}

export interface NodeFigure {
  /** Head count for stocks; children per month for births and exits. */
  value: number;
  /** `value` per 10,000 children in the population. */
  per10k: number;
}

const isNode = (id: string): id is MapNodeId => Object.prototype.hasOwnProperty.call(NODE_INDEX, id);

/** Edges with a non-zero flow, in the record's order; flows naming no map node are left out. */
export function edgeFlows(record: MonthRecord, coalesced: number): EdgeFlow[] {
  const months = Math.max(coalesced, 1);
  const out: EdgeFlow[] = [];
  for (const [key, count] of Object.entries(record.flows)) {
    const [from, to] = key.split('>');
    if (from === undefined || to === undefined || from === to || !isNode(from) || !isNode(to)) continue;
    if (!(count > 0)) continue;
    out.push({ from, to, perMonth: count / months });
  }
  return out;
}

/** One figure per node, in `MAP_NODES` order. */
export function nodeFigures(record: MonthRecord, coalesced: number): NodeFigure[] {
  const months = Math.max(coalesced, 1);
  const inflow = new Map<string, number>();
  const outflow = new Map<string, number>();
  for (const [key, count] of Object.entries(record.flows)) {
    const [from, to] = flowEnds(key);
    outflow.set(from, (outflow.get(from) ?? 0) + count);
    inflow.set(to, (inflow.get(to) ?? 0) + count);
  }
  return MAP_NODES.map((node) => {
    let value: number;
    if (node.kind === 'source') value = (outflow.get(node.id) ?? 0) / months;
    else if (node.kind === 'exit') value = (inflow.get(node.id) ?? 0) / months;
    else value = record.stocks[node.id as keyof MonthRecord['stocks']] ?? 0;
    return { value, per10k: per10k(value, record.children) };
  });
}

const whole = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });
const compact = new Intl.NumberFormat('en-GB', { notation: 'compact', maximumFractionDigits: 1 });
const oneDecimal = new Intl.NumberFormat('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const twoDecimals = new Intl.NumberFormat('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** Counts up to six digits in full (they fit a node); larger ones compact ("1.2M"). */
export function formatCount(value: number): string {
  return Math.abs(value) < 1_000_000 ? whole.format(Math.round(value)) : compact.format(value);
}

/** Enough precision that small placements (secure: well under 1 per 10k) don't read as zero. */
export function formatRate(per10k: number, measure: 'stock' | 'flow'): string {
  const abs = Math.abs(per10k);
  const text = abs >= 100 ? whole.format(per10k) : abs >= 1 || abs === 0 ? oneDecimal.format(per10k) : twoDecimals.format(per10k);
  return measure === 'stock' ? `${text} per 10k` : `${text} per 10k a month`;
}
