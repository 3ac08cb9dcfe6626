import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sensitivityMain } from '../../sim/cli/sensitivity';
import { SCENARIO_DIR } from '../../sim/node/files';
import type { SensitivityResult } from '../../sim/uncertainty/sensitivity';
import { captured } from './capture';

const dir = mkdtempSync(join(tmpdir(), 'care-futures-sensitivity-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The baseline with three ranged parameters (one of which the outcome cannot feel within a month). */
const scenarioFile = (() => {
  const doc = JSON.parse(readFileSync(join(SCENARIO_DIR, 'north-east-baseline.json'), 'utf8'));
  const keep = ['need.directReferralShare', 'careLeavers.costPerYear', 'riskFactors.domesticAbuse.hazardRatio'];
  doc.uncertainty = { ranges: Object.fromEntries(keep.map((p) => [p, doc.uncertainty.ranges[p]])) };
  delete doc.$schema;
  const path = join(dir, 'three.json');
  writeFileSync(path, JSON.stringify(doc));
  return path;
})();

const run = (args: string[]) => captured(sensitivityMain, args);

describe('npm run sensitivity', () => {
  it('ranks every uncertain parameter by mu* and gives a parameter that cannot act mu* = 0', async () => {
    const r = await run([scenarioFile, '--outcome', 'referrals', '--month', '3', '--trajectories', '2', '--scale', '0.02', '--format', 'json', '--quiet']);
    expect(r.code, r.stderr).toBe(0);
    const result = JSON.parse(r.stdout) as SensitivityResult;
    expect(result.runs).toBe(2 * (3 + 1));
    expect(result.rows.map((x) => x.path).sort()).toEqual(['careLeavers.costPerYear', 'need.directReferralShare', 'riskFactors.domesticAbuse.hazardRatio']);
    const stars = result.rows.map((x) => x.muStar);
    expect(stars).toEqual([...stars].sort((x, y) => y - x));
    // Care leavers' costs never change referrals.
    expect(result.rows.find((x) => x.path === 'careLeavers.costPerYear')?.muStar).toBe(0);
    expect(result.rows[0].muStar).toBeGreaterThan(0);
  });

  it('writes CSV with a header and one line per parameter', async () => {
    const r = await run([scenarioFile, '--outcome', 'referrals', '--month', '2', '--trajectories', '1', '--scale', '0.02', '--format', 'csv', '--quiet']);
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toBe('rank,path,muStar,mu,sigma,low,high,distribution');
    expect(lines).toHaveLength(4);
  });

  it('refuses an unknown outcome and a missing month, naming what is allowed', async () => {
    const r = await run([scenarioFile, '--outcome', 'happiness']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--outcome: expected one of lookedAfter,');
    expect(r.stderr).toContain('found "happiness"');
    expect(r.stderr).toContain('--month: expected a whole number from 1 to 2400, found nothing');
  });
});
