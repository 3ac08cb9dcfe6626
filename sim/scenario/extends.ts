/**
 * What an `extends` name may point at: the one rule both loaders follow, the CLI's
 * (`sim/node/files.ts`, reading disk) and the app's (`sim/scenario/bundled.ts`, bundled files).
 *
 * - The name of a shipped scenario, with or without `.json` (`"north-east-baseline"`): that
 *   scenario, wherever the extending file is.
 * - Otherwise a plain file name: a `.json` file in the same folder as the extending file (the CLI
 *   reads it; the app, which holds only the file it opened, cannot). `.json` is added when missing.
 * - Anything else is refused before any file is touched: folders, `..`, absolute paths, drive
 *   letters, hidden files, control characters.
 * Pure: no file access here.
 */
import { issue, type Validated } from './issues';

export type ExtendsTarget = { kind: 'shipped' | 'local'; fileName: string };

export const EXTENDS_EXPECTED = 'a shipped scenario (e.g. "north-east-baseline") or the name of a .json file in the same folder';

/** Longest chain of `extends` followed (a file, its parent, its parent's parent...). */
export const MAX_EXTENDS_CHAIN = 16;

function refusal(name: string, why: string): Validated<ExtendsTarget> {
  const shown = name.length > 60 ? `${JSON.stringify(name.slice(0, 57))}...` : JSON.stringify(name);
  return { ok: false, issues: [issue('extends', EXTENDS_EXPECTED, `${shown} (${why})`)] };
}

/** `name` as a file name (`.json` added when missing), or why it is not one. */
export function extendsTarget(name: string, shipped: readonly string[]): Validated<ExtendsTarget> {
  if (name === '') return refusal(name, 'an empty name');
  if (name.length > 255) return refusal(name, 'longer than a file name can be');
  if (/[\u0000-\u001f\u007f]/.test(name)) return refusal(name, 'it contains control characters');
  if (/[/\\]/.test(name)) return refusal(name, 'a path: only a file name in the same folder, no folders or ..');
  if (name.includes(':')) return refusal(name, 'a drive letter or URL: only a file name in the same folder');
  if (name.startsWith('.')) return refusal(name, 'hidden files and .. are not read');
  const fileName = name.toLowerCase().endsWith('.json') ? name : `${name}.json`;
  return { ok: true, value: { kind: shipped.includes(fileName) ? 'shipped' : 'local', fileName } };
}
