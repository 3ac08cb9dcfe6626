/**
 * `npm run merge -- PART... [--out FILE]`: merges the parts written by sharded runs (`--shard I/K`,
 * one part per batch-array task) into the document one process running every seed would have
 * written, byte for byte, manifest included.
 *
 * Each part is checked against its manifest first (`sim/cli/manifest.ts`; inside a JSON part,
 * beside a CSV part): its header and its runs or rows are counted and digested, so a truncated or
 * edited part is refused; and every line is parsed for what it claims (`sim/cli/part-lines.ts`),
 * so a part edited with its manifest recomputed is refused too, naming the part and the line. The manifests must describe one experiment (scenario, levers, engine, months, scale,
 * seeds, shard count) and the parts must be its shards, each exactly once. Only then is anything
 * written: the parts in seed order whatever order they are given in, line by line, waiting for
 * the output to drain, so memory stays flat however many runs there are.
 */
import { createReadStream, statSync } from 'node:fs';
import { basename } from 'node:path';
import { MAX_SCENARIO_BYTES, readJsonFile } from '../node/files';
import { jsonFooter, jsonRunLine, JSON_MANIFEST_PREFIX } from '../output';
import { TIDY_HEADER as CSV_HEADER } from '../outputs/tidy';
import { type ValidationIssue } from '../scenario/issues';
import { shardRange } from './args';
import { EXIT, EXIT_CODES_TEXT } from './exit-codes';
import { commitWithManifest, guarded, openSink, terminalSafe } from './io';
import { BodyDigest, checkManifest, manifestFileText, manifestOf, manifestPathFor, parseShard, type Manifest } from './manifest';
import { csvRowProblem, headerProblem, runProblem, type CsvPosition } from './part-lines';
import type { CliIo } from './prepare';

export const MERGE_USAGE = `Usage: npm run merge -- <part>... [--out FILE]

Merges the parts of a sharded experiment (npm run sim -- ... --shard I/K --out PART) into what
one unsharded run writes. JSON parts carry their manifest; a CSV part needs PART.manifest.json
beside it. With --out FILE, FILE is replaced only when the merge completes (a CSV's manifest is
written to FILE.manifest.json).

${EXIT_CODES_TEXT}`;

/** Longest line a part may have (a run of 2,400 months is about 4 MB). */
const MAX_LINE_BYTES = 64_000_000;

/** A part refused: its message names the file. */
class PartError extends Error {}

interface Line {
  text: string;
  /** false for a last line with no line break: the file was cut off */
  ended: boolean;
}

/** A file's bytes in chunks; a read error (permission, a folder) refuses the part, naming the file. */
async function* chunks(file: string): AsyncGenerator<Buffer> {
  try {
    yield* createReadStream(file, { highWaterMark: 1 << 16 }) as AsyncIterable<Buffer>;
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    throw new PartError(`${file}: cannot be read${typeof code === 'string' ? ` (${code})` : ''}`);
  }
}

/** A file's lines, read in chunks (never the whole file), each decoded as strict UTF-8. */
async function* lines(file: string): AsyncGenerator<Line> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const decode = (bytes: Uint8Array, n: number) => {
    try {
      return decoder.decode(bytes);
    } catch {
      throw new PartError(`${file}: line ${n} is not UTF-8 text: not a part written by npm run sim`);
    }
  };
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let n = 0;
  for await (const chunk of chunks(file)) {
    let start = 0;
    for (let end = chunk.indexOf(10, start); end !== -1; end = chunk.indexOf(10, start)) {
      const piece = chunk.subarray(start, end);
      const bytes = pendingBytes > 0 ? Buffer.concat([...pending, piece]) : piece;
      pending = [];
      pendingBytes = 0;
      yield { text: decode(bytes, ++n), ended: true };
      start = end + 1;
    }
    if (start < chunk.length) {
      pending.push(chunk.subarray(start));
      pendingBytes += chunk.length - start;
      if (pendingBytes > MAX_LINE_BYTES) throw new PartError(`${file}: line ${n + 1} is longer than ${MAX_LINE_BYTES / 1e6} MB: not a part written by npm run sim`);
    }
  }
  if (pendingBytes > 0) yield { text: decode(Buffer.concat(pending), ++n), ended: false };
}

interface Part {
  file: string;
  manifest: Manifest;
  /** the first line: JSON, the scenario and scale; CSV, the column names */
  header: string;
}

const issuesText = (issues: readonly ValidationIssue[]) => issues.map((i) => i.message).join('; ');

function checkedManifest(file: string, data: unknown): Manifest {
  const m = checkManifest(data);
  if (!m.ok) throw new PartError(`${file}: invalid manifest: ${issuesText(m.issues.slice(0, 5))}`);
  return m.value;
}

const SEED_AT_START = /^\{"seed":(-?\d+),/;

interface RunLine {
  /** the run's JSON, without its comma */
  run: string;
  /** its line number in the part */
  line: number;
}

/**
 * The run lines of a JSON part, checking the document's shape as it goes; `onManifest` gets the
 * manifest on the last line.
 */
async function* jsonRuns(file: string, onHeader: (line: string) => void, onManifest: (m: Manifest) => void): AsyncGenerator<RunLine> {
  let n = 0;
  let open = false; // the last run line ended with a comma: another run must follow
  let done = false;
  for await (const line of lines(file)) {
    n++;
    if (done) {
      if (line.text !== '' || line.ended) throw new PartError(`${file}: line ${n}: text after the manifest`);
      continue;
    }
    if (!line.ended) throw new PartError(`${file}: truncated: line ${n} is cut off and there is no manifest at the end`);
    if (n === 1) {
      if (!line.text.startsWith('{"scenario":') || !line.text.endsWith('"runs":[')) throw new PartError(`${file}: not a JSON part written by npm run sim (its first line is not the header)`);
      onHeader(line.text);
      continue;
    }
    if (line.text.startsWith(JSON_MANIFEST_PREFIX)) {
      if (open) throw new PartError(`${file}: line ${n}: a run was expected after the comma on line ${n - 1}`);
      let data: unknown;
      try {
        data = (JSON.parse(`{${line.text.slice(2)}`) as { manifest?: unknown }).manifest;
      } catch {
        throw new PartError(`${file}: line ${n}: the manifest is not valid JSON`);
      }
      onManifest(checkedManifest(file, data));
      done = true;
      continue;
    }
    if (line.text === ']}') throw new PartError(`${file}: no manifest (written by an older npm run sim?): run its shard again`);
    if (n > 2 && !open) throw new PartError(`${file}: line ${n}: a comma was expected at the end of line ${n - 1}`);
    open = line.text.endsWith(',');
    const run = open ? line.text.slice(0, -1) : line.text;
    if (!SEED_AT_START.test(run)) throw new PartError(`${file}: line ${n}: not a run ({"seed": ...})`);
    yield { run, line: n };
  }
  if (!done) throw new PartError(`${file}: truncated: it ends before its manifest (the run that wrote it failed or was cut off)`);
}

/** The rows of a CSV part after its header, each with its line break. */
async function* csvLines(file: string): AsyncGenerator<RunLine> {
  let n = 0;
  for await (const line of lines(file)) {
    n++;
    if (!line.ended) throw new PartError(`${file}: truncated: its last line (${n}) is cut off`);
    if (n === 1) {
      if (`${line.text}\n` !== CSV_HEADER) throw new PartError(`${file}: not a Care Futures CSV (header ${JSON.stringify(CSV_HEADER.trim())} expected)`);
      continue;
    }
    yield { run: `${line.text}\n`, line: n };
  }
  if (n === 0) throw new PartError(`${file}: empty: not a Care Futures CSV`);
}

/** Read a whole part, checking it against its manifest; returns what the merge needs. */
async function readPart(file: string, csv: boolean): Promise<Part> {
  let digest = new BodyDigest(CSV_HEADER);
  let header = CSV_HEADER;
  let manifest: Manifest | undefined;
  let count = 0;
  let firstSeed: number | undefined;
  let lastSeed: number | undefined;
  const refuse = (line: number, problem: string) => new PartError(`${file}: line ${line}: ${problem}`);
  if (csv) {
    const side = readJsonFile(manifestPathFor(file), MAX_SCENARIO_BYTES, `a manifest beside ${basename(file)}`);
    if (!side.ok) throw new PartError(`${file}: no usable manifest beside it (${manifestPathFor(file)}): ${issuesText(side.issues.slice(0, 3))}`);
    manifest = checkedManifest(manifestPathFor(file), side.value);
    const at: CsvPosition = { firstSeed: manifest.firstSeed, lastSeed: manifest.firstSeed + manifest.count - 1 };
    for await (const { run: row, line } of csvLines(file)) {
      const problem = csvRowProblem(row.slice(0, -1), manifest, at);
      if (problem) throw refuse(line, problem);
      if (at.seed !== lastSeed) {
        if (lastSeed !== undefined && at.seed !== lastSeed + 1) throw refuse(line, `seed ${at.seed} follows seed ${lastSeed}: runs are not in seed order`);
        firstSeed ??= at.seed;
        lastSeed = at.seed;
        count++;
      }
      digest.add(row);
    }
    // Parts of one experiment name one scenario: the CSV's counterpart of the JSON header.
    header = `${CSV_HEADER}${at.scenario ?? ''}`;
  } else {
    let months: { count: number; line: number } | undefined;
    const runs = jsonRuns(
      file,
      (line) => ((header = line), (digest = new BodyDigest(line))),
      (m) => (manifest = m),
    );
    for await (const { run, line } of runs) {
      const seed = Number(SEED_AT_START.exec(run)![1]);
      if (lastSeed !== undefined && seed !== lastSeed + 1) throw refuse(line, `seed ${seed} follows seed ${lastSeed}: runs are not in seed order`);
      // The manifest comes last: every run must have as many months as the first, checked against it at the end.
      const problem = runProblem(run, seed, months?.count);
      if (typeof problem === 'string') throw refuse(line, problem);
      months ??= { count: problem, line };
      firstSeed ??= seed;
      lastSeed = seed;
      count++;
      digest.add(`${run}\n`);
    }
    const m = manifest!;
    const problem = headerProblem(header, m);
    if (problem) throw refuse(1, problem);
    if (months && months.count !== m.months + 1) throw refuse(months.line, `the run has ${months.count} month records; the manifest's ${m.months} months need ${m.months + 1} (months 0 to ${m.months})`);
  }
  const m = manifest!;
  if (m.output !== (csv ? 'csv' : 'json')) throw new PartError(`${file}: its manifest describes ${m.output.toUpperCase()} output`);
  const problems: string[] = [];
  if (count !== m.count) problems.push(`${count} runs where it lists ${m.count}`);
  if (firstSeed !== undefined && firstSeed !== m.firstSeed) problems.push(`first seed ${firstSeed} where it lists ${m.firstSeed}`);
  if (digest.rows !== m.rows) problems.push(`${digest.rows} lines of runs where it lists ${m.rows}`);
  if (problems.length === 0 && digest.value() !== m.digest) problems.push('content whose digest differs from the one listed');
  if (problems.length > 0) throw new PartError(`${file}: does not match its manifest (${problems.join(', ')}): truncated or edited`);
  return { file, manifest: m, header };
}

const EXPERIMENT_FIELDS = ['format', 'engine', 'output', 'scenario', 'levers', 'scale', 'months', 'seed', 'runs'] as const;
const seedsText = (first: number, count: number) => (count === 0 ? 'no seeds' : count === 1 ? `seed ${first}` : `seeds ${first}-${first + count - 1}`);

/** The parts, checked to be the shards of one experiment each exactly once, in seed order. */
function inSeedOrder(parts: readonly Part[]): Part[] {
  const first = parts[0];
  for (const p of parts.slice(1)) {
    const differ: string[] = EXPERIMENT_FIELDS.filter((k) => p.manifest[k] !== first.manifest[k]);
    if (parseShard(p.manifest.shard).count !== parseShard(first.manifest.shard).count) differ.push('shard count (overlapping shards of different splits)');
    if (p.header !== first.header) differ.push(p.manifest.output === 'csv' ? 'scenario name' : 'header (scenario name or scale)');
    if (differ.length > 0) throw new PartError(`${p.file} and ${first.file} are not parts of the same experiment: they differ in ${differ.join(', ')}`);
  }
  const { runs, seed } = first.manifest;
  const count = parseShard(first.manifest.shard).count;
  const byIndex = new Map<number, Part>();
  for (const p of parts) {
    const { index } = parseShard(p.manifest.shard);
    const other = byIndex.get(index);
    if (other) throw new PartError(`${other.file} and ${p.file} are both shard ${p.manifest.shard} (${seedsText(p.manifest.firstSeed, p.manifest.count)}): give each shard once`);
    const expected = shardRange(runs, { index, count });
    if (p.manifest.firstSeed !== seed + expected.start || p.manifest.count !== expected.size) {
      throw new PartError(`${p.file}: shard ${p.manifest.shard} of ${runs} runs holds ${seedsText(seed + expected.start, expected.size)}, but its manifest lists ${seedsText(p.manifest.firstSeed, p.manifest.count)}`);
    }
    byIndex.set(index, p);
  }
  const missing = Array.from({ length: count }, (_, i) => i).filter((i) => !byIndex.has(i));
  if (missing.length > 0) {
    const shown = missing.slice(0, 10).map((i) => {
      const r = shardRange(runs, { index: i, count });
      return `${i}/${count} (${seedsText(seed + r.start, r.size)})`;
    });
    throw new PartError(`missing ${missing.length} of ${count} shards: ${shown.join(', ')}${missing.length > 10 ? ', ...' : ''}`);
  }
  return Array.from({ length: count }, (_, i) => byIndex.get(i)!);
}

function parseMergeArgs(argv: readonly string[]): { files: string[]; out?: string } | { errors: string[] } | 'help' {
  const files: string[] = [];
  const errors: string[] = [];
  let out: string | undefined;
  for (let k = 0; k < argv.length; k++) {
    const arg = argv[k];
    if (arg === '--help') return 'help';
    if (arg === '--out' || arg.startsWith('--out=')) {
      const value = arg === '--out' ? argv[++k] : arg.slice('--out='.length);
      if (value === undefined || value === '') errors.push('--out: expected a file name, found nothing');
      else out = value;
    } else if (arg.startsWith('--')) errors.push(`${arg}: unknown option (merge takes parts and --out FILE)`);
    else files.push(arg);
  }
  if (files.length === 0) errors.push('expected the parts to merge, found nothing');
  return errors.length > 0 ? { errors } : { files, out };
}

export function mergeMain(argv: readonly string[], given: CliIo): Promise<number> {
  const io = terminalSafe(given);
  return guarded(io, async () => {
    const args = parseMergeArgs(argv);
    if (args === 'help') {
      io.stdout(`${MERGE_USAGE}\n`);
      return EXIT.ok;
    }
    if ('errors' in args) {
      io.stderr(`${args.errors.map((e) => `error: ${e}`).join('\n')}\n\n${MERGE_USAGE}\n`);
      return EXIT.badArguments;
    }
    try {
      return await merge(args.files, args.out, io);
    } catch (err) {
      if (!(err instanceof PartError)) throw err;
      io.stderr(`cannot merge${args.out ? `; ${args.out} was not changed` : ''}\n  - ${err.message}\n`);
      return EXIT.invalidInput;
    }
  });
}

/** The first bytes of a file, to tell a JSON part from a CSV part. */
async function startOf(file: string): Promise<string> {
  let stat;
  try {
    stat = statSync(file);
  } catch {
    throw new PartError(`${file}: no such file`);
  }
  if (!stat.isFile()) throw new PartError(`${file}: not a regular file`);
  for await (const line of lines(file)) return line.text;
  return '';
}

async function merge(files: readonly string[], out: string | undefined, io: CliIo): Promise<number> {
  let csv: boolean | undefined;
  const parts: Part[] = [];
  for (const file of files) {
    const start = await startOf(file);
    csv ??= `${start}\n` === CSV_HEADER;
    parts.push(await readPart(file, csv));
  }
  const ordered = inSeedOrder(parts);

  // Everything checked: now write, re-checking each part's digest as it streams past.
  const header = csv ? CSV_HEADER : ordered[0].header;
  const whole = new BodyDigest(header);
  const sink = await openSink(io, out);
  try {
    let first = true;
    await sink.write(header);
    for (const part of ordered) {
      const again = new BodyDigest(csv ? CSV_HEADER : part.header);
      const source = csv ? csvLines(part.file) : jsonRuns(part.file, () => {}, () => {});
      for await (const { run: item } of source) {
        const row = csv ? item : `${item}\n`;
        again.add(row);
        whole.add(row);
        await sink.write(csv ? item : jsonRunLine(item, first));
        first = false;
      }
      if (again.value() !== part.manifest.digest) throw new PartError(`${part.file}: changed while it was being merged`);
    }
    const { manifest } = ordered[0];
    const merged = manifestOf(manifest, { shard: '0/1', firstSeed: manifest.seed, count: manifest.runs, rows: whole.rows, digest: whole.value() });
    if (!csv) await sink.write(jsonFooter(merged));
    await commitWithManifest(io, sink, csv && out !== undefined ? { path: manifestPathFor(out), text: manifestFileText(merged) } : undefined);
  } catch (err) {
    await sink.discard();
    throw err;
  }
  return EXIT.ok;
}
