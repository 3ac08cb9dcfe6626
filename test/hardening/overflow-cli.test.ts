/**
 * A run whose figures overflow, as the CLI sees it. The scenario format bounds every number, so no
 * file can reach this: `runScenario` is wrapped to break the third seed's scenario past validation.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { Scenario } from '../../sim/scenario/schema';
import { BASELINE, cli, expectNoStack, leftovers, scratch, TINY } from './helpers';

vi.mock('../../sim/run', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../sim/run')>();
  return {
    ...actual,
    runScenario: (scenario: Scenario, options: Parameters<typeof actual.runScenario>[1]) => {
      if (options.seed !== 3) return actual.runScenario(scenario, options);
      const broken = structuredClone(scenario);
      for (const p of Object.values(broken.placements)) p.costPerWeek = 1e308;
      return actual.runScenario(broken, options);
    },
  };
});

const dir = scratch('overflow');
/** The mock reaches this thread only, not the run pool's worker threads. */
const IN_THREAD = ['--jobs', '1'];

describe('a run that overflows at the CLI', () => {
  it('stops with the figure and the month, exits 1, and leaves --out as it was (JSON and CSV)', async () => {
    for (const format of ['json', 'csv']) {
      const out = join(dir, `out.${format}`);
      writeFileSync(out, 'previous\n');
      const r = await cli([BASELINE, ...TINY, ...IN_THREAD, '--runs', '5', '--format', format, '--out', out]);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(new RegExp(`^run 3/5 \\(seed 3\\) stopped; ${out.replace(/[.]/g, '\\.')} was not changed\\n  - [\\w.>]+: expected a finite number, found (Infinity|NaN) in month \\d+ `));
      expectNoStack(r.stderr);
      expect(readFileSync(out, 'utf8')).toBe('previous\n');
      expect(leftovers(dir)).toEqual([]);
    }
  });

  it('never writes null or Infinity to stdout', async () => {
    for (const format of ['json', 'csv']) {
      const r = await cli([BASELINE, ...TINY, ...IN_THREAD, '--runs', '5', '--format', format]);
      expect(r.code).toBe(1);
      expect(r.stdout).not.toMatch(/null|Infinity|NaN/);
    }
  });
});
