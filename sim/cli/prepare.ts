/**
 * The steps every command shares before it simulates: parse the arguments, load and validate the
 * scenario file(s), apply `--scale`, read `--levers` and check the whole timeline against each
 * scenario. Each failure is reported on stderr with its exit code (1 invalid input, 2 bad
 * arguments), never thrown; nothing is written to stdout or `--out` before all of this passed.
 */
import { existsSync } from 'node:fs';
import type { LeverChange } from '../levers';
import { checkLeverTimeline, leversNeverApplied } from '../levers';
import { loadScenarioFile, MAX_LEVERS_BYTES, readJsonFile } from '../node/files';
import { progressReporter, type Progress } from '../node/progress';
import { outputTarget, type OpenFile } from '../node/sink';
import { applyLever } from '../run';
import type { Scenario } from '../scenario/schema';
import { capIssues, type ValidationIssue } from '../scenario/validate';
import { parseArgs, type CliRequest, type CommandShape } from './args';
import { EXIT } from './exit-codes';

export interface CliIo {
  /** the document; may return `false` when its buffer is full (then `drained` is awaited) */
  stdout: (text: string) => unknown;
  stderr: (text: string) => void;
  /** resolves when stdout can take more (e.g. `once(process.stdout, 'drain')`) */
  drained?: () => Promise<unknown>;
  /** opens the temporary file behind `--out` (tests inject slow or failing streams) */
  openFile?: OpenFile;
  /** progress lines are throttled to one per this many ms */
  progressIntervalMs?: number;
  /** stderr is a terminal: progress rewrites one line instead of appending plain lines */
  stderrIsTTY?: boolean;
}

export interface Prepared {
  request: CliRequest;
  scenarios: Scenario[];
  /** the lever timeline, checked against every scenario, in the order a run applies it */
  levers: LeverChange[];
}

/** Progress of `total` runs on stderr, or nothing with `--quiet`. */
export function runProgress(io: CliIo, quiet: boolean, total: number, unit = 'runs'): Progress {
  if (quiet) return { update: () => {}, finish: () => {} };
  const tty = io.stderrIsTTY ?? false;
  return progressReporter({ total, unit, tty, write: io.stderr, intervalMs: io.progressIntervalMs ?? (tty ? 200 : 5000) });
}

export function report(io: CliIo, heading: string, issues: readonly ValidationIssue[]): void {
  io.stderr(`${heading}\n${capIssues(issues).map((i) => `  - ${i.message}`).join('\n')}\n`);
}

/** Arguments that did not parse: the usage for --help (exit 0), else the errors and the usage on stderr (exit 2). */
export function parseFailure(io: CliIo, parsed: { errors: string[]; help?: boolean }, usage: string): number {
  if (parsed.help) {
    io.stdout(`${usage}\n`);
    return EXIT.ok;
  }
  io.stderr(`${parsed.errors.map((e) => `error: ${e}`).join('\n')}\n\n${usage}\n`);
  return EXIT.badArguments;
}

/** A prepared request, or the exit code after the problem was reported (0 for --help). */
export function prepare(argv: readonly string[], env: Record<string, string | undefined>, io: CliIo, shape: CommandShape, usage: string): Prepared | number {
  const parsed = parseArgs(argv, env, shape);
  if (!parsed.ok) return parseFailure(io, parsed, usage);
  const req = parsed.request;
  const scenarios: Scenario[] = [];
  for (const path of req.scenarioPaths) {
    const loaded = loadScenarioFile(path);
    if (!loaded.ok) {
      report(io, `${path}: invalid scenario`, loaded.issues);
      return EXIT.invalidInput;
    }
    let scenario = loaded.value;
    if (req.scale !== undefined) {
      const scaled = applyLever(scenario, 'population.scale', req.scale);
      if (!scaled.ok) {
        report(io, '--scale: invalid', scaled.issues);
        return EXIT.invalidInput;
      }
      scenario = scaled.value;
    }
    scenarios.push(scenario);
  }
  let levers: LeverChange[] = [];
  if (req.leversPath !== undefined) {
    if (!existsSync(req.leversPath)) {
      io.stderr(`error: --levers: no file at ${req.leversPath}\n`);
      return EXIT.badArguments;
    }
    const data = readJsonFile(req.leversPath, MAX_LEVERS_BYTES, 'a lever timeline file');
    if (!data.ok) {
      report(io, `${req.leversPath}: invalid lever timeline`, data.issues);
      return EXIT.invalidInput;
    }
    for (const [k, scenario] of scenarios.entries()) {
      const timeline = checkLeverTimeline(scenario, data.value);
      if (!timeline.ok) {
        const against = scenarios.length > 1 ? ` (against ${req.scenarioPaths[k]})` : '';
        report(io, `${req.leversPath}: invalid lever timeline${against}`, timeline.issues);
        return EXIT.invalidInput;
      }
      levers = timeline.value;
    }
    for (const warning of leversNeverApplied(levers, req.months)) io.stderr(`warning: ${warning}\n`);
  }
  // A target that can never be written (a folder, a device, a pipe) is refused before any run (exit 74).
  if (req.out !== undefined) outputTarget(req.out);
  return { request: req, scenarios, levers };
}
