/**
 * How many children the map animates. 20,000 where WebGL has a GPU. Where it runs on the CPU
 * (SwiftShader or llvmpipe: virtual machines, remote desktops, blocked drivers, headless Chromium),
 * the browser composites in software and reads every map frame back on the main thread, so the
 * frame's cost lands on the page's responsiveness: there the map animates 5,000. `?particles=N`
 * overrides either (0 turns the particles off).
 */
import { isSoftwareRenderer } from './map/gpu';

/** The product target (issue 5): 20,000 animated children at 60 fps on an ordinary laptop. */
export const GPU_MAX_PARTICLES = 20_000;
export const SOFTWARE_MAX_PARTICLES = 5_000;
const MAX_OVERRIDE = 200_000;

export function particleBudget(search: string, software: () => boolean = isSoftwareRenderer): number {
  const asked = new URLSearchParams(search).get('particles');
  if (asked !== null && /^\d+$/.test(asked)) return Math.min(Number(asked), MAX_OVERRIDE);
  return software() ? SOFTWARE_MAX_PARTICLES : GPU_MAX_PARTICLES;
}
