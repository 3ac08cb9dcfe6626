/**
 * Every repository path that the docs and the code's comments name exists, so a reader who
 * follows one finds the file.
 *
 * What counts as a path: a token `folder/…/name.ext` (at least one `/`; ext one of EXTENSIONS),
 * backticked or plain, not part of a URL, in README.md and docs/*.md (anywhere in the text) and in
 * the comments of the TypeScript under sim/, viz/, bench/, scripts/ and test/. It must name a file
 * from the repository's root, or from the folder of the file naming it or any folder above it (so
 * `../helpers.ts` in a test counts). Not
 * checked: globs (`scenarios/*.json`), folders that runs write and git ignores (.gitignore:
 * `test-results/`, `reports/`, …), and paths that leave the repository (`../shared/…`).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, sources } from '../source-files';

const EXTENSIONS = ['ts', 'md', 'json', 'mjs', 'js', 'html', 'css', 'png', 'csv'];
const PATH = new RegExp(`(?<![\\w./@:-])((?:\\.{1,2}/)*(?:[\\w.-]+/)+[\\w.-]+\\.(?:${EXTENSIONS.join('|')}))(?![\\w/])`, 'g');
const COMMENT = /\/\*[\s\S]*?\*\/|\/\/[^\n]*/g;
const CODE_FOLDERS = ['sim', 'viz', 'bench', 'scripts', 'test'];

/** Folders that runs write and git ignores (from .gitignore's folder entries). */
const IGNORED = readFileSync(join(ROOT, '.gitignore'), 'utf8')
  .split('\n')
  .map((l) => l.trim().replace(/^\//, ''))
  .filter((l) => l.endsWith('/'));

/** The path tokens of a text. */
export function pathsIn(text: string): string[] {
  return [...text.matchAll(PATH)].map((m) => m[1]);
}

/** Whether `path`, named in file `from` (relative to the root), is a file of the repository, or not checked (see above). */
function resolves(path: string, from: string): boolean {
  if (IGNORED.some((folder) => path.startsWith(folder))) return true;
  const bases = [''];
  for (let dir = dirname(from); dir !== '.' && dir !== ''; dir = dirname(dir)) bases.push(dir);
  const inside = bases.map((b) => normalize(join(b, path))).filter((p) => !p.startsWith('..'));
  if (inside.length === 0) return true; // it leaves the repository
  return inside.some((p) => existsSync(join(ROOT, p)));
}

function namedFiles(): { file: string; text: string }[] {
  const docs = ['README.md', ...readdirSync(join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];
  const code = CODE_FOLDERS.flatMap((folder) => sources(join(ROOT, folder))).map((f) => relative(ROOT, f));
  return [
    ...docs.map((file) => ({ file, text: readFileSync(join(ROOT, file), 'utf8') })),
    ...code.map((file) => ({ file, text: (readFileSync(join(ROOT, file), 'utf8').match(COMMENT) ?? []).join('\n') })),
  ];
}

describe('paths named in the docs and in comments', () => {
  it('reads a path as a path, and nothing else', () => {
    expect(pathsIn('see `sim/engine/courts.ts` and sim/dates.ts, or ../helpers.ts.')).toEqual(['sim/engine/courts.ts', 'sim/dates.ts', '../helpers.ts']);
    expect(pathsIn('https://example.org/a/b.html, scenarios/*.json, a/b, 1.5/2.5, dates.ts')).toEqual([]);
  });

  it('resolves from the root, the naming file\'s folder or a folder above it, and leaves ignored output alone', () => {
    expect(resolves('sim/engine/courts.ts', 'docs/model.md')).toBe(true);
    expect(resolves('engine/courts.ts', 'sim/engine/pathway.ts')).toBe(true);
    expect(resolves('../helpers.ts', 'test/unit/courts.test.ts')).toBe(true);
    expect(resolves('test-results/app.png', 'README.md')).toBe(true);
    expect(resolves('sim/api.ts', 'docs/CONTRACTS.md')).toBe(false);
    expect(resolves('sim/market.ts', 'docs/model.md')).toBe(false);
  });

  it('finds every one of them in the repository', () => {
    const files = namedFiles();
    expect(files.length).toBeGreaterThan(200);
    const missing = files.flatMap(({ file, text }) => pathsIn(text).filter((p) => !resolves(p, file)).map((p) => `${file} names ${p}`));
    expect([...new Set(missing)]).toEqual([]);
  });
});
