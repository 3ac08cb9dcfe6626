/**
 * The steps every command shares before it simulates: parse the arguments, load and validate the
 * scenario file(s), apply `--scale`, read `--levers`. Each failure is reported on stderr with its
 * exit code (1 invalid input, 2 bad arguments), never thrown.
 */
import { existsSync, readFileSync } from 'node:fs';
import type { LeverChange } from '../levers';
import { parseLeverTimeline } from '../levers';
import { loadScenarioFile } from '../node/files';
import { applyLever } from '../run';
import type { Scenario } from '../scenario/schema';
import type { ValidationIssue } from '../scenario/validate';
import { parseArgs, type CliRequest, type CommandShape } from './args';

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** progress lines are throttled to one per this many ms */
  progressIntervalMs?: number;
}

export interface Prepared {
  request: CliRequest;
  scenarios: Scenario[];
  levers: LeverChange[];
}

export function report(io: CliIo, heading: string, issues: readonly ValidationIssue[]): void {
  io.stderr(`${heading}\n${issues.map((i) => `  - ${i.message}`).join('\n')}\n`);
}

/** A prepared request, or the exit code after the problem was reported (0 for --help). */
export function prepare(argv: readonly string[], env: Record<string, string | undefined>, io: CliIo, shape: CommandShape, usage: string): Prepared | number {
  const parsed = parseArgs(argv, env, shape);
  if (!parsed.ok) {
    if (parsed.help) {
      io.stdout(`${usage}\n`);
      return 0;
    }
    io.stderr(`${parsed.errors.map((e) => `error: ${e}`).join('\n')}\n\n${usage}\n`);
    return 2;
  }
  const req = parsed.request;
  const scenarios: Scenario[] = [];
  for (const path of req.scenarioPaths) {
    const loaded = loadScenarioFile(path);
    if (!loaded.ok) {
      report(io, `${path}: invalid scenario`, loaded.issues);
      return 1;
    }
    let scenario = loaded.value;
    if (req.scale !== undefined) {
      const scaled = applyLever(scenario, 'population.scale', req.scale);
      if (!scaled.ok) {
        report(io, '--scale: invalid', scaled.issues);
        return 1;
      }
      scenario = scaled.value;
    }
    scenarios.push(scenario);
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
  return { request: req, scenarios, levers };
}
