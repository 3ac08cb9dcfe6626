/**
 * The result bundle: a JSON file that lets someone else check a comparison. It holds both
 * scenarios as resolved documents (so it does not depend on the shipped files of the day), their
 * lever timelines, the settings and seeds, the engine version, the summary, and a digest of every
 * run's series. Opening it re-runs the comparison and compares everything the bundle states that
 * a re-run recomputes: the series (digest), the summary figure by figure, and the names of A and B.
 * The checksum over the file only catches a bundle cut short or edited by accident: anyone can
 * recompute it, so it proves nothing about the results; the re-run does.
 *
 * The app and the CLI read a bundle the same way (`readBundleBytes`), with one size limit.
 */
import type { LeverChange } from '../levers';
import { ENGINE_VERSION } from '../version';
import { decodeUtf8 } from '../scenario/json';
import { parseJson } from '../scenario/resolve';
import { sha256Hex, utf8 } from './codec';
import type { ComparisonRequest, ComparisonSettings, ResolvedSide } from './request';
import type { OutcomeAtHorizon } from './summary';

export { ENGINE_VERSION };
export const BUNDLE_FORMAT = 'care-futures/comparison-bundle';
export const BUNDLE_SCHEMA_VERSION = 1;
/**
 * Largest bundle read, by the app and the CLI alike. A bundle holds two scenarios (about 20 kB
 * each), their lever timelines and a summary: tens of kilobytes. 5 MB leaves room for long lever
 * timelines while keeping the parse of a hostile file to a fraction of a second.
 */
export const MAX_BUNDLE_BYTES = 5_000_000;

export interface BundleSide {
  name: string;
  live: boolean;
  scenario: unknown;
  levers: LeverChange[];
}

export interface ResultBundle {
  format: typeof BUNDLE_FORMAT;
  schemaVersion: number;
  engineVersion: string;
  created: string;
  settings: ComparisonSettings & { horizons: number[] };
  a: BundleSide;
  b: BundleSide;
  seeds: number[];
  /** digest of every run's series (results.ts) */
  digest: string;
  summary: OutcomeAtHorizon[];
  /** SHA-256 of this object without `checksum`, as written */
  checksum: string;
}

type Unsigned = Omit<ResultBundle, 'checksum'>;

const checksumOf = async (body: Unsigned) => `sha256:${await sha256Hex(utf8(JSON.stringify(body)))}`;

export async function makeBundle(
  sides: { a: ResolvedSide; b: ResolvedSide },
  settings: ComparisonSettings & { horizons: number[] },
  seeds: number[],
  digest: string,
  summary: OutcomeAtHorizon[],
  created = new Date().toISOString(),
): Promise<ResultBundle> {
  const side = (s: ResolvedSide): BundleSide => ({ name: s.name, live: s.source.live === true, scenario: s.scenario, levers: s.levers });
  const body: Unsigned = {
    format: BUNDLE_FORMAT,
    schemaVersion: BUNDLE_SCHEMA_VERSION,
    engineVersion: ENGINE_VERSION,
    created,
    settings,
    a: side(sides.a),
    b: side(sides.b),
    seeds,
    digest,
    summary,
  };
  return { ...body, checksum: await checksumOf(body) };
}

export const bundleText = (bundle: ResultBundle): string => `${JSON.stringify(bundle, null, 1)}\n`;

export type BundleRead = { ok: true; bundle: ResultBundle; request: ComparisonRequest } | { ok: false; message: string };

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const isWhole = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);

/** What is wrong with the bundle's shape, or undefined. Scenario contents are validated when it runs. */
function shapeProblem(doc: Record<string, unknown>): string | undefined {
  const s = doc.settings;
  if (!isObject(s) || !isWhole(s.runs) || !isWhole(s.months) || !isWhole(s.seed) || !Array.isArray(s.horizons) || !s.horizons.every(isWhole)) {
    return 'its settings (runs, months, seed, horizons) are missing or not whole numbers';
  }
  if (!(s.scale === null || typeof s.scale === 'number')) return 'its scale is neither a number nor null';
  for (const side of ['a', 'b'] as const) {
    const v = doc[side];
    if (!isObject(v) || typeof v.name !== 'string' || !isObject(v.scenario) || !Array.isArray(v.levers)) return `scenario ${side.toUpperCase()} is missing or incomplete`;
  }
  const seeds = doc.seeds;
  if (!Array.isArray(seeds) || seeds.length !== s.runs || !seeds.every((seed, k) => isWhole(seed) && seed === (s.seed as number) + k)) {
    return `its seeds are not the ${String(s.runs)} consecutive seeds from ${String(s.seed)} its settings name`;
  }
  if (typeof doc.digest !== 'string' || !Array.isArray(doc.summary) || typeof doc.engineVersion !== 'string') return 'its digest, summary or engine version is missing';
  return undefined;
}

/** Why a file of this size is not read, or undefined: checked before reading a byte. */
export function bundleSizeProblem(bytes: number): string | undefined {
  return bytes > MAX_BUNDLE_BYTES ? `This file is ${(bytes / 1e6).toFixed(1)} MB; a result bundle is at most ${MAX_BUNDLE_BYTES / 1e6} MB (tens of kilobytes as made), so it is not read.` : undefined;
}

/** The one reader of a bundle's bytes (the app's "Open bundle…" and `--check-bundle`): size, UTF-8, JSON, checksum, shape. */
export async function readBundleBytes(bytes: Uint8Array): Promise<BundleRead> {
  const tooBig = bundleSizeProblem(bytes.length);
  if (tooBig) return { ok: false, message: tooBig };
  const text = decodeUtf8(bytes, 'the bundle');
  if (!text.ok) return { ok: false, message: `This is not a result bundle: ${text.issues[0].found}.` };
  return readBundle(text.value);
}

export async function readBundle(text: string): Promise<BundleRead> {
  const tooBig = bundleSizeProblem(text.length);
  if (tooBig) return { ok: false, message: tooBig };
  const parsed = parseJson(text, 'the bundle');
  if (!parsed.ok) return { ok: false, message: 'This is not a complete result bundle: it is not valid JSON (was it cut short?).' };
  const doc = parsed.value;
  if (!isObject(doc) || doc.format !== BUNDLE_FORMAT) return { ok: false, message: `This file is not a Care Futures result bundle (its "format" is not "${BUNDLE_FORMAT}").` };
  if (!isWhole(doc.schemaVersion) || doc.schemaVersion > BUNDLE_SCHEMA_VERSION) {
    return { ok: false, message: `This bundle was written in format version ${String(doc.schemaVersion)}; this app reads version ${BUNDLE_SCHEMA_VERSION}. Open it with the version of Care Futures that made it (engine ${String(doc.engineVersion)}).` };
  }
  const { checksum, ...body } = doc;
  if (typeof checksum !== 'string' || checksum !== (await checksumOf(body as Unsigned))) {
    return { ok: false, message: 'This bundle was changed after it was made (its checksum does not match its contents), so its results cannot be confirmed.' };
  }
  const problem = shapeProblem(doc);
  if (problem) return { ok: false, message: `This bundle cannot be used: ${problem}.` };
  const bundle = doc as unknown as ResultBundle;
  const side = (s: BundleSide) => ({ origin: { kind: 'scenario' as const, scenario: s.scenario }, levers: s.levers, live: s.live });
  return { ok: true, bundle, request: { a: side(bundle.a), b: side(bundle.b), settings: { ...bundle.settings } } };
}

export interface BundleCheck {
  confirmed: boolean;
  /** one line for people */
  message: string;
  /** what differs, e.g. "summary lookedAfter at month 60, difference.mean: re-run 3.1, bundle 2.9" */
  differences: string[];
}

/** What re-running a bundle's request gives: compared with what the bundle states. */
export interface Rerun {
  digest: string;
  summary: readonly OutcomeAtHorizon[];
  /** the names of A and B as the re-run resolves them from the bundle's own scenarios */
  names: { a: string; b: string };
}

/** Where two JSON values differ, as "`label`: `path`: re-run X, bundle Y", at most `limit` in `out`. */
function jsonDifferences(label: string, now: unknown, was: unknown, out: string[], limit: number, path = ''): void {
  if (out.length >= limit) return;
  if (now !== null && was !== null && typeof now === 'object' && typeof was === 'object') {
    const keys = new Set([...Object.keys(now), ...Object.keys(was)]);
    for (const key of keys) jsonDifferences(label, (now as Record<string, unknown>)[key], (was as Record<string, unknown>)[key], out, limit, path ? `${path}.${key}` : key);
    return;
  }
  if (now !== was) out.push(`${label}: ${path}: re-run ${JSON.stringify(now) ?? 'nothing'}, bundle ${JSON.stringify(was) ?? 'nothing'}`);
}

/** Every figure of the re-run summary against the bundle's, as written to JSON (so NaN is null on both sides). */
function summaryDifferences(rerun: readonly OutcomeAtHorizon[], stated: readonly OutcomeAtHorizon[], limit = 20): string[] {
  const out: string[] = [];
  const key = (r: { id: unknown; month: unknown }) => `${String(r.id)} at month ${String(r.month)}`;
  const was = new Map(stated.map((r) => [key(r), r]));
  for (const row of rerun) {
    const k = key(row);
    const before = was.get(k);
    was.delete(k);
    if (before === undefined) out.push(`summary ${k}: in the re-run, not in the bundle`);
    else jsonDifferences(`summary ${k}`, JSON.parse(JSON.stringify(row)), before, out, limit);
  }
  for (const k of was.keys()) out.push(`summary ${k}: in the bundle, not in the re-run`);
  return out.slice(0, limit);
}

/**
 * Compare a re-run with the bundle that asked for it: the series (digest), the summary figure by
 * figure and the names of A and B. Confirmed only when all three agree; each difference is named.
 */
export function checkAgainst(bundle: ResultBundle, rerun: Rerun): BundleCheck {
  const differences: string[] = [];
  for (const side of ['a', 'b'] as const) {
    if (bundle[side].name !== rerun.names[side]) differences.push(`name of ${side.toUpperCase()}: its scenario is ${JSON.stringify(rerun.names[side])}, the bundle says ${JSON.stringify(bundle[side].name)}`);
  }
  const seriesDiffer = rerun.digest !== bundle.digest;
  if (seriesDiffer) differences.push(`series of every run: re-run digest ${rerun.digest.slice(7, 19)}…, bundle ${bundle.digest.slice(7, 19)}…`);
  differences.push(...summaryDifferences(rerun.summary, bundle.summary));
  if (differences.length === 0) {
    return { confirmed: true, message: `Confirmed: re-running the ${bundle.seeds.length} seeds reproduces the bundle's results exactly (digest ${rerun.digest.slice(7, 19)}…, every summary figure and both names).`, differences: [] };
  }
  if (!seriesDiffer) return { confirmed: false, message: 'Not confirmed: the runs reproduce exactly, but what the bundle states about them differs from the re-run, so the bundle was edited.', differences };
  const why =
    bundle.engineVersion !== ENGINE_VERSION
      ? `the bundle was made by engine version ${bundle.engineVersion} and this app runs ${ENGINE_VERSION}`
      : `the engine version is the same (${ENGINE_VERSION}), so the model changed without a new version number, or the bundle's results were edited`;
  return { confirmed: false, message: `Not confirmed: re-running gives different results; ${why}.`, differences };
}
