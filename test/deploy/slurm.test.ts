import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../scripts/build-cli';

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

function task(id: number, count: number, min = 0, max = count - 1) {
  return spawnSync('bash', [join(dir, 'shard.sbatch'), 'sim', 'scenarios/paradigm-shift.json', '--runs', '100'], {
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

  it("runs shard I of K, K being the array's size, into its own part", () => {
    const run = task(2, 4);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const args = run.stdout.trim().split('\n').slice(1); // after the line naming the shard
    expect(args).toEqual(['build/cli/run.mjs', 'sim', 'scenarios/paradigm-shift.json', '--runs', '100', '--jobs', '1', '--shard', '2/4', '--out', join(tmp, 'part-2.json')]);
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
    expect(text('merge.sbatch')).toMatch(/run\.mjs merge "\$\{RESULTS:\?\}"\/part-\*\.json --out "\$\{RESULTS\}\/merged\.json"/);
  });

  it('is valid bash, as are the job scripts and the test', () => {
    for (const file of ['submit.sh', 'shard.sbatch', 'merge.sbatch', 'test.sh']) {
      const check = spawnSync('bash', ['-n', join(dir, file)], { encoding: 'utf8' });
      expect(check.stderr, file).toBe('');
      expect(check.status, file).toBe(0);
    }
  });

  it('npm run test:slurm says it skipped, and passes, where there is no sbatch', () => {
    const run = spawnSync('/bin/bash', [join(dir, 'test.sh')], { encoding: 'utf8', env: { PATH: tmp } });
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('test:slurm: skipped, no sbatch\n');
  });
});
