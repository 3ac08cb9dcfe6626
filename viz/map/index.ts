/**
 * The pathway map: nodes for every state with live counts and rates, edges sized by flow, and the
 * animation sample as particles moving between nodes. The shell mounts it in a sized element and
 * feeds it snapshots; the map reads snapshots only and keeps no reference to their buffers.
 */
import { Application } from 'pixi.js';
import type { Snapshot } from '../../sim/worker/contract';
import { inCare, per10k } from '../../sim/measures';
import { THEME } from '../palette';
import { EdgeLayer } from './edge-layer';
import { edgeFlows, nodeFigures } from './figures';
import { DESK_STYLE, layoutMap, type MapLayout, type MapStyle } from './layout';
import { Legend } from './legend';
import { NodeLayer, visibleTextSizes } from './node-layer';
import { ParticleField } from './particles';
import { isSoftwareRenderer, softwareContext } from './gpu';
import { createDotTexture } from './texture';

export interface PathwayMap {
  /** Show a snapshot: counts, rates and edges at once; particles animate until the next one. */
  update(snapshot: Snapshot): void;
  /** Fit the host's current size (called automatically by a ResizeObserver). */
  resize(): void;
  /** Stop drawing, free the WebGL context and remove the canvas. Safe to call twice. */
  destroy(): void;
  readonly canvas: HTMLCanvasElement;
  /** Every text drawn on the map with its size in CSS pixels (the audience view's least size is checked against it). */
  textSizes(): { text: string; px: number }[];
}

export interface PathwayMapOptions {
  /** Particles preallocated; view slots beyond this are not drawn. Default 20,000. */
  maxParticles?: number;
  /** Desk (default) or room: a room's map has large type, no rates and no dot over text (layout.ts). */
  style?: MapStyle;
}

export const DEFAULT_MAX_PARTICLES = 20_000;

/** How long a period's animation lasts when snapshots arrive slower or faster than this. */
const PERIOD_MS = { initial: 900, min: 250, max: 1800 } as const;

// Browsers cap live WebGL contexts (~16): maps from a replaced module must free theirs.
const live = new Set<PathwayMap>();
if (import.meta.hot) {
  import.meta.hot.dispose(() => {
    for (const map of [...live]) map.destroy();
  });
}

function hostSize(host: HTMLElement): { width: number; height: number } {
  const width = Math.max(Math.floor(host.clientWidth), 1);
  // An unsized host (height 0) gets a 16:9 map rather than a 1-pixel strip.
  const height = host.clientHeight > 0 ? Math.floor(host.clientHeight) : Math.round((width * 9) / 16);
  return { width, height };
}

export async function createPathwayMap(host: HTMLElement, options: PathwayMapOptions = {}): Promise<PathwayMap> {
  const capacity = options.maxParticles ?? DEFAULT_MAX_PARTICLES;
  if (!Number.isInteger(capacity) || capacity < 0) {
    throw new Error(`createPathwayMap: maxParticles must be a whole number >= 0, found ${String(options.maxParticles)}`);
  }

  const app = new Application();
  let size = hostSize(host);
  const software = isSoftwareRenderer() ? softwareContext() : null;
  await app.init({
    width: size.width,
    height: size.height,
    background: THEME.background,
    antialias: software === null,
    autoDensity: true,
    // Beyond 2× the extra pixels cost fill rate without a visible gain.
    resolution: software ? 1 : Math.min(globalThis.devicePixelRatio || 1, 2),
    preference: 'webgl',
    ...(software ?? {}),
  });
  const canvas = app.canvas;
  canvas.style.display = 'block';
  canvas.setAttribute('role', 'img');
  canvas.setAttribute('aria-label', 'Pathway map: children moving between care states (figures also in the table view)');
  host.appendChild(canvas);

  const texture = createDotTexture();
  const nodes = new NodeLayer();
  const edges = new EdgeLayer();
  const particles = new ParticleField(texture, capacity);
  const legend = new Legend();
  app.stage.addChild(nodes.frame, edges.graphics, nodes.boxes, particles.container, nodes.texts, legend.container);

  const style = options.style ?? DESK_STYLE;
  let layout: MapLayout = layoutMap(size.width, size.height, style);
  const applyLayout = (): void => {
    nodes.setLayout(layout);
    edges.setLayout(layout);
    particles.setLayout(layout);
    legend.setLayout(layout);
  };
  applyLayout();
  legend.setInfo(0, 0);

  let period: number = PERIOD_MS.initial;
  let lastUpdate = -1;
  let destroyed = false;

  // Created once: the ticker calls it every frame, and it allocates nothing.
  const onFrame = (): void => particles.tick(performance.now());
  app.ticker.add(onFrame);

  const observer = new ResizeObserver(() => map.resize());
  observer.observe(host);

  const map: PathwayMap = {
    canvas,
    textSizes: () => [...visibleTextSizes(nodes.texts), ...visibleTextSizes(legend.container)],
    update(snapshot: Snapshot): void {
      if (destroyed) return;
      const now = performance.now();
      if (lastUpdate >= 0) {
        // Smoothed, so one late snapshot doesn't stretch the next animation.
        const gap = Math.min(Math.max(now - lastUpdate, PERIOD_MS.min), PERIOD_MS.max);
        period = period * 0.7 + gap * 0.3;
      }
      lastUpdate = now;

      const { record, coalesced } = snapshot;
      const lookedAfter = inCare(record.stocks);
      nodes.setFigures(nodeFigures(record, coalesced), lookedAfter, per10k(lookedAfter, record.children));
      edges.setFlows(edgeFlows(record, coalesced), record.children);
      const living = particles.setView(snapshot.view, now, period);
      legend.setInfo(record.month, living > 0 ? record.children / living : 0);
    },
    resize(): void {
      if (destroyed) return;
      const next = hostSize(host);
      if (next.width === size.width && next.height === size.height) return;
      size = next;
      app.renderer.resize(size.width, size.height);
      layout = layoutMap(size.width, size.height, style);
      applyLayout();
    },
    destroy(): void {
      if (destroyed) return;
      destroyed = true;
      live.delete(map);
      observer.disconnect();
      app.ticker.remove(onFrame);
      // The stage owns every layer: destroying it with its children frees their graphics and text.
      app.destroy({ removeView: true }, { children: true });
      texture.destroy(true);
    },
  };
  live.add(map);
  return map;
}

export { layoutMap } from './layout';
export { MAP_NODES } from './nodes';
