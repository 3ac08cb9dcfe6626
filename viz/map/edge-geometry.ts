/**
 * The path an edge (and the particles on it) follows: a cubic Bézier from a face of one node to a
 * face of the other. Pure geometry from the layout, tested in Node.
 *
 * - Neighbouring bands and nodes of the same band connect facing sides, forward and backward flows
 *   in separate lanes so A→B and B→A don't coincide.
 * - An edge that skips bands bridges over the pathway nodes (forward flows on one side, backward
 *   on the other), longer bridges outside shorter ones, instead of cutting through them.
 *
 * Worked in (main, cross) coordinates, main being the pathway's direction, then mapped to (x, y).
 */
import type { MapLayout, NodeBox } from './layout';
import { NODE_INDEX, type MapNodeId } from './nodes';

export interface Cubic {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  x3: number;
  y3: number;
}

interface Span {
  m0: number;
  m1: number;
  c0: number;
  c1: number;
}

interface Anchor {
  m: number;
  c: number;
  /** The axis the path leaves the node along. */
  tangent: 'main' | 'cross';
}

const spanOf = (node: NodeBox, landscape: boolean): Span => {
  const r = node.rect;
  return landscape
    ? { m0: r.x, m1: r.x + r.width, c0: r.y, c1: r.y + r.height }
    : { m0: r.y, m1: r.y + r.height, c0: r.x, c1: r.x + r.width };
};

const mid = (a: number, b: number): number => (a + b) / 2;
const clamp = (v: number, lo: number, hi: number): number => Math.min(Math.max(v, lo), hi);

/** Point at `t` on a cubic, for tests and hit checks. */
export function pointOnCubic(c: Cubic, t: number): { x: number; y: number } {
  const r = 1 - t;
  const a = r * r * r;
  const b = 3 * r * r * t;
  const d = 3 * r * t * t;
  const e = t * t * t;
  return { x: a * c.x0 + b * c.x1 + d * c.x2 + e * c.x3, y: a * c.y0 + b * c.y1 + d * c.y2 + e * c.y3 };
}

export function edgePath(layout: MapLayout, from: MapNodeId, to: MapNodeId): Cubic {
  const landscape = layout.orientation === 'landscape';
  const a = layout.nodes[NODE_INDEX[from]];
  const b = layout.nodes[NODE_INDEX[to]];
  const sa = spanOf(a, landscape);
  const sb = spanOf(b, landscape);
  const fs = layout.fontSize;
  const out = (m0: number, c0: number, m1: number, c1: number, m2: number, c2: number, m3: number, c3: number): Cubic =>
    landscape
      ? { x0: m0, y0: c0, x1: m1, y1: c1, x2: m2, y2: c2, x3: m3, y3: c3 }
      : { x0: c0, y0: m0, x1: c1, y1: m1, x2: c2, y2: m2, x3: c3, y3: m3 };

  const span = b.band - a.band;
  if (Math.abs(span) <= 1) {
    const dm = mid(sb.m0, sb.m1) - mid(sa.m0, sa.m1);
    const dc = mid(sb.c0, sb.c1) - mid(sa.c0, sa.c1);
    const alongMain = span !== 0 || Math.abs(dm) >= Math.abs(dc);
    const dir = alongMain ? Math.sign(span !== 0 ? span : dm) || 1 : Math.sign(dc) || 1;
    // Forward flows take the lane before the centre line, backward ones the lane after it.
    const lane = -dir;
    if (alongMain) {
      const off = Math.min(sa.c1 - sa.c0, sb.c1 - sb.c0) * 0.14 * lane;
      const m0 = dir > 0 ? sa.m1 : sa.m0;
      const m3 = dir > 0 ? sb.m0 : sb.m1;
      const c0 = clamp(mid(sa.c0, sa.c1) + off, sa.c0 + fs * 0.5, sa.c1 - fs * 0.5);
      const c3 = clamp(mid(sb.c0, sb.c1) + off, sb.c0 + fs * 0.5, sb.c1 - fs * 0.5);
      const k = Math.max(Math.abs(m3 - m0) * 0.5, fs);
      return out(m0, c0, m0 + dir * k, c0, m3 - dir * k, c3, m3, c3);
    }
    const off = Math.min(sa.m1 - sa.m0, sb.m1 - sb.m0) * 0.14 * lane;
    const c0 = dir > 0 ? sa.c1 : sa.c0;
    const c3 = dir > 0 ? sb.c0 : sb.c1;
    const m0 = clamp(mid(sa.m0, sa.m1) + off, sa.m0 + fs * 0.5, sa.m1 - fs * 0.5);
    const m3 = clamp(mid(sb.m0, sb.m1) + off, sb.m0 + fs * 0.5, sb.m1 - fs * 0.5);
    const k = Math.max(Math.abs(c3 - c0) * 0.5, fs);
    return out(m0, c0, m0, c0 + dir * k, m3, c3 - dir * k, m3, c3);
  }

  const { crossCentre, clearance, step } = layout.arcs;
  const dir = Math.sign(span);
  // Forward bridges on the side before the centre line (above, in landscape), backward after it.
  const peak = crossCentre - dir * (clearance + (Math.abs(span) - 2) * step);
  const anchor = (s: Span, towards: number): Anchor => {
    if (s.c0 <= peak && peak <= s.c1) return { m: towards > 0 ? s.m1 : s.m0, c: peak, tangent: 'main' };
    return { m: mid(s.m0, s.m1), c: peak < s.c0 ? s.c0 : s.c1, tangent: 'cross' };
  };
  const p = anchor(sa, dir);
  const q = anchor(sb, -dir);
  const reach = Math.abs(q.m - p.m) * 0.3;
  // Solve the cross-axis level of the free control points so the curve's midpoint sits on `peak`:
  // B(½) = (P0 + 3·P1 + 3·P2 + P3) / 8.
  const fixed = (p.tangent === 'main' ? 1 : 0) + (q.tangent === 'main' ? 1 : 0);
  const free = 2 - fixed;
  const level = free === 0 ? peak : (8 * peak - p.c - q.c - 3 * fixed * peak) / (3 * free);
  const m1 = p.tangent === 'main' ? p.m + dir * reach : p.m;
  const c1 = p.tangent === 'main' ? peak : level;
  const m2 = q.tangent === 'main' ? q.m - dir * reach : q.m;
  const c2 = q.tangent === 'main' ? peak : level;
  return out(p.m, p.c, m1, c1, m2, c2, q.m, q.c);
}
