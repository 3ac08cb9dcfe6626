/**
 * The address of the live run. The readable query is the authority for what it names:
 * - a shipped scenario: `?scenario=<file name without .json>&seed=<n>`;
 * - a file the user opened: `?file=<file name>&seed=<n>` (never both; a comparison's keys,
 *   `?a=&b=`, open the comparison view instead, viz/compare/link.ts).
 * The fragment carries the rest, encoded as every link's is (viz/fragment.ts: deflated, base64url,
 * checked): the lever timeline, an opened file's text (JSON re-serialised without spaces) and the
 * month on show. A file too large for `MAX_FRAGMENT` is named without its text: a reload then
 * says it cannot reopen it. Opening the address replays the levers and steps to the month.
 * Pure: no DOM, tested in Node.
 */
import { checkLeverShape, type LeverEntry } from '../sim/levers';
import { MAX_MONTHS } from '../sim/worker/contract';
import { compact, decodePayload, fragmentFor } from './fragment';

export { MAX_FRAGMENT } from './fragment';

export interface ViewParams {
  scenario?: string;
  seed?: number;
  /** the name of a file the user opened */
  file?: string;
}

export interface ReadParams {
  params: ViewParams;
  /** What could not be used, worded for the error panel. */
  problems: string[];
}

/** What the fragment of a live run's address adds to its query. */
export interface RunFragment {
  /** an opened file's text */
  text?: string;
  levers: LeverEntry[];
  /** the month on show (0: the start) */
  month: number;
}

/** Query keys of a comparison: a live run's address never keeps them. */
const COMPARISON_KEYS = ['a', 'b', 'runs', 'months', 'scale', 'at'];

export function readViewParams(search: string): ReadParams {
  const q = new URLSearchParams(search);
  const params: ViewParams = {};
  const problems: string[] = [];
  const scenario = q.get('scenario')?.trim();
  if (scenario) params.scenario = scenario.replace(/\.json$/i, '');
  const file = q.get('file')?.trim();
  if (file) {
    params.file = file;
    if (params.scenario) problems.push(`the address names both a scenario ("${params.scenario}") and a file ("${file}"): the file is used`);
  }
  const seedText = q.get('seed')?.trim();
  if (seedText !== undefined && seedText !== '') {
    if (/^\d{1,9}$/.test(seedText)) params.seed = Number(seedText);
    else problems.push(`seed in the address: expected a whole number >= 0, found ${JSON.stringify(seedText)}`);
  }
  return { params, problems };
}

/** Set `set`, drop `drop` and a comparison's keys, keep every other query parameter (e.g. test switches) as it was. */
function withParams(search: string, set: Record<string, string>, drop: string): string {
  const q = new URLSearchParams(search);
  for (const key of [drop, ...COMPARISON_KEYS]) q.delete(key);
  for (const [key, value] of Object.entries(set)) q.set(key, value);
  return `?${q.toString()}`;
}

/** The query for a shipped scenario. */
export function writeViewParams(search: string, params: { scenario: string; seed: number }): string {
  return withParams(search, { scenario: params.scenario, seed: String(params.seed) }, 'file');
}

/** The query for an opened file (its text goes in the fragment, see `writeRunFragment`). */
export function writeFileParams(search: string, params: { file: string; seed: number }): string {
  return withParams(search, { file: params.file, seed: String(params.seed) }, 'scenario');
}

/** A scenario file's text as the address carries it: JSON without spaces (anything else as it is). */
export function compactText(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text));
  } catch {
    return text;
  }
}

/**
 * The fragment (without `#`; empty when there is nothing to carry) for a run's levers, month and
 * an opened file (`file`), and why the file's text was left out if it was.
 */
export function writeRunFragment(run: { levers: readonly LeverEntry[]; month: number; file?: { name: string; text: string } }): { hash: string; notes: string[] } {
  const { file, levers, month } = run;
  if (!file && levers.length === 0 && month <= 0) return { hash: '', notes: [] };
  const text = file ? compactText(file.text) : undefined;
  const build = (withText: boolean): Record<string, unknown> =>
    compact({ text: withText ? text : undefined, levers: levers.length > 0 ? levers : undefined, month: month > 0 ? month : undefined });
  const written = fragmentFor(build, file ? [file.name] : [], 'open it again after opening the link.');
  // A file left out with nothing else to carry: no fragment at all.
  return levers.length === 0 && month <= 0 && written.notes.length > 0 ? { hash: '', notes: written.notes } : written;
}

/**
 * What a live run's fragment carries. `damaged` is set (in the codec's words) when it cannot be
 * read: then nothing of it is used. Invalid levers or month are left out, each with a problem.
 */
export function readRunFragment(hash: string): { value: RunFragment; problems: string[]; damaged?: string } {
  const payload = decodePayload(hash);
  if (!payload.ok) return { value: { levers: [], month: 0 }, problems: [], damaged: payload.message };
  const problems: string[] = [];
  const { text, levers, month } = payload.value;
  const value: RunFragment = { levers: [], month: 0 };
  if (typeof text === 'string') value.text = text;
  if (levers !== undefined) {
    const checked = checkLeverShape(levers);
    if (checked.ok) value.levers = checked.value;
    else problems.push(`The lever changes in the link are not valid (${checked.issues[0]?.message}); the run starts without them.`);
  }
  if (month !== undefined) {
    if (typeof month === 'number' && Number.isInteger(month) && month >= 0 && month <= MAX_MONTHS) value.month = month;
    else problems.push(`The month in the link is not a whole number from 0 to ${MAX_MONTHS} (found ${JSON.stringify(month)}); the run starts at month 0.`);
  }
  return { value, problems };
}
