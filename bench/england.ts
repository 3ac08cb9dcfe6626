/**
 * A synthetic England (`npm run bench:england`): 152 councils with about 12 million children
 * between them, 120 months, against the same children as one region without councils. Prints each
 * run's time and peak memory (a benchmark figure, not a test): councils must cost no more time than
 * the one region, and fit in 1 GB. Both run bundled with esbuild, in fresh processes.
 *
 *   npm run bench:england [-- --scale 0.1 --months 120]
 *
 * The councils are synthetic (bench/england-scenario.ts): sizes spread like England's (a few large
 * counties, many small unitaries), centroids on a grid over England, the North East baseline's
 * rates, places shared by children. What is measured is the engine's cost, not England's figures.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { englandScenario, ENGLAND_CHILDREN } from './england-scenario';

const arg = (name: string, fallback: number) => {
  const k = process.argv.indexOf(`--${name}`);
  return k > 0 ? Number(process.argv[k + 1]) : fallback;
};
const scale = arg('scale', 1);
const months = arg('months', 120);

const dir = mkdtempSync(join(tmpdir(), 'care-futures-england-'));
const councilsFile = join(dir, 'england-councils.json');
const regionFile = join(dir, 'england-region.json');
writeFileSync(councilsFile, JSON.stringify(englandScenario(true)));
writeFileSync(regionFile, JSON.stringify(englandScenario(false)));

const bundle = join(dir, 'engine-run.mjs');
execFileSync('npx', ['esbuild', 'bench/engine-run.ts', '--bundle', '--platform=node', '--format=esm', `--outfile=${bundle}`, '--log-level=error'], { stdio: 'inherit' });

interface EngineRun {
  initMs: number;
  totalMs: number;
  cpuMs: number;
  maxRssMB: number;
  childMonths: number;
}
const run = (file: string): EngineRun => {
  const out = execFileSync('node', ['--max-old-space-size=4096', bundle, file, String(months), String(scale)], { encoding: 'utf8', maxBuffer: 1 << 24 });
  return JSON.parse(out.trim().split('\n').pop()!) as EngineRun;
};

console.log(`Synthetic England: ${Math.round(ENGLAND_CHILDREN * scale).toLocaleString('en-GB')} children, ${months} months`);
for (const [label, file] of [
  ['152 councils', councilsFile],
  ['one region  ', regionFile],
] as const) {
  const r = run(file);
  console.log(`${label}: ${(r.totalMs / 1000).toFixed(1)} s (set-up ${(r.initMs / 1000).toFixed(1)} s, CPU ${(r.cpuMs / 1000).toFixed(1)} s), peak memory ${r.maxRssMB.toFixed(0)} MB, ${(r.childMonths / (r.totalMs / 1000) / 1e6).toFixed(1)}M child-months a second`);
}
