import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../sim/cli/main';
import { mergeMain } from '../../sim/cli/merge';
import { SCENARIO_DIR } from '../../sim/node/files';
import { shardRuns } from '../../sim/cli/args';

async function cli(args: string[], env: Record<string, string> = {}) {
  let stdout = '';
  let stderr = '';
  const code = await main(args, env, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), progressIntervalMs: 0 });
  return { code, stdout, stderr };
}

const baseline = join(SCENARIO_DIR, 'north-east-baseline.json');
const quick = ['--scale', '0.01', '--months', '12'];
const dir = mkdtempSync(join(tmpdir(), 'care-futures-cli-'));

describe('npm run sim', () => {
  it('prints exactly one JSON document in the documented shape, with progress only on stderr', async () => {
    const r = await cli([baseline, ...quick, '--runs', '2', '--seed', '3']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.scenario).toBe('North East baseline');
    expect(doc.scale).toBe(0.01);
    expect(doc.runs.map((run: { seed: number }) => run.seed)).toEqual([3, 4]);
    const month = doc.runs[0].months[12];
    expect(Object.keys(month)).toEqual([
      'month',
      'date',
      'financialYear',
      'children',
      'stocks',
      'flows',
      'careExits',
      'careExitsByReason',
      'careReEntries',
      'lookedAfterByAge',
      'careEntriesByAge',
      'lookedAfterByLegalStatus',
      'uascLookedAfter',
      'spend',
      'spendTotal',
      'market',
      'outOfArea',
      'outOfAreaByType',
      'outsideCouncil',
      'outsideCouncilByType',
      'over20Miles',
      'careLeavers',
      'placementMoves',
      'prices',
    ]);
    expect(Object.keys(month.lookedAfterByAge)).toEqual(['under_1', '1_to_4', '5_to_9', '10_to_15', '16_plus']);
    expect(Object.keys(month.careEntriesByAge)).toEqual(['under_1', '1_to_4', '5_to_9', '10_to_15', '16_plus']);
    expect(Object.keys(month.careExitsByReason)).toEqual(['returned_home', 'adopted', 'special_guardianship', 'turned_18', 'other']);
    expect(Object.keys(month.lookedAfterByLegalStatus)).toEqual(['V2', 'C1', 'C2', 'E1', 'other']);
    expect(month.flows['birth>universal']).toBeGreaterThan(0);
    // Plain progress lines (stderr is not a terminal here): runs done of the total, then the closing line.
    expect(r.stderr).toMatch(/^runs 1\/2, \d+\.\d s, about \d+\.\d s left\nruns 2\/2, \d+\.\d s\ndone: 2 runs in \d+\.\d s\n$/);
  });

  it('writes the tidy CSV: one row per run, month and measure, with dates, scaled to the whole region', async () => {
    const r = await cli([baseline, ...quick, '--format', 'csv', '--quiet']);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toBe('scenario,variant,run,seed,month,date,financial_year,measure,unit,value,council');
    const json = JSON.parse((await cli([baseline, ...quick, '--quiet'])).stdout).runs[0].months;
    // The baseline starts in April 2021: month 0 is March 2021, in the financial year 2020-21.
    expect(lines).toContain(`North East baseline,,0,1,0,2021-03,2020-21,stock.universal,children (whole region),${json[0].stocks.universal / 0.01},`);
    expect(lines).toContain(`North East baseline,,0,1,12,2022-03,2021-22,spendTotal,£ in the month (whole region),${json[12].spendTotal / 0.01},`);
    const measuresPerMonth = lines.filter((l) => l.startsWith('North East baseline,,0,1,5,')).length;
    expect(measuresPerMonth).toBeGreaterThan(30);
    expect(r.stderr).toBe('');

    // The pathway detail: every age band, legal status and reason for leaving, at the JSON's values scaled to the region.
    const at12 = new Map(lines.filter((l) => l.startsWith('North East baseline,,0,1,12,')).map((l) => [l.split(',')[7], Number(l.split(',')[9])]));
    const expected: [string, number][] = [
      ...Object.entries<number>(json[12].lookedAfterByAge).map(([b, v]): [string, number] => [`lookedAfterByAge.${b}`, v]),
      ...Object.entries<number>(json[12].careEntriesByAge).map(([b, v]): [string, number] => [`careEntriesByAge.${b}`, v]),
      ...Object.entries<number>(json[12].careExitsByReason).map(([k, v]): [string, number] => [`careExitByReason.${k}`, v]),
      ...Object.entries<number>(json[12].lookedAfterByLegalStatus).map(([k, v]): [string, number] => [`legalStatus.${k}`, v]),
      ['careReEntries', json[12].careReEntries],
      ['uascLookedAfter', json[12].uascLookedAfter],
    ];
    expect(expected.map(([name]) => name)).toEqual(expect.arrayContaining(['lookedAfterByAge.16_plus', 'legalStatus.V2', 'careExitByReason.adopted']));
    for (const [name, value] of expected) expect(at12.get(name), name).toBe(value / 0.01);
    // Children in care by age and by legal status each add up to the children in care.
    const inCare = [...at12].filter(([name]) => name.startsWith('stock.') && !['universal', 'early_help', 'assessment', 'child_in_need', 'child_protection'].includes(name.slice(6)));
    const total = inCare.reduce((sum, [, v]) => sum + v, 0);
    const sumOf = (prefix: string): number => [...at12].filter(([name]) => name.startsWith(prefix)).reduce((sum, [, v]) => sum + v, 0);
    expect(total).toBeGreaterThan(0);
    expect(sumOf('lookedAfterByAge.')).toBeCloseTo(total, 6);
    expect(sumOf('legalStatus.')).toBeCloseTo(total, 6);
  });

  it('writes to --out and applies a --levers timeline', async () => {
    const levers = join(dir, 'levers.json');
    writeFileSync(levers, JSON.stringify([{ month: 3, path: 'policy.earlyHelp.budgetPerYear', value: 0 }]));
    const out = join(dir, 'out.json');
    const r = await cli([baseline, ...quick, '--levers', levers, '--out', out, '--quiet']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    const months = JSON.parse(readFileSync(out, 'utf8')).runs[0].months;
    expect(months[2].stocks.early_help).toBeGreaterThan(0);
    // No new cases once the budget is gone: early help only drains.
    for (let m = 3; m <= 12; m++) expect(months[m].flows['universal>early_help'] ?? 0).toBe(0);
  });

  it('splits runs into shards that merge into the unsharded result, byte for byte', async () => {
    const whole = await cli([baseline, ...quick, '--runs', '5', '--seed', '10', '--quiet']);
    const parts: string[] = [];
    for (let i = 0; i < 3; i++) {
      const file = join(dir, `part-${i}.json`);
      const env = { JOB_COMPLETION_INDEX: String(i) };
      const r = await cli([baseline, ...quick, '--runs', '5', '--seed', '10', '--shard', 'env/3', '--out', file, '--quiet'], env);
      expect(r.code).toBe(0);
      parts.push(file);
    }
    let merged = '';
    expect(await mergeMain([parts[2], parts[0], parts[1]], { stdout: (t) => (merged += t), stderr: () => {} })).toBe(0);
    expect(merged).toBe(whole.stdout);
  });

  it('divides runs into contiguous shards that cover every run once', () => {
    for (const [runs, count] of [[10, 3], [3, 5], [1000, 7]]) {
      const all = Array.from({ length: count }, (_, index) => shardRuns(runs, { index, count })).flat();
      expect(all).toEqual(Array.from({ length: runs }, (_, r) => r));
    }
  });

  it('exits non-zero with the validation errors and no stack trace for a bad scenario', async () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ extends: 'north-east-baseline.json', policy: { earlyHelp: { budgetPerYear: 'lots' } } }));
    // extends resolves next to the file: copy the baseline there
    writeFileSync(join(dir, 'north-east-baseline.json'), readFileSync(baseline));
    const r = await cli([bad]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('policy.earlyHelp.budgetPerYear: expected a number >= 0 and <= 10,000,000,000 (pounds per year), found "lots"');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('exits non-zero with readable messages for bad arguments and a bad lever timeline', async () => {
    const args = await cli([baseline, '--months', 'ten', '--formt', 'csv']);
    expect(args.code).toBe(2);
    expect(args.stderr).toContain('--months: expected a whole number from 0 to 2400, found "ten"');
    expect(args.stderr).toContain('--formt: unknown option (did you mean --format?)');
    const levers = join(dir, 'bad-levers.json');
    writeFileSync(levers, JSON.stringify([{ month: 2, path: 'policy.profitCap.enabled', value: 'yes' }]));
    const r = await cli([baseline, ...quick, '--levers', levers]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('levers[0].value (month 2): policy.profitCap.enabled: expected true or false, found "yes"');
    const missing = await cli([join(dir, 'nope.json')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('no file at');
  });
});

describe('the CLI as a process', () => {
  it('runs through npm run sim with the JSON on stdout, and fails cleanly on a bad scenario', async () => {
    const { spawnSync } = await import('node:child_process');
    const ok = spawnSync('npx', ['tsx', 'sim/cli.ts', baseline, '--scale', '0.01', '--months', '3', '--quiet'], { encoding: 'utf8' });
    expect(ok.status).toBe(0);
    expect(JSON.parse(ok.stdout).runs[0].months).toHaveLength(4);
    const badFile = join(dir, 'bad-for-process.json');
    writeFileSync(badFile, JSON.stringify({ extends: 'north-east-baseline.json', policy: { earlyHelp: { budgetPerYear: 'lots' } } }));
    writeFileSync(join(dir, 'north-east-baseline.json'), readFileSync(baseline));
    const bad = spawnSync('npx', ['tsx', 'sim/cli.ts', badFile], { encoding: 'utf8' });
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('policy.earlyHelp.budgetPerYear');
    expect(bad.stderr).not.toMatch(/\n\s+at /);
  });
});
