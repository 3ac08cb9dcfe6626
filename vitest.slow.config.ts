import { defineConfig } from 'vitest/config';
import base from './vite.config.ts';

// The slow tier: `npm run test:slow`. Same settings as the fast tier, only the `*.slow.test.ts` files.
// Spread, not mergeConfig: mergeConfig concatenates arrays, so the fast tier's exclusion of
// `*.slow.test.ts` would survive and this tier would find no files.
export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: ['test/**/*.slow.test.ts'],
    exclude: ['node_modules/**'],
    testTimeout: 600_000,
  },
});
