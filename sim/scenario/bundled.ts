/**
 * The shipped scenarios, bundled into the app by Vite (the browser has no disk to read): the worker
 * resolves `extends` through `bundledLoader`, and the page lists `bundledScenarioNames()`.
 * Vite-only (`import.meta.glob`): Node code reads the files with `sim/node/files.ts` instead.
 */
import { extendsTarget } from './extends';

const files = import.meta.glob<string>('../../scenarios/*.json', { query: '?raw', import: 'default', eager: true });

/** The JSON Schema sits beside the scenarios for editors; it is not a scenario. */
const SCHEMA_FILE = 'scenario.schema.json';

const byName = new Map<string, string>(Object.entries(files).map(([path, text]) => [path.slice(path.lastIndexOf('/') + 1), text]));

/** File names of the shipped scenarios (e.g. `north-east-baseline.json`), sorted. */
export function bundledScenarioNames(): string[] {
  return [...byName.keys()].filter((name) => name !== SCHEMA_FILE).sort();
}

const shipped = bundledScenarioNames();

/**
 * A shipped scenario's text by name (`extends.ts` decides what a name means, as in the CLI); the
 * app holds no other files, so a local name is not found.
 */
export const bundledLoader = (fileName: string): string | undefined => {
  const target = extendsTarget(fileName, shipped);
  return target.ok && target.value.kind === 'shipped' ? byName.get(target.value.fileName) : undefined;
};
