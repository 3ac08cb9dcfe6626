/**
 * The strip under the map: what the dot colours mean, what a dot stands for, and the month shown.
 */
import { Container, Graphics, Text } from 'pixi.js';
import { POVERTY_COLOUR, POVERTY_LABEL, THEME } from '../palette';
import { formatCount } from './figures';
import type { MapLayout } from './layout';

const text = (fill: string, fontWeight: '400' | '600' = '400'): Text =>
  new Text({ text: '', style: { fontFamily: THEME.fontFamily, fill, fontWeight } });

export class Legend {
  readonly container = new Container();
  private readonly dots = new Graphics();
  private readonly poor = text(THEME.text);
  private readonly notPoor = text(THEME.text);
  private readonly note = text(THEME.textMuted);
  private readonly month = text(THEME.text, '600');
  private layout: MapLayout | null = null;
  /** Explanations, longest first: the longest that fits beside the colour key is shown. */
  private notes: string[] = [];

  constructor() {
    this.poor.text = POVERTY_LABEL.poor;
    this.notPoor.text = POVERTY_LABEL.notPoor;
    this.container.addChild(this.dots, this.poor, this.notPoor, this.note, this.month);
  }

  setLayout(layout: MapLayout): void {
    this.layout = layout;
    const size = layout.fontSize * (layout.style.rates ? 0.9 : 1);
    for (const t of [this.poor, this.notPoor, this.note]) t.style.fontSize = size;
    this.month.style.fontSize = layout.fontSize * 1.05;
    this.place();
  }

  /** `childrenPerDot`: how many children of the population one dot stands for. */
  setInfo(month: number, childrenPerDot: number): void {
    const n = formatCount(childrenPerDot);
    this.notes =
      childrenPerDot > 0
        ? [
            `Each dot is one child of the sample (\u2248 ${n} children) \u00b7 large dots moved this month \u00b7 line width: children moving per month`,
            `1 dot \u2248 ${n} children \u00b7 large dots moved this month \u00b7 line width: moves per month`,
            `1 dot \u2248 ${n} children \u00b7 large dots moved this month`,
            `1 dot \u2248 ${n} children`,
          ]
        : ['Large dots moved this month \u00b7 line width: children moving per month', 'Large dots moved this month'];
    const m = `Month ${month}`;
    if (this.month.text !== m) this.month.text = m;
    this.place();
  }

  private place(): void {
    const layout = this.layout;
    if (!layout) return;
    const r = layout.legend;
    const fs = layout.fontSize;
    const mid = r.y + r.height / 2;
    const dot = fs * 0.38;
    let x = r.x;
    this.dots.clear();
    for (const [label, colour] of [
      [this.poor, POVERTY_COLOUR.poor],
      [this.notPoor, POVERTY_COLOUR.notPoor],
    ] as const) {
      this.dots.circle(x + dot, mid, dot).fill(colour);
      x += dot * 2 + fs * 0.4;
      label.position.set(x, mid - label.height / 2);
      x += label.width + fs * 1.2;
    }
    this.month.position.set(r.x + r.width - this.month.width, mid - this.month.height / 2);
    // Shorten the explanation, or drop it, rather than let it run into the month on narrow screens.
    const room = this.month.x - fs - x;
    this.note.visible = false;
    for (const note of this.notes) {
      if (this.note.text !== note) this.note.text = note;
      if (this.note.width <= room) {
        this.note.visible = true;
        break;
      }
    }
    this.note.position.set(x, mid - this.note.height / 2);
  }
}
