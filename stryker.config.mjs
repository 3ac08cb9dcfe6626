// Mutation testing of the pure mechanism modules: `npm run mutation` (not part of `npm test` or CI).
// Each module below has fast tests of its own in test/unit, run through vitest.unit.config.ts; the
// whole-simulation tests elsewhere would make a run take hours on two cores. See README.md,
// "Mutation testing", for the score and the time of the last full run.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.unit.config.ts' },
  mutate: [
    'sim/engine/market.ts', // margins and prices
    'sim/engine/costs.ts', // spend by category, in whole pence
    'sim/engine/matching.ts', // matching, the fallback chain, out of area
    'sim/engine/capacity.ts', // council homes, foster recruitment, caseload
    'sim/engine/waiting-list.ts', // the early-help waiting list
    'sim/engine/ticket-queue.ts', // the first-come-first-served queue under it
    'sim/measures.ts', // derived measures
    'sim/engine/hazards.ts', // the monthly hazard table: legal status, time in care, age
    'sim/engine/steady-care.ts', // the steady state of care at set-up
    'sim/engine/courts.ts', // how care proceedings conclude
  ],
  coverageAnalysis: 'perTest',
  incremental: true,
  incrementalFile: 'reports/stryker-incremental.json',
  concurrency: 2,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  thresholds: { high: 90, low: 80, break: 80 },
  tempDirName: '.stryker-tmp',
};
