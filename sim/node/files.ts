/** Node-only: read scenario files from disk (the browser bundles them instead). */
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { loadScenarioText, type ScenarioLoader } from '../scenario/resolve';
import type { Scenario } from '../scenario/schema';
import type { Validated } from '../scenario/validate';
import { issue } from '../scenario/validate';

export const SCENARIO_DIR = resolve(dirname(new URL(import.meta.url).pathname), '../../scenarios');

/** `extends` names resolve in the directory of the file being read. */
export function directoryLoader(dir: string): ScenarioLoader {
  return (name) => {
    const path = join(dir, name);
    return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
  };
}

export function loadScenarioFile(path: string): Validated<Scenario> {
  if (!existsSync(path)) return { ok: false, issues: [issue('', 'a scenario file', `no file at ${path}`)] };
  return loadScenarioText(readFileSync(path, 'utf8'), basename(path), directoryLoader(dirname(resolve(path))));
}
