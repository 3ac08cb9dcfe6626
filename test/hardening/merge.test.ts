import { appendFileSync, copyFileSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { shardRange } from '../../sim/cli/args';
import { BodyDigest, manifestOf, manifestPathFor, MANIFEST_FORMAT, sha256, type Experiment } from '../../sim/cli/manifest';
import { jsonFooter, jsonHeader, jsonRunLine } from '../../sim/output';
import { ENGINE_VERSION } from '../../sim/version';
import { loadScenarioFile } from '../../sim/node/files';
import { runScenario } from '../../sim/run';
import { BASELINE, cli, leftovers, merge, scratch, TINY } from './helpers';

const dir = scratch('merge');
const EXPERIMENT = ['--runs', '12', '--seed', '5'];

/** Parts of a 12-run experiment in `k` shards (and the unsharded run), through the CLI. */
async function shards(k: number, format: 'json' | 'csv', extra: string[] = []): Promise<{ parts: string[]; whole: string }> {
  const tag = `${format}-${k}-${extra.join('').replace(/\W/g, '')}`;
  const whole = join(dir, `whole-${tag}.${format}`);
  expect((await cli([BASELINE, ...TINY, ...EXPERIMENT, ...extra, '--format', format, '--out', whole])).code).toBe(0);
  const parts: string[] = [];
  for (let i = 0; i < k; i++) {
    const part = join(dir, `part-${tag}-${i}.${format}`);
    expect((await cli([BASELINE, ...TINY, ...EXPERIMENT, ...extra, '--format', format, '--shard', `${i}/${k}`, '--out', part])).code).toBe(0);
    parts.push(part);
  }
  return { parts, whole };
}

const lexical = (files: string[]) => [...files].sort(); // part-...-10 before part-...-2

describe('npm run merge', () => {
  it('equals the unsharded run byte for byte, manifest included, whatever order the parts come in (JSON)', async () => {
    const { parts, whole } = await shards(12, 'json');
    const out = join(dir, 'merged.json');
    const r = await merge([...lexical(parts), '--out', out]);
    expect(r.code).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(readFileSync(whole, 'utf8'));
    const reversed = await merge([...parts].reverse());
    expect(reversed.stdout).toBe(readFileSync(whole, 'utf8'));
    expect(JSON.parse(reversed.stdout).manifest).toMatchObject({ shard: '0/1', firstSeed: 5, count: 12, runs: 12, output: 'json' });
  });

  it('equals the unsharded run byte for byte for CSV, its manifest file included', async () => {
    const { parts, whole } = await shards(12, 'csv');
    const out = join(dir, 'merged.csv');
    expect((await merge([...lexical(parts), '--out', out])).code).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(readFileSync(whole, 'utf8'));
    expect(readFileSync(manifestPathFor(out), 'utf8')).toBe(readFileSync(manifestPathFor(whole), 'utf8'));
  });

  it('merges shards that hold no runs (more shards than runs)', async () => {
    const whole = await cli([BASELINE, ...TINY, '--runs', '2']);
    const parts = [];
    for (let i = 0; i < 3; i++) {
      const part = join(dir, `few-${i}.json`);
      expect((await cli([BASELINE, ...TINY, '--runs', '2', '--shard', `${i}/3`, '--out', part])).code).toBe(0);
      parts.push(part);
    }
    expect((await merge(parts)).stdout).toBe(whole.stdout);
  });

  it('refuses a missing shard, naming it and its seeds', async () => {
    const { parts } = await shards(3, 'json');
    const r = await merge([parts[0], parts[2]]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('cannot merge\n  - missing 1 of 3 shards: 1/3 (seeds 9-12)\n');
    expect(r.stdout).toBe('');
  });

  it('refuses a shard given twice, under the same name or another', async () => {
    const { parts } = await shards(3, 'csv');
    const copy = join(dir, 'copy.csv');
    copyFileSync(parts[1], copy);
    copyFileSync(manifestPathFor(parts[1]), manifestPathFor(copy));
    for (const twice of [[...parts, parts[1]], [...parts, copy]]) {
      const r = await merge(twice);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/both shard 1\/3 \(seeds 9-12\): give each shard once/);
    }
  });

  it('refuses overlapping shards of different splits, and parts of different experiments', async () => {
    const three = await shards(3, 'json');
    const two = await shards(2, 'json');
    const overlap = await merge([three.parts[0], two.parts[1], three.parts[1]]);
    expect(overlap.code).toBe(1);
    expect(overlap.stderr).toContain('differ in shard count');
    const longer = await shards(2, 'json', ['--months', '3']);
    const other = await merge([two.parts[0], longer.parts[1]]);
    expect(other.code).toBe(1);
    expect(other.stderr).toMatch(/are not parts of the same experiment: they differ in scenario|months/);
    expect(other.stderr).toContain('months');
    const withLevers = join(dir, 'levers.json');
    writeFileSync(withLevers, JSON.stringify([{ month: 1, path: 'policy.profitCap.enabled', value: true }]));
    const levered = await shards(2, 'json', ['--levers', withLevers]);
    expect((await merge([two.parts[0], levered.parts[1]])).stderr).toContain('differ in levers');
  });

  it('refuses truncated parts: cut at a line break or in the middle of a line, JSON and CSV', async () => {
    for (const format of ['json', 'csv'] as const) {
      const { parts } = await shards(2, format);
      const text = readFileSync(parts[1], 'utf8');
      const lines = text.split('\n');
      const cuts = [text.slice(0, Math.floor(text.length / 2)), `${lines.slice(0, -3).join('\n')}\n`, `${lines.slice(0, 1).join('\n')}\n`];
      for (const cut of cuts) {
        const part = join(dir, `cut.${format}`);
        writeFileSync(part, cut);
        if (format === 'csv') copyFileSync(manifestPathFor(parts[1]), manifestPathFor(part));
        const r = await merge([parts[0], part]);
        expect(r.code, `${format}: ${cut.length} bytes`).toBe(1);
        expect(r.stderr).toMatch(new RegExp(`${part.replace(/[.]/g, '\\.')}: (truncated|does not match its manifest)`));
      }
    }
  });

  it('refuses an edited part, a CSV part without its manifest, and a part that is not one', async () => {
    const { parts } = await shards(2, 'csv');
    const edited = join(dir, 'edited.csv');
    writeFileSync(edited, readFileSync(parts[1], 'utf8').replace(/,(\d+),\n/, (_, n) => `,${Number(n) + 1},\n`));
    copyFileSync(manifestPathFor(parts[1]), manifestPathFor(edited));
    expect((await merge([parts[0], edited])).stderr).toContain(`${edited}: does not match its manifest (content whose digest differs from the one listed)`);
    const bare = join(dir, 'bare.csv');
    copyFileSync(parts[1], bare);
    rmSync(manifestPathFor(bare), { force: true });
    expect((await merge([parts[0], bare])).stderr).toContain(`${bare}: no usable manifest beside it`);
    const json = await shards(2, 'json');
    const old = join(dir, 'old.json');
    writeFileSync(old, readFileSync(json.parts[1], 'utf8').replace(/\n\],"manifest":.*\n$/, '\n]}\n'));
    expect((await merge([json.parts[0], old])).stderr).toContain(`${old}: no manifest (written by an older npm run sim?): run its shard again`);
    expect((await merge([json.parts[0], parts[1]])).stderr).toContain('not a JSON part written by npm run sim');
    const missing = await merge([join(dir, 'nowhere.json')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('nowhere.json: no such file');
  });

  it('leaves --out as it was when it refuses, and reports bad arguments with exit 2', async () => {
    const { parts } = await shards(2, 'json');
    const out = join(dir, 'kept.json');
    writeFileSync(out, 'previous\n');
    const r = await merge([parts[0], '--out', out]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`cannot merge; ${out} was not changed`);
    expect(readFileSync(out, 'utf8')).toBe('previous\n');
    expect(leftovers(dir)).toEqual([]);
    expect((await merge([])).code).toBe(2);
    expect((await merge([parts[0], '--outt', out])).code).toBe(2);
    expect((await merge([parts[0], '--out'])).code).toBe(2);
  });
});

describe('merge streams', () => {
  /** The engine's month 0 of a tiny population: the one record of every synthetic run. */
  function monthZero(): unknown {
    const scenario = loadScenarioFile(BASELINE);
    if (!scenario.ok) throw new Error('baseline');
    const run = runScenario(scenario.value, { seed: 1, months: 0 });
    if (!run.ok) throw new Error('run');
    return run.value[0];
  }

  /** A synthetic experiment (the engine run once): runs of month 0 only, written exactly as the CLI writes parts. */
  function syntheticParts(runs: number, count: number): { parts: string[]; whole: string } {
    const record = monthZero();
    const experiment: Experiment = {
      format: MANIFEST_FORMAT,
      engine: ENGINE_VERSION,
      output: 'json',
      scenario: sha256('scenario'),
      levers: sha256('[]'),
      scale: 1,
      months: 0,
      seed: 1,
      runs,
    };
    const write = (file: string, index: number, k: number) => {
      const { start, size } = shardRange(runs, { index, count: k });
      const body = new BodyDigest(jsonHeader('synthetic', 1));
      writeFileSync(file, jsonHeader('synthetic', 1));
      let chunk = '';
      for (let r = start; r < start + size; r++) {
        const line = JSON.stringify({ seed: 1 + r, months: [record] });
        body.add(`${line}\n`);
        chunk += jsonRunLine(line, r === start);
      }
      appendFileSync(file, chunk + jsonFooter(manifestOf(experiment, { shard: `${index}/${k}`, firstSeed: 1 + start, count: size, rows: body.rows, digest: body.value() })));
      return file;
    };
    return {
      parts: Array.from({ length: count }, (_, i) => write(join(dir, `synthetic-${i}.json`), i, count)),
      whole: write(join(dir, 'synthetic-whole.json'), 0, 1),
    };
  }

  it('merges 10,000 runs in flat memory: no more waits to be written than one buffer and a run', async () => {
    const { parts, whole } = syntheticParts(10_000, 7);
    let peak = 0;
    const out = join(dir, 'synthetic-merged.json');
    const r = await merge([...parts].reverse().concat(['--out', out]), {
      openFile: (temp) =>
        new Writable({
          highWaterMark: 16_384,
          write(chunk: Buffer, _encoding, done) {
            peak = Math.max(peak, this.writableLength);
            appendFileSync(temp, chunk);
            setImmediate(done);
          },
        }),
    });
    expect(r.code).toBe(0);
    expect(readFileSync(out).equals(readFileSync(whole))).toBe(true);
    expect(readFileSync(out).length).toBeGreaterThan(100 * 16_384);
    expect(peak).toBeLessThanOrEqual(16_384 + 1000);
  });
});

describe('the engine version in manifests', () => {
  it('is package.json version', () => {
    expect(ENGINE_VERSION).toBe(JSON.parse(readFileSync(join(__dirname, '../../package.json'), 'utf8')).version);
  });
});
