/**
 * `npm run bench` (first part): the engine at 1:1 North East scale over 120 months, and the whole
 * CLI run. Prints figures; asserts nothing (speed is reported, not unit-tested).
 * Targets (issue 3): engine <= 1 s and <= 300 MB; CLI run (Node start + JSON out) <= 2.5 s.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

interface EngineRun {
  initMs: number;
  stepMs: number;
  totalMs: number;
  childMonths: number;
  maxRssMB: number;
  heapMB: number;
}

const REPEATS = Number(process.env.BENCH_REPEATS ?? 5);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (x: number, d = 0) => x.toFixed(d).padStart(9);

// Bundle once with esbuild so the measured process runs plain JS, as the browser worker does.
const dir = mkdtempSync(join(tmpdir(), 'care-futures-bench-'));
const bundle = join(dir, 'engine-run.mjs');
execFileSync('npx', ['esbuild', 'bench/engine-run.ts', '--bundle', '--platform=node', '--format=esm', `--outfile=${bundle}`, '--log-level=error'], {
  stdio: 'inherit',
});

function engineRun(months: number, scale: number): EngineRun {
  const out = execFileSync('node', [bundle, 'scenarios/north-east-baseline.json', String(months), String(scale)], { encoding: 'utf8' });
  return JSON.parse(out.trim().split('\n').pop() ?? '{}') as EngineRun;
}

console.log(`Care Futures engine benchmark: North East baseline, 120 months, ${REPEATS} runs each (median)`);
console.log(`node ${process.version}, ${process.platform} ${process.arch}\n`);
console.log('    scale   children  init ms  steps ms  total ms  child-months/s  peak RSS MB');
for (const scale of [0.1, 1]) {
  const runs = Array.from({ length: REPEATS }, () => engineRun(120, scale));
  const total = median(runs.map((r) => r.totalMs));
  const childMonths = runs[0].childMonths;
  console.log(
    `${fmt(scale, 1)} ${fmt(Math.round(530000 * scale)).padStart(10)} ${fmt(median(runs.map((r) => r.initMs)))} ${fmt(median(runs.map((r) => r.stepMs))).padStart(9)} ${fmt(total).padStart(9)} ${(childMonths / (total / 1000) / 1e6).toFixed(1).padStart(13)}M ${fmt(Math.max(...runs.map((r) => r.maxRssMB))).padStart(12)}`,
  );
}

const out = join(dir, 'run.json');
const cliTimes: number[] = [];
for (let k = 0; k < Math.min(REPEATS, 3); k++) {
  const t0 = performance.now();
  const r = spawnSync('npm', ['run', '-s', 'sim', '--', 'scenarios/north-east-baseline.json', '--months', '120', '--quiet', '--out', out], {
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(r.stderr);
  cliTimes.push(performance.now() - t0);
}
console.log(
  `\nCLI, 1:1, 120 months, JSON to a file (${(statSync(out).size / 1e6).toFixed(1)} MB), Node start included: ${median(cliTimes).toFixed(0)} ms (median of ${cliTimes.length})`,
);
console.log('targets: engine <= 1000 ms and <= 300 MB at 1:1; CLI <= 2500 ms');
rmSync(dir, { recursive: true, force: true });
