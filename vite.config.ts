import { defineConfig } from 'vitest/config';

// One config serves the app (vite) and the fast test tier (vitest: `npm test`).
// Long statistical, memory and browser-heavy checks are named `*.slow.test.ts` and run by
// `npm run test:slow` (vitest.slow.config.ts); `.ci/run` runs both tiers.
export default defineConfig({
  worker: { format: 'es' },
  build: { target: 'es2022', chunkSizeWarningLimit: 2000 },
  server: { host: '127.0.0.1' },
  preview: { host: '127.0.0.1' },
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/**/*.slow.test.ts', 'node_modules/**'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Browser tests start Chromium and a vite server; run files one at a time on this 2-core machine.
    fileParallelism: false,
  },
});
