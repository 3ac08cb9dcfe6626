/**
 * The manifest of a CLI output: what experiment it belongs to and what it holds, so that parts
 * from sharded runs can be merged safely (`npm run merge`). A JSON output carries it as its last
 * field (`"manifest"`); a CSV output written with `--out FILE` has it beside, in `FILE.manifest.json`.
 *
 * A whole experiment (run unsharded, or merged from its shards) is shard "0/1": its manifest is the
 * same either way, so the merged file equals the unsharded one byte for byte, manifest included.
 */
import { createHash, type Hash } from 'node:crypto';
import { describeFound, issue, type Validated, type ValidationIssue } from '../scenario/issues';

export const MANIFEST_FORMAT = 'care-futures-output/1';
/** The most runs, shards and months `npm run sim` accepts (`--runs`, `--shard I/K`, `--months`): a manifest above them is refused before anything is sized by it. */
export const MAX_RUNS = 1_000_000;
export const MAX_SHARDS = 1_000_000;
export const MAX_MONTHS = 2400;

export interface Manifest {
  format: string;
  /** engine version (`sim/version.ts`) */
  engine: string;
  output: 'json' | 'csv';
  /** `sha256:` of the scenario as run (after `--scale`) */
  scenario: string;
  /** `sha256:` of the lever timeline (`[]` when there is none) */
  levers: string;
  scale: number;
  months: number;
  /** the experiment: `runs` runs with seeds `seed` ... `seed + runs - 1` */
  seed: number;
  runs: number;
  /** `I/K`: shard I (0-based) of K; `0/1` for a whole experiment */
  shard: string;
  /** this output's runs: `count` runs with seeds from `firstSeed` */
  firstSeed: number;
  count: number;
  /** lines of run data: one per run (JSON) or one per run x month x measure (CSV) */
  rows: number;
  /** `sha256:` of the header line and those lines, each with its line break */
  digest: string;
}

export type Experiment = Pick<Manifest, 'format' | 'engine' | 'output' | 'scenario' | 'levers' | 'scale' | 'months' | 'seed' | 'runs'>;
export type PartFields = Pick<Manifest, 'shard' | 'firstSeed' | 'count' | 'rows' | 'digest'>;

export function sha256(text: string): string {
  return `sha256:${createHash('sha256').update(text).digest('hex')}`;
}

/**
 * The digest and line count of run data, fed as it is written or read. The header line (the
 * scenario's name and scale in JSON; the column names in CSV) is digested first, so an edited
 * header is caught like an edited run; it is not counted in `rows`.
 */
export class BodyDigest {
  private readonly hash: Hash = createHash('sha256');
  rows = 0;
  /** `header`: the output's first line, with or without its line break. */
  constructor(header: string) {
    this.hash.update(header.endsWith('\n') ? header : `${header}\n`);
  }
  /** `text` is whole lines, each ending in `\n`. */
  add(text: string): void {
    this.hash.update(text);
    for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) this.rows++;
  }
  value(): string {
    return `sha256:${this.hash.digest('hex')}`;
  }
}

/** The manifest, its fields always in the same order (so equal manifests are equal text). */
export function manifestOf(e: Experiment, p: PartFields): Manifest {
  return {
    format: e.format,
    engine: e.engine,
    output: e.output,
    scenario: e.scenario,
    levers: e.levers,
    scale: e.scale,
    months: e.months,
    seed: e.seed,
    runs: e.runs,
    shard: p.shard,
    firstSeed: p.firstSeed,
    count: p.count,
    rows: p.rows,
    digest: p.digest,
  };
}

/** The side file of a CSV output. */
export const manifestPathFor = (csvPath: string): string => `${csvPath}.manifest.json`;
export const manifestFileText = (m: Manifest): string => `${JSON.stringify(m, null, 2)}\n`;

const KINDS: Record<keyof Manifest, 'string' | 'number' | 'integer' | 'digest' | 'output' | 'shard'> = {
  format: 'string',
  engine: 'string',
  output: 'output',
  scenario: 'digest',
  levers: 'digest',
  scale: 'number',
  months: 'integer',
  seed: 'integer',
  runs: 'integer',
  shard: 'shard',
  firstSeed: 'integer',
  count: 'integer',
  rows: 'integer',
  digest: 'digest',
};

const EXPECTED = {
  string: 'a string',
  number: 'a number',
  integer: 'a whole number',
  digest: 'a digest "sha256:" + 64 hex digits',
  output: '"json" or "csv"',
  shard: `a shard "I/K" with 0 <= I < K <= ${MAX_SHARDS.toLocaleString('en-GB')}`,
};

function fits(kind: keyof typeof EXPECTED, v: unknown): boolean {
  switch (kind) {
    case 'string':
      return typeof v === 'string';
    case 'number':
      return typeof v === 'number' && Number.isFinite(v);
    case 'integer':
      return Number.isSafeInteger(v);
    case 'digest':
      return typeof v === 'string' && /^sha256:[0-9a-f]{64}$/.test(v);
    case 'output':
      return v === 'json' || v === 'csv';
    case 'shard': {
      const m = typeof v === 'string' ? /^(\d{1,7})\/(\d{1,7})$/.exec(v) : null;
      return m !== null && Number(m[1]) < Number(m[2]) && Number(m[2]) <= MAX_SHARDS;
    }
  }
}

/** A manifest read from a part, with every problem named as `manifest.<field>`. */
export function checkManifest(data: unknown): Validated<Manifest> {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return { ok: false, issues: [issue('manifest', 'an object', describeFound(data))] };
  const d = data as Record<string, unknown>;
  const issues: ValidationIssue[] = [];
  for (const [key, kind] of Object.entries(KINDS)) {
    const v = Object.hasOwn(d, key) ? d[key] : undefined;
    if (!fits(kind, v)) issues.push(issue(`manifest.${key}`, EXPECTED[kind], describeFound(v)));
  }
  for (const key of Object.keys(d)) if (!Object.hasOwn(KINDS, key)) issues.push(issue(`manifest.${key}`, 'no such field', describeFound(d[key])));
  if (issues.length === 0 && d.format !== MANIFEST_FORMAT) issues.push(issue('manifest.format', JSON.stringify(MANIFEST_FORMAT), describeFound(d.format)));
  if (issues.length === 0) issues.push(...boundsIssues(d as unknown as Manifest));
  if (issues.length > 0) return { ok: false, issues };
  const m = d as unknown as Manifest;
  return { ok: true, value: manifestOf(m, m) };
}

/** Counts that size what a merge allocates or loops over, bounded as `npm run sim` bounds them. */
function boundsIssues(m: Manifest): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const range = (key: 'runs' | 'count' | 'months' | 'rows', min: number, max: number) => {
    if (m[key] < min || m[key] > max) issues.push(issue(`manifest.${key}`, `a whole number from ${min} to ${max.toLocaleString('en-GB')}`, describeFound(m[key])));
  };
  range('runs', 1, MAX_RUNS);
  range('count', 0, m.runs);
  range('months', 0, MAX_MONTHS);
  range('rows', 0, Number.MAX_SAFE_INTEGER);
  return issues;
}

export function parseShard(shard: string): { index: number; count: number } {
  const [index, count] = shard.split('/').map(Number);
  return { index, count };
}
