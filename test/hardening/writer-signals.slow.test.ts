import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BASELINE, leftovers, scratch } from './helpers';

const PREVIOUS = 'previous\n';

describe('a stopped process removes its temporary file', () => {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`on ${signal}: the previous file stays, no temporary file is left, and the process ends by the signal`, async () => {
      const dir = scratch('signal');
      const out = join(dir, 'out.json');
      writeFileSync(out, PREVIOUS);
      // node itself (not npx), so the signal reaches the process that writes
      const child = spawn(process.execPath, ['--import', 'tsx', 'sim/cli.ts', BASELINE, '--scale', '0.002', '--months', '24', '--runs', '100000', '--out', out], { stdio: ['ignore', 'ignore', 'pipe'] });
      // the first progress line ("runs 1/100000, …") says the runs, and so the writing, have begun;
      // an early exit fails the test at once rather than waiting for a line that will never come
      await new Promise<void>((resolve, reject) => {
        let seen = '';
        child.stderr.on('data', (chunk: Buffer) => {
          seen += chunk.toString();
          if (/\bruns? \d+\//.test(seen)) resolve();
        });
        child.on('exit', (code, sig) => reject(new Error(`the run ended (${sig ?? code}) before its first progress line: ${seen}`)));
      });
      expect(readFileSync(out, 'utf8')).toBe(PREVIOUS);
      const tempsWhileRunning = leftovers(dir).length;
      expect(tempsWhileRunning).toBeGreaterThan(0); // it was writing one
      const exited = new Promise<[number | null, string | null]>((resolve) => child.on('exit', (code, sig) => resolve([code, sig])));
      child.kill(signal);
      const [code, sig] = await exited;
      expect(sig ?? code).toBe(signal);
      expect(readFileSync(out, 'utf8')).toBe(PREVIOUS);
      expect(leftovers(dir)).toEqual([]);
      expect(existsSync(out)).toBe(true);
    }, 60_000);
  }
});

