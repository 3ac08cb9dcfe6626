/**
 * Node boxes and their text: the short label, the live count and the rate per 10,000 children,
 * plus the frame around the placements with the total in care.
 */
import { Container, Graphics, Text } from 'pixi.js';
import { NODE_KIND_COLOUR, THEME } from '../palette';
import { formatCount, formatRate, type NodeFigure } from './figures';
import { TEXT, type MapLayout } from './layout';
import { MAP_NODES } from './nodes';

interface NodeTexts {
  label: Text;
  count: Text;
  rate: Text;
}

const text = (fill: string, fontWeight: '400' | '600' | '700', wordWrap: boolean): Text =>
  new Text({ text: '', style: { fontFamily: THEME.fontFamily, fill, fontWeight, wordWrap } });

/**
 * Shrinks a text that is still too wide after wrapping (a long word, a big count, a wide fallback
 * font) rather than let it spill out of its node or break a word in two.
 */
function fitWidth(t: Text, width: number, minScale = 0): void {
  t.scale.set(1);
  const natural = t.width;
  if (natural > width) t.scale.set(Math.max(width / natural, minScale));
}

/** What a text is drawn at, in CSS pixels: its font size times its scale (tests read it). */
export function drawnSize(t: Text): number {
  return Number(t.style.fontSize) * t.scale.y;
}

export class NodeLayer {
  /** The placements' frame, drawn under the edges. */
  readonly frame = new Graphics();
  /** Node boxes, drawn over the edges and under the particles. */
  readonly boxes = new Graphics();
  /** All text, drawn over the particles. */
  readonly texts = new Container();
  private readonly items: NodeTexts[];
  private readonly careTitle = text(THEME.text, '600', false);
  private widths: number[] = [];
  private layout: MapLayout | null = null;
  private careText = { full: '', short: '' };
  /** The smallest scale that keeps each text at the style's least size (texts in `items` order: label, count, rate). */
  private minScale = (fontPx: number): number => (this.layout ? Math.min(1, this.layout.style.minFontSize / fontPx) : 0);

  constructor() {
    this.items = MAP_NODES.map((node) => {
      const item = { label: text(THEME.text, '600', true), count: text(THEME.text, '700', false), rate: text(THEME.textMuted, '400', true) };
      item.label.text = node.label;
      item.count.text = '\u2013';
      this.texts.addChild(item.label, item.count, item.rate);
      return item;
    });
    this.texts.addChild(this.careTitle);
  }

  setLayout(layout: MapLayout): void {
    this.layout = layout;
    const fs = layout.fontSize;
    const radius = fs * 0.35;
    const stroke = Math.max(1, fs * 0.09);

    const care = layout.care.rect;
    this.frame
      .clear()
      .roundRect(care.x, care.y, care.width, care.height, radius * 1.4)
      .fill({ color: NODE_KIND_COLOUR.care, alpha: 0.08 })
      .stroke({ width: stroke, color: NODE_KIND_COLOUR.care, alpha: 0.55 });

    this.boxes.clear();
    for (const node of layout.nodes) {
      const r = node.rect;
      this.boxes
        .roundRect(r.x, r.y, r.width, r.height, radius)
        .fill({ color: node.measure === 'flow' ? THEME.background : THEME.surface, alpha: 1 })
        .stroke({ width: stroke, color: NODE_KIND_COLOUR[node.kind], alpha: 0.95 });
    }

    this.widths = layout.nodes.map((node) => Math.max(node.text.width, 1));
    layout.nodes.forEach((node, k) => {
      const { label, count, rate } = this.items[k];
      if (label.text !== node.label) label.text = node.label;
      const width = this.widths[k];
      for (const [t, scale] of [
        [label, TEXT.labelScale],
        [count, TEXT.countScale],
        [rate, TEXT.rateScale],
      ] as const) {
        t.style.fontSize = fs * scale;
        t.style.lineHeight = fs * scale * TEXT.lineHeight;
        t.style.wordWrapWidth = width;
      }
      rate.visible = layout.style.rates;
      fitWidth(label, width, this.minScale(fs * TEXT.labelScale));
      label.position.set(node.text.x, node.text.y);
    });
    const careSize = fs * (layout.style.rates ? 0.9 : 1);
    this.careTitle.style.fontSize = careSize;
    this.careTitle.style.lineHeight = careSize * TEXT.lineHeight;
    this.careTitle.position.set(care.x + fs * 0.5, care.y + fs * 0.35);
    this.placeFigures();
    this.fitCareTitle();
  }

  /** Counts and rates for the month; texts are only re-rendered when their string changes. */
  setFigures(figures: readonly NodeFigure[], lookedAfter: number, lookedAfterPer10k: number): void {
    MAP_NODES.forEach((node, k) => {
      const { count, rate } = this.items[k];
      const f = figures[k];
      const c = formatCount(f.value);
      const r = formatRate(f.per10k, node.measure);
      if (count.text !== c) count.text = c;
      if (rate.text !== r) rate.text = r;
    });
    const total = formatCount(lookedAfter);
    this.careText = {
      full: `Looked after \u00b7 ${total} (${formatRate(lookedAfterPer10k, 'stock')})`,
      short: `In care \u00b7 ${total}`,
    };
    this.placeFigures();
    this.fitCareTitle();
  }

  /** Count and rate sit under the label, whose height is only known once rendered. */
  private placeFigures(): void {
    const layout = this.layout;
    if (!layout) return;
    this.items.forEach(({ label, count, rate }, k) => {
      const fs = layout.fontSize;
      fitWidth(count, this.widths[k], this.minScale(fs * TEXT.countScale));
      fitWidth(rate, this.widths[k], this.minScale(fs * TEXT.rateScale));
      count.position.set(label.x, label.y + label.height);
      rate.position.set(label.x, count.y + count.height);
    });
  }

  private fitCareTitle(): void {
    const layout = this.layout;
    if (!layout) return;
    const room = layout.care.rect.width - layout.fontSize;
    this.careTitle.text = this.careText.full || layout.care.label;
    if (this.careTitle.width > room) this.careTitle.text = this.careText.short || 'In care';
  }
}

/** Every visible text of a layer with the size it is drawn at: what a room's least type size is checked against. */
export function visibleTextSizes(container: Container): { text: string; px: number }[] {
  const out: { text: string; px: number }[] = [];
  for (const child of container.children) {
    if (child instanceof Text && child.visible && child.text !== '') out.push({ text: child.text, px: drawnSize(child) });
  }
  return out;
}
