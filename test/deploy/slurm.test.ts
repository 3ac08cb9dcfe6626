import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../scripts/build-cli';
import { loadExperimentFile } from '../../sim/experiment/plan';

// The Slurm scripts read as sbatch reads them (the #SBATCH lines before the first command), and the
// array task run without Slurm, with the variables Slurm sets, to see the shard it would run.
// `npm run test:slurm` submits them to a real Slurm.
const dir = join(ROOT, 'deploy', 'slurm');
const text = (file: string) => readFileSync(join(dir, file), 'utf8');

/** `#SBATCH --name=value` directives: sbatch stops reading them at the first command. */
function directives(script: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of script.split('\n').slice(1)) {
    if (line.trim() !== '' && !line.startsWith('#')) break;
    const m = /^#SBATCH\s+--([\w-]+)(?:=(\S+))?/.exec(line);
    if (m) out.set(m[1], m[2] ?? '');
  }
  return out;
}

const tmp = mkdtempSync(join(tmpdir(), 'care-futures-slurm-'));
// Stands in for node: prints the arguments the task would run the CLI with.
const fakeNode = join(tmp, 'node');
writeFileSync(fakeNode, '#!/bin/sh\nprintf "%s\\n" "$@"\n');
chmodSync(fakeNode, 0o755);

function task(id: number, count: number, min = 0, max = count - 1, args = ['experiments/early-help-budget-sweep.json']) {
  return spawnSync('bash', [join(dir, 'shard.sbatch'), ...args], {
    encoding: 'utf8',
    env: {
      PATH: process.env.PATH,
      NODE: fakeNode,
      CARE_FUTURES_ROOT: ROOT,
      RESULTS: tmp,
      SLURM_ARRAY_TASK_ID: String(id),
      SLURM_ARRAY_TASK_COUNT: String(count),
      SLURM_ARRAY_TASK_MIN: String(min),
      SLURM_ARRAY_TASK_MAX: String(max),
    },
  });
}

describe('the Slurm array script', () => {
  const shard = directives(text('shard.sbatch'));

  it('is a throttled array from 0 with a log per task', () => {
    expect(shard.get('array')).toMatch(/^0-\d+%\d+$/);
    expect(shard.get('output')).toContain('%A_%a');
    expect(shard.get('cpus-per-task')).toBe('1');
    expect(shard.get('mem')).toBeDefined();
  });

  it("runs shard I of K of the experiment, K being the array's size, into the shared results folder", () => {
    const run = task(2, 4);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const args = run.stdout.trim().split('\n').slice(1); // after the line naming the shard
    // The experiment command leaves shard I's part in RESULTS/parts under its own name.
    expect(args).toEqual(['build/cli/run.mjs', 'experiment', 'experiments/early-help-budget-sweep.json', '--jobs', '1', '--shard', '2/4', '--quiet', '--out', tmp]);
  });

  it('refuses to run without exactly one experiment file', () => {
    for (const args of [[], ['a.json', 'b.json']]) {
      const run = task(0, 4, 0, 3, args);
      expect(run.status).toBe(2);
      expect(run.stderr).toContain(`give the experiment file as the one argument, found ${args.length} arguments`);
      expect(run.stdout).toBe('');
    }
  });

  it('refuses an array that does not number its tasks 0 to K-1', () => {
    const run = task(1, 4, 1, 4);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('the array must be 0-3 (one task per shard), found 1-4');
    expect(run.stdout).toBe('');
  });
});

describe('the Slurm submission', () => {
  const submit = text('submit.sh');

  it('submits the array throttled, then the merge to run only after every task succeeded', () => {
    const array = /sbatch [^\n]*--array="0-\$\(\(tasks - 1\)\)%\$\{throttle\}"[^\n]*deploy\/slurm\/shard\.sbatch/.exec(submit);
    expect(array).not.toBeNull();
    const merge = /sbatch [^\n]*--dependency="afterok:\$\{array\}"[^\n]*deploy\/slurm\/merge\.sbatch/.exec(submit);
    expect(merge).not.toBeNull();
    expect(submit.indexOf('npm run --silent build:cli')).toBeLessThan(array?.index ?? -1);
    expect(directives(text('merge.sbatch')).get('output')).toContain('%j');
  });

  it('merges the experiment the array ran, in the folder its tasks wrote to', () => {
    expect(submit).toMatch(/shard\.sbatch "\$experiment"\)/);
    expect(submit).toMatch(/merge\.sbatch "\$experiment"\)/);
    const run = spawnSync('bash', [join(dir, 'merge.sbatch'), 'experiments/early-help-budget-sweep.json'], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH, NODE: fakeNode, CARE_FUTURES_ROOT: ROOT, RESULTS: tmp },
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout.trim().split('\n')).toEqual(['build/cli/run.mjs', 'experiment', 'experiments/early-help-budget-sweep.json', '--merge', '--out', tmp]);
  });

  it('submits only an experiment file that exists', () => {
    const run = spawnSync('bash', [join(dir, 'submit.sh'), '--tasks', '4', 'experiments/no-such-experiment.json'], { encoding: 'utf8', env: { PATH: process.env.PATH } });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('submit.sh: give one experiment file, e.g. experiments/early-help-budget-sweep.json; found: experiments/no-such-experiment.json');
  });

  it('is valid bash, as are the job scripts and the test', () => {
    for (const file of ['submit.sh', 'shard.sbatch', 'merge.sbatch', 'test.sh']) {
      const check = spawnSync('bash', ['-n', join(dir, file)], { encoding: 'utf8' });
      expect(check.stderr, file).toBe('');
      expect(check.status, file).toBe(0);
    }
  });

  it("npm run test:slurm's experiment is valid, small, and gives each of its 4 tasks runs", () => {
    const plan = loadExperimentFile(join(dir, 'test-experiment.json'));
    if (!plan.ok) throw new Error(JSON.stringify(plan.issues));
    expect(plan.value.experiment.scale).toBeLessThanOrEqual(0.02);
    expect(plan.value.experiment.months).toBeLessThanOrEqual(24);
    expect(plan.value.variants.length).toBeGreaterThan(1);
    expect(plan.value.seeds.length).toBeGreaterThan(1);
    expect(plan.value.runs.length).toBeGreaterThanOrEqual(4);
    expect(text('test.sh')).toMatch(/experiment=deploy\/slurm\/test-experiment\.json/);
    expect(text('test.sh')).toMatch(/submit\.sh --tasks 4 /);
  });

  it('npm run test:slurm says it skipped, and passes, where there is no sbatch', () => {
    const run = spawnSync('/bin/bash', [join(dir, 'test.sh')], { encoding: 'utf8', env: { PATH: tmp } });
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('test:slurm: skipped, no sbatch\n');
  });
});
