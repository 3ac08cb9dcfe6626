/**
 * `npm run bench:compare` (also part of `npm run bench`): a 20-seed, 10-year paired comparison
 * (40 runs) of the baseline against restored early help in the browser's worker pool, against
 * the production build in Chromium. Times the pool with 1 worker and with one per core, at scale
 * 0.25 (target: at most 10 s, and at least 85% parallel efficiency on 2 workers), then once at 1:1.
 * Time is the page's own: from the first job sent to the last result in (`data-elapsed-ms`).
 * Prints figures; asserts nothing. Medians of BENCH_REPEATS (default 3): the machine is shared.
 */
import { readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { launchChromium } from '../test/browser/chromium';
import { startPreview } from '../test/browser/preview';

const REPEATS = Number(process.env.BENCH_REPEATS ?? 3);
const RUNS = Number(process.env.BENCH_COMPARE_RUNS ?? 20);
const MONTHS = 120;
/** Linux's CPU pressure: the share of time some task waited for a CPU (other sessions' work shows here). */
function cpuPressure(): string {
  try {
    const some = /some avg10=([\d.]+) avg60=([\d.]+)/.exec(readFileSync('/proc/pressure/cpu', 'utf8'));
    return some ? `; CPU pressure ${some[1]}% (10 s), ${some[2]}% (60 s)` : '';
  } catch {
    return '';
  }
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const server = await startPreview();
const browser = await launchChromium();
try {
  const page = await browser.newPage();
  const cores = await page.evaluate(() => navigator.hardwareConcurrency);
  const utilisation: number[] = [];
  const timeOf = async (scale: number, workers: number): Promise<number> => {
    const query = `?a=north-east-baseline&b=early-help-restored&runs=${RUNS}&months=${MONTHS}&seed=1&scale=${scale}&workers=${workers}`;
    await page.goto(`${server.url}${query}`);
    const status = page.locator('[data-testid="compare-status"][data-done="true"]');
    await status.waitFor({ timeout: 600_000 });
    const elapsed = Number(await status.getAttribute('data-elapsed-ms'));
    if (workers > 1 && scale === 0.25) utilisation.push(Number(await status.getAttribute('data-busy-ms')) / (workers * elapsed));
    return elapsed / 1000;
  };
  console.log(`\nComparison bench: ${RUNS} seeds x 2 scenarios = ${RUNS * 2} runs of ${MONTHS} months, production build in Chromium`);
  console.log(`machine: ${availableParallelism()} cores (navigator.hardwareConcurrency ${cores}); median of ${REPEATS}`);
  await timeOf(0.05, cores); // warm-up: the build, the browser cache and the workers' first compile
  const rows: [string, number[]][] = [];
  for (const workers of [1, cores]) {
    const times: number[] = [];
    for (let k = 0; k < REPEATS; k++) times.push(await timeOf(0.25, workers));
    rows.push([`scale 0.25, ${workers} worker${workers === 1 ? '' : 's'}`, times]);
  }
  const one = median(rows[0][1]);
  const many = median(rows[1][1]);
  for (const [name, times] of rows) console.log(`${name.padEnd(28)} ${median(times).toFixed(2).padStart(7)} s   (runs: ${times.map((t) => t.toFixed(2)).join(', ')})`);
  console.log(`parallel efficiency on ${cores} workers: ${((one / (cores * many)) * 100).toFixed(0)}% (1-worker time / (${cores} x ${cores}-worker time))   target: <= 10 s, >= 85%`);
  console.log(`pool utilisation on ${cores} workers: ${(median(utilisation) * 100).toFixed(0)}% (time in runs / (${cores} x elapsed): the share of the workers' time the pool kept them busy)`);
  console.log(`load average during the bench: ${loadavg().map((l) => l.toFixed(1)).join(' ')}${cpuPressure()} (other work on this machine slows both timings)`);
  const full = await timeOf(1, cores);
  console.log(`${`scale 1 (1:1), ${cores} workers`.padEnd(28)} ${full.toFixed(2).padStart(7)} s   (one run, reported)`);
} finally {
  await browser.close();
  await server.close();
}
