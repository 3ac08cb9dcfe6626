import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { manifestPathFor, MAX_SHARDS } from '../../sim/cli/manifest';
import { BASELINE, cli, merge, scratch, TINY } from './helpers';

const dir = scratch('forged');
const sha = (text: string) => `sha256:${createHash('sha256').update(text).digest('hex')}`;

async function parts(format: 'json' | 'csv'): Promise<string[]> {
  const out: string[] = [];
  for (let i = 0; i < 2; i++) {
    const part = join(dir, `part-${i}.${format}`);
    expect((await cli([BASELINE, ...TINY, '--runs', '4', '--format', format, '--shard', `${i}/2`, '--out', part])).code).toBe(0);
    out.push(part);
  }
  return out;
}

/** A JSON part edited by someone who then recomputes its manifest (count, rows, digest) as anyone can. */
function forgeJson(part: string, edit: (lines: string[]) => void, manifestEdit: (m: Record<string, unknown>) => void = () => {}): string {
  const lines = readFileSync(part, 'utf8').split('\n');
  lines.pop(); // the final line break
  const manifestLine = lines.pop()!;
  edit(lines);
  const runs = lines.slice(1).map((l) => l.replace(/,$/, ''));
  const manifest = JSON.parse(`{${manifestLine.slice(2)}`).manifest;
  Object.assign(manifest, { count: runs.length, rows: runs.length, digest: sha(`${lines[0]}\n${runs.map((r) => `${r}\n`).join('')}`) });
  manifestEdit(manifest);
  const file = join(dir, `forged-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, `${lines.join('\n')}\n],"manifest":${JSON.stringify(manifest)}}\n`);
  return file;
}

/** A CSV part edited, its side manifest recomputed. */
function forgeCsv(part: string, edit: (rows: string[]) => void): string {
  const [header, ...rows] = readFileSync(part, 'utf8').split('\n').slice(0, -1);
  edit(rows);
  const manifest = JSON.parse(readFileSync(manifestPathFor(part), 'utf8'));
  Object.assign(manifest, { rows: rows.length, digest: sha(`${header}\n${rows.map((r) => `${r}\n`).join('')}`) });
  const file = join(dir, `forged-${Math.random().toString(36).slice(2)}.csv`);
  writeFileSync(file, `${header}\n${rows.join('\n')}\n`);
  writeFileSync(manifestPathFor(file), JSON.stringify(manifest));
  return file;
}

describe('merge reads what it merges', () => {
  it('refuses a JSON part whose header was edited, manifest untouched, naming the part', async () => {
    const [a, b] = await parts('json');
    const edited = join(dir, 'header.json');
    writeFileSync(edited, readFileSync(b, 'utf8').replace(/^\{"scenario":"[^"]*"/, '{"scenario":"=cmd|calc!A1"'));
    const r = await merge([a, edited]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${edited}: does not match its manifest`);
  });

  it('refuses a JSON header edited with the manifest recomputed, naming line 1 and what is wrong', async () => {
    const [a, b] = await parts('json');
    const extra = forgeJson(b, (lines) => (lines[0] = lines[0].replace('"scale"', '"evil":1,"scale"')));
    let r = await merge([a, extra]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${extra}: line 1: the header has other fields than scenario, scale and runs`);
    const broken = forgeJson(b, (lines) => (lines[0] = lines[0].replace('{"scenario":"', '{"scenario":"\\')));
    r = await merge([a, broken]);
    expect(r.stderr).toContain(`${broken}: line 1: the header is not the start of a JSON document`);
  });

  it('refuses run lines edited with the manifest recomputed: a negative stock, a fraction of a child, a wrong seed inside a run', async () => {
    const [a, b] = await parts('json');
    const negative = forgeJson(b, (lines) => (lines[2] = lines[2].replace(/"universal":\d+/, '"universal":-999999')));
    let r = await merge([a, negative]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`${negative}: line 3: month 0: stock\\.universal is -999999, expected a number >= 0`));
    const fraction = forgeJson(b, (lines) => (lines[1] = lines[1].replace(/"child_in_need":(\d+)/, '"child_in_need":$1.5')));
    r = await merge([a, fraction]);
    expect(r.stderr).toMatch(/line 2: month 0: stock\.child_in_need is \d+\.5, expected a whole number of children/);
    const seed = forgeJson(b, (lines) => (lines[1] = lines[1].replace(/"months":/, '"seed":77,"months":')));
    r = await merge([a, seed]);
    expect(r.stderr).toContain(`${seed}: line 2: its seed is 77 where the line starts with seed 3`);
    const short = forgeJson(b, (lines) => (lines[1] = lines[1].replace(/,\{"month":2,.*\]\}/, ']}')));
    r = await merge([a, short]);
    expect(r.stderr).toContain(`${short}: line 3: it has 3 month records where the first run has 2`);
  });

  it('refuses CSV rows edited with the manifest recomputed: an unterminated quote, a wrong seed, a negative count', async () => {
    const [a, b] = await parts('csv');
    const cases: [(rows: string[]) => void, RegExp][] = [
      [(rows) => (rows[4] = `"${rows[4]}`), /line 6: a quoted cell is never closed/],
      // The tidy CSV: scenario, variant, run, seed, month, date, financial_year, measure, unit, value, council.
      [(rows) => (rows[0] = rows[0].replace(/^([^,]*,[^,]*,[^,]*,)\d+,/, '$199,')), /line 2: seed "99", expected one of the part's seeds 3-4/],
      [(rows) => (rows[1] = rows[1].replace(/,[\d.e+]+,$/, ',-999999,')), /line 3: \S+ is "-999999", expected a number >= 0/],
      [(rows) => (rows[1] = `${rows[1]},extra`), /line 3: 12 cells, expected 11/],
    ];
    for (const [edit, message] of cases) {
      const forged = forgeCsv(b, edit);
      const r = await merge([a, forged]);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(`${forged}: line`);
      expect(r.stderr).toMatch(message);
    }
  });
});

describe('absurd counts are refused before anything is sized by them', () => {
  afterEach(() => vi.restoreAllMocks());

  it('refuses a manifest shard count of 0/100000000, 0/1e20 or 0/10^20 at the manifest, allocating nothing that size', async () => {
    const [a, b] = await parts('json');
    const from = vi.spyOn(Array, 'from');
    for (const shard of ['0/100000000', '0/1e20', `0/1${'0'.repeat(20)}`]) {
      const forged = forgeJson(a, () => {}, (m) => (m.shard = shard));
      const r = await merge([forged, b]);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(`${forged}: invalid manifest: manifest.shard: expected a shard "I/K" with 0 <= I < K <= ${MAX_SHARDS.toLocaleString('en-GB')}`);
    }
    const sized = from.mock.calls.map(([arg]) => (arg as { length?: number }).length ?? 0);
    expect(Math.max(0, ...sized)).toBeLessThanOrEqual(MAX_SHARDS);
  });

  it('refuses run counts beyond what npm run sim writes', async () => {
    const [a] = await parts('json');
    const forged = forgeJson(a, () => {}, (m) => (m.runs = 1e15));
    const r = await merge([forged]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('manifest.runs: expected a whole number from 1 to 1,000,000');
  });
});
