/**
 * Merges the parts written by sharded runs (`--shard I/K`, one part per batch-array task) into one
 * document, as if a single process had run every seed: runs in seed order, duplicates and
 * mismatched scenarios rejected. JSON parts merge into JSON, CSV parts into CSV.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { CSV_HEADER, JSON_FOOTER, jsonHeader, jsonRun, type RunOutput } from '../output';

interface Part {
  scenario: string;
  scale: number;
  runs: RunOutput[];
}

export function mergeJsonParts(texts: readonly string[], names: readonly string[]): string {
  const parts = texts.map((t, k) => {
    try {
      return JSON.parse(t) as Part;
    } catch (err) {
      throw new Error(`${names[k]}: not a JSON document (${err instanceof Error ? err.message : String(err)})`);
    }
  });
  if (parts.length === 0) throw new Error('no parts to merge');
  const { scenario, scale } = parts[0];
  parts.forEach((p, k) => {
    if (p.scenario !== scenario || p.scale !== scale) {
      throw new Error(`${names[k]}: scenario "${p.scenario}" at scale ${p.scale} does not match "${scenario}" at scale ${scale} in ${names[0]}`);
    }
  });
  const runs = parts.flatMap((p) => p.runs).sort((a, b) => a.seed - b.seed);
  for (let k = 1; k < runs.length; k++) {
    if (runs[k].seed === runs[k - 1].seed) throw new Error(`seed ${runs[k].seed} appears in more than one part`);
  }
  return jsonHeader(scenario, scale) + runs.map((r, k) => jsonRun(r, k === 0)).join('') + JSON_FOOTER;
}

export function mergeCsvParts(texts: readonly string[], names: readonly string[]): string {
  let out = CSV_HEADER;
  texts.forEach((t, k) => {
    if (!t.startsWith(CSV_HEADER)) throw new Error(`${names[k]}: not a Care Futures CSV (header ${JSON.stringify(CSV_HEADER.trim())} expected)`);
    out += t.slice(CSV_HEADER.length);
  });
  return out;
}

export function mergeMain(argv: readonly string[], io: { stdout: (t: string) => void; stderr: (t: string) => void }): number {
  const outAt = argv.indexOf('--out');
  const out = outAt >= 0 ? argv[outAt + 1] : undefined;
  const files = argv.filter((a, k) => a !== '--out' && (outAt < 0 || k !== outAt + 1));
  if (files.length === 0 || (outAt >= 0 && out === undefined)) {
    io.stderr('Usage: npm run merge -- <part.json|part.csv>... [--out FILE]\n');
    return 2;
  }
  try {
    const texts = files.map((f) => readFileSync(f, 'utf8'));
    const merged = texts[0].startsWith(CSV_HEADER) ? mergeCsvParts(texts, files) : mergeJsonParts(texts, files);
    if (out) writeFileSync(out, merged);
    else io.stdout(merged);
    return 0;
  } catch (err) {
    io.stderr(`error: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
}
