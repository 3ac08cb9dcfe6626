/**
 * One Chromium and one vite server per test file, started before its tests and closed after.
 * Chromium starts first, so a missing browser fails at once with the ways to fix it.
 */
import { afterAll, beforeAll } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium } from './chromium';
import { openApp, startServer, type OpenedApp } from './harness';

type Viewport = Parameters<typeof openApp>[3];
type Server = { url: string; close: () => Promise<void> };

/**
 * Registers the file's hooks; returns the browser and the server's address once started. `start`
 * is the dev server by default; `startPreview` (./preview) serves the production build.
 */
export function useBrowser(start: () => Promise<Server> = startServer): () => { browser: Browser; url: string } {
  let server: Server | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchChromium();
    server = await start();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  return () => {
    if (!browser || !server) throw new Error('harness not started');
    return { browser, url: server.url };
  };
}

/** Registers the file's hooks; returns a function that opens the app with an address query. */
export function useApp(): (query: string, viewport?: Viewport) => Promise<OpenedApp> {
  const started = useBrowser();
  return (query, viewport) => {
    const { browser, url } = started();
    return openApp(browser, url, query, viewport);
  };
}
