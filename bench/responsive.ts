/**
 * `npm run bench:responsive`: how responsive the page's main thread stays while the baseline plays
 * (the engine runs in a worker). Chromium on this machine's CPU (SwiftShader), a laptop-sized
 * window, 24 months at 12 months a second; prints every main-thread task over 50 ms and the
 * longest. The aim is no task over 100 ms. A figure, not a test: it depends on the machine's load,
 * and no test asserts a timing.
 */
import { launchChromium } from '../test/browser/chromium';
import { openApp, startServer, waitForMonth } from '../test/browser/harness';

declare global {
  interface Window {
    __longTasks?: { start: number; duration: number }[];
  }
}

const REPEATS = Number(process.env.BENCH_REPEATS ?? 3);

const browser = await launchChromium();
const server = await startServer();
try {
  console.log(`Care Futures responsiveness: North East baseline, 24 months at 12 a second, 1366 x 768, ${REPEATS} runs`);
  for (let k = 0; k < REPEATS; k++) {
    const { page, errors } = await openApp(browser, server.url, '?scenario=north-east-baseline&seed=1', { width: 1366, height: 768 });
    // Let start-up work (first frames, shader compilation) finish before measuring.
    await page.waitForTimeout(500);
    await page.evaluate(() => {
      window.__longTasks = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) window.__longTasks?.push({ start: e.startTime, duration: e.duration });
      }).observe({ type: 'longtask' });
    });
    await page.getByLabel('Speed').selectOption('12');
    const started = Date.now();
    await page.getByRole('button', { name: 'Play', exact: true }).click();
    await waitForMonth(page, 24);
    const seconds = (Date.now() - started) / 1000;
    await page.getByRole('button', { name: 'Pause', exact: true }).click();
    // Long-task entries are delivered asynchronously: give the observer a moment.
    await page.waitForTimeout(300);
    const tasks = await page.evaluate(() => window.__longTasks ?? []);
    const longest = tasks.reduce((m, t) => Math.max(m, t.duration), 0);
    const over100 = tasks.filter((t) => t.duration > 100).length;
    console.log(`run ${k + 1}: 24 months in ${seconds.toFixed(1)} s; ${tasks.length} task(s) over 50 ms, ${over100} over 100 ms, longest ${longest.toFixed(0)} ms${errors.length ? `; page errors: ${errors.join(' | ')}` : ''}`);
    await page.close();
  }
} finally {
  await browser.close();
  await server.close();
}
