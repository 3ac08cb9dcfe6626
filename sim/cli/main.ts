/**
 * The headless CLI, as a function of (argv, env, io) so tests run it in-process. Exit codes:
 * 0 done, 1 invalid scenario or lever timeline, 2 bad arguments, 70 internal error.
 * Only the document goes to stdout; progress and errors go to stderr, never a stack trace.
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import { CSV_HEADER, csvRows, JSON_FOOTER, jsonHeader, jsonRun } from '../output';
import { runScenario } from '../run';
import { shardRuns, SIM_COMMAND, USAGE } from './args';
import { prepare, report, type CliIo } from './prepare';

export type { CliIo };

export async function main(argv: readonly string[], env: Record<string, string | undefined>, io: CliIo): Promise<number> {
  try {
    return await run(argv, env, io);
  } catch (err) {
    io.stderr(`error: ${err instanceof Error ? err.message : String(err)}\n`);
    return 70;
  }
}

async function run(argv: readonly string[], env: Record<string, string | undefined>, io: CliIo): Promise<number> {
  const prepared = prepare(argv, env, io, SIM_COMMAND, USAGE);
  if (typeof prepared === 'number') return prepared;
  const { request: req, levers } = prepared;
  const scenario = prepared.scenarios[0];

  const out: WriteStream | undefined = req.out !== undefined ? createWriteStream(req.out) : undefined;
  const write = (text: string) => (out ? out.write(text) : io.stdout(text));
  const runs = shardRuns(req.runs, req.shard);
  const interval = io.progressIntervalMs ?? 500;
  const started = Date.now();
  let lastProgress = started;
  write(req.format === 'json' ? jsonHeader(scenario.name, scenario.population.scale) : CSV_HEADER);
  for (const [k, r] of runs.entries()) {
    const seed = req.seed + r;
    const result = runScenario(scenario, {
      seed,
      months: req.months,
      levers,
      onMonth: (record) => {
        const now = Date.now();
        if (!req.quiet && now - lastProgress >= interval) {
          lastProgress = now;
          io.stderr(`run ${k + 1}/${runs.length} (seed ${seed}): month ${record.month}/${req.months}, ${((now - started) / 1000).toFixed(1)} s\n`);
        }
      },
    });
    if (!result.ok) {
      report(io, 'invalid lever timeline', result.issues);
      out?.end();
      return 1;
    }
    const runOutput = { seed, months: result.value };
    write(req.format === 'json' ? jsonRun(runOutput, k === 0) : csvRows(scenario.name, scenario.population.scale, runOutput));
  }
  if (req.format === 'json') write(JSON_FOOTER);
  if (out) await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
  if (!req.quiet && Date.now() - started >= interval) {
    io.stderr(`done: ${runs.length} run(s) x ${req.months} months in ${((Date.now() - started) / 1000).toFixed(1)} s${req.out ? ` -> ${req.out}` : ''}\n`);
  }
  return 0;
}
