import { describe, expect, it } from 'vitest';
import { baseFontSize, estimateLines, headerHeight, layoutMap, type Rect } from '../viz/map/layout';
import { edgePath, pointOnCubic } from '../viz/map/edge-geometry';
import { currentNodeOf, MAP_NODES, NO_NODE, NODE_INDEX, prevNodeOf, type MapNodeId } from '../viz/map/nodes';
import { edgeFlows, formatCount, formatRate, nodeFigures } from '../viz/map/figures';
import { VIEW_CODE } from '../sim/worker/contract';
import { SPEND_CATEGORIES, STATES, STATE_CODE } from '../sim/states';
import { neutralMonthFields, type MonthRecord } from '../sim/records';

const VIEWPORTS: readonly [number, number][] = [
  [1280, 720],
  [1920, 1080],
  [3840, 2160],
  [800, 600],
  [600, 1000],
];

const EPS = 1e-6;
const inside = (inner: Rect, outer: Rect): boolean =>
  inner.x >= outer.x - EPS &&
  inner.y >= outer.y - EPS &&
  inner.x + inner.width <= outer.x + outer.width + EPS &&
  inner.y + inner.height <= outer.y + outer.height + EPS;
const overlaps = (a: Rect, b: Rect): boolean =>
  a.x < b.x + b.width - EPS && b.x < a.x + a.width - EPS && a.y < b.y + b.height - EPS && b.y < a.y + a.height - EPS;

describe('layoutMap', () => {
  it('places one node per state, plus births, unaccompanied arrivals and the two exits, in pathway order', () => {
    const ids = layoutMap(1280, 720).nodes.map((n) => n.id);
    expect(ids).toEqual(['birth', 'moved_in', ...STATES, 'aged_out', 'left_care_18']);
  });

  it('puts unaccompanied arrivals in the births band, beside births, on the side forward bridges take', () => {
    for (const [w, h] of VIEWPORTS) {
      const layout = layoutMap(w, h);
      const birth = layout.nodes[NODE_INDEX.birth];
      const arrived = layout.nodes[NODE_INDEX.moved_in];
      expect(arrived.band, `${w}×${h}`).toBe(birth.band);
      // Landscape: above births; portrait: to their left (forward bridges run before the centre line).
      if (layout.orientation === 'landscape') expect(arrived.rect.y + arrived.rect.height).toBeLessThan(birth.rect.y);
      else expect(arrived.rect.x + arrived.rect.width).toBeLessThan(birth.rect.x);
    }
  });

  for (const [w, h] of VIEWPORTS) {
    describe(`at ${w}×${h}`, () => {
      const layout = layoutMap(w, h);
      const viewport: Rect = { x: 0, y: 0, width: w, height: h };

      it('keeps every node, the care frame and the legend inside the viewport', () => {
        for (const node of layout.nodes) expect(inside(node.rect, viewport), node.id).toBe(true);
        expect(inside(layout.care.rect, viewport)).toBe(true);
        expect(inside(layout.legend, viewport)).toBe(true);
      });

      it('gives every node a positive size and keeps its text and particle areas inside it', () => {
        for (const node of layout.nodes) {
          expect(node.rect.width, node.id).toBeGreaterThan(0);
          expect(node.rect.height, node.id).toBeGreaterThan(0);
          expect(inside(node.text, node.rect), node.id).toBe(true);
          expect(inside(node.body, node.rect), node.id).toBe(true);
        }
      });

      it('never overlaps two nodes, or a node and the legend', () => {
        const { nodes } = layout;
        for (let i = 0; i < nodes.length; i++) {
          expect(overlaps(nodes[i].rect, layout.legend), nodes[i].id).toBe(false);
          for (let j = i + 1; j < nodes.length; j++) {
            expect(overlaps(nodes[i].rect, nodes[j].rect), `${nodes[i].id} / ${nodes[j].id}`).toBe(false);
          }
        }
      });

      it('puts the placements inside the care frame', () => {
        for (const node of layout.nodes.filter((n) => n.kind === 'care')) {
          expect(inside(node.rect, layout.care.rect), node.id).toBe(true);
        }
      });

      it('runs the pathway along the long side: each band starts after the previous one ends', () => {
        const landscape = w >= h;
        expect(layout.orientation).toBe(landscape ? 'landscape' : 'portrait');
        const start = (r: Rect): number => (landscape ? r.x : r.y);
        const end = (r: Rect): number => (landscape ? r.x + r.width : r.y + r.height);
        const bands = new Map<number, Rect[]>();
        for (const node of layout.nodes) bands.set(node.band, [...(bands.get(node.band) ?? []), node.rect]);
        const order = [...bands.keys()].sort((a, b) => a - b);
        for (let b = 1; b < order.length; b++) {
          const previousEnd = Math.max(...bands.get(order[b - 1])!.map(end));
          const nextStart = Math.min(...bands.get(order[b])!.map(start));
          expect(nextStart).toBeGreaterThan(previousEnd);
        }
        // Bands follow MAP_NODES order.
        const bandsInOrder = layout.nodes.map((n) => n.band);
        expect([...bandsInOrder].sort((a, b) => a - b)).toEqual(bandsInOrder);
      });

      it('fits each node label, count and rate in its text area, clear of the particles', () => {
        for (const node of layout.nodes) {
          const needed = headerHeight(node, layout.fontSize, node.text.width);
          expect(needed, node.id).toBeLessThan(node.rect.height);
          expect(overlaps(node.text, node.body), node.id).toBe(false);
        }
      });
    });
  }

  it('scales text with the viewport and keeps it legible on small screens', () => {
    expect(baseFontSize(800, 600)).toBeGreaterThanOrEqual(11);
    expect(baseFontSize(1280, 720)).toBeGreaterThanOrEqual(14);
    expect(baseFontSize(1920, 1080)).toBeCloseTo(baseFontSize(1280, 720) * 1.5, 5);
    expect(baseFontSize(3840, 2160)).toBeCloseTo(baseFontSize(1920, 1080) * 2, 5);
  });

  for (const [w, h] of VIEWPORTS) {
    it(`bridges edges that skip bands over the pathway nodes, not through them, at ${w}×${h}`, () => {
      const layout = layoutMap(w, h);
      const pathway = layout.nodes.filter((n) => n.kind === 'pathway' && n.id !== 'universal');
      const edges: [MapNodeId, MapNodeId][] = [
        ['universal', 'aged_out'],
        ['child_in_need', 'aged_out'],
        ['universal', 'child_protection'],
        ['agency_foster', 'universal'],
        ['child_in_need', 'universal'],
        ['early_help', 'aged_out'],
      ];
      for (const [from, to] of edges) {
        const path = edgePath(layout, from, to);
        for (let t = 0.02; t < 0.99; t += 0.02) {
          const p = pointOnCubic(path, t);
          for (const node of pathway) {
            if (node.id === from || node.id === to) continue;
            const r = node.rect;
            const hit = p.x > r.x && p.x < r.x + r.width && p.y > r.y && p.y < r.y + r.height;
            expect(hit, `${from}→${to} crosses ${node.id} at t=${t.toFixed(2)}`).toBe(false);
          }
        }
      }
    });
  }

  it('puts forward bridges on one side of the pathway and backward ones on the other', () => {
    const layout = layoutMap(1280, 720);
    const cp = layout.nodes[NODE_INDEX.child_protection].rect;
    expect(pointOnCubic(edgePath(layout, 'universal', 'aged_out'), 0.5).y).toBeLessThan(cp.y);
    expect(pointOnCubic(edgePath(layout, 'agency_foster', 'universal'), 0.5).y).toBeGreaterThan(cp.y + cp.height);
  });

  it('runs A→B and B→A between neighbours in separate lanes, from face to facing face', () => {
    const layout = layoutMap(1280, 720);
    const there = edgePath(layout, 'universal', 'early_help');
    const back = edgePath(layout, 'early_help', 'universal');
    const u = layout.nodes[NODE_INDEX.universal].rect;
    const e = layout.nodes[NODE_INDEX.early_help].rect;
    expect(there.x0).toBeCloseTo(u.x + u.width, 6);
    expect(there.x3).toBeCloseTo(e.x, 6);
    expect(Math.abs(there.y0 - back.y3)).toBeGreaterThan(layout.fontSize);
  });
});

describe('estimateLines', () => {
  it('wraps at word boundaries and breaks words longer than a line', () => {
    expect(estimateLines('Early help', 10, 1000)).toBe(1);
    expect(estimateLines('Early help', 10, 40)).toBe(2);
    expect(estimateLines('accommodation', 10, 40)).toBe(3);
  });
});

describe('view codes', () => {
  it('maps state codes to their nodes, births and arrivals to their sources, and exits by where the child was', () => {
    expect(MAP_NODES[prevNodeOf(STATE_CODE.early_help, STATE_CODE.assessment)].id).toBe('early_help');
    expect(MAP_NODES[prevNodeOf(VIEW_CODE.birth, STATE_CODE.universal)].id).toBe('birth');
    expect(prevNodeOf(VIEW_CODE.empty, VIEW_CODE.empty)).toBe(NO_NODE);
    expect(prevNodeOf(VIEW_CODE.empty, STATE_CODE.universal)).toBe(NO_NODE);
    // An empty slot now holding a child in care: an unaccompanied child arrived into care.
    expect(MAP_NODES[prevNodeOf(VIEW_CODE.empty, STATE_CODE.supported_accommodation)].id).toBe('moved_in');
    expect(MAP_NODES[currentNodeOf(VIEW_CODE.exited, STATE_CODE.secure)].id).toBe('left_care_18');
    expect(MAP_NODES[currentNodeOf(VIEW_CODE.exited, STATE_CODE.universal)].id).toBe('aged_out');
    expect(currentNodeOf(VIEW_CODE.exited, VIEW_CODE.exited)).toBe(NO_NODE);
    expect(currentNodeOf(VIEW_CODE.empty, STATE_CODE.universal)).toBe(NO_NODE);
  });
});

describe('figures', () => {
  const stocks = Object.fromEntries(STATES.map((s) => [s, 0])) as MonthRecord['stocks'];
  const record: MonthRecord = {
    month: 3,
    children: 200_000,
    stocks: { ...stocks, universal: 190_000, secure: 4 },
    flows: { 'birth>universal': 800, 'universal>aged_out': 600, 'secure>left_care_18': 2, 'secure>nowhere': 1 },
    careExits: { reunified: 0, permanence: 0, left_care_18: 2 },
    spend: Object.fromEntries(SPEND_CATEGORIES.map((c) => [c, 0])) as MonthRecord['spend'],
    spendTotal: 0,
    ...neutralMonthFields(3),
  };

  it('shows stocks as counts and births and exits as per-month flows, with rates per 10,000 children', () => {
    const figs = nodeFigures(record, 2);
    expect(figs[NODE_INDEX.universal]).toEqual({ value: 190_000, per10k: 9_500 });
    expect(figs[NODE_INDEX.birth].value).toBe(400);
    expect(figs[NODE_INDEX.aged_out].per10k).toBeCloseTo(15, 10);
    expect(figs[NODE_INDEX.left_care_18].value).toBe(1);
  });

  it('lists edges between map nodes only, averaged over coalesced months', () => {
    expect(edgeFlows(record, 2)).toEqual([
      { from: 'birth', to: 'universal', perMonth: 400 },
      { from: 'universal', to: 'aged_out', perMonth: 300 },
      { from: 'secure', to: 'left_care_18', perMonth: 1 },
    ]);
  });

  it('formats counts in full up to six digits and small rates with two decimals', () => {
    expect(formatCount(123456)).toBe('123,456');
    expect(formatCount(11_600_000)).toBe('11.6m');
    expect(formatRate(0.2, 'stock')).toBe('0.20 per 10k');
    expect(formatRate(9500, 'stock')).toBe('9,500 per 10k');
    expect(formatRate(15, 'flow')).toBe('15.0 per 10k a month');
  });
});
