/**
 * Issue 4: parity. A session driven through the worker API (levers pulled live, months stepped
 * and played) and the CLI given the exported lever timeline produce the same month records, byte
 * for byte.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createSimulationApi } from '../../sim/worker/session';
import type { ApiResult } from '../../sim/worker/contract';
import { main } from '../../sim/cli/main';
import { SCENARIO_DIR } from '../../sim/node/files';
import { ManualScheduler, nodeLoader, recorder, SCALE, settle } from './helpers';

function value<T>(result: ApiResult<T>): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.kind}: ${result.error.message}`);
  return result.value;
}

const dir = mkdtempSync(join(tmpdir(), 'care-futures-parity-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, {}, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

describe('worker API and CLI parity', () => {
  it('gives byte-identical month records for the same scenario, seed and lever timeline', async () => {
    const seed = 17;
    const months = 30;
    const clock = new ManualScheduler();
    const api = createSimulationApi(nodeLoader, { scheduler: clock });
    const seen = recorder();
    value(api.subscribe(seen.listener));
    // The page sends the shipped file's text; the scale is a lever-like override the CLI takes as --scale.
    value(api.load({ fileName: 'north-east-small.json', document: { extends: 'north-east-baseline.json', population: { scale: SCALE } }, seed, sampleSize: 1000 }));
    value(api.step(5));
    value(api.setLever('policy.earlyHelp.budgetPerYear', 12_000_000));
    value(api.setLever('policy.childPovertyReduction', 0.2));
    value(api.step(4));
    await settle();
    // Some months played on the clock, a lever pulled mid-play, the page sometimes behind.
    value(api.setSpeed(20));
    value(api.play());
    seen.hold();
    clock.advance(300);
    value(api.setLever('policy.earlyHelp.budgetPerYear', 2_000_000));
    clock.advance(200);
    seen.ackAll();
    await settle();
    value(api.pause());
    value(api.setLever('policy.fosterRecruitment.extraPlacesPerYear', 40));
    const shown = value(api.status()).month;
    value(api.step(months - shown));
    await settle();

    const timeline = value(api.leverTimeline());
    expect(timeline.map((l) => l.path)).toEqual([
      'policy.earlyHelp.budgetPerYear',
      'policy.childPovertyReduction',
      'policy.earlyHelp.budgetPerYear',
      'policy.fosterRecruitment.extraPlacesPerYear',
    ]);
    const leversFile = join(dir, 'levers.json');
    writeFileSync(leversFile, JSON.stringify(timeline, null, 2));

    const run = await cli([join(SCENARIO_DIR, 'north-east-baseline.json'), '--seed', String(seed), '--months', String(months), '--scale', String(SCALE), '--levers', leversFile, '--quiet']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const document = JSON.parse(run.stdout) as { runs: { seed: number; months: unknown[] }[] };
    expect(document.runs[0].seed).toBe(seed);
    const fromApi = value(api.records());
    expect(fromApi).toHaveLength(months + 1);
    expect(JSON.stringify(fromApi)).toBe(JSON.stringify(document.runs[0].months));

    // And the snapshots the page received account for exactly those months.
    const covered = seen.snapshots.reduce((s, snap) => s + snap.coalesced, 0);
    expect(covered).toBe(months);
    expect(seen.snapshots.some((s) => s.coalesced > 1)).toBe(true);

    // The levers mattered: without them the CLI gives a different run.
    const plain = await cli([join(SCENARIO_DIR, 'north-east-baseline.json'), '--seed', String(seed), '--months', String(months), '--scale', String(SCALE), '--quiet']);
    expect(JSON.stringify((JSON.parse(plain.stdout) as typeof document).runs[0].months)).not.toBe(JSON.stringify(fromApi));
  });
});
