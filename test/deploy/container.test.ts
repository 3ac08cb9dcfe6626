import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCli, CLI_ENTRIES, DISPATCH_FILE, ROOT, type BundleInputs, EXTERNAL_PACKAGES } from '../../scripts/build-cli';

interface Instruction {
  keyword: string;
  args: string;
}

/** The Dockerfile as instructions (continuation lines joined, comments dropped), one list per stage. */
function stages(text: string): { from: string; name?: string; steps: Instruction[] }[] {
  const lines = text.replace(/\\\n/g, ' ').split('\n').map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#'));
  const out: { from: string; name?: string; steps: Instruction[] }[] = [];
  for (const line of lines) {
    const [, keyword, args] = /^(\S+)\s+(.*)$/.exec(line) ?? [];
    if (keyword.toUpperCase() === 'FROM') {
      const [, from, name] = /^(\S+)(?:\s+AS\s+(\S+))?$/i.exec(args) ?? [];
      out.push({ from, name, steps: [] });
    } else if (out.length > 0) out[out.length - 1].steps.push({ keyword: keyword.toUpperCase(), args });
  }
  return out;
}

const dockerfile = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');
const [build, runtime, ...extra] = stages(dockerfile);
const nodeImage = /^ARG NODE_IMAGE=(\S+)$/m.exec(dockerfile)?.[1];
const steps = (stage: typeof build, keyword: string) => stage.steps.filter((s) => s.keyword === keyword).map((s) => s.args);

let bundle: BundleInputs;
beforeAll(async () => {
  bundle = await buildCli();
});

describe('the Dockerfile', () => {
  it('has two stages, both from the Node major the tests run on', () => {
    expect(extra).toEqual([]);
    expect(build.from).toBe('${NODE_IMAGE}');
    expect(runtime.from).toBe('${NODE_IMAGE}');
    expect(nodeImage).toMatch(new RegExp(`^node:${process.versions.node.split('.')[0]}(-|$)`));
  });

  it('installs the locked dependencies and bundles the CLI at build time, and nothing at run time', () => {
    const runs = steps(build, 'RUN');
    expect(runs.findIndex((r) => r.startsWith('npm ci '))).toBeLessThan(runs.indexOf('npm run build:cli'));
    expect(steps(build, 'COPY')[0]).toBe('package.json package-lock.json ./');
    expect(steps(runtime, 'RUN')).toEqual([]);
    // The bundle, the run pool's library (it starts threads from its own files: scripts/build-cli.ts),
    // the scenarios and the experiments (which name their scenarios relative to themselves).
    expect(steps(runtime, 'COPY')).toEqual([
      `--from=${build.name} /src/build/cli build/cli`,
      ...EXTERNAL_PACKAGES.map((p) => `--from=${build.name} /src/node_modules/${p} node_modules/${p}`),
      `--from=${build.name} /src/scenarios scenarios`,
      `--from=${build.name} /src/experiments experiments`,
    ]);
  });

  it('copies into the build stage every folder the bundle is made from', () => {
    const copied = steps(build, 'COPY').flatMap((args) => args.split(/\s+/).slice(0, -1));
    for (const input of bundle.inputs) expect(copied, input).toContain(input.split('/')[0]);
  });

  it('runs as an unprivileged user, with the CLI as its entry point', () => {
    const users = steps(runtime, 'USER');
    expect(users.length).toBeGreaterThan(0);
    expect(users[users.length - 1]).not.toMatch(/^(root|0)(:|$)/);
    const [entrypoint] = steps(runtime, 'ENTRYPOINT');
    expect(JSON.parse(entrypoint)).toEqual(['node', `/app/build/cli/${DISPATCH_FILE}`]);
    // The bundle finds the shipped scenarios two folders up from itself (sim/node/files.ts).
    expect(steps(runtime, 'WORKDIR')).toEqual(['/app']);
    const [command] = JSON.parse(steps(runtime, 'CMD')[0]) as string[];
    expect(Object.keys(CLI_ENTRIES)).toContain(command);
  });
});

describe('the .dockerignore', () => {
  const patterns = readFileSync(join(ROOT, '.dockerignore'), 'utf8').split('\n').map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#'));

  it('leaves everything out of the build context but what the build stage copies', () => {
    expect(patterns[0]).toBe('*');
    const included = patterns.slice(1).map((p) => {
      expect(p.startsWith('!'), p).toBe(true);
      return p.slice(1).replace(/\/$/, '');
    });
    const copied = steps(build, 'COPY').flatMap((args) => args.split(/\s+/).slice(0, -1));
    expect([...included].sort()).toEqual([...copied].sort());
    expect(included).not.toContain('node_modules');
  });
});
