/**
 * The render bench page: mounts the pathway map alone and feeds it synthetic snapshots.
 * Query: `n` particles (default 20000), `interval` ms between snapshots (default 500),
 * `months` to run before showing (for screenshots; default 0), `seed`.
 */
import { createPathwayMap } from '../viz/map';
import type { FrameStats } from './render-protocol';
import { SyntheticPathway } from './render-synthetic';

const query = new URLSearchParams(location.search);
const num = (key: string, fallback: number): number => {
  const value = Number(query.get(key) ?? fallback);
  return Number.isFinite(value) && value >= 0 ? Math.floor(value) : fallback;
};
const particles = num('n', 20_000);
const interval = num('interval', 500);
const warmMonths = num('months', 0);

function measure(durationMs: number): Promise<FrameStats> {
  return new Promise((resolve) => {
    const intervals: number[] = [];
    let last = -1;
    let start = -1;
    const frame = (t: number): void => {
      if (start < 0) start = t;
      if (last >= 0) intervals.push(t - last);
      last = t;
      if (t - start < durationMs) {
        requestAnimationFrame(frame);
        return;
      }
      const sorted = [...intervals].sort((a, b) => a - b);
      const mean = intervals.reduce((a, b) => a + b, 0) / Math.max(intervals.length, 1);
      const p95 = sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.95))] ?? 0;
      resolve({ particles, frames: intervals.length, meanMs: mean, p95Ms: p95, fps: mean > 0 ? 1000 / mean : 0 });
    };
    requestAnimationFrame(frame);
  });
}

async function start(): Promise<void> {
  const host = document.getElementById('map');
  if (!host) throw new Error('render bench: #map missing');
  const map = await createPathwayMap(host, { maxParticles: particles });
  const source = new SyntheticPathway(particles, 12_000_000, num('seed', 1));
  for (let m = 0; m < warmMonths; m++) source.next();
  map.update(source.next());
  setInterval(() => map.update(source.next()), interval);
  // Two frames: the first snapshot is drawn before anyone measures or screenshots.
  await new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r())));
}

window.renderBench = { ready: start(), measure };
