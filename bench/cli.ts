/**
 * `npm run bench` (CLI part): the whole CLI run at 1:1, Node start and JSON output included.
 * Prints figures; asserts nothing. Target (issue 3): <= 2.5 s.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const REPEATS = Math.min(Number(process.env.BENCH_REPEATS ?? 5), 3);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const dir = mkdtempSync(join(tmpdir(), 'care-futures-bench-'));
const out = join(dir, 'run.json');
const times: number[] = [];
for (let k = 0; k < REPEATS; k++) {
  const t0 = performance.now();
  const r = spawnSync('npm', ['run', '-s', 'sim', '--', 'scenarios/north-east-baseline.json', '--months', '120', '--quiet', '--out', out], {
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(r.stderr);
  times.push(performance.now() - t0);
}
console.log(
  `\nCLI, 1:1, 120 months, JSON to a file (${(statSync(out).size / 1e6).toFixed(1)} MB), Node start included: ${median(times).toFixed(0)} ms (median of ${times.length})`,
);
console.log('target: CLI <= 2500 ms');
rmSync(dir, { recursive: true, force: true });
