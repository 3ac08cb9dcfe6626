/**
 * The map in a room (the workshop's audience view, issue 23): at the map sizes the audience view
 * gives it on the three projector screens, every text is at least 18 px and no node's dots share
 * space with its text.
 */
import { describe, expect, it } from 'vitest';
import { DESK_STYLE, layoutMap, ROOM_STYLE, TEXT, type Rect } from '../../viz/map/layout';

/** The map's share of each screen in the audience view (full width; about 55-60% of the height). */
const ROOM_MAPS: readonly [number, number][] = [
  [1256, 400],
  [1342, 430],
  [1896, 620],
];

const overlaps = (a: Rect, b: Rect): boolean => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

describe('the map in a room', () => {
  for (const [width, height] of ROOM_MAPS) {
    it(`draws no text below 18 px and no dot over text at ${width} x ${height}`, () => {
      const layout = layoutMap(width, height, ROOM_STYLE);
      expect(layout.fontSize).toBeGreaterThanOrEqual(18);
      expect(layout.style.rates).toBe(false);
      // The smallest text a room draws: labels at the base size (counts are larger; rates are off).
      expect(layout.fontSize * Math.min(TEXT.labelScale, TEXT.countScale)).toBeGreaterThanOrEqual(18);
      for (const node of layout.nodes) {
        const hasBody = node.body.width * node.body.height > 0;
        if (hasBody) expect(overlaps(node.body, node.text), node.id).toBe(false);
      }
    });
  }

  it('keeps the desk layout as it was (rates on, text shared with dots only on tiny screens)', () => {
    const desk = layoutMap(1280, 720);
    expect(desk.style).toBe(DESK_STYLE);
    expect(desk.nodes.find((n) => n.id === 'inhouse_foster')?.label).toBe('In-house foster');
    expect(layoutMap(1280, 720, ROOM_STYLE).nodes.find((n) => n.id === 'inhouse_foster')?.label).toBe('LA foster');
  });
});
