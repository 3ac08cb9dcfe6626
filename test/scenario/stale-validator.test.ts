import { describe, expect, it, vi } from 'vitest';

// A compiled validator left behind by a schema change (e.g. a merge that changed schema.ts without
// `npm run schema`) must not judge scenarios by the old rules.
vi.mock('../../sim/scenario/scenario-validator.generated', () => ({
  compiledFrom: 'an older schema',
  validate: () => true,
}));

describe('a compiled validator from an older schema', () => {
  it('is refused before it judges anything, with what to run', async () => {
    const { validateScenario } = await import('../../sim/scenario/validate');
    expect(() => validateScenario({})).toThrow(/compiled from an older sim\/scenario\/schema\.ts: run `npm run schema`/);
  });
});
