/**
 * `npm run screenshot:workshop`: the workshop's audience view at the three projector sizes
 * (docs/workshop-1280x720.png, docs/workshop-1366x768.png, docs/workshop-1920x1080.png), at the
 * providers' proposal after the room has chosen at the earlier steps and branched there, so the
 * chart shows the dashed A line and the gap. The light theme at 1280 × 720 as well
 * (docs/workshop-light-1280x720.png).
 */
import type { Page } from 'playwright-core';
import { launchChromium } from '../test/browser/chromium';
import { startServer } from '../test/browser/harness';

const SIZES: readonly [number, number, string][] = [
  [1280, 720, 'dark'],
  [1366, 768, 'dark'],
  [1920, 1080, 'dark'],
  [1280, 720, 'light'],
];

const arrived = (page: Page, index: number) => page.waitForSelector(`[data-testid="workshop-step"][data-index="${index}"][data-arrived="true"]`, { timeout: 60_000 });

const server = await startServer();
const browser = await launchChromium();
try {
  for (const [width, height, theme] of SIZES) {
    const context = await browser.newContext({ viewport: { width, height } });
    const page = await context.newPage();
    await page.goto(`${server.url}?workshop=north-east-workshop&seed=1&theme=${theme}`);
    await page.waitForFunction(() => document.body.dataset.status === 'ready', undefined, { timeout: 120_000 });
    await arrived(page, 0);
    for (const [k, choice] of [
      [1, '2'],
      [2, '2'],
      [3, '3'],
      [4, ''],
    ] as const) {
      await page.keyboard.press('PageDown');
      await arrived(page, k);
      if (choice) await page.keyboard.press(choice);
    }
    await page.getByTestId('branch').click();
    await page.getByTestId('branch-gap').waitFor({ state: 'visible', timeout: 60_000 });
    await page.keyboard.press('2');
    await page.keyboard.press('PageDown');
    await arrived(page, 5);
    await page.waitForTimeout(2000);
    const out = `docs/workshop-${theme === 'light' ? 'light-' : ''}${width}x${height}.png`;
    await page.screenshot({ path: out });
    console.log(`wrote ${out}`);
    await context.close();
  }
} finally {
  await browser.close();
  await server.close();
}
