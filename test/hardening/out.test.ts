import { spawn, spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { fileSink, functionSink, OutputError } from '../../sim/node/sink';
import { BASELINE, cli, expectNoStack, leftovers, scratch, TINY } from './helpers';

const dir = scratch('out');
const PREVIOUS = '{"previous": "results"}\n';

/** A file stream that takes its time (each write completes on a later turn) and records its largest backlog. */
class SlowFile extends Writable {
  maxBuffered = 0;
  constructor(
    private readonly path: string,
    private readonly failAfterBytes = Infinity,
  ) {
    super({ highWaterMark: 16_384 });
  }
  private written = 0;
  override _write(chunk: Buffer, _encoding: BufferEncoding, done: (err?: Error | null) => void): void {
    this.maxBuffered = Math.max(this.maxBuffered, this.writableLength);
    this.written += chunk.length;
    if (this.written > this.failAfterBytes) {
      setImmediate(() => done(Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' })));
      return;
    }
    appendFileSync(this.path, chunk);
    setImmediate(() => done());
  }
}

describe('--out', () => {
  it('writes the document through a temporary file and leaves none behind', async () => {
    const out = join(dir, 'ok.json');
    writeFileSync(out, PREVIOUS);
    const r = await cli([BASELINE, ...TINY, '--runs', '2', '--out', out]);
    expect(r.code).toBe(0);
    expect(JSON.parse(readFileSync(out, 'utf8')).runs).toHaveLength(2);
    expect(leftovers(dir)).toEqual([]);
  });

  it('keeps the previous file whole when the disk fills mid-run, with one line naming the file (exit 74)', async () => {
    const out = join(dir, 'full.json');
    writeFileSync(out, PREVIOUS);
    let stream: SlowFile | undefined;
    const r = await cli([BASELINE, ...TINY, '--runs', '20', '--out', out], { openFile: (temp) => (stream = new SlowFile(temp, 20_000)) });
    expect(stream).toBeDefined();
    expect(r.code).toBe(74);
    expect(r.stderr).toBe(`error: cannot write ${out}: no space left on the device\n`);
    expect(readFileSync(out, 'utf8')).toBe(PREVIOUS);
    expect(leftovers(dir)).toEqual([]);
  });

  it('fails at once, before simulating, for a missing folder, a file in place of a folder, or a folder as the file', async () => {
    const file = join(dir, 'plain.txt');
    writeFileSync(file, 'x');
    for (const [out, why] of [
      [join(dir, 'no', 'such', 'out.json'), `no such folder: ${join(dir, 'no', 'such')}`],
      [join(file, 'out.json'), `part of ${file} is not a folder`],
      [dir, 'it is a folder'],
    ]) {
      const r = await cli([BASELINE, ...TINY, '--out', out]);
      expect(r.code, out).toBe(74);
      expect(r.stderr).toBe(`error: cannot write ${out}: ${why}\n`);
      expect(r.stdout).toBe('');
    }
  });

  it('refuses a device such as /dev/null before running (to discard output, leave out --out and redirect stdout)', async () => {
    const r = await cli([BASELINE, ...TINY, '--out', '/dev/null']);
    expect(r.code).toBe(74);
    expect(r.stderr).toContain('cannot write /dev/null: not a regular file');
    expect(existsSync('/dev/null')).toBe(true);
  });

  it('holds memory flat: 300 runs keep no more waiting to be written than 10 runs do', async () => {
    const peak = async (runs: number) => {
      let stream: SlowFile | undefined;
      const out = join(dir, `flat-${runs}.json`);
      const r = await cli([BASELINE, '--scale', '0.0005', '--months', '1', '--quiet', '--runs', String(runs), '--out', out], { openFile: (temp) => (stream = new SlowFile(temp)) });
      expect(r.code).toBe(0);
      expect(JSON.parse(readFileSync(out, 'utf8')).runs).toHaveLength(runs);
      return { peak: stream!.maxBuffered, size: readFileSync(out).length };
    };
    const ten = await peak(10);
    const many = await peak(300);
    const oneRun = ten.size / 10;
    // Without waiting for 'drain', 300 runs would pile up about many.size bytes: far more than the bound below.
    expect(many.size).toBeGreaterThan(15 * 16_384);
    expect(many.peak).toBeLessThanOrEqual(16_384 + 2 * oneRun);
    expect(ten.peak).toBeLessThanOrEqual(16_384 + 2 * oneRun);
  });

  it('waits for stdout to drain when it says its buffer is full', async () => {
    let writes = 0;
    let waits = 0;
    const r = await cli([BASELINE, ...TINY, '--runs', '3'], {
      stdout: () => {
        writes++;
        return false;
      },
      drained: async () => {
        waits++;
      },
    });
    expect(r.code).toBe(0);
    expect(writes).toBe(5); // header, three runs, manifest
    expect(waits).toBe(writes);
  });

  it('leaves the previous file as it was when the process is killed mid-run', async () => {
    // (a killed process cannot remove its temporary file: it is left in its own folder here)
    const out = join(scratch('killed'), 'killed.json');
    writeFileSync(out, PREVIOUS);
    // node itself (not npx), so the process killed is the one writing
    const child = spawn(process.execPath, ['--import', 'tsx', 'sim/cli.ts', BASELINE, '--scale', '0.002', '--months', '24', '--runs', '100000', '--out', out], { stdio: ['ignore', 'ignore', 'pipe'] });
    await new Promise<void>((resolve) => child.stderr.on('data', (chunk: Buffer) => chunk.toString().includes('runs ') && resolve()));
    const exited = new Promise((resolve) => child.on('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    expect(readFileSync(out, 'utf8')).toBe(PREVIOUS);
  });
});

describe('the sink itself', () => {
  it('rejects with OutputError, removing its temporary file, when a write fails; commit then fails too', async () => {
    const out = join(dir, 'sink.json');
    const sink = await fileSink(out, (temp) => new SlowFile(temp, 10));
    await sink.write('0123456789abcdef');
    await new Promise((resolve) => setImmediate(resolve)); // the stream reports its failure
    await expect(sink.write('more')).rejects.toBeInstanceOf(OutputError);
    await expect(sink.commit()).rejects.toThrow(`cannot write ${out}: no space left on the device`);
    await sink.discard();
    expect(existsSync(out)).toBe(false);
    expect(leftovers(dir)).toEqual([]);
  });

  it('passes text through a function sink, waiting for drained only after false', async () => {
    const seen: string[] = [];
    let waits = 0;
    const sink = functionSink(
      (t) => seen.push(t) < 2,
      async () => waits++,
    );
    await sink.write('a');
    await sink.write('b');
    await sink.commit();
    expect(seen).toEqual(['a', 'b']);
    expect(waits).toBe(1);
  });
});

describe('the CLI as a process, on output failures', () => {
  it('exits 74 with one line and no stack trace when --out cannot be written', () => {
    const r = spawnSync('npx', ['tsx', 'sim/cli.ts', BASELINE, ...TINY, '--out', join(dir, 'missing', 'x.json')], { encoding: 'utf8' });
    expect(r.status).toBe(74);
    expect(r.stderr.split('\n').filter((l) => l.startsWith('error:'))).toEqual([`error: cannot write ${join(dir, 'missing', 'x.json')}: no such folder: ${join(dir, 'missing')}`]);
    expectNoStack(r.stderr);
    expect(r.stdout).toBe('');
  });
});
