import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../sim/cli/main';
import { SCENARIO_DIR } from '../../sim/node/files';
import type { MonthRecord } from '../../sim/records';
import { PLACEMENTS } from '../../sim/states';

async function cli(args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(args, {}, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), progressIntervalMs: 0 });
  return { code, stdout, stderr };
}

const from2009 = join(import.meta.dirname, '..', 'observed', 'north-east-from-2009.json');
const quick = ['--scale', '0.02', '--months', '30', '--seed', '4'];

/** Looked after per 10,000, computed here from the record's own stocks (not through sim/measures). */
function lookedAfterRate(record: MonthRecord): number {
  let n = 0;
  for (const p of PLACEMENTS) n += record.stocks[p];
  return (n / record.children) * 10000;
}

interface Row {
  year: number;
  month: number;
  measure: string;
  model: number;
  observed: number | null;
  gap: number | null;
  gapPercent: number | null;
  note?: string;
  kind?: string;
}

describe('npm run sim -- --observed', () => {
  it('puts each 31 March of the run beside the observed rate, with the gap, as JSON', async () => {
    const r = await cli([from2009, ...quick, '--observed', 'england', '--format', 'json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as { region: string; runs: { seed: number; rows: Row[] }[] };
    expect(doc.region).toBe('england');
    const rows = doc.runs[0].rows;
    // April 2009 start, 30 months: month 0 is March 2009, month 12 March 2010, month 24 March 2011.
    expect([...new Set(rows.map((row) => `${row.year}@${row.month}`))]).toEqual(['2009@0', '2010@12', '2011@24']);
    const records = (JSON.parse((await cli([from2009, ...quick, '--quiet'])).stdout) as { runs: { months: MonthRecord[] }[] }).runs[0].months;
    const care2010 = rows.find((row) => row.year === 2010 && row.measure === 'lookedAfter');
    expect(care2010?.model).toBeCloseTo(lookedAfterRate(records[12]), 9);
    // England 2010: 57 per 10,000 (DfE, written answer of December 2014).
    expect(care2010?.observed).toBe(57);
    expect(care2010?.gap).toBeCloseTo(lookedAfterRate(records[12]) - 57, 9);
    expect(care2010?.gapPercent).toBeCloseTo(((lookedAfterRate(records[12]) - 57) / 57) * 100, 9);
    expect(rows.find((row) => row.year === 2009 && row.measure === 'lookedAfter')?.kind).toBe('derived');
  });

  it('prints a table for people, the North East by default, with a note for years without a figure', async () => {
    const r = await cli([from2009, ...quick, '--observed']);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(/seed 4, months 0-30 \(2009-03 to 2011-09\) against observed North East, per 10,000 children aged 0-17$/);
    expect(lines[1]).toMatch(/^31 March\s+measure\s+model\s+observed\s+gap\s+gap %\s+source or note$/);
    // The North East's 2009 rate was not found: the row says so rather than leaving the year out.
    expect(lines.find((l) => l.startsWith('2009') && l.includes('looked after'))).toMatch(/ - .* - .* -\s+Not found/);
    expect(lines.filter((l) => /^20(09|10|11) /.test(l))).toHaveLength(9);
  });

  it('reads month 0 of an April start as that 31 March, and says so when the run holds no 31 March', async () => {
    const baseline = await cli([join(SCENARIO_DIR, 'north-east-baseline.json'), '--scale', '0.02', '--months', '0', '--observed']);
    expect(baseline.code).toBe(0);
    expect(baseline.stdout).toMatch(/^2021 +looked after/m);
    const dir = mkdtempSync(join(tmpdir(), 'care-futures-observed-'));
    const may = join(dir, 'may.json');
    writeFileSync(may, JSON.stringify({ extends: 'north-east-baseline', startDate: '2021-05' }));
    const r = await cli([may, '--scale', '0.02', '--months', '6', '--observed']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('(2021-04 to 2021-10)');
    expect(r.stdout).toContain('no 31 March inside the run');
  });

  it('refuses an unknown region, CSV and shards, naming what it expected', async () => {
    const region = await cli([from2009, '--observed=wales']);
    expect(region.code).toBe(2);
    expect(region.stderr).toContain('error: --observed: expected north-east or england, found "wales"');
    const csv = await cli([from2009, '--observed', '--format', 'csv']);
    expect(csv.code).toBe(2);
    expect(csv.stderr).toContain('--format: with --observed, expected json (or no --format, for text), found "csv"');
    const shard = await cli([from2009, '--observed', '--shard', '0/2']);
    expect(shard.stderr).toContain('--shard: not with --observed');
  });
});
