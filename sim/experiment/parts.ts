/**
 * An experiment's runs on disk between running and writing the outputs: a part per shard in the
 * folder `parts`, `part-I-of-K.jsonl` (a line per run: its id and its kept measures' values, month
 * by month; null where a value is undefined) and its manifest `part-I-of-K.json` (the
 * experiment's digest, the shard, its runs, the digest of its lines). One process writes part
 * 0 of 1; a batch array writes K parts into a shared folder; either way the outputs are made from
 * the parts' lines in run order, so they are the same bytes.
 */
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { readJsonFile } from '../node/files';
import { measureUnit, type MeasureSeries } from '../outputs/measures';
import { shardRange } from '../cli/args';
import type { Plan } from './plan';
import type { RunValues } from './outputs';

export const PART_FORMAT = 'care-futures-experiment-part/1';

export interface PartManifest {
  format: string;
  /** the plan's digest: parts of another experiment (or another engine) are refused */
  experiment: string;
  shard: string;
  /** the part's runs: ids first .. first + count - 1 */
  first: number;
  count: number;
  /** `sha256:` of the part's lines, each with its line break */
  digest: string;
}

export type Shard = { index: number; count: number };

export const partsDir = (dir: string) => join(dir, 'parts');
export const partName = (shard: Shard) => `part-${shard.index}-of-${shard.count}`;

export function runLine(id: number, measures: readonly MeasureSeries[]): string {
  return `${JSON.stringify({ run: id, values: measures.map((s) => s.values.map((v) => (Number.isFinite(v) ? v : null))) })}\n`;
}

export const lineDigest = (line: string) => `sha256:${createHash('sha256').update(line).digest('hex')}`;

/** The runs a shard owns: a contiguous block of the plan's runs. */
export function shardRunIds(plan: Plan, shard: Shard): { first: number; count: number } {
  const { start, size } = shardRange(plan.runs.length, shard);
  return { first: start, count: size };
}

/** Why the parts in `dir` cannot be merged, or their manifests in shard order. */
export function checkParts(plan: Plan, dir: string): { ok: true; parts: { file: string; manifest: PartManifest }[] } | { ok: false; message: string } {
  const folder = partsDir(dir);
  if (!existsSync(folder)) return { ok: false, message: `${folder}: no parts (run the shards with --out ${dir} first)` };
  const manifests = readdirSync(folder).filter((f) => /^part-\d+-of-\d+\.json$/.test(f)).sort();
  if (manifests.length === 0) return { ok: false, message: `${folder}: no part manifests (part-I-of-K.json)` };
  const parts: { file: string; manifest: PartManifest }[] = [];
  let count: number | undefined;
  for (const name of manifests) {
    const read = readJsonFile(join(folder, name), 100_000, 'a part manifest');
    if (!read.ok) return { ok: false, message: `${name}: ${read.issues[0]?.message}` };
    const m = read.value as PartManifest;
    if (m.format !== PART_FORMAT) return { ok: false, message: `${name}: not a part of an experiment (format ${JSON.stringify(m.format)})` };
    if (m.experiment !== plan.digest) return { ok: false, message: `${name}: a part of another experiment, or of another engine version (its digest differs from this file's)` };
    const [index, k] = String(m.shard).split('/').map(Number);
    count ??= k;
    if (k !== count) return { ok: false, message: `${name}: shard ${m.shard}, but other parts are of ${count} shards` };
    const expected = shardRunIds(plan, { index, count: k });
    if (m.first !== expected.first || m.count !== expected.count) return { ok: false, message: `${name}: runs ${m.first}..${m.first + m.count - 1}, expected ${expected.first}..${expected.first + expected.count - 1}` };
    parts[index] = { file: join(folder, name.replace(/\.json$/, '.jsonl')), manifest: m };
  }
  const missing = Array.from({ length: count ?? 0 }, (_, i) => i).filter((i) => parts[i] === undefined);
  if (missing.length > 0) return { ok: false, message: `${folder}: missing shard(s) ${missing.map((i) => `${i}/${count}`).join(', ')} of ${count}` };
  return { ok: true, parts };
}

/** The runs of the parts in order, each line checked against the plan; the part's digest is checked when its last line is read. */
export async function* readParts(plan: Plan, parts: readonly { file: string; manifest: PartManifest }[]): AsyncGenerator<RunValues> {
  for (const { file, manifest } of parts) {
    const hash = createHash('sha256');
    let n = 0;
    for await (const text of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) {
      const line = `${text}\n`;
      hash.update(line);
      const parsed = JSON.parse(text) as { run: number; values: (number | null)[][] };
      const run = plan.runs[manifest.first + n];
      if (parsed.run !== run?.id || n >= manifest.count) throw new Error(`${file}: line ${n + 1} is run ${parsed.run}, expected run ${manifest.first + n}`);
      const measures = plan.measures.map((name, k): MeasureSeries => ({ name, unit: measureUnit(name), values: parsed.values[k].map((v) => v ?? NaN) }));
      yield { run, digest: lineDigest(line), measures };
      n++;
    }
    if (n !== manifest.count) throw new Error(`${file}: ${n} runs, its manifest says ${manifest.count}: the part was cut off`);
    if (`sha256:${hash.digest('hex')}` !== manifest.digest) throw new Error(`${file}: its lines do not match its manifest's digest (changed after it was written)`);
  }
}
