/**
 * `npm run bench:startup`: how long the CLI takes to reach its first month, from the bundle (what
 * `npm run sim` runs) and from the TypeScript sources under tsx (what it ran before), in turn, for a
 * one-month run at scale 0.01: nearly all start-up. Prints the medians of wall and CPU time (CPU of
 * the finished child processes, from /proc on Linux) and whether the two outputs are byte-identical.
 * Asserts nothing.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { buildCli } from '../scripts/build-cli';

const REPEATS = Number(process.env.BENCH_REPEATS ?? 5);
const ARGS = ['scenarios/north-east-baseline.json', '--months', '1', '--scale', '0.01', '--quiet'];
const COMMANDS = {
  bundle: [process.execPath, 'build/cli/run.mjs', 'sim', ...ARGS],
  tsx: [process.execPath, '--import', 'tsx', 'sim/cli.ts', ...ARGS],
};
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** User + system seconds of this process's finished children (Linux), or NaN elsewhere. */
function childrenCpu(): number {
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
    return (Number(fields[13]) + Number(fields[14])) / 100; // cutime, cstime in clock ticks (USER_HZ 100)
  } catch {
    return Number.NaN;
  }
}

await buildCli();
const figures = { bundle: { wall: [] as number[], cpu: [] as number[], out: '' }, tsx: { wall: [] as number[], cpu: [] as number[], out: '' } };
for (let k = 0; k <= REPEATS; k++) {
  for (const [name, [command, ...args]] of Object.entries(COMMANDS) as [keyof typeof COMMANDS, string[]][]) {
    const cpu0 = childrenCpu();
    const t0 = performance.now();
    const r = spawnSync(command, args, { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(r.stderr);
    if (k === 0) continue; // warm-up: file caches, tsx's compile cache
    figures[name].wall.push((performance.now() - t0) / 1000);
    figures[name].cpu.push(childrenCpu() - cpu0);
    figures[name].out = r.stdout;
  }
}
console.log(`\nCLI start-up: a 1-month run at scale 0.01, medians of ${REPEATS} runs each (after a warm-up)`);
for (const [name, f] of Object.entries(figures)) {
  console.log(`  ${name.padEnd(6)} wall ${median(f.wall).toFixed(2)} s  cpu ${median(f.cpu).toFixed(2)} s`);
}
console.log(`  outputs byte-identical: ${figures.bundle.out === figures.tsx.out ? 'yes' : 'NO'}`);
