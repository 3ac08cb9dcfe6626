/**
 * The result bundle: a JSON file that lets someone else check a comparison. It holds both
 * scenarios as resolved documents (so it does not depend on the shipped files of the day), their
 * lever timelines, the settings and seeds, the engine version, the summary, and a digest of every
 * run's series. Opening it re-runs the comparison and compares digests; a checksum over the file
 * catches a bundle edited or cut short after it was made.
 */
import type { LeverChange } from '../levers';
import { ENGINE_VERSION } from '../version';
import { parseJson } from '../scenario/resolve';
import { sha256Hex, utf8 } from './codec';
import type { ComparisonRequest, ComparisonSettings, ResolvedSide } from './request';
import type { OutcomeAtHorizon } from './summary';

export { ENGINE_VERSION };
export const BUNDLE_FORMAT = 'care-futures/comparison-bundle';
export const BUNDLE_SCHEMA_VERSION = 1;

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

export async function readBundle(text: string): Promise<BundleRead> {
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
  /** outcomes whose figures differ, e.g. "lookedAfter at month 60: difference 3.1 (bundle 2.9)" */
  differences: string[];
}

/** Compare a re-run with the bundle that asked for it. */
export function checkAgainst(bundle: ResultBundle, digest: string, summary: readonly OutcomeAtHorizon[]): BundleCheck {
  if (digest === bundle.digest) {
    return { confirmed: true, message: `Confirmed: re-running the ${bundle.seeds.length} seeds reproduces the bundle's results exactly (digest ${digest.slice(7, 19)}…).`, differences: [] };
  }
  const differences: string[] = [];
  for (const row of summary) {
    const was = bundle.summary.find((r) => r.id === row.id && r.month === row.month);
    if (!was) differences.push(`${row.id} at month ${row.month}: not in the bundle`);
    else if (was.difference.mean !== row.difference.mean || was.a.mean !== row.a.mean || was.b.mean !== row.b.mean) {
      differences.push(`${row.id} at month ${row.month}: B - A now ${row.difference.mean}, in the bundle ${was.difference.mean}`);
    }
  }
  const why =
    bundle.engineVersion !== ENGINE_VERSION
      ? `the bundle was made by engine version ${bundle.engineVersion} and this app runs ${ENGINE_VERSION}`
      : `the engine version is the same (${ENGINE_VERSION}), so the model changed without a new version number, or the bundle's results were edited`;
  return { confirmed: false, message: `Not confirmed: re-running gives different results; ${why}.`, differences };
}
