import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { directoryLoader, loadScenarioFile, MAX_SCENARIO_BYTES, SCENARIO_DIR, shippedScenarioNames } from '../../sim/node/files';
import { bundledLoader, bundledScenarioNames } from '../../sim/scenario/bundled';
import { extendsTarget } from '../../sim/scenario/extends';
import { loadScenarioText } from '../../sim/load-scenario';
import { cli, expectNoStack, scratch, TINY } from './helpers';

const SECRET = 'TOP-SECRET-CONTENT';
const root = scratch('extends');
const folder = join(root, 'work');
const outside = join(root, 'outside');
mkdirSync(folder);
mkdirSync(outside);
writeFileSync(join(outside, 'secret.json'), `${SECRET} {"name": "${SECRET}"}`);
writeFileSync(join(outside, 'valid.json'), JSON.stringify({ extends: 'north-east-baseline', name: 'outside' }));

const write = (name: string, doc: unknown) => {
  const path = join(folder, name);
  writeFileSync(path, typeof doc === 'string' ? doc : JSON.stringify(doc));
  return path;
};
const issuesOf = (path: string) => {
  const r = loadScenarioFile(path);
  return r.ok ? [] : r.issues.map((i) => i.message);
};

describe('what extends may name (one rule: sim/scenario/extends.ts)', () => {
  it('maps a name to a shipped scenario or a .json file in the same folder, and refuses anything else', () => {
    const shipped = ['north-east-baseline.json'];
    expect(extendsTarget('north-east-baseline', shipped)).toEqual({ ok: true, value: { kind: 'shipped', fileName: 'north-east-baseline.json' } });
    expect(extendsTarget('north-east-baseline.json', shipped)).toEqual({ ok: true, value: { kind: 'shipped', fileName: 'north-east-baseline.json' } });
    expect(extendsTarget('mine', shipped)).toEqual({ ok: true, value: { kind: 'local', fileName: 'mine.json' } });
    expect(extendsTarget('passwd', shipped)).toEqual({ ok: true, value: { kind: 'local', fileName: 'passwd.json' } });
    for (const name of ['', '../../../etc/passwd', '/etc/passwd', '/dev/zero', 'sub/mine.json', '..', '.hidden.json', 'C:\\x.json', 'a\\b.json', 'x\u0000.json', 'https://e.x/a.json', 'a'.repeat(300)]) {
      const r = extendsTarget(name, shipped);
      expect(r.ok, name).toBe(false);
      if (!r.ok) expect(r.issues[0].message, name).toMatch(/^extends: expected a shipped scenario \(e\.g\. "north-east-baseline"\) or the name of a \.json file in the same folder, found ".*"(\.\.\.)? \(.+\)$/);
    }
  });

  it('lists the same shipped scenarios on disk and in the app bundle', () => {
    expect(shippedScenarioNames()).toEqual(bundledScenarioNames());
  });
});

describe('extends in the CLI reads nothing outside the rule', () => {
  it('refuses ../, absolute paths and devices without reading them or echoing anything', async () => {
    for (const target of ['../outside/secret.json', '../../../../../../etc/passwd', join(outside, 'secret.json'), '/dev/zero']) {
      const file = write('escape.json', { extends: target });
      const r = await cli([file, ...TINY]);
      expect(r.code, target).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr, target).toContain('extends: expected a shipped scenario');
      expect(r.stderr).not.toContain(SECRET);
      expect(r.stderr).not.toContain('root:');
      expectNoStack(r.stderr);
    }
  });

  it('refuses a symbolic link that leaves the folder, and a link to a device', () => {
    symlinkSync(join(outside, 'secret.json'), join(folder, 'linked.json'));
    symlinkSync('/dev/zero', join(folder, 'zero.json'));
    expect(issuesOf(write('a.json', { extends: 'linked' }))).toEqual(['extends: expected a shipped scenario (e.g. "north-east-baseline") or the name of a .json file in the same folder, found "linked" (a link to a file outside the folder)']);
    expect(issuesOf(write('b.json', { extends: 'zero.json' }))[0]).toContain('(a link to a file outside the folder)');
  });

  it('follows a link that stays inside the folder', () => {
    write('base.json', { extends: 'north-east-baseline', name: 'inside' });
    symlinkSync(join(folder, 'base.json'), join(folder, 'alias.json'));
    const r = loadScenarioFile(write('c.json', { extends: 'alias' }));
    expect(r.ok && r.value.name).toBe('inside');
  });

  it('refuses a pipe and a folder named like a scenario, without hanging', () => {
    execFileSync('mkfifo', [join(folder, 'pipe.json')]);
    mkdirSync(join(folder, 'dir.json'));
    expect(issuesOf(write('d.json', { extends: 'pipe' }))[0]).toContain('(not a regular file (a device, pipe or socket))');
    expect(issuesOf(write('e.json', { extends: 'dir' }))[0]).toContain('(a folder, not a file)');
    expect(issuesOf(join(folder, 'pipe.json'))).toEqual([`(root): expected a scenario file, found ${join(folder, 'pipe.json')}: not a regular file (a device, pipe or socket)`]);
  });

  it(`refuses a file larger than ${MAX_SCENARIO_BYTES / 1e6} MB before reading it, at the top and through extends`, () => {
    const big = write('big.json', `{"name": "${'x'.repeat(MAX_SCENARIO_BYTES)}"}`);
    expect(issuesOf(big)).toEqual([`(root): expected a scenario file, found ${big}: larger than 1 MB`]);
    expect(issuesOf(write('f.json', { extends: 'big' }))[0]).toContain('(larger than 1 MB)');
  });

  it('never quotes a file it refuses to parse', () => {
    writeFileSync(join(folder, 'garbage.json'), `${SECRET}\n${SECRET}`);
    const messages = issuesOf(write('g.json', { extends: 'garbage' }));
    expect(messages[0]).toMatch(/^\(root\): expected valid JSON in garbage, found a syntax error at line 1, column 1/);
    expect(messages.join('\n')).not.toContain(SECRET);
  });

  it('refuses a chain that is too long or circular', () => {
    for (let k = 0; k < 20; k++) write(`chain${k}.json`, { extends: k === 19 ? 'north-east-baseline' : `chain${k + 1}` });
    expect(issuesOf(join(folder, 'chain0.json'))[0]).toMatch(/^extends: expected a chain of at most 16 scenarios/);
    write('loop-a.json', { extends: 'loop-b' });
    write('loop-b.json', { extends: 'loop-a.json' });
    expect(issuesOf(join(folder, 'loop-a.json'))).toEqual(['extends: expected a chain of scenarios without a cycle, found loop-a.json -> loop-b -> loop-a.json']);
  });
});

describe('the CLI and the app resolve extends the same way', () => {
  it('a file outside scenarios/ that extends a shipped scenario works in both, to the same scenario', async () => {
    const file = join(outside, 'valid.json');
    const text = readFileSync(file, 'utf8');
    const inCli = loadScenarioFile(file);
    const inApp = loadScenarioText(text, 'valid.json', bundledLoader);
    expect(inCli.ok).toBe(true);
    expect(inApp).toEqual(inCli);
    expect((await cli([file, ...TINY])).code).toBe(0);
  });

  it('a local parent is read by the CLI only; the app, holding one file, names it as not found', () => {
    write('parent.json', { extends: 'north-east-baseline', name: 'parent' });
    const child = write('child.json', { extends: 'parent' });
    expect(loadScenarioFile(child).ok).toBe(true);
    const inApp = loadScenarioText(readFileSync(child, 'utf8'), 'child.json', bundledLoader);
    expect(inApp.ok ? [] : inApp.issues.map((i) => i.message)).toEqual(['extends: expected the name of an existing scenario file, found "parent"']);
  });

  it('both refuse the same names before looking anything up', () => {
    for (const name of ['../north-east-baseline.json', '/etc/passwd', 'scenarios/north-east-baseline.json']) {
      const text = JSON.stringify({ extends: name });
      const inApp = loadScenarioText(text, 'x.json', bundledLoader);
      const inCli = loadScenarioText(text, 'x.json', directoryLoader(SCENARIO_DIR));
      expect(inApp, name).toEqual(inCli);
      expect(inApp.ok).toBe(false);
    }
  });
});
