/**
 * Command-line arguments for `npm run sim`, parsed into a typed request or a list of readable
 * errors (never an exception).
 */
import { OBSERVED_REGIONS, type ObservedRegion } from '../observed/types';
import { closestName } from '../scenario/validate';
import { EXIT_CODES_TEXT } from './exit-codes';
import { MAX_MONTHS, MAX_RUNS, MAX_SHARDS } from './manifest';

export type OutputFormat = 'json' | 'csv' | 'text' | 'xlsx';

export interface CliRequest {
  /** one scenario for `npm run sim`, two (A then B) for `npm run compare` */
  scenarioPaths: string[];
  seed: number;
  months: number;
  runs: number;
  /** run only this shard of the runs: index in [0, count) */
  shard?: { index: number; count: number };
  out?: string;
  format: OutputFormat;
  leversPath?: string;
  scale?: number;
  quiet: boolean;
  /** `--jobs N`: worker threads for the runs; undefined: every core (`defaultJobs`) */
  jobs?: number;
  /** `--observed [region]`: print the run against the observed series instead of the month records */
  observed?: ObservedRegion;
}

export const USAGE = `Usage: npm run sim -- <scenario.json> [options]

Options:
  --seed N         first seed (default 1); run r uses seed N + r
  --months M       months to simulate (default 120)
  --runs R         number of runs (default 1)
  --shard I/K      run only shard I of K (0-based) of the R runs, for batch arrays;
                   I may be "env" to read JOB_COMPLETION_INDEX or SLURM_ARRAY_TASK_ID
  --levers FILE    lever timeline: [{"month": 12, "path": "policy.earlyHelp.budgetPerYear", "value": 5000000}]
  --scale S        override population.scale (e.g. 0.1 for a quick run)
  --out FILE       write to FILE instead of stdout; FILE is replaced only when the run
                   completes (it is written to a temporary file beside it, then renamed)
  --format F       json (default) or csv
  --observed [R]   instead of the month records, print each 31 March of the run beside the
                   observed rates per 10,000 (looked after, CP plans, children in need) and the
                   gap; R is north-east (default) or england; text, or --format json
  --jobs N         runs at once, in worker threads (default: the number of cores); the
                   output is byte-identical whatever N is
  --quiet          no progress on stderr (warnings and errors still go there)
  --help           this text

Every output carries a manifest (experiment, shard, seeds, digest) for \`npm run merge\`: JSON as
its last field, CSV with --out in FILE.manifest.json beside it.

${EXIT_CODES_TEXT}`;

const FLAGS = ['--seed', '--months', '--runs', '--jobs', '--shard', '--levers', '--scale', '--out', '--format', '--observed', '--quiet', '--help'];

export type Parsed = { ok: true; request: CliRequest } | { ok: false; errors: string[]; help?: boolean };

export interface CommandShape {
  /** how many scenario files the command takes */
  scenarios: number;
  formats: readonly OutputFormat[];
  defaultFormat: OutputFormat;
  /** whether `--observed` is an option of the command */
  observed?: boolean;
}

export const SIM_COMMAND: CommandShape = { scenarios: 1, formats: ['json', 'csv'], defaultFormat: 'json', observed: true };

function integer(flag: string, text: string, min: number, max: number, errors: string[]): number {
  const value = Number(text);
  if (!/^-?\d+$/.test(text) || !Number.isSafeInteger(value) || value < min || value > max) {
    errors.push(`${flag}: expected a whole number from ${min} to ${max}, found ${JSON.stringify(text)}`);
    return min;
  }
  return value;
}

function shardIndexFromEnv(env: Record<string, string | undefined>): string | undefined {
  return env.JOB_COMPLETION_INDEX ?? env.SLURM_ARRAY_TASK_ID;
}

export function parseArgs(argv: readonly string[], env: Record<string, string | undefined> = {}, shape: CommandShape = SIM_COMMAND): Parsed {
  const errors: string[] = [];
  const positional: string[] = [];
  const req: Omit<CliRequest, 'scenarioPaths'> = { seed: 1, months: 120, runs: 1, format: shape.defaultFormat, quiet: false };
  let shardText: string | undefined;
  let formatGiven = false;
  for (let k = 0; k < argv.length; k++) {
    const arg = argv[k];
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const [flag, inline] = splitFlag(arg);
    if (flag === '--help') return { ok: false, errors: [], help: true };
    if (flag === '--quiet') {
      req.quiet = true;
      continue;
    }
    if (flag === '--observed' && shape.observed) {
      // The region is optional: the next argument is taken only when it names one, so a scenario
      // path after the flag stays a scenario path.
      const next = argv[k + 1];
      const text = inline ?? ((OBSERVED_REGIONS as readonly string[]).includes(next ?? '') ? argv[++k] : OBSERVED_REGIONS[0]);
      if ((OBSERVED_REGIONS as readonly string[]).includes(text)) req.observed = text as ObservedRegion;
      else errors.push(`--observed: expected ${OBSERVED_REGIONS.join(' or ')}, found ${JSON.stringify(text)}`);
      continue;
    }
    if (!FLAGS.includes(flag) || (flag === '--observed' && !shape.observed)) {
      const guess = closestName(flag, FLAGS);
      errors.push(`${flag}: unknown option${guess ? ` (did you mean ${guess}?)` : ''}`);
      if (inline === undefined && argv[k + 1] !== undefined && !argv[k + 1].startsWith('--')) k++; // its value, most likely
      continue;
    }
    const value = inline ?? argv[++k];
    if (value === undefined) {
      errors.push(`${flag}: expected a value, found nothing`);
      continue;
    }
    switch (flag) {
      case '--seed':
        req.seed = integer(flag, value, -(2 ** 31), 2 ** 31 - 1, errors);
        break;
      case '--months':
        req.months = integer(flag, value, 0, MAX_MONTHS, errors);
        break;
      case '--runs':
        req.runs = integer(flag, value, 1, MAX_RUNS, errors);
        break;
      case '--jobs':
        req.jobs = parseJobsArg(value, errors);
        break;
      case '--shard':
        shardText = value;
        break;
      case '--levers':
        req.leversPath = value;
        break;
      case '--out':
        req.out = value;
        break;
      case '--scale': {
        const s = Number(value);
        if (!Number.isFinite(s) || s <= 0 || s > 1) errors.push(`--scale: expected a number > 0 and <= 1, found ${JSON.stringify(value)}`);
        else req.scale = s;
        break;
      }
      case '--format':
        formatGiven = true;
        if ((shape.formats as readonly string[]).includes(value)) req.format = value as OutputFormat;
        else errors.push(`--format: expected ${shape.formats.join(' or ')}, found ${JSON.stringify(value)}`);
        break;
    }
  }
  if (shardText !== undefined) req.shard = parseShardArg(shardText, env, errors);
  if (req.observed !== undefined) {
    // The comparison is a table for people (text) or for programs (json); CSV is the month records' format.
    if (!formatGiven) req.format = 'text';
    else if (req.format !== 'json') errors.push(`--format: with --observed, expected json (or no --format, for text), found ${JSON.stringify(req.format)}`);
    if (shardText !== undefined) errors.push('--shard: not with --observed (the comparison prints every run)');
  }
  if (positional.length !== shape.scenarios) {
    const wanted = shape.scenarios === 1 ? 'a scenario file (e.g. scenarios/north-east-baseline.json)' : `${shape.scenarios} scenario files`;
    errors.push(`expected ${wanted}, found ${positional.length === 0 ? 'nothing' : `${positional.length}: ${positional.join(', ')}`}`);
  }
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, request: { ...req, scenarioPaths: positional } };
}

/** `--flag=value` -> [`--flag`, `value`]; `--flag` -> [`--flag`, undefined] (its value, if any, is the next argument). */
export function splitFlag(arg: string): [flag: string, inline: string | undefined] {
  const at = arg.indexOf('=');
  return at === -1 ? [arg, undefined] : [arg.slice(0, at), arg.slice(at + 1)];
}

/** `--shard I/K` (I may be "env": JOB_COMPLETION_INDEX or SLURM_ARRAY_TASK_ID); problems go to `errors`. */
export function parseShardArg(text: string, env: Record<string, string | undefined>, errors: string[]): { index: number; count: number } | undefined {
  const m = /^(\w+)\/(\d+)$/.exec(text);
  const indexText = m?.[1] === 'env' ? shardIndexFromEnv(env) : m?.[1];
  if (!m || indexText === undefined) {
    errors.push(`--shard: expected I/K with I a whole number or "env" (JOB_COMPLETION_INDEX or SLURM_ARRAY_TASK_ID set), found ${JSON.stringify(text)}`);
    return undefined;
  }
  const count = integer('--shard (count)', m[2], 1, MAX_SHARDS, errors);
  const index = integer('--shard (index)', indexText, 0, count - 1, errors);
  return { index, count };
}

/** `--jobs N`: a whole number of threads from 1 to 256. */
export function parseJobsArg(text: string, errors: string[]): number {
  return integer('--jobs', text, 1, 256, errors);
}

/** The first run index and the number of runs of a shard: shards are contiguous blocks in order, sizes differing by at most one. */
export function shardRange(runs: number, shard: { index: number; count: number } = { index: 0, count: 1 }): { start: number; size: number } {
  const per = Math.floor(runs / shard.count);
  const extra = runs % shard.count;
  return { start: shard.index * per + Math.min(shard.index, extra), size: per + (shard.index < extra ? 1 : 0) };
}

/** The runs (indices r, seed = seed + r) that a shard owns: a contiguous block, so parts merge in order. */
export function shardRuns(runs: number, shard?: { index: number; count: number }): number[] {
  const { start, size } = shardRange(runs, shard);
  return Array.from({ length: size }, (_, k) => start + k);
}
