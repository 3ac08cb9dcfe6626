/** What the render bench page exposes to the Node driver (`bench/render.ts`) through `window`. */
export interface FrameStats {
  particles: number;
  frames: number;
  /** Time between animation frames, ms. */
  meanMs: number;
  p95Ms: number;
  fps: number;
}

export interface RenderBenchPage {
  /** Resolves after the map is mounted and has drawn its first snapshots. */
  ready: Promise<void>;
  /** Records frame intervals for `durationMs` while snapshots keep arriving. */
  measure(durationMs: number): Promise<FrameStats>;
}

declare global {
  interface Window {
    renderBench?: RenderBenchPage;
  }
}
