import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importsOf, ROOT, sources, stripComments } from '../source-files';

const SIM = join(ROOT, 'sim');

describe('engine hygiene (the rules a linter would enforce)', () => {
  const files = sources(SIM).map((path) => ({ path, code: stripComments(readFileSync(path, 'utf8')) }));

  it('finds the engine sources', () => {
    expect(files.some((f) => f.path.endsWith('simulation.ts'))).toBe(true);
  });

  it('never calls Math.random: every draw comes from a seeded stream', () => {
    expect(files.filter((f) => /Math\.random/.test(f.code)).map((f) => f.path)).toEqual([]);
  });

  it('never imports the view or touches the DOM', () => {
    const offenders = files.filter((f) => /from ['"][./]*\/?viz\//.test(f.code) || /\b(document|window)\./.test(f.code));
    expect(offenders.map((f) => f.path)).toEqual([]);
  });
});

describe('layout hygiene (sim/ and viz/)', () => {
  const files = [...sources(SIM), ...sources(join(ROOT, 'viz'))];
  const code = new Map(files.map((path) => [path, readFileSync(path, 'utf8')]));

  it('keeps every module to about 400 lines', () => {
    const long = files.filter((f) => (code.get(f) ?? '').split('\n').length > 400).map((f) => f.slice(ROOT.length));
    expect(long).toEqual([]);
  });

  it('has no import cycle (type-only imports included)', () => {
    const graph = new Map(files.map((f) => [f, importsOf(f, stripComments(code.get(f) ?? ''))]));
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const stack: string[] = [];
    const visit = (f: string): void => {
      state.set(f, 'open');
      stack.push(f);
      for (const g of graph.get(f) ?? []) {
        if (state.get(g) === 'open') cycles.push([...stack.slice(stack.indexOf(g)), g].map((x) => x.slice(ROOT.length)).join(' -> '));
        else if (!state.has(g)) visit(g);
      }
      stack.pop();
      state.set(f, 'done');
    };
    for (const f of files) if (!state.has(f)) visit(f);
    expect(cycles).toEqual([]);
  });

  it('lets the page-side worker client import only the worker contract from the engine', () => {
    const client = join(ROOT, 'viz/worker-client.ts');
    const engineImports = importsOf(client, stripComments(code.get(client) ?? '')).filter((f) => f.startsWith(SIM));
    expect([...new Set(engineImports.map((f) => f.slice(ROOT.length)))]).toEqual(['sim/worker/contract.ts']);
  });
});
