/**
 * The headless CLI, as a function of (argv, env, io) so tests run it in-process. Exit codes:
 * 0 done, 1 invalid input (scenario, lever timeline, or a run whose figures overflow), 2 bad
 * arguments, 70 internal error, 74 the output could not be written.
 * Only the document goes to stdout; progress, warnings and errors go to stderr, never a stack
 * trace. Every input is checked before the first byte of output; `--out` is replaced only by a
 * complete document (see `sim/node/sink.ts`).
 */
import { defaultJobs, runMany } from '../node/run-pool';
import { recordsOf, type RunTask } from '../node/run-task';
import { jsonFooter, jsonHeader, jsonRunLine } from '../output';
import { TIDY_HEADER as CSV_HEADER, tidyRunRows } from '../outputs/tidy';
import { ENGINE_VERSION } from '../version';
import { shardRange, shardRuns, SIM_COMMAND, USAGE } from './args';
import { EXIT } from './exit-codes';
import { commitWithManifest, guarded, openSink, terminalSafe } from './io';
import { printObserved } from './observed';
import { BodyDigest, manifestFileText, manifestOf, manifestPathFor, MANIFEST_FORMAT, sha256, type Experiment } from './manifest';
import { prepare, report, runProgress, type CliIo } from './prepare';

export type { CliIo };

export function main(argv: readonly string[], env: Record<string, string | undefined>, io: CliIo): Promise<number> {
  const safe = terminalSafe(io);
  return guarded(safe, () => run(argv, env, safe));
}

async function run(argv: readonly string[], env: Record<string, string | undefined>, io: CliIo): Promise<number> {
  const prepared = prepare(argv, env, io, SIM_COMMAND, USAGE);
  if (typeof prepared === 'number') return prepared;
  const { request: req, levers } = prepared;
  const scenario = prepared.scenarios[0];
  if (req.observed !== undefined) return printObserved(io, req, scenario, levers, req.observed);
  const csv = req.format === 'csv';
  const shard = req.shard ?? { index: 0, count: 1 };
  const runs = shardRuns(req.runs, shard);
  const experiment: Experiment = {
    format: MANIFEST_FORMAT,
    engine: ENGINE_VERSION,
    output: csv ? 'csv' : 'json',
    scenario: sha256(JSON.stringify(scenario)),
    levers: sha256(JSON.stringify(levers)),
    scale: scenario.population.scale,
    months: req.months,
    seed: req.seed,
    runs: req.runs,
  };
  const header = csv ? CSV_HEADER : jsonHeader(scenario.name, scenario.population.scale);
  const body = new BodyDigest(header);

  const progress = runProgress(io, req.quiet, runs.length);
  const tasks = runs.map((r): RunTask => ({ scenario, seed: req.seed + r, months: req.months, levers, keep: 'records' }));
  const sink = await openSink(io, req.out);
  try {
    await sink.write(header);
    let k = 0;
    for await (const result of runMany(tasks, { jobs: req.jobs ?? defaultJobs(), onProgress: (done) => progress.update(done) })) {
      if (!result.ok) {
        await sink.discard();
        report(io, `run ${k + 1}/${runs.length} (seed ${result.seed}) stopped${req.out ? `; ${req.out} was not changed` : ''}`, result.issues);
        return EXIT.invalidInput;
      }
      const { records, markets } = recordsOf(result);
      if (csv) {
        const label = { scenario: scenario.name, variant: '', run: runs[k], seed: result.seed };
        const rows = tidyRunRows(label, records, (m) => markets[m], scenario.population.scale);
        body.add(rows);
        await sink.write(rows);
      } else {
        const line = JSON.stringify({ seed: result.seed, months: records });
        body.add(`${line}\n`);
        await sink.write(jsonRunLine(line, k === 0));
      }
      k++;
    }
    const manifest = manifestOf(experiment, {
      shard: `${shard.index}/${shard.count}`,
      firstSeed: req.seed + shardRange(req.runs, shard).start,
      count: runs.length,
      rows: body.rows,
      digest: body.value(),
    });
    if (!csv) await sink.write(jsonFooter(manifest));
    await commitWithManifest(io, sink, csv && req.out !== undefined ? { path: manifestPathFor(req.out), text: manifestFileText(manifest) } : undefined);
  } catch (err) {
    await sink.discard();
    throw err;
  }
  progress.finish(req.out ? `-> ${req.out}` : '');
  return EXIT.ok;
}
