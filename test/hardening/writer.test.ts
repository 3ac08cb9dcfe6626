import { spawnSync } from 'node:child_process';
import { lstatSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { compareMain } from '../../sim/cli/compare';
import { manifestPathFor } from '../../sim/cli/manifest';
import { SCENARIO_DIR } from '../../sim/node/files';
import type { OpenFile } from '../../sim/node/sink';
import { BASELINE, cli, leftovers, merge, scratch, TINY } from './helpers';

const OTHER = join(SCENARIO_DIR, 'early-help-restored.json');
const PREVIOUS = 'previous\n';

async function compare(args: string[], openFile?: OpenFile) {
  let stdout = '';
  let stderr = '';
  const code = await compareMain(args, {}, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), progressIntervalMs: 1e9, openFile });
  return { code, stdout, stderr };
}

/** A stream that fails with ENOSPC once more than `room` bytes were written: a full disk. */
const fullDisk =
  (room: number, only: (temp: string) => boolean = () => true): OpenFile =>
  (temp) => {
    let written = 0;
    return new Writable({
      write(chunk: Buffer, _encoding, done) {
        written += chunk.length;
        if (only(temp) && written > room) return setImmediate(() => done(Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' })));
        writeFileSync(temp, chunk, { flag: 'a' });
        setImmediate(done);
      },
    });
  };

/** Every command that writes a file: each is given `out` as its target. */
const WRITERS: [string, (out: string, openFile?: OpenFile) => Promise<{ code: number; stderr: string }>][] = [
  ['sim --out (JSON)', (out, openFile) => cli([BASELINE, ...TINY, '--out', out], { openFile })],
  ['sim --format csv --out', (out, openFile) => cli([BASELINE, ...TINY, '--format', 'csv', '--out', out], { openFile })],
  ['sim --observed --out', (out, openFile) => cli([BASELINE, '--scale', '0.002', '--months', '13', '--quiet', '--observed', 'north-east', '--out', out], { openFile })],
  ['compare --out (text)', (out, openFile) => compare([BASELINE, OTHER, '--runs', '2', '--months', '2', '--scale', '0.002', '--quiet', '--out', out], openFile)],
  ['compare --format xlsx --out', (out, openFile) => compare([BASELINE, OTHER, '--runs', '2', '--months', '2', '--scale', '0.002', '--quiet', '--format', 'xlsx', '--out', out], openFile)],
  ['compare --bundle', (out, openFile) => compare([BASELINE, OTHER, '--runs', '2', '--months', '2', '--scale', '0.002', '--quiet', '--format', 'json', '--bundle', out], openFile)],
  [
    'merge --out',
    async (out, openFile) => {
      const part = join(scratch('part'), 'part.json');
      expect((await cli([BASELINE, ...TINY, '--out', part])).code).toBe(0);
      let stderr = '';
      const { mergeMain } = await import('../../sim/cli/merge');
      const code = await mergeMain([part, '--out', out], { stdout: () => {}, stderr: (t) => (stderr += t), openFile });
      return { code, stderr };
    },
  ],
];

describe('one safe writer for every output file', () => {
  it('every writer refuses a FIFO, a device and a folder before writing, and leaves them as they were', async () => {
    const dir = scratch('targets');
    const fifo = join(dir, 'fifo');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    // A null device of our own (root may create one): the test never risks /dev/null itself.
    const device = join(dir, 'device');
    const madeDevice = spawnSync('mknod', [device, 'c', '1', '3']).status === 0;
    const folder = join(dir, 'folder');
    mkdirSync(folder);
    for (const [name, write] of WRITERS) {
      for (const [target, kind, why] of [
        [fifo, 'fifo', 'not a regular file'],
        [madeDevice ? device : '/dev/null', 'device', 'not a regular file'],
        [folder, 'folder', 'it is a folder'],
      ] as const) {
        const r = await write(target);
        expect(r.code, `${name} -> ${kind}`).toBe(74);
        expect(r.stderr, `${name} -> ${kind}`).toContain(`cannot write ${target}: ${why}`);
      }
      expect(lstatSync(fifo).isFIFO(), name).toBe(true);
      if (madeDevice) expect(lstatSync(device).isCharacterDevice(), name).toBe(true);
      expect(lstatSync(folder).isDirectory(), name).toBe(true);
      expect(leftovers(dir), name).toEqual([]);
      expect(leftovers(folder), name).toEqual([]);
    }
  });

  it('every writer keeps the previous file and leaves no temporary file when the disk fills', async () => {
    for (const [name, write] of WRITERS) {
      const dir = scratch('full');
      const out = join(dir, 'out');
      writeFileSync(out, PREVIOUS);
      const r = await write(out, fullDisk(100));
      expect(r.code, name).toBe(74);
      expect(r.stderr, name).toContain(`cannot write ${out}: no space left on the device`);
      expect(readFileSync(out, 'utf8'), name).toBe(PREVIOUS);
      expect(leftovers(dir), name).toEqual([]);
    }
  });

  it('refuses a symbolic link out of its folder, and writes through one that stays inside it', async () => {
    const dir = scratch('links');
    const outside = join(scratch('elsewhere'), 'target.json');
    writeFileSync(outside, PREVIOUS);
    const away = join(dir, 'away.json');
    symlinkSync(outside, away);
    const r = await cli([BASELINE, ...TINY, '--out', away]);
    expect(r.code).toBe(74);
    expect(r.stderr).toContain(`cannot write ${away}: a symbolic link out of its folder`);
    expect(readFileSync(outside, 'utf8')).toBe(PREVIOUS);
    const real = join(dir, 'real.json');
    writeFileSync(real, PREVIOUS);
    const near = join(dir, 'near.json');
    symlinkSync(real, near);
    expect((await cli([BASELINE, ...TINY, '--out', near])).code).toBe(0);
    expect(lstatSync(near).isSymbolicLink()).toBe(true);
    expect(JSON.parse(readFileSync(real, 'utf8')).runs).toHaveLength(1);
  });
});

describe('a CSV and its manifest are replaced together or not at all', () => {
  for (const [name, run] of [
    ['npm run sim', (out: string, openFile: OpenFile) => cli([BASELINE, ...TINY, '--format', 'csv', '--out', out], { openFile })],
    [
      'npm run merge',
      async (out: string, openFile: OpenFile) => {
        const part = join(scratch('csvpart'), 'part.csv');
        expect((await cli([BASELINE, ...TINY, '--format', 'csv', '--out', part])).code).toBe(0);
        return merge([part, '--out', out], { openFile });
      },
    ],
  ] as const) {
    it(`${name}: a disk with room for the CSV but not its manifest leaves the old pair`, async () => {
      const dir = scratch('pair');
      const out = join(dir, 'out.csv');
      writeFileSync(out, 'old csv\n');
      writeFileSync(manifestPathFor(out), 'old manifest\n');
      const r = await run(out, fullDisk(10, (temp) => temp.includes('.manifest.json.')));
      expect(r.code).toBe(74);
      expect(r.stderr).toContain('no space left on the device');
      expect(readFileSync(out, 'utf8')).toBe('old csv\n');
      expect(readFileSync(manifestPathFor(out), 'utf8')).toBe('old manifest\n');
      expect(leftovers(dir)).toEqual([]);
      // and with room for both, both are replaced
      expect((await run(out, fullDisk(Infinity))).code).toBe(0);
      expect(readFileSync(out, 'utf8')).toMatch(/^scenario,variant,run,seed,month,date,financial_year,measure,unit,value,council\n/);
      expect(JSON.parse(readFileSync(manifestPathFor(out), 'utf8')).output).toBe('csv');
    });
  }
});
