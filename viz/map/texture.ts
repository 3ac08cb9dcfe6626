/**
 * The one texture every particle shares: a white disc with a soft rim, tinted per particle.
 * Drawn once on a 2D canvas so no image asset has to be loaded.
 */
import { CanvasSource, Texture } from 'pixi.js';

/** Diameter of the texture in pixels; particles are scaled from it. */
export const DOT_TEXTURE_SIZE = 32;

export function createDotTexture(): Texture {
  const canvas = document.createElement('canvas');
  canvas.width = DOT_TEXTURE_SIZE;
  canvas.height = DOT_TEXTURE_SIZE;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('createDotTexture: no 2D canvas context');
  const r = DOT_TEXTURE_SIZE / 2;
  // A solid core with a one-texel fade keeps small dots round without looking blurred.
  const gradient = ctx.createRadialGradient(r, r, 0, r, r, r);
  gradient.addColorStop(0, 'rgba(255,255,255,1)');
  gradient.addColorStop(0.82, 'rgba(255,255,255,1)');
  gradient.addColorStop(1, 'rgba(255,255,255,0)');
  ctx.fillStyle = gradient;
  ctx.beginPath();
  ctx.arc(r, r, r, 0, Math.PI * 2);
  ctx.fill();
  return new Texture({ source: new CanvasSource({ resource: canvas }) });
}
