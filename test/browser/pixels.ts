/**
 * Pixel statistics of a PNG, decoded by the browser under test (createImageBitmap + a 2D canvas),
 * so the check reads the saved file's real pixels without a PNG library.
 */
import type { Page } from 'playwright-core';

export interface PixelStats {
  width: number;
  height: number;
  distinctColours: number;
  /** Share of pixels that differ from the most common colour (the background). */
  nonBackgroundShare: number;
}

export async function analysePng(page: Page, png: Buffer): Promise<PixelStats> {
  return page.evaluate(async (base64) => {
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('no 2D context to decode the PNG');
    ctx.drawImage(bitmap, 0, 0);
    const data = ctx.getImageData(0, 0, bitmap.width, bitmap.height).data;
    const counts = new Map<number, number>();
    for (let i = 0; i < data.length; i += 4) {
      const rgb = (data[i] << 16) | (data[i + 1] << 8) | data[i + 2];
      counts.set(rgb, (counts.get(rgb) ?? 0) + 1);
    }
    let top = 0;
    for (const n of counts.values()) top = Math.max(top, n);
    const total = data.length / 4;
    return { width: bitmap.width, height: bitmap.height, distinctColours: counts.size, nonBackgroundShare: 1 - top / total };
  }, png.toString('base64'));
}
