/**
 * `npm run sensitivity -- SCENARIO [--against B] --outcome ID --month M`: Morris screening of every
 * uncertain parameter (sim/uncertainty/sensitivity.ts), printed as a ranked table of mu* and sigma
 * (text), JSON or CSV. Exit codes as `npm run sim` (`exit-codes.ts`).
 */
import { OUTCOMES } from '../comparison/outcomes';
import { defaultJobs } from '../node/run-pool';
import { csvCell } from '../text/csv';
import { MORRIS_DEFAULTS } from '../uncertainty/morris';
import { sensitivity, type SensitivityResult } from '../uncertainty/sensitivity';
import type { CommandShape } from './args';
import { EXIT, EXIT_CODES_TEXT } from './exit-codes';
import { guarded, writeDocument } from './io';
import { prepare, type CliIo } from './prepare';
import { withPoolRunner } from './uncertainty-runs';

export const SENSITIVITY_USAGE = `Usage: npm run sensitivity -- <scenario.json> --outcome ID --month M [options]

Morris elementary effects of every uncertain parameter (the scenario's uncertainty.ranges) on one
outcome at one month: mu* (mean absolute effect, the ranking), mu (mean effect, its direction) and
sigma (spread of the effects: non-linearity or interactions), in the outcome's unit per whole range
of the parameter. One seed, no re-calibration (docs/uncertainty.md).

Options:
  --against B.json  screen B - A instead of A alone (parameters of both, B's ranges where only B has them)
  --outcome ID      one of: ${OUTCOMES.map((o) => o.id).join(', ')}
  --month M         the month of the outcome
  --trajectories R  Morris trajectories (default ${MORRIS_DEFAULTS.trajectories}); runs = R x (parameters + 1), twice with --against
  --levels L        grid levels (default ${MORRIS_DEFAULTS.levels})
  --seed N          the seed of every run (default 1); it also seeds the design
  --scale S         override population.scale (e.g. 0.1)
  --jobs N          runs at once, in worker threads (default: the number of cores); the
                    output is byte-identical whatever N is
  --format F        text (default), json or csv
  --out FILE        write to FILE instead of stdout
  --quiet           no progress on stderr

${EXIT_CODES_TEXT}`;

type Own = 'against' | 'outcome' | 'month' | 'trajectories' | 'levels';

function ownFlags(argv: readonly string[]): { rest: string[]; values: Partial<Record<Own, string>>; errors: string[] } {
  const rest: string[] = [];
  const values: Partial<Record<Own, string>> = {};
  const errors: string[] = [];
  for (let k = 0; k < argv.length; k++) {
    const m = /^--(against|outcome|month|trajectories|levels)(?:=(.*))?$/.exec(argv[k]);
    if (!m) {
      rest.push(argv[k]);
      continue;
    }
    const value = m[2] ?? argv[++k];
    if (value === undefined) errors.push(`--${m[1]}: expected a value, found nothing`);
    else values[m[1] as Own] = value;
  }
  return { rest, values, errors };
}

function whole(flag: string, text: string | undefined, min: number, max: number, fallback: number | undefined, errors: string[]): number {
  if (text === undefined) {
    if (fallback === undefined) errors.push(`--${flag}: expected a whole number from ${min} to ${max}, found nothing`);
    return fallback ?? min;
  }
  const v = Number(text);
  if (!/^\d+$/.test(text) || v < min || v > max) errors.push(`--${flag}: expected a whole number from ${min} to ${max}, found ${JSON.stringify(text)}`);
  return v;
}

const fixed = (v: number) => (Number.isFinite(v) ? Number(v.toPrecision(4)).toString() : '–');

export function sensitivityText(r: SensitivityResult): string {
  const head = ['rank', 'parameter', 'mu*', 'mu', 'sigma', 'range'];
  const body = r.rows.map((row) => [String(row.rank), row.path, fixed(row.muStar), fixed(row.mu), fixed(row.sigma), `${fixed(row.low)}–${fixed(row.high)} (${row.distribution})`]);
  const widths = head.map((h, c) => Math.max(h.length, ...body.map((b) => b[c].length)));
  const line = (cells: string[]) => cells.map((c, k) => c.padEnd(widths[k])).join('  ').trimEnd();
  return `${[
    `Morris screening of ${r.of}, ${r.outcome} at month ${r.month} (${r.unit}; effects per whole range): ${r.trajectories} trajectories, ${r.levels} levels, seed ${r.seed}, ${r.runs} runs`,
    line(head),
    line(widths.map((w) => '-'.repeat(w))),
    ...body.map(line),
  ].join('\n')}\n`;
}

export function sensitivityCsv(r: SensitivityResult): string {
  const cols = ['rank', 'path', 'muStar', 'mu', 'sigma', 'low', 'high', 'distribution'] as const;
  return `${[cols.join(','), ...r.rows.map((row) => cols.map((c) => csvCell(row[c])).join(','))].join('\n')}\n`;
}

const SHAPE_ONE: CommandShape = { scenarios: 1, formats: ['text', 'json', 'csv'], defaultFormat: 'text' };
const SHAPE_TWO: CommandShape = { ...SHAPE_ONE, scenarios: 2 };

export function sensitivityMain(argv: readonly string[], env: Record<string, string | undefined>, io: CliIo): Promise<number> {
  return guarded(io, async () => {
    const own = ownFlags(argv);
    const errors = [...own.errors];
    const outcome = own.values.outcome;
    if (outcome === undefined) errors.push(`--outcome: expected one of ${OUTCOMES.map((o) => o.id).join(', ')}, found nothing`);
    else if (!OUTCOMES.some((o) => o.id === outcome)) errors.push(`--outcome: expected one of ${OUTCOMES.map((o) => o.id).join(', ')}, found ${JSON.stringify(outcome)}`);
    const month = whole('month', own.values.month, 1, 2400, undefined, errors);
    const trajectories = whole('trajectories', own.values.trajectories, 1, 10_000, MORRIS_DEFAULTS.trajectories, errors);
    const levels = whole('levels', own.values.levels, 2, 100, MORRIS_DEFAULTS.levels, errors);
    // B after A: the shared parser takes positional arguments in order.
    const positional = own.values.against === undefined ? own.rest : [...own.rest, own.values.against];
    if (errors.length > 0 && !argv.includes('--help')) {
      io.stderr(`${errors.map((e) => `error: ${e}`).join('\n')}\n\n${SENSITIVITY_USAGE}\n`);
      return EXIT.badArguments;
    }
    const prepared = prepare([...positional, '--months', String(month)], env, io, own.values.against === undefined ? SHAPE_ONE : SHAPE_TWO, SENSITIVITY_USAGE);
    if (typeof prepared === 'number') return prepared;
    const { request: req, scenarios, levers } = prepared;
    const result = await withPoolRunner(io, req.quiet, req.jobs ?? defaultJobs(), 'runs', (runner) =>
      sensitivity({ scenario: scenarios[0], levers }, scenarios[1] ? { scenario: scenarios[1], levers } : undefined, outcome as string, month, { trajectories, levels, seed: req.seed }, runner),
    );
    const text = req.format === 'json' ? `${JSON.stringify(result, null, 2)}\n` : req.format === 'csv' ? sensitivityCsv(result) : sensitivityText(result);
    await writeDocument(io, req.out, text);
    return EXIT.ok;
  });
}
