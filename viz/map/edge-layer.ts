/**
 * Edges with their flow volume: width and opacity grow with the children moving along the edge
 * per month. The scale is fixed in children per 10,000 per month, not relative to the month's
 * largest flow, so widths can be compared across months and scenarios.
 */
import { scaleSqrt } from 'd3-scale';
import { Graphics } from 'pixi.js';
import { per10k } from '../../sim/measures';
import { THEME } from '../palette';
import type { EdgeFlow } from './figures';
import { edgePath } from './edge-geometry';
import type { MapLayout } from './layout';

/** Flows at or above this (per 10,000 children a month) get the full width; births are about 40. */
export const FULL_WIDTH_PER_10K = 40;

export class EdgeLayer {
  readonly graphics = new Graphics();
  private layout: MapLayout | null = null;
  private flows: readonly EdgeFlow[] = [];
  private children = 0;

  setLayout(layout: MapLayout): void {
    this.layout = layout;
    this.redraw();
  }

  setFlows(flows: readonly EdgeFlow[], children: number): void {
    this.flows = flows;
    this.children = children;
    this.redraw();
  }

  private redraw(): void {
    const g = this.graphics.clear();
    const layout = this.layout;
    if (!layout || this.children <= 0) return;
    const fs = layout.fontSize;
    const width = scaleSqrt().domain([0, FULL_WIDTH_PER_10K]).range([Math.max(1, fs * 0.08), fs * 0.8]).clamp(true);
    const alpha = scaleSqrt().domain([0, FULL_WIDTH_PER_10K]).range([0.2, 0.5]).clamp(true);
    // Widest first, so thin edges stay visible on top of thick ones.
    const sorted = [...this.flows].sort((a, b) => b.perMonth - a.perMonth);
    for (const flow of sorted) {
      const rate = per10k(flow.perMonth, this.children);
      const c = edgePath(layout, flow.from, flow.to);
      g.beginPath()
        .moveTo(c.x0, c.y0)
        .bezierCurveTo(c.x1, c.y1, c.x2, c.y2, c.x3, c.y3)
        .stroke({ width: width(rate), color: THEME.edge, alpha: alpha(rate), cap: 'butt' });
    }
  }
}
