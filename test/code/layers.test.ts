/**
 * The layers of the code, lowest first: a module imports only from its own layer or below, so the
 * scenario format never depends on the levers that act on it, the engine never on how it is run,
 * and nothing the browser loads depends on Node. Every source file of sim/ and viz/ must belong to
 * a layer: a new folder fails the first test until it is placed.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importsOf, ROOT, sources, specifiersOf, stripComments } from '../source-files';

/** Layers, lowest first; each is a list of path prefixes (a folder ends with `/`). */
const LAYERS: readonly { name: string; prefixes: readonly string[] }[] = [
  { name: 'base: states, ages, dates, records, derived measures and safe text', prefixes: ['sim/states.ts', 'sim/ages.ts', 'sim/dates.ts', 'sim/records.ts', 'sim/measures.ts', 'sim/version.ts', 'sim/text/'] },
  { name: 'the scenario format', prefixes: ['sim/scenario/'] },
  { name: 'engine parameters and checks on figures', prefixes: ['sim/params.ts', 'sim/finite.ts'] },
  { name: 'the engine', prefixes: ['sim/engine/', 'sim/simulation.ts', 'sim/view/'] },
  { name: 'levers and runs', prefixes: ['sim/refused-levers.ts', 'sim/levers.ts', 'sim/load-scenario.ts', 'sim/run.ts', 'sim/output.ts', 'sim/observed/', 'sim/workshop/'] },
  { name: 'comparison, back-cast, uncertainty, council fit and outputs', prefixes: ['sim/comparison/', 'sim/backcast/', 'sim/uncertainty/', 'sim/outputs/', 'sim/council-fit/'] },
  { name: 'the worker', prefixes: ['sim/worker/'] },
  { name: 'Node files and streams', prefixes: ['sim/node/'] },
  { name: 'the command line and experiments', prefixes: ['sim/cli/', 'sim/cli.ts', 'sim/experiment/'] },
  { name: 'the app', prefixes: ['viz/'] },
];

/** What code that runs in the browser (the worker, the app and all they import) may never import. */
const NODE_ONLY = ['sim/node/', 'sim/cli/', 'sim/cli.ts', 'sim/experiment/'];
const BROWSER = ['sim/worker/', 'sim/comparison/', 'sim/uncertainty/', 'sim/engine/', 'sim/scenario/', 'sim/workshop/', 'viz/'];

const rel = (path: string) => path.slice(ROOT.length);
const under = (path: string, prefixes: readonly string[]) => prefixes.some((p) => path === p || (p.endsWith('/') && path.startsWith(p)));
const layerOf = (path: string) => LAYERS.findIndex((l) => under(path, l.prefixes));

describe('layers of the code', () => {
  const files = [...sources(join(ROOT, 'sim')), ...sources(join(ROOT, 'viz'))];
  const code = new Map(files.map((f) => [f, stripComments(readFileSync(f, 'utf8'))]));

  it('places every source file of sim/ and viz/ in a layer', () => {
    expect(files.length).toBeGreaterThan(100);
    expect(files.map(rel).filter((f) => layerOf(f) < 0)).toEqual([]);
  });

  it('imports only from the same layer or below', () => {
    const upward: string[] = [];
    for (const f of files) {
      const from = layerOf(rel(f));
      if (from < 0) continue; // the test above names it
      for (const g of importsOf(f, code.get(f) ?? '')) {
        const to = layerOf(rel(g));
        if (to > from) upward.push(`${rel(f)} (${LAYERS[from].name}) imports ${rel(g)} (${LAYERS[to].name})`);
      }
    }
    expect(upward).toEqual([]);
  });

  it('keeps sim/ free of viz/, test/, scripts/ and bench/', () => {
    const out = files
      .filter((f) => rel(f).startsWith('sim/'))
      .flatMap((f) => importsOf(f, code.get(f) ?? '').filter((g) => !rel(g).startsWith('sim/')).map((g) => `${rel(f)} imports ${rel(g)}`));
    expect(out).toEqual([]);
  });

  it('keeps Node out of what the browser loads', () => {
    const out: string[] = [];
    for (const f of files.filter((x) => under(rel(x), BROWSER))) {
      for (const spec of specifiersOf(code.get(f) ?? '')) if (spec.startsWith('node:')) out.push(`${rel(f)} imports ${spec}`);
      for (const g of importsOf(f, code.get(f) ?? '')) if (under(rel(g), NODE_ONLY)) out.push(`${rel(f)} imports ${rel(g)}`);
    }
    expect(out).toEqual([]);
  });

  // The rule, shown on the two imports that once pointed up (issue 26): the check must see them.
  it.each([
    ['sim/scenario/resolve.ts', 'sim/levers.ts'],
    ['sim/node/stdout.ts', 'sim/cli/exit-codes.ts'],
    ['sim/engine/state.ts', 'sim/worker/session.ts'],
  ])('would refuse %s importing %s', (from, to) => {
    expect(layerOf(to)).toBeGreaterThan(layerOf(from));
  });
});
