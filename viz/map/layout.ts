/**
 * Where the map's nodes go for a given viewport: a pure function of width and height, so it can be
 * tested in Node and recomputed on every resize.
 *
 * The pathway runs along the long side of the viewport (left to right when landscape, top to
 * bottom when portrait) in bands: births (and unaccompanied arrivals beside them), universal services, the four statutory steps, the eight
 * placements in a 2 × 4 grid, and the two exits. Everything scales with one base font size taken
 * from the viewport, so the same picture works on a laptop, a projector and a 4K screen.
 */
import { PLACEMENTS } from '../../sim/states';
import { MAP_NODES, ROOM_LABEL, type MapNode, type MapNodeId } from './nodes';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface NodeBox extends MapNode {
  /** Index of the band along the pathway (0 = births). */
  band: number;
  rect: Rect;
  /** The label, count and rate: across the top of the node, or down its left side when it is wide and flat. */
  text: Rect;
  /** Where the node's particles live: the rest of `rect`. */
  body: Rect;
}

export interface MapLayout {
  width: number;
  height: number;
  style: MapStyle;
  orientation: 'landscape' | 'portrait';
  /** Base text size in CSS pixels; other sizes are multiples of it. */
  fontSize: number;
  /** In `MAP_NODES` order. */
  nodes: NodeBox[];
  /** The frame drawn around the placements, with its title at the top. */
  care: { label: string; rect: Rect };
  legend: Rect;
  /** Where bridges over the pathway run: the cross-axis centre, the distance that clears the pathway nodes, and the spacing of nested bridges. */
  arcs: { crossCentre: number; clearance: number; step: number };
}

/** Text metrics the node interiors are sized for; the renderer uses the same factors. */
export const TEXT = {
  labelScale: 1,
  countScale: 1.45,
  rateScale: 0.8,
  lineHeight: 1.2,
  /** Average glyph advance in em for the UI sans fonts (bold labels are the widest). */
  charWidthEm: 0.62,
} as const;

/** The widest rate lines a node is sized to hold. */
export const RATE_TEMPLATE = { stock: '9,999 per 10k', flow: '99.9 per 10k a month' } as const;

interface Band {
  ids: readonly MapNodeId[];
  weight: number;
  /** Portrait screens are short along the pathway: small nodes and the placement grid need more of it. */
  portraitWeight?: number;
  /** In a room (large type, no rates) the placements need more of the width and universal services less. */
  roomWeight?: number;
  /** Share of the cross axis a single node takes (grids and stacks fill the band). */
  cross: number;
  /** Portrait screens have cross axis to spare: flat nodes there get wider instead. */
  portraitCross?: number;
  arrangement: 'single' | 'grid' | 'stack' | 'sources';
}

const PATHWAY_CROSS = 0.6;

const BANDS: readonly Band[] = [
  // Births on the centre line (they feed universal services, next door); unaccompanied arrivals
  // above them, on the side where forward bridges run, since they go straight into care.
  { ids: ['birth', 'moved_in'], weight: 0.75, portraitWeight: 1.2, roomWeight: 0.7, cross: 0.3, arrangement: 'sources' },
  { ids: ['universal'], weight: 1.35, roomWeight: 0.95, cross: 1, arrangement: 'single' },
  { ids: ['early_help'], weight: 1, cross: PATHWAY_CROSS, arrangement: 'single' },
  { ids: ['assessment'], weight: 1, cross: PATHWAY_CROSS, arrangement: 'single' },
  { ids: ['child_in_need'], weight: 1, cross: PATHWAY_CROSS, arrangement: 'single' },
  { ids: ['child_protection'], weight: 1, cross: PATHWAY_CROSS, arrangement: 'single' },
  { ids: PLACEMENTS, weight: 2.1, portraitWeight: 3.3, roomWeight: 2.5, cross: 1, arrangement: 'grid' },
  { ids: ['aged_out', 'left_care_18'], weight: 1, cross: 0.36, portraitCross: 0.46, arrangement: 'stack' },
];

/** Base font size: readable at arm's length on a laptop, and growing with the screen. */
export function baseFontSize(width: number, height: number): number {
  const long = Math.max(width, height);
  const short = Math.min(width, height);
  return Math.min(Math.max(Math.min(long / 78, short / 46), 11), 72);
}

/** Lines a word-wrapped text takes at `fontSize` in `maxWidth` pixels (an estimate, no DOM). */
export function estimateLines(text: string, fontSize: number, maxWidth: number): number {
  const perLine = Math.max(1, Math.floor(maxWidth / (fontSize * TEXT.charWidthEm)));
  let lines = 1;
  let used = 0;
  for (const word of text.split(/\s+/)) {
    if (word.length === 0) continue;
    const need = used === 0 ? word.length : used + 1 + word.length;
    if (need <= perLine) {
      used = need;
      continue;
    }
    if (used > 0) lines += 1;
    // A word longer than a line is broken across lines.
    lines += Math.ceil(word.length / perLine) - 1;
    used = word.length % perLine || perLine;
  }
  return lines;
}

/** Padding inside a node, in pixels. */
export const nodePadding = (fontSize: number): number => fontSize * 0.45;

/** Height of a node's text block (label, count, rate) wrapped to `inner` pixels, padding included. */
export function headerHeight(node: MapNode, fontSize: number, inner: number, withRate = true): number {
  const pad = nodePadding(fontSize);
  const label = estimateLines(node.label, fontSize * TEXT.labelScale, inner) * fontSize * TEXT.labelScale;
  const count = fontSize * TEXT.countScale;
  const rateSize = fontSize * TEXT.rateScale;
  const rate = withRate ? estimateLines(RATE_TEMPLATE[node.measure], rateSize, inner) * rateSize : 0;
  return pad + (label + count + rate) * TEXT.lineHeight + pad * 0.5;
}

/**
 * How the map is drawn for a room (the workshop's audience view) rather than a desk: type at
 * least `minFontSize` pixels, no rates (the headline figures carry them), tighter gaps, and no dots
 * where a node has no room for them beside its text (never a dot over a label or count).
 */
export interface MapStyle {
  minFontSize: number;
  rates: boolean;
}

export const DESK_STYLE: MapStyle = { minFontSize: 11, rates: true };
/** 18 px: the smallest type the audience view draws, legible from the back of a room at 1280 × 720. */
export const ROOM_STYLE: MapStyle = { minFontSize: 18, rates: false };

/** The smallest size any map text is drawn at, as a multiple of the base font size (`TEXT`, the care title, the legend). */
export const SMALLEST_TEXT_SCALE = { rates: TEXT.rateScale, noRates: 0.9 } as const;

/**
 * Splits a node into its text block and its particle body. Tall nodes stack them; wide flat ones
 * (portrait screens) put the text on the left, where a stacked header would leave no body.
 */
function interiorOf(node: MapNode, rect: Rect, fontSize: number, style: MapStyle): { text: Rect; body: Rect } {
  const pad = nodePadding(fontSize);
  const inner = (r: Rect): Rect => ({
    x: r.x + pad,
    y: r.y + pad,
    width: Math.max(r.width - 2 * pad, 0),
    height: Math.max(r.height - 2 * pad, 0),
  });
  const stackedTop = headerHeight(node, fontSize, rect.width - 2 * pad, style.rates);
  // A room's type is too large for a side column: its text always runs across the top.
  if (!style.rates || rect.height - stackedTop - pad >= fontSize * 1.5 || rect.width < rect.height * 1.6) {
    const height = rect.height - stackedTop - pad;
    const text = { x: rect.x + pad, y: rect.y + pad, width: Math.max(rect.width - 2 * pad, 0), height: stackedTop - pad };
    // Too small for a separate body: on a desk the particles share the text's space (tiny
    // screens); in a room the text wins and the node draws no dots.
    // (Its empty body sits on the node's left face, where its dots arrive and leave.)
    if (height < fontSize) return { text, body: style.rates ? inner(rect) : { x: rect.x, y: rect.y + rect.height / 2, width: 0, height: 0 } };
    return { text, body: { x: rect.x + pad, y: rect.y + stackedTop, width: text.width, height } };
  }
  const column = Math.min(fontSize * 11, rect.width * 0.6);
  return {
    text: { x: rect.x + pad, y: rect.y + pad, width: column - 2 * pad, height: Math.max(rect.height - 2 * pad, 0) },
    body: inner({ x: rect.x + column, y: rect.y, width: rect.width - column, height: rect.height }),
  };
}

/** Lays the map out in a `width` × `height` CSS-pixel viewport. */
export function layoutMap(width: number, height: number, style: MapStyle = DESK_STYLE): MapLayout {
  const w = Math.max(width, 1);
  const h = Math.max(height, 1);
  const orientation = h > w * 1.15 ? 'portrait' : 'landscape';
  const fs = Math.max(baseFontSize(w, h), style.minFontSize);
  const room = !style.rates;
  const margin = fs * (room ? 0.5 : 0.9);
  const legendHeight = fs * (room ? 1.6 : 2.2);
  const legendGap = fs * 0.5;
  // Portrait screens are short along the pathway; the gaps there carry edges, so keep them usable.
  const gapMain = fs * (room ? 0.9 : orientation === 'landscape' ? 1.9 : 1.5);
  const gapCell = fs * 0.5;
  const careHeader = fs * 1.7;

  // Content area, then work in (main, cross) coordinates and map back to (x, y).
  const area: Rect = { x: margin, y: margin, width: w - 2 * margin, height: h - 2 * margin - legendHeight - legendGap };
  const landscape = orientation === 'landscape';
  const mainStart = landscape ? area.x : area.y;
  const mainLength = landscape ? area.width : area.height;
  const crossStart = landscape ? area.y : area.x;
  const crossLength = landscape ? area.height : area.width;
  const toRect = (main: number, cross: number, mainSize: number, crossSize: number): Rect =>
    landscape
      ? { x: main, y: cross, width: mainSize, height: crossSize }
      : { x: cross, y: main, width: crossSize, height: mainSize };

  const weightOf = (b: Band): number => (room && b.roomWeight !== undefined ? b.roomWeight : landscape ? b.weight : (b.portraitWeight ?? b.weight));
  const totalWeight = BANDS.reduce((s, b) => s + weightOf(b), 0);
  const unit = Math.max(mainLength - gapMain * (BANDS.length - 1), 0) / totalWeight;
  const crossCentre = crossStart + crossLength / 2;

  const rects = new Map<MapNodeId, { band: number; rect: Rect }>();
  let care: Rect = { x: 0, y: 0, width: 0, height: 0 };
  let main = mainStart;
  BANDS.forEach((band, bandIndex) => {
    const size = weightOf(band) * unit;
    if (band.arrangement === 'single') {
      const crossSize = crossLength * (landscape ? band.cross : (band.portraitCross ?? band.cross));
      rects.set(band.ids[0], { band: bandIndex, rect: toRect(main, crossCentre - crossSize / 2, size, crossSize) });
    } else if (band.arrangement === 'sources') {
      const [centred, beside] = band.ids;
      const crossSize = crossLength * (landscape ? band.cross : (band.portraitCross ?? band.cross));
      const centreStart = crossCentre - crossSize / 2;
      const inset = Math.min(0.04 * crossLength, gapCell);
      rects.set(centred, { band: bandIndex, rect: toRect(main, centreStart, size, crossSize) });
      rects.set(beside, { band: bandIndex, rect: toRect(main, crossStart + inset, size, centreStart - gapCell - crossStart - inset) });
    } else if (band.arrangement === 'stack') {
      // Two exits: the first near the top (where forward arcs land), the second near the bottom.
      const crossSize = crossLength * (landscape ? band.cross : (band.portraitCross ?? band.cross));
      const [first, second] = band.ids;
      const inset = Math.min(0.06 * crossLength, (crossLength - 2 * crossSize) / 3);
      rects.set(first, { band: bandIndex, rect: toRect(main, crossStart + inset, size, crossSize) });
      rects.set(second, {
        band: bandIndex,
        rect: toRect(main, crossStart + crossLength - inset - crossSize, size, crossSize),
      });
    } else {
      care = toRect(main, crossStart, size, crossLength);
      const pad = gapCell;
      const inner: Rect = {
        x: care.x + pad,
        y: care.y + careHeader,
        width: care.width - 2 * pad,
        height: care.height - careHeader - pad,
      };
      // Family-based placements first along the pathway, residential ones second.
      const alongMain = 2;
      const alongCross = Math.ceil(band.ids.length / alongMain);
      const cols = landscape ? alongMain : alongCross;
      const rows = landscape ? alongCross : alongMain;
      const cellW = (inner.width - gapCell * (cols - 1)) / cols;
      const cellH = (inner.height - gapCell * (rows - 1)) / rows;
      band.ids.forEach((id, i) => {
        const line = Math.floor(i / alongCross);
        const pos = i % alongCross;
        const col = landscape ? line : pos;
        const row = landscape ? pos : line;
        rects.set(id, {
          band: bandIndex,
          rect: { x: inner.x + col * (cellW + gapCell), y: inner.y + row * (cellH + gapCell), width: cellW, height: cellH },
        });
      });
    }
    main += size + gapMain;
  });

  const nodes: NodeBox[] = MAP_NODES.map((desk) => {
    const node = room ? { ...desk, label: ROOM_LABEL[desk.id] ?? desk.label } : desk;
    const placed = rects.get(node.id);
    if (!placed) throw new Error(`layoutMap: no band places node ${node.id}`);
    return { ...node, band: placed.band, rect: placed.rect, ...interiorOf(node, placed.rect, fs, style) };
  });

  return {
    width: w,
    height: h,
    style,
    orientation,
    fontSize: fs,
    nodes,
    care: { label: 'Looked after (in care)', rect: care },
    legend: { x: margin, y: h - margin - legendHeight, width: w - 2 * margin, height: legendHeight },
    arcs: { crossCentre, clearance: (crossLength * PATHWAY_CROSS) / 2 + gapMain * 0.5, step: fs * 0.8 },
  };
}
