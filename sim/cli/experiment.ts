/**
 * `npm run experiment -- exp.json --out DIR [--jobs N] [--shard I/K] [--merge] [--quiet]`: runs
 * an experiment file (`sim/experiment/schema.ts`) and writes its run table and results into DIR
 * (`sim/experiment/outputs.ts`). With `--shard I/K` it runs only that block of the runs and leaves
 * its part in DIR/parts; `--merge` then makes the outputs from all K parts, the same bytes one
 * process running everything writes. Exit codes as `npm run sim` (`exit-codes.ts`).
 */
import { createHash } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { loadExperimentFile, variantScenario, type Plan } from '../experiment/plan';
import { writeOutputs } from '../experiment/outputs';
import { checkParts, partName, partsDir, readParts, runLine, shardRunIds, PART_FORMAT, type PartManifest, type Shard } from '../experiment/parts';
import { defaultJobs, runMany } from '../node/run-pool';
import { measuresOf, type RunTask } from '../node/run-task';
import { fileSink } from '../node/sink';
import type { Scenario } from '../scenario/schema';
import { parseJobsArg, parseShardArg, splitFlag } from './args';
import { EXIT, EXIT_CODES_TEXT } from './exit-codes';
import { guarded, writeWhole } from './io';
import { parseFailure, report, runProgress, type CliIo } from './prepare';
import { closestName } from '../scenario/validate';

export const EXPERIMENT_USAGE = `Usage: npm run experiment -- <experiment.json> --out DIR [options]

Runs every variant of the experiment for every seed and writes into DIR: runs.csv (the run
table: run id, scenario, variant, seed, every changed parameter, digest), variants.csv,
results.csv (tidy), quantiles.csv, wide/<measure>.csv and results.parquet (docs/experiments.md).

Options:
  --out DIR        the results folder (required)
  --jobs N         runs at once, in worker threads (default: the number of cores); the
                   outputs are byte-identical whatever N is
  --shard I/K      run only block I of K (0-based) of the runs and leave its part in
                   DIR/parts; I may be "env" (JOB_COMPLETION_INDEX or SLURM_ARRAY_TASK_ID)
  --merge          make the outputs from the K parts in DIR/parts (then removed): the same
                   bytes one process running everything writes
  --check          check the file and print the plan (variants, runs); run nothing
  --quiet          no progress on stderr
  --help           this text

${EXIT_CODES_TEXT}`;

const FLAGS = ['--out', '--jobs', '--shard', '--merge', '--check', '--quiet', '--help'];

interface Request {
  file: string;
  out?: string;
  jobs?: number;
  shard?: Shard;
  merge: boolean;
  check: boolean;
  quiet: boolean;
}

function parse(argv: readonly string[], env: Record<string, string | undefined>): { ok: true; request: Request } | { ok: false; errors: string[]; help?: boolean } {
  const errors: string[] = [];
  const positional: string[] = [];
  const req: Omit<Request, 'file'> = { merge: false, check: false, quiet: false };
  for (let k = 0; k < argv.length; k++) {
    const arg = argv[k];
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const [flag, inline] = splitFlag(arg);
    if (flag === '--help') return { ok: false, errors: [], help: true };
    if (!FLAGS.includes(flag)) {
      const guess = closestName(flag, FLAGS);
      errors.push(`${flag}: unknown option${guess ? ` (did you mean ${guess}?)` : ''}`);
      continue;
    }
    if (flag === '--merge' || flag === '--check' || flag === '--quiet') {
      req[flag.slice(2) as 'merge' | 'check' | 'quiet'] = true;
      continue;
    }
    const value = inline ?? argv[++k];
    if (value === undefined) {
      errors.push(`${flag}: expected a value, found nothing`);
      continue;
    }
    if (flag === '--out') req.out = value;
    if (flag === '--jobs') req.jobs = parseJobsArg(value, errors);
    if (flag === '--shard') req.shard = parseShardArg(value, env, errors);
  }
  if (positional.length !== 1) errors.push(`expected one experiment file, found ${positional.length === 0 ? 'nothing' : positional.join(', ')}`);
  if (req.out === undefined && !req.check) errors.push('--out: expected the results folder, found nothing');
  if (req.merge && req.shard) errors.push('--merge: not with --shard (the merge reads every shard\u2019s part)');
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, request: { ...req, file: positional[0] } };
}

/** The plan in a few lines, for --check. */
function planText(plan: Plan): string {
  const running = plan.variants.filter((v) => v.runsAs === undefined).length;
  const lines = [
    `${plan.experiment.name}: ${plan.scenarios.length} scenario(s), ${plan.variants.length} variant(s) (${running} run, ${plan.variants.length - running} stand on another's runs), ${plan.seeds.length} seed(s), ${plan.runs.length} runs of ${plan.experiment.months} months at scale ${plan.experiment.scale}`,
    `parameters: ${plan.parameters.join(', ') || '(none)'}`,
    `measures: ${plan.measures.join(', ')}`,
  ];
  return `${lines.join('\n')}\n`;
}

/** The tasks of a block of runs, made one at a time; a variant's scenario is built once for its run of seeds. */
function* tasksOf(plan: Plan, first: number, count: number): Generator<RunTask> {
  let built: { variant: number; scenario: Scenario } | undefined;
  for (let id = first; id < first + count; id++) {
    const run = plan.runs[id];
    if (built?.variant !== run.variant) built = { variant: run.variant, scenario: variantScenario(plan, plan.variants[run.variant]) };
    yield { scenario: built.scenario, seed: run.seed, months: plan.experiment.months, levers: [], keep: { measures: plan.measures } };
  }
}

/** Run a shard's block and write its part; undefined when a run stopped (reported). */
async function runShard(io: CliIo, req: Request & { out: string }, plan: Plan, shard: Shard): Promise<number> {
  const { first, count } = shardRunIds(plan, shard);
  const name = join(partsDir(req.out), partName(shard));
  const progress = runProgress(io, req.quiet, count);
  mkdirSync(partsDir(req.out), { recursive: true });
  const sink = await fileSink(`${name}.jsonl`);
  const hash = createHash('sha256');
  try {
    let id = first;
    for await (const result of runMany(tasksOf(plan, first, count), { jobs: req.jobs ?? defaultJobs(), total: count, onProgress: (done) => progress.update(done) })) {
      if (!result.ok) {
        await sink.discard();
        const v = plan.variants[plan.runs[id].variant];
        report(io, `run ${id} (variant ${v.name}, seed ${result.seed}) stopped`, result.issues);
        return EXIT.invalidInput;
      }
      const line = runLine(id, measuresOf(result));
      hash.update(line);
      await sink.write(line);
      id++;
    }
    await sink.commit();
  } catch (err) {
    await sink.discard();
    throw err;
  }
  const manifest: PartManifest = { format: PART_FORMAT, experiment: plan.digest, shard: `${shard.index}/${shard.count}`, first, count, digest: `sha256:${hash.digest('hex')}` };
  await writeWhole(io, `${name}.json`, `${JSON.stringify(manifest, null, 2)}\n`);
  progress.finish(`-> ${shard.count > 1 ? `${name}.jsonl` : req.out}`);
  return EXIT.ok;
}

async function merge(io: CliIo, out: string, plan: Plan): Promise<number> {
  const parts = checkParts(plan, out);
  if (!parts.ok) {
    io.stderr(`error: ${parts.message}\n`);
    return EXIT.invalidInput;
  }
  await writeOutputs(plan, out, readParts(plan, parts.parts));
  rmSync(partsDir(out), { recursive: true, force: true });
  return EXIT.ok;
}

export function experimentMain(argv: readonly string[], env: Record<string, string | undefined>, io: CliIo): Promise<number> {
  return guarded(io, async () => {
    const parsed = parse(argv, env);
    if (!parsed.ok) return parseFailure(io, parsed, EXPERIMENT_USAGE);
    const req = parsed.request;
    const plan = loadExperimentFile(req.file);
    if (!plan.ok) {
      report(io, `${req.file}: invalid experiment`, plan.issues);
      return EXIT.invalidInput;
    }
    if (req.check) {
      io.stdout(planText(plan.value));
      return EXIT.ok;
    }
    const out = req.out as string;
    if (req.merge) return merge(io, out, plan.value);
    // One process runs everything as the single part 0/1: parts left from another run would not belong.
    if (!req.shard) rmSync(partsDir(out), { recursive: true, force: true });
    const code = await runShard(io, { ...req, out }, plan.value, req.shard ?? { index: 0, count: 1 });
    if (code !== EXIT.ok || req.shard) return code;
    return merge(io, out, plan.value);
  });
}
