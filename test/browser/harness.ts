/**
 * Shared harness for the browser tests: a vite dev server started in-process on a free port and
 * pages opened in the Chromium that ./chromium finds, driven by playwright-core.
 */
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { createServer, type ViteDevServer } from 'vite';
import type { StateId } from '../../sim/states';
// For the `window.__careFutures` declaration the tests use inside `page.evaluate`.
import type {} from '../../viz/test-hooks';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export async function startServer(): Promise<{ url: string; close: () => Promise<void> }> {
  const server: ViteDevServer = await createServer({
    root: ROOT,
    logLevel: 'error',
    // Its own cache, so a developer's `npm start` and the tests never fight over pre-bundled deps.
    cacheDir: 'node_modules/.vite-browser-tests',
    // No watching and no HMR: files edited while the tests run must not reload the page under test.
    server: { host: '127.0.0.1', port: 0, strictPort: false, hmr: false, watch: null },
    clearScreen: false,
  });
  await server.listen();
  const address = server.httpServer?.address() as AddressInfo | null;
  if (!address) throw new Error('vite dev server did not report its address');
  return { url: `http://127.0.0.1:${address.port}/`, close: () => server.close() };
}

export interface OpenedApp {
  page: Page;
  /** Uncaught page errors and console errors, to assert on at the end of a test. */
  errors: string[];
}

/** Open the app and wait until the first snapshot is on screen. */
export async function openApp(
  browser: Browser,
  baseUrl: string,
  query = '',
  viewport = { width: 1600, height: 1000 },
): Promise<OpenedApp> {
  const page = await browser.newPage({ viewport });
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(`console: ${msg.text()}`);
  });
  await page.goto(`${baseUrl}${query}`);
  await page.waitForFunction(() => document.body.dataset.status === 'ready', undefined, { timeout: 60_000 });
  return { page, errors };
}

export async function readMonth(page: Page): Promise<number> {
  const text = await page.getByTestId('month').getAttribute('data-month');
  return Number(text);
}

export async function waitForMonth(page: Page, atLeast: number, timeout = 60_000): Promise<number> {
  await page.waitForFunction(
    (m) => Number(document.querySelector('[data-testid="month"]')?.getAttribute('data-month')) >= m,
    atLeast,
    { timeout },
  );
  return readMonth(page);
}

/** The month shown and the table's counts, read together so they belong to the same snapshot. */
export async function readTable(page: Page): Promise<{ month: number; counts: Record<StateId, number> }> {
  return page.evaluate(() => {
    const counts: Record<string, number> = {};
    for (const row of document.querySelectorAll<HTMLTableRowElement>('tr[data-state]')) {
      const cell = row.querySelector<HTMLElement>('[data-count]');
      const state = row.dataset.state;
      if (state && state !== 'total' && cell) counts[state] = Number(cell.dataset.count);
    }
    const month = Number(document.querySelector('[data-testid="month"]')?.getAttribute('data-month'));
    return { month, counts: counts as Record<StateId, number> };
  });
}
