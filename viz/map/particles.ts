/**
 * The children of the animation sample as particles: one preallocated pool, one texture, one
 * ParticleContainer. A child who changed state during the period travels from its previous node
 * to its current one along the edge's curve; everyone else drifts gently inside their node.
 *
 * `tick` runs every frame and must not allocate: all per-particle state lives in typed arrays
 * sized once for the pool, and the per-snapshot work (targets, colours) happens in `setView`.
 */
import { Particle, ParticleContainer, type Texture } from 'pixi.js';
import { VIEW_CODE, type AnimationView } from '../../sim/worker/contract';
import { POVERTY_COLOUR, hexToNumber } from '../palette';
import { DOT_TEXTURE_SIZE } from './texture';
import { edgePath } from './edge-geometry';
import type { MapLayout } from './layout';
import { currentNodeOf, MAP_NODES, NO_NODE, prevNodeOf } from './nodes';

/** Stable per-slot pseudo-random number in [0, 1): the same child sits in the same spot every frame. */
function hash01(i: number, salt: number): number {
  let h = Math.imul(i ^ salt, 0x9e3779b1);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) / 4294967296;
}

/** Pixi packs a particle's tint and alpha as 0xAABBGGRR. */
function packColour(hex: string, alpha: number): number {
  const rgb = hexToNumber(hex);
  const bgr = ((rgb & 0xff) << 16) | (rgb & 0xff00) | ((rgb >>> 16) & 0xff);
  return (((Math.round(alpha * 255) & 0xff) << 24) | bgr) >>> 0;
}

const POOR = packColour(POVERTY_COLOUR.poor, 0.92);
const NOT_POOR = packColour(POVERTY_COLOUR.notPoor, 0.92);
const HIDDEN = 0;

const NODE_COUNT = MAP_NODES.length;

export class ParticleField {
  readonly container: ParticleContainer;
  readonly capacity: number;
  private readonly pool: Particle[];
  private count = 0;

  // Copies of the last view: the caller may hand the snapshot's buffers back to the worker.
  private readonly prev: Uint8Array;
  private readonly state: Uint8Array;
  private readonly poor: Uint8Array;
  private readonly node: Int16Array;

  // Per-slot constants: home position inside a node (0..1) and drift frequencies/phase.
  private readonly u: Float32Array;
  private readonly v: Float32Array;
  private readonly fx: Float32Array;
  private readonly fy: Float32Array;
  private readonly phase: Float32Array;
  private readonly lag: Float32Array;

  // Per-slot path for the current period: a cubic from start (s) via two controls (c, d) to end (e).
  private readonly sx: Float32Array;
  private readonly sy: Float32Array;
  private readonly cx: Float32Array;
  private readonly cy: Float32Array;
  private readonly dx: Float32Array;
  private readonly dy: Float32Array;
  private readonly ex: Float32Array;
  private readonly ey: Float32Array;
  private readonly moving: Uint8Array;
  /** Changed node this period: drawn larger until the next snapshot, so the month's moves stand out. */
  private readonly moved: Uint8Array;

  // Per-node geometry from the layout: body rectangles, and each edge's two control points.
  private readonly bodies = new Float32Array(NODE_COUNT * 4);
  /** Nodes with no room for dots (a room's large type): their dots are drawn only while travelling. */
  private readonly bodiless = new Uint8Array(NODE_COUNT);
  private readonly controls = new Float32Array(NODE_COUNT * NODE_COUNT * 4);
  /** Per-slot offset from the edge's centre line, so a month's movers form a band, not a thread. */
  private readonly laneX: Float32Array;
  private readonly laneY: Float32Array;
  private laneWidth = 8;
  private layout: MapLayout | null = null;

  private periodStart = 0;
  private travelMs = 700;
  private spreadMs = 300;
  private amp = 1.5;
  private dotScale = 0.1;
  private moverScale = 0.2;

  constructor(texture: Texture, capacity: number) {
    this.capacity = capacity;
    this.container = new ParticleContainer({ texture, dynamicProperties: { position: true } });
    this.pool = new Array<Particle>(capacity);
    for (let i = 0; i < capacity; i++) {
      this.pool[i] = new Particle({ texture, anchorX: 0.5, anchorY: 0.5, x: -100, y: -100 });
      this.pool[i].color = HIDDEN;
    }
    this.prev = new Uint8Array(capacity);
    this.state = new Uint8Array(capacity);
    this.poor = new Uint8Array(capacity);
    this.node = new Int16Array(capacity).fill(NO_NODE);
    this.u = new Float32Array(capacity);
    this.v = new Float32Array(capacity);
    this.fx = new Float32Array(capacity);
    this.fy = new Float32Array(capacity);
    this.phase = new Float32Array(capacity);
    this.lag = new Float32Array(capacity);
    this.laneX = new Float32Array(capacity);
    this.laneY = new Float32Array(capacity);
    for (let i = 0; i < capacity; i++) {
      this.u[i] = hash01(i, 0x1b873593);
      this.v[i] = hash01(i, 0x27d4eb2f);
      // Periods of 5 to 15 seconds: alive, not busy.
      this.fx[i] = 0.0004 + 0.0008 * hash01(i, 0x165667b1);
      this.fy[i] = 0.0004 + 0.0008 * hash01(i, 0x7feb352d);
      this.phase[i] = Math.PI * 2 * hash01(i, 0x846ca68b);
      this.lag[i] = hash01(i, 0x5bd1e995);
      this.laneX[i] = hash01(i, 0x68e31da4) - 0.5;
      this.laneY[i] = hash01(i, 0xb5297a4d) - 0.5;
    }
    this.sx = new Float32Array(capacity);
    this.sy = new Float32Array(capacity);
    this.cx = new Float32Array(capacity);
    this.cy = new Float32Array(capacity);
    this.dx = new Float32Array(capacity);
    this.dy = new Float32Array(capacity);
    this.ex = new Float32Array(capacity);
    this.ey = new Float32Array(capacity);
    this.moving = new Uint8Array(capacity);
    this.moved = new Uint8Array(capacity);
  }

  /** New geometry (resize): particles move to their homes in the new node rectangles at once. */
  setLayout(layout: MapLayout): void {
    this.layout = layout;
    layout.nodes.forEach((n, k) => {
      this.bodies.set([n.body.x, n.body.y, n.body.width, n.body.height], k * 4);
      this.bodiless[k] = n.body.width * n.body.height > 0 ? 0 : 1;
    });
    for (let a = 0; a < NODE_COUNT; a++) {
      for (let b = 0; b < NODE_COUNT; b++) {
        if (a === b) continue;
        const c = edgePath(layout, MAP_NODES[a].id, MAP_NODES[b].id);
        this.controls.set([c.x1, c.y1, c.x2, c.y2], (a * NODE_COUNT + b) * 4);
      }
    }
    this.laneWidth = layout.fontSize * 0.7;
    this.resizeDots();
    this.retarget(false);
  }

  /**
   * Takes a new period's view. `periodMs` is how long until the next snapshot is expected; moves
   * are staggered over it so a month's movers flow rather than jump together.
   * Returns the number of drawn slots holding a child (exits excluded).
   */
  setView(view: AnimationView, now: number, periodMs: number): number {
    const n = Math.min(view.state.length, this.capacity);
    this.prev.set(n === view.prev.length ? view.prev : view.prev.subarray(0, n));
    this.state.set(n === view.state.length ? view.state : view.state.subarray(0, n));
    this.poor.set(n === view.poor.length ? view.poor : view.poor.subarray(0, n));
    if (n !== this.count) this.setCount(n);

    this.periodStart = now;
    this.travelMs = periodMs * 0.6;
    this.spreadMs = periodMs * 0.3;
    const living = this.retarget(true);
    this.restyle();
    return living;
  }

  /** Per-frame positions. No allocation here: typed arrays and numbers only. */
  tick(now: number): void {
    const elapsed = now - this.periodStart;
    const travel = this.travelMs;
    const spread = this.spreadMs;
    const amp = this.amp;
    const pool = this.pool;
    const node = this.node;
    const moving = this.moving;
    for (let i = 0; i < this.count; i++) {
      if (node[i] === NO_NODE) continue;
      let x = this.ex[i];
      let y = this.ey[i];
      let settle = 1;
      if (moving[i] === 1) {
        let t = (elapsed - this.lag[i] * spread) / travel;
        if (t >= 1) {
          moving[i] = 0;
        } else {
          if (t < 0) t = 0;
          const s = t * t * (3 - 2 * t);
          const r = 1 - s;
          const a = r * r * r;
          const b = 3 * r * r * s;
          const c = 3 * r * s * s;
          const d = s * s * s;
          x = a * this.sx[i] + b * this.cx[i] + c * this.dx[i] + d * x;
          y = a * this.sy[i] + b * this.cy[i] + c * this.dy[i] + d * y;
          settle = s;
        }
      }
      const p = pool[i];
      if (moving[i] === 0 && this.bodiless[node[i]] === 1) {
        // Arrived where there is no room for dots: off the canvas, never over the node's text.
        p.x = -100;
        p.y = -100;
        continue;
      }
      p.x = x + settle * amp * Math.sin(now * this.fx[i] + this.phase[i]);
      p.y = y + settle * amp * Math.cos(now * this.fy[i] + this.phase[i]);
    }
  }

  private setCount(n: number): void {
    const children = this.container.particleChildren;
    if (n < children.length) {
      for (let i = n; i < children.length; i++) this.node[i] = NO_NODE;
      children.length = n;
    } else {
      for (let i = children.length; i < n; i++) children.push(this.pool[i]);
    }
    this.count = n;
    this.container.update();
    this.resizeDots();
  }

  /**
   * Dot size: a fifth of the text size, but smaller when the sample is so large that the biggest
   * node (universal services) would turn into a solid block.
   */
  private resizeDots(): void {
    const layout = this.layout;
    if (!layout) return;
    const fs = layout.fontSize;
    const universal = layout.nodes.find((n) => n.id === 'universal');
    const area = universal ? universal.body.width * universal.body.height : 0;
    const byDensity = Math.sqrt(area / Math.max(this.count, 1)) * 0.5;
    const radius = Math.min(Math.max(Math.min(fs * 0.2, byDensity), 1.5), fs * 0.25);
    this.amp = Math.max(radius * 1.5, 1.5);
    this.dotScale = (radius * 2) / DOT_TEXTURE_SIZE;
    this.moverScale = (Math.max(radius * 2, fs * 0.24) * 2) / DOT_TEXTURE_SIZE;
    this.restyle();
  }

  /** Colour (poverty, hidden) and size (mover or not) per slot: static attributes, so uploaded only on change. */
  private restyle(): void {
    let changed = false;
    for (let i = 0; i < this.count; i++) {
      const p = this.pool[i];
      const colour = this.node[i] === NO_NODE ? HIDDEN : this.poor[i] ? POOR : NOT_POOR;
      const scale = this.moved[i] ? this.moverScale : this.dotScale;
      if (p.color !== colour || p.scaleX !== scale) {
        p.color = colour;
        p.scaleX = scale;
        p.scaleY = scale;
        changed = true;
      }
    }
    if (changed) this.container.update();
  }

  /** Sets each slot's end point (and, when starting a period, its path). Returns living slots. */
  private retarget(startPeriod: boolean): number {
    if (!this.layout) return 0;
    let living = 0;
    for (let i = 0; i < this.count; i++) {
      const from = prevNodeOf(this.prev[i], this.state[i]);
      const to = currentNodeOf(this.state[i], this.prev[i]);
      const was = this.node[i];
      this.node[i] = to;
      if (to === NO_NODE) {
        this.moving[i] = 0;
        this.moved[i] = 0;
        continue;
      }
      if (this.state[i] !== VIEW_CODE.exited) living += 1;
      this.ex[i] = this.homeX(to, i);
      this.ey[i] = this.homeY(to, i);
      const travels = from !== NO_NODE && from !== to && (startPeriod || this.moving[i] === 1);
      if (startPeriod) this.moved[i] = from !== NO_NODE && from !== to ? 1 : 0;
      if (!travels) {
        this.moving[i] = 0;
        continue;
      }
      // Continue from where the dot is if it was already drawn in its start node; else from home there.
      if (startPeriod && was === from) {
        this.sx[i] = this.pool[i].x;
        this.sy[i] = this.pool[i].y;
      } else {
        this.sx[i] = this.homeX(from, i);
        this.sy[i] = this.homeY(from, i);
      }
      // Follow the edge's controls, each dot in its own lane across the edge's width.
      const k = (from * NODE_COUNT + to) * 4;
      const ox = this.laneX[i] * this.laneWidth;
      const oy = this.laneY[i] * this.laneWidth;
      this.cx[i] = this.controls[k] + ox;
      this.cy[i] = this.controls[k + 1] + oy;
      this.dx[i] = this.controls[k + 2] + ox;
      this.dy[i] = this.controls[k + 3] + oy;
      this.moving[i] = 1;
    }
    return living;
  }

  /** Slot `i`'s resting place in node `k`: inset by the drift so it never leaves the body. */
  private homeX(k: number, i: number): number {
    const b = k * 4;
    return this.bodies[b] + this.amp + this.u[i] * Math.max(this.bodies[b + 2] - 2 * this.amp, 0);
  }

  private homeY(k: number, i: number): number {
    const b = k * 4;
    return this.bodies[b + 1] + this.amp + this.v[i] * Math.max(this.bodies[b + 3] - 2 * this.amp, 0);
  }
}
