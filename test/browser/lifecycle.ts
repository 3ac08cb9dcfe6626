/**
 * One Chromium and one vite server per test file, started before its tests and closed after.
 * Chromium starts first, so a missing browser fails at once with the ways to fix it.
 */
import { afterAll, beforeAll } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium } from './chromium';
import { openApp, startServer, type OpenedApp } from './harness';

type Viewport = Parameters<typeof openApp>[3];

/** Registers the file's hooks; returns a function that opens the app with an address query. */
export function useApp(): (query: string, viewport?: Viewport) => Promise<OpenedApp> {
  let server: { url: string; close: () => Promise<void> } | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchChromium();
    server = await startServer();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  return (query, viewport) => {
    if (!browser || !server) throw new Error('harness not started');
    return openApp(browser, server.url, query, viewport);
  };
}
