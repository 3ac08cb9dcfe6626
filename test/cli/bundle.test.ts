import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCli, CLI_BUNDLE_DIR, CLI_ENTRIES, DISPATCH_FILE, INPUTS_FILE, ROOT, EXTERNAL_PACKAGES } from '../../scripts/build-cli';

// `npm run sim`, `compare` and `merge` run the esbuild bundle (scripts/cli.mjs); these check that it
// is the same program as the TypeScript sources run by tsx.
const outside = mkdtempSync(join(tmpdir(), 'care-futures-bundle-'));
const node = (args: string[], cwd = outside) => spawnSync(process.execPath, args, { cwd, encoding: 'utf8' });
const scenario = join(ROOT, 'scenarios', 'early-help-restored.json'); // extends a shipped scenario
// Two runs: with more than one, a command may spread runs over threads, which a bundle must also carry.
const run = [scenario, '--scale', '0.01', '--months', '3', '--seed', '7', '--runs', '2', '--format', 'csv', '--quiet'];

let bundled: ReturnType<typeof node>;
beforeAll(async () => {
  await buildCli();
  bundled = node([join(CLI_BUNDLE_DIR, 'sim.mjs'), ...run]);
});

describe('the bundled CLI', () => {
  it('writes byte for byte what the TypeScript CLI writes, run from another folder', () => {
    const sources = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'sim', 'cli.ts'), ...run], { cwd: ROOT, encoding: 'utf8' });
    expect(sources.status).toBe(0);
    expect(bundled.status).toBe(0);
    expect(bundled.stdout.split('\n').length).toBeGreaterThan(100);
    expect(bundled.stdout).toBe(sources.stdout);
    expect(bundled.stderr).toBe(sources.stderr);
  });

  it('refuses a bad scenario with the same path-naming message and exit code as the sources', () => {
    const bad = join(outside, 'bad.json');
    writeFileSync(bad, JSON.stringify({ extends: 'north-east-baseline.json', policy: { earlyHelp: { budgetPerYear: 'lots' } } }));
    writeFileSync(join(outside, 'north-east-baseline.json'), readFileSync(join(ROOT, 'scenarios', 'north-east-baseline.json')));
    const bundled = node([join(CLI_BUNDLE_DIR, 'sim.mjs'), bad]);
    expect(bundled.status).toBe(1);
    expect(bundled.stdout).toBe('');
    expect(bundled.stderr).toContain('policy.earlyHelp.budgetPerYear: expected a number >= 0');
    expect(bundled.stderr).not.toMatch(/\n\s+at /);
  });

  it("runs with nothing beside it but the shipped scenarios, as in the container's last stage", () => {
    const app = join(outside, 'app');
    cpSync(CLI_BUNDLE_DIR, join(app, 'build', 'cli'), { recursive: true });
    cpSync(join(ROOT, 'scenarios'), join(app, 'scenarios'), { recursive: true });
    // As the image does: the packages left outside the bundle (the run pool's, scripts/build-cli.ts).
    for (const p of EXTERNAL_PACKAGES) cpSync(join(ROOT, 'node_modules', p), join(app, 'node_modules', p), { recursive: true });
    const moved = node([join(app, 'build', 'cli', DISPATCH_FILE), 'sim', 'scenarios/early-help-restored.json', ...run.slice(1)], app);
    expect(bundled.status).toBe(0);
    expect(moved.stderr).toBe('');
    expect(moved.stdout).toBe(bundled.stdout);
  });

  it('has every command, each starting and printing its usage', () => {
    for (const name of Object.keys(CLI_ENTRIES)) {
      const help = node([join(CLI_BUNDLE_DIR, `${name}.mjs`), '--help']);
      expect(help.status, name).toBe(0);
      expect(help.stdout, name).toMatch(new RegExp(`^Usage: npm run ${name} -- `));
    }
  });

  it('is rebuilt by the launcher when a file it came from is newer, and run as built otherwise', () => {
    const launch = () => node([join(ROOT, 'scripts', 'cli.mjs'), 'merge', '--help']);
    const current = launch();
    expect(current.status).toBe(0);
    expect(current.stderr).toBe('');
    // Make the build look older than its sources, as after an edit or a `git pull`.
    const stamp = join(CLI_BUNDLE_DIR, INPUTS_FILE);
    utimesSync(stamp, new Date(0), new Date(0));
    const rebuilt = launch();
    expect(rebuilt.status).toBe(0);
    expect(rebuilt.stderr).toMatch(/^building the CLI bundle \(.+ changed\)/);
    expect(rebuilt.stdout).toBe(current.stdout);
    expect(launch().stderr).toBe('');
  });
});
