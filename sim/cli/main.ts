/**
 * The headless CLI, as a function of (argv, env, io) so tests run it in-process. Exit codes:
 * 0 done, 1 invalid scenario or lever timeline, 2 bad arguments, 70 internal error.
 * Only the document goes to stdout; progress and errors go to stderr, never a stack trace.
 */
import { createWriteStream, existsSync, readFileSync, type WriteStream } from 'node:fs';
import type { LeverChange } from '../api-types';
import { loadScenarioFile } from '../node/files';
import { CSV_HEADER, csvRows, JSON_FOOTER, jsonHeader, jsonRun } from '../output';
import { applyLever, runScenario } from '../run';
import type { Scenario } from '../scenario/schema';
import type { ValidationIssue } from '../scenario/validate';
import { parseLeverTimeline } from '../levers';
import { parseArgs, shardRuns, USAGE } from './args';

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** progress lines are throttled to one per this many ms */
  progressIntervalMs?: number;
}

function report(io: CliIo, heading: string, issues: readonly ValidationIssue[]): void {
  io.stderr(`${heading}\n${issues.map((i) => `  - ${i.message}`).join('\n')}\n`);
}

export async function main(argv: readonly string[], env: Record<string, string | undefined>, io: CliIo): Promise<number> {
  try {
    return await run(argv, env, io);
  } catch (err) {
    io.stderr(`error: ${err instanceof Error ? err.message : String(err)}\n`);
    return 70;
  }
}

async function run(argv: readonly string[], env: Record<string, string | undefined>, io: CliIo): Promise<number> {
  const parsed = parseArgs(argv, env);
  if (!parsed.ok) {
    if (parsed.help) {
      io.stdout(`${USAGE}\n`);
      return 0;
    }
    io.stderr(`${parsed.errors.map((e) => `error: ${e}`).join('\n')}\n\n${USAGE}\n`);
    return 2;
  }
  const req = parsed.request;
  const loaded = loadScenarioFile(req.scenarioPath);
  if (!loaded.ok) {
    report(io, `${req.scenarioPath}: invalid scenario`, loaded.issues);
    return 1;
  }
  let scenario: Scenario = loaded.value;
  if (req.scale !== undefined) {
    const scaled = applyLever(scenario, 'population.scale', req.scale);
    if (!scaled.ok) {
      report(io, '--scale: invalid', scaled.issues);
      return 1;
    }
    scenario = scaled.value;
  }
  let levers: LeverChange[] = [];
  if (req.leversPath !== undefined) {
    if (!existsSync(req.leversPath)) {
      io.stderr(`error: --levers: no file at ${req.leversPath}\n`);
      return 2;
    }
    const timeline = parseLeverTimeline(readFileSync(req.leversPath, 'utf8'));
    if (!timeline.ok) {
      report(io, `${req.leversPath}: invalid lever timeline`, timeline.issues);
      return 1;
    }
    levers = timeline.value;
  }

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
