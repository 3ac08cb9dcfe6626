/**
 * The observed (DfE) points on a trend chart: a hollow diamond per figure, a legend entry and a
 * sentence for screen readers, shown only when the run's dates overlap the series. The points come
 * precomputed (`sim/observed/overlay.ts`); drawing reads the typed arrays and allocates nothing.
 */
import type { ScaleLinear } from 'd3-scale';
import type { ObservedOverlay } from '../sim/observed/overlay';
import { OBSERVED_LABEL } from '../sim/observed/types';

export interface ObservedLayer {
  set(overlay: ObservedOverlay | undefined): void;
  /** The largest observed value inside [lo, hi] months (0 when none), for the y axis. */
  maxIn(lo: number, hi: number): number;
  draw(c: CanvasRenderingContext2D, x: ScaleLinear<number, number>, y: ScaleLinear<number, number>, lo: number, hi: number, size: number): void;
  /** The sentence added to the chart's text alternative ('' without an overlay). */
  readonly description: string;
}

export function createObservedLayer(caption: HTMLElement, figure: HTMLElement, colours: { text: string; background: string }): ObservedLayer {
  const legend = document.createElement('ul');
  legend.className = 'chart-legend chart-observed-legend';
  legend.hidden = true;
  const item = document.createElement('li');
  const swatch = document.createElement('span');
  swatch.className = 'swatch observed-swatch';
  item.append(swatch, OBSERVED_LABEL);
  legend.append(item);
  caption.append(legend);
  figure.dataset.observed = '0';

  let overlay: ObservedOverlay | undefined;
  let drawn = 0;

  return {
    set(next) {
      overlay = next;
      legend.hidden = next === undefined;
      figure.dataset.observed = String(next?.months.length ?? 0);
    },
    maxIn(lo, hi) {
      let top = 0;
      if (!overlay) return top;
      for (let i = 0; i < overlay.months.length; i++) {
        const m = overlay.months[i];
        if (m >= lo && m <= hi && overlay.values[i] > top) top = overlay.values[i];
      }
      return top;
    },
    draw(c, x, y, lo, hi, size) {
      let count = 0;
      if (overlay) {
        const r = Math.max(4, size * 0.4);
        c.lineWidth = 2;
        c.strokeStyle = colours.text;
        c.fillStyle = colours.background;
        for (let i = 0; i < overlay.months.length; i++) {
          const m = overlay.months[i];
          if (m < lo || m > hi) continue;
          const px = x(m);
          const py = y(overlay.values[i]);
          c.beginPath();
          c.moveTo(px, py - r);
          c.lineTo(px + r, py);
          c.lineTo(px, py + r);
          c.lineTo(px - r, py);
          c.closePath();
          c.fill();
          c.stroke();
          count++;
        }
      }
      // Only when it changes: a dataset write is a string, and this runs every drawn frame.
      if (count !== drawn) {
        drawn = count;
        figure.dataset.observedDrawn = String(count);
      }
    },
    get description() {
      return overlay ? `; ${overlay.description}` : '';
    },
  };
}
