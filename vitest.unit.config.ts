import { defineConfig } from 'vitest/config';

// The fast tests of the pure mechanism modules (test/unit): `npm run test:unit`, and the only tests
// the mutation run uses (stryker.config.mjs). `npm test` runs them too, through vite.config.ts.
export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts'],
    environment: 'node',
  },
});
