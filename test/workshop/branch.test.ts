/**
 * "Branch from now" (issue 23): at a pause at month M the app forks the run. The branch without the
 * change (A) is a second session that replays the same scenario, seed and lever timeline to M;
 * the run on show (B) takes the change. These tests check what that relies on: the replay's
 * state at the fork equals the live run's (population arrays, care table, records, market), the two
 * agree exactly up to M, and after it they differ only through the changed lever.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { Run } from '../../sim/run';
import type { Scenario } from '../../sim/scenario/schema';
import { loadShipped } from '../helpers';

const SEED = 9;
const FORK = 10;
const AFTER = 8;

/** A digest of every typed array reachable from `root` (keys in order), so two states compare in one string. */
function stateDigest(root: unknown): string {
  const hash = createHash('sha256');
  const walk = (node: unknown, path: string): void => {
    if (ArrayBuffer.isView(node)) {
      hash.update(path);
      hash.update(new Uint8Array(node.buffer, node.byteOffset, node.byteLength));
    } else if (node !== null && typeof node === 'object') {
      for (const key of Object.keys(node).sort()) walk((node as Record<string, unknown>)[key], `${path}.${key}`);
    } else {
      hash.update(`${path}=${String(node)}`);
    }
  };
  walk(root, '');
  return hash.digest('hex');
}

function fullState(run: Run): string {
  return stateDigest({ population: run.population(), care: run.sim.careView(), record: run.record(), market: run.market() });
}

function start(scenario: Scenario, levers: Parameters<typeof Run.start>[2] = []): Run {
  const started = Run.start(scenario, SEED, levers);
  if (!started.ok) throw new Error(started.issues.map((i) => i.message).join('\n'));
  return started.value;
}

function stepTo(run: Run, month: number, records: unknown[] = []): unknown[] {
  while (run.month < month) records.push(run.step());
  return records;
}

describe('a branch and its parent', () => {
  const scenario = loadShipped('north-east-baseline.json', { 'population.scale': 0.02 });

  it('share the state at the fork: the replay of the same levers equals the live run there', () => {
    // The live run, with levers moved during the run as a trainer would.
    const live = start(scenario);
    const liveRecords = stepTo(live, 3, [live.record()]);
    expect(live.setLever('policy.earlyHelp.budgetPerYear', 55_000_000).ok).toBe(true);
    stepTo(live, 7, liveRecords);
    expect(live.setLever('policy.childPovertyReduction', 0.1).ok).toBe(true);
    stepTo(live, FORK, liveRecords);

    const replay = start(scenario, live.levers());
    const replayRecords = stepTo(replay, FORK, [replay.record()]);
    expect(JSON.stringify(replayRecords)).toBe(JSON.stringify(liveRecords));
    expect(fullState(replay)).toBe(fullState(live));
  });

  it('differ after the fork only through the changed lever', () => {
    const b = start(scenario);
    stepTo(b, FORK);
    const a = start(scenario, b.levers());
    stepTo(a, FORK);
    expect(b.setLever('practice.careEntryRatio', 1.6).ok).toBe(true);
    const aAfter = stepTo(a, FORK + AFTER);
    const bAfter = stepTo(b, FORK + AFTER);
    // B is exactly a fresh run with the change scheduled for the month after the fork...
    const withChange = start(scenario, [{ month: FORK + 1, path: 'practice.careEntryRatio', value: 1.6 }]);
    expect(JSON.stringify(stepTo(withChange, FORK + AFTER).slice(FORK))).toBe(JSON.stringify(bAfter));
    // ...A is exactly the run without it...
    const without = start(scenario);
    expect(JSON.stringify(stepTo(without, FORK + AFTER).slice(FORK))).toBe(JSON.stringify(aAfter));
    // ...and the change made a difference (more children enter care).
    expect(JSON.stringify(bAfter)).not.toBe(JSON.stringify(aAfter));
  });
});
