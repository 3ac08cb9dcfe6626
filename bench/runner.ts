/**
 * `npm run bench:runner` (also part of `npm run bench`): the CLI's run pool.
 * 1. 40 runs of the North East baseline at scale 0.25 over 120 months (`npm run sim -- --runs 40`)
 *    with `--jobs 1` and with `--jobs 2`: wall time of the whole command, the speed-up and the
 *    parallel efficiency (speed-up / jobs).
 * 2. A 100-point sweep as an experiment: the early-help budget at 10 values (£20m to £110m, one of
 *    them the baseline's own £40m, so the baseline runs once) x 10 seeds at scale 0.1.
 * Prints figures and the machine's load; asserts nothing. Medians of BENCH_REPEATS (default 3).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';

const REPEATS = Number(process.env.BENCH_REPEATS ?? 3);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const dir = mkdtempSync(join(tmpdir(), 'care-futures-bench-runner-'));

function seconds(args: string[]): number {
  const t0 = performance.now();
  const r = spawnSync('npm', ['run', '-s', ...args], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return (performance.now() - t0) / 1000;
}

const load = () => loadavg().map((x) => x.toFixed(1)).join(', ');
console.log(`\nRun pool bench: ${availableParallelism()} cores; load average before: ${load()}; median of ${REPEATS}`);

const sim = (jobs: number) => ['sim', '--', 'scenarios/north-east-baseline.json', '--runs', '40', '--scale', '0.25', '--months', '120', '--quiet', '--jobs', String(jobs), '--out', join(dir, `runs-${jobs}.json`)];
const times = new Map<number, number>();
for (const jobs of [1, 2]) {
  const xs = Array.from({ length: REPEATS }, () => seconds(sim(jobs)));
  times.set(jobs, median(xs));
  console.log(`40 runs, scale 0.25, 120 months, --jobs ${jobs}: ${median(xs).toFixed(1)} s (runs: ${xs.map((x) => x.toFixed(1)).join(', ')})`);
}
const speedUp = (times.get(1) as number) / (times.get(2) as number);
console.log(`speed-up with --jobs 2: ${speedUp.toFixed(2)}x, parallel efficiency ${((speedUp / 2) * 100).toFixed(0)}% (target: >= 1.6x)`);

const experiment = join(dir, 'sweep.json');
writeFileSync(
  experiment,
  JSON.stringify({
    name: 'bench: 100-point early-help budget sweep',
    scenarios: [{ file: 'north-east-baseline.json' }],
    design: { kind: 'grid', parameters: [{ path: 'policy.earlyHelp.budgetPerYear', values: Array.from({ length: 10 }, (_, k) => (20 + 10 * k) * 1e6) }] },
    seeds: { first: 1, count: 10 },
    months: 120,
    scale: 0.1,
  }),
);
const sweep = Array.from({ length: REPEATS }, () => seconds(['experiment', '--', experiment, '--out', join(dir, 'sweep'), '--quiet']));
console.log(`100-point sweep (10 budgets x 10 seeds, scale 0.1, 120 months; the baseline's own budget runs once), every core: ${median(sweep).toFixed(1)} s`);
console.log(`load average after: ${load()}`);
rmSync(dir, { recursive: true, force: true });
