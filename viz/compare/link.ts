/**
 * Comparison links. Readable query keys are the authority for what they name:
 * `?a=&b=&runs=&months=&seed=&scale=&at=`. The fragment carries the rest (viz/fragment.ts): each
 * side's lever timeline, an opened file's content, whether a side is the live run, and the view. A
 * side is a shipped scenario (`a=early-help-restored`) or an opened file (`a=file:my-plan.json`,
 * its text in the fragment). A live run's own address is viz/url.ts. Pure: no DOM, tested in Node.
 */
import { checkLeverShape, type LeverEntry } from '../../sim/levers';
import { DEFAULT_SETTINGS, LIMITS, type ComparisonRequest, type ComparisonSettings, type Origin, type SideSource } from '../../sim/comparison/request';
import { compact, fragmentFor, isObject, readFragment } from '../fragment';

export { MAX_FRAGMENT } from '../fragment';
const FILE_PREFIX = 'file:';

interface FragmentSide {
  text?: string;
  levers?: LeverEntry[];
  live?: boolean;
}

export interface CompareView {
  /** the outcome the charts show */
  outcome?: string;
}

export interface Link {
  href: string;
  /** why part of the state could not go into the link (e.g. a file too large) */
  notes: string[];
}

export interface ReadLink<T> {
  value: T | undefined;
  /** what could not be used, worded for the error panel */
  problems: string[];
}

const refOf = (origin: Origin): string => (origin.kind === 'shipped' ? origin.id : origin.kind === 'file' ? `${FILE_PREFIX}${origin.fileName}` : 'bundle');

function sideFragment(source: SideSource, withText: boolean): FragmentSide | undefined {
  const out: FragmentSide = {};
  if (source.origin.kind === 'file' && withText) out.text = source.origin.text;
  if (source.levers.length > 0) out.levers = source.levers;
  if (source.live) out.live = true;
  return Object.keys(out).length > 0 ? out : undefined;
}

export function writeComparisonLink(base: string, request: ComparisonRequest, view: CompareView = {}): Link {
  const { settings } = request;
  const q = new URLSearchParams();
  q.set('a', refOf(request.a.origin));
  q.set('b', refOf(request.b.origin));
  q.set('runs', String(settings.runs));
  q.set('months', String(settings.months));
  q.set('seed', String(settings.seed));
  if (settings.scale !== null) q.set('scale', String(settings.scale));
  if (settings.horizons !== null) q.set('at', settings.horizons.join(','));
  const files = [request.a.origin, request.b.origin].flatMap((o) => (o.kind === 'file' ? [o.fileName] : []));
  const { hash, notes } = fragmentFor(
    (withText) => compact({ a: sideFragment(request.a, withText), b: sideFragment(request.b, withText), view: Object.keys(view).length > 0 ? view : undefined }),
    files,
    'share the result bundle, which carries it whole.',
  );
  return { href: `${base}?${q.toString()}#${hash}`, notes };
}

export function isComparisonAddress(search: string): boolean {
  const q = new URLSearchParams(search);
  return q.has('a') || q.has('b');
}

function wholeIn(q: URLSearchParams, key: 'runs' | 'months' | 'seed', problems: string[]): number {
  const text = q.get(key)?.trim();
  const { min, max } = LIMITS[key];
  if (text === undefined || text === '') return DEFAULT_SETTINGS[key];
  const n = Number(text);
  if (/^\d+$/.test(text) && n >= min && n <= max) return n;
  problems.push(`${key} in the address: expected a whole number from ${min} to ${max}, found ${JSON.stringify(text)}; using ${DEFAULT_SETTINGS[key]}`);
  return DEFAULT_SETTINGS[key];
}

function readSettings(q: URLSearchParams, problems: string[]): ComparisonSettings {
  const settings: ComparisonSettings = { ...DEFAULT_SETTINGS, runs: wholeIn(q, 'runs', problems), months: wholeIn(q, 'months', problems), seed: wholeIn(q, 'seed', problems) };
  const scale = q.get('scale')?.trim();
  if (scale) {
    const s = Number(scale);
    if (Number.isFinite(s) && s > 0 && s <= 1) settings.scale = s;
    else problems.push(`scale in the address: expected a number above 0 and at most 1, found ${JSON.stringify(scale)}; using each scenario's own`);
  }
  const at = q.get('at')?.trim();
  if (at) {
    const months = at.split(',').map((p) => Number(p.trim()));
    if (months.every((m) => Number.isInteger(m) && m >= 1 && m <= settings.months)) settings.horizons = [...new Set(months)].sort((x, y) => x - y);
    else problems.push(`at in the address: expected months from 1 to ${settings.months} separated by commas, found ${JSON.stringify(at)}; using years 1, 5 and 10`);
  }
  return settings;
}

function readSide(label: string, ref: string | null, payload: unknown, problems: string[]): SideSource | undefined {
  if (ref === null || ref.trim() === '') {
    problems.push(`${label} in the address: no scenario named (e.g. ${label.toLowerCase()}=north-east-baseline)`);
    return undefined;
  }
  const extra: FragmentSide = isObject(payload) ? (payload as FragmentSide) : {};
  let levers: LeverEntry[] = [];
  if (extra.levers !== undefined) {
    const checked = checkLeverShape(extra.levers);
    if (checked.ok) levers = checked.value;
    else problems.push(`${label}: the lever changes in the link are not valid (${checked.issues[0]?.message}); running without them`);
  }
  const live = extra.live === true ? { live: true } : {};
  if (ref.startsWith(FILE_PREFIX)) {
    const fileName = ref.slice(FILE_PREFIX.length);
    if (typeof extra.text !== 'string') {
      problems.push(`${label}: the link names an opened file (${fileName}) but does not carry its content (it was too large for a link, or the part after # was lost). Open the file again, or use the result bundle.`);
      return undefined;
    }
    return { origin: { kind: 'file', fileName, text: extra.text }, levers, ...live };
  }
  return { origin: { kind: 'shipped', id: ref.replace(/\.json$/i, '') }, levers, ...live };
}

export function readComparisonLink(search: string, hash: string): ReadLink<{ request: ComparisonRequest; view: CompareView }> & { partial: Partial<ComparisonRequest> } {
  const q = new URLSearchParams(search);
  const problems: string[] = [];
  const payload = readFragment(hash, problems);
  const settings = readSettings(q, problems);
  const a = readSide('A', q.get('a'), payload.a, problems);
  const b = readSide('B', q.get('b'), payload.b, problems);
  const view: CompareView = isObject(payload.view) && typeof payload.view.outcome === 'string' ? { outcome: payload.view.outcome } : {};
  const partial: Partial<ComparisonRequest> = { settings, ...(a ? { a } : {}), ...(b ? { b } : {}) };
  return { value: a && b ? { request: { a, b, settings }, view } : undefined, problems, partial };
}
