import { defineConfig, mergeConfig } from 'vitest/config';
import base from './vite.config';

// The slow tier: `npm run test:slow`. Same settings as the fast tier, only the `*.slow.test.ts` files.
// mergeConfig concatenates lists, which would keep the fast tier's exclusion of these very files:
// the lists are replaced after the merge.
const config = mergeConfig(base, defineConfig({ test: { testTimeout: 600_000 } }));
config.test = { ...config.test, include: ['test/**/*.slow.test.ts'], exclude: ['node_modules/**'] };
export default config;
