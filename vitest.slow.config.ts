import { defineConfig, mergeConfig } from 'vitest/config';
import base from './vite.config';

// The slow tier: `npm run test:slow`. Same settings as the fast tier, only the `*.slow.test.ts` files.
export default mergeConfig(base, defineConfig({
  test: {
    include: ['test/**/*.slow.test.ts'],
    exclude: ['node_modules/**'],
    testTimeout: 600_000,
  },
}));
