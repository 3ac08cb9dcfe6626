/**
 * What the CLI writes for a scenario with councils: each JSON month record carries every council's
 * record by ONS code (the contract's fields), and the tidy CSV a `council` column, the region's
 * rows empty there and each council's rows after them, whose values add up to the region's.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SCENARIO_DIR } from '../../sim/node/files';
import type { MonthRecord } from '../../sim/records';
import { cli } from '../hardening/helpers';

const FILE = join(SCENARIO_DIR, 'north-east-councils.json');
const QUICK = ['--scale', '0.01', '--months', '3', '--quiet'];

describe('the CLI with councils', () => {
  it('writes each council under `councils` by ONS code, with the region as their sum', async () => {
    const r = await cli([FILE, ...QUICK]);
    expect(r.code).toBe(0);
    const records = JSON.parse(r.stdout).runs[0].months as MonthRecord[];
    for (const record of records) {
      const councils = Object.entries(record.councils ?? {});
      expect(councils.map(([code]) => code)).toHaveLength(12);
      for (const [code, c] of councils) {
        expect(code).toMatch(/^E0[68]\d{6}$/);
        for (const key of ['children', 'stocks', 'flows', 'spend', 'spendTotal', 'outOfArea', 'outsideCouncil', 'outsideCouncilByType', 'over20Miles']) expect(c, `${code} ${key}`).toHaveProperty(key);
      }
      for (const key of ['outsideCouncil', 'over20Miles', 'outOfArea', 'children'] as const) expect(record[key]).toBe(councils.reduce((n, [, c]) => n + c[key], 0));
    }
  });

  it('writes a council column in the tidy CSV: empty for the region, the code for each council, the councils adding up to the region', async () => {
    const r = await cli([FILE, ...QUICK, '--format', 'csv']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0].endsWith(',value,council')).toBe(true);
    // the scenario's name is the one quoted cell (it holds a comma): the rest splits on commas
    const stock = lines.slice(1).filter((l) => l.includes(',stock.universal,')).map((l) => l.replace(/^"[^"]*"/, 'S').split(','));
    const month3 = stock.filter((cells) => cells[4] === '3');
    const region = month3.filter((cells) => cells[10] === '');
    const councils = month3.filter((cells) => cells[10] !== '');
    expect(region).toHaveLength(1);
    expect(new Set(councils.map((cells) => cells[10])).size).toBe(12);
    expect(councils.reduce((n, cells) => n + Number(cells[9]), 0)).toBeCloseTo(Number(region[0][9]), 6);
    expect(region[0][8]).toBe('children (whole region)');
    expect(councils[0][8]).toBe('children (whole council)');
  });
});

describe('comparing a council', () => {
  it("compares one council's outcomes, a council-level lever against the baseline, and refuses a council the scenarios lack", async () => {
    const { compareMain } = await import('../../sim/cli/compare');
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'care-futures-council-compare-'));
    const levers = join(dir, 'levers.json');
    writeFileSync(levers, JSON.stringify([{ month: 1, path: 'councils[E06000001].policy.earlyHelp.budgetPerYear', value: 4_000_000 }]));
    const run = async (args: string[]) => {
      let stdout = '';
      let stderr = '';
      const code = await compareMain(args, {}, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), progressIntervalMs: 0 });
      return { code, stdout, stderr };
    };
    const base = [FILE, FILE, '--runs', '2', '--months', '12', '--scale', '0.02', '--jobs', '1', '--quiet', '--format', 'json', '--levers-b', levers];
    const hartlepool = await run([...base, '--council', 'E06000001']);
    expect(hartlepool.stderr).toBe('');
    expect(hartlepool.code).toBe(0);
    const outcome = (text: string, id: string) => (JSON.parse(text).outcomes as { id: string; month: number; difference: { mean: number } }[]).find((o) => o.id === id && o.month === 12)!;
    // Hartlepool's early help: its own budget, 4m a year at scale 0.02, reported at the whole council's scale
    expect(outcome(hartlepool.stdout, 'earlyHelpInYear').difference.mean).toBeGreaterThan(0);
    const durham = await run([...base, '--council', 'E06000047']);
    expect(outcome(durham.stdout, 'earlyHelpInYear').difference.mean).toBe(0); // the lever is Hartlepool's only
    const unknown = await run([...base, '--council', 'E09999999']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/--council: expected the ONS code of a council both scenarios list, found "E09999999"/);
  });
});
