import { defineConfig } from 'vitest/config';

// One config serves the app (vite) and the tests (vitest).
export default defineConfig({
  worker: { format: 'es' },
  build: { target: 'es2022', chunkSizeWarningLimit: 2000 },
  server: { host: '127.0.0.1' },
  preview: { host: '127.0.0.1' },
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Browser tests start Chromium and a vite server; run files one at a time on this 2-core machine.
    fileParallelism: false,
  },
});
