/** The repository's own TypeScript sources as text, for the tests that read code (hygiene, layers, paths). */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** The repository's root folder, with a trailing slash. */
export const ROOT = new URL('..', import.meta.url).pathname;

/** Every `.ts` file below `dir` (absolute paths). */
export function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const path = join(dir, f);
    if (f === 'node_modules') return [];
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });
}

export const stripComments = (text: string) => text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');

/** The module specifiers a module imports or re-exports (type-only imports included), as written. */
export function specifiersOf(code: string): string[] {
  return [...code.matchAll(/(?:import|export)\s[^;]*?from\s+['"]([^'"]+)['"]|import\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1] ?? m[2] ?? m[3]);
}

/** Relative imports (and re-exports) of a module, resolved to files; type-only imports included. */
export function importsOf(path: string, code: string): string[] {
  const out: string[] = [];
  for (const spec of specifiersOf(code)) {
    // A data file (the observed history's JSON) or a stylesheet imports nothing, so it closes no cycle.
    if (!spec.startsWith('.') || /\.(json|css)$/.test(spec)) continue;
    const base = join(path, '..', spec);
    for (const candidate of [`${base}.ts`, join(base, 'index.ts'), base]) {
      if (candidate.endsWith('.ts') && statSync(candidate, { throwIfNoEntry: false })?.isFile()) {
        out.push(candidate);
        break;
      }
    }
  }
  return out;
}
