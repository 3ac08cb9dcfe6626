/**
 * `npm run council -- import FILE.csv [--base B.json] [--year YYYY] --out NEW.json`: a scenario
 * that extends the base with the councils of a CSV in DfE's local-authority layout (the councils
 * list replaces the base's, as lists do under `extends`), each figure citing its line and column.
 * `npm run council -- export [--scenario S.json] [--out FILE.csv]`: a scenario's councils in that
 * layout, so that an export imports back to the same councils. The layout: docs/councils.md
 * ("Import your council"), sim/outputs/council-csv.ts. Exit codes as `npm run sim` (`exit-codes.ts`).
 */
import { realpathSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { DEFAULT_START_DATE } from '../dates';
import { loadScenarioText } from '../load-scenario';
import { directoryLoader, loadScenarioFile, readFileBounded, SCENARIO_DIR, shippedScenarioNames } from '../node/files';
import { outputTarget } from '../node/sink';
import { councilsFromRows } from '../outputs/council-import';
import { councilsCsv, readCouncilRows, REQUIRED_COLUMNS } from '../outputs/council-csv';
import { decodeUtf8 } from '../scenario/json';
import type { Council } from '../scenario/councils/schema';
import { SHARED_BY_CHILDREN } from '../scenario/councils/derive';
import type { Scenario } from '../scenario/schema';
import { issue, type ValidationIssue } from '../scenario/issues';
import { EXIT, EXIT_CODES_TEXT } from './exit-codes';
import { guarded, terminalSafe, writeDocument } from './io';
import { parseFailure, report, type CliIo } from './prepare';

export const DEFAULT_BASE = 'north-east-councils.json';
/** Largest CSV read: DfE's national files of every year are a few MB. */
export const MAX_COUNCIL_CSV_BYTES = 50_000_000;

export const COUNCIL_USAGE = `Usage: npm run council -- import FILE.csv [--base B.json] [--year YYYY] --out NEW.json
       npm run council -- export [--scenario S.json] [--out FILE.csv]

import  writes NEW.json: a scenario that extends B.json (default scenarios/${DEFAULT_BASE}) with the
        councils of FILE.csv, a table in DfE's local-authority layout (one row per council and
        year; columns: docs/councils.md, "Import your council"). Required columns:
        ${REQUIRED_COLUMNS.join(', ')}. Rows whose geographic_level is not "Local authority"
        are skipped; a DfE suppression code (c, z, x, u, low, k, or empty) gives null, and the
        region's figure is used. NEW.json must be in B.json's folder unless B.json is shipped.
  --base B.json     the scenario to extend (default scenarios/${DEFAULT_BASE})
  --year YYYY       the rows of this time_period (default: the year of B.json's startDate)
  --out NEW.json    the scenario to write (replaced only when complete and valid)

export  writes the councils of S.json (default scenarios/${DEFAULT_BASE}) in the same layout,
        time_period the year of its startDate.
  --scenario S.json the scenario whose councils to write
  --out FILE.csv    write to FILE.csv instead of stdout

${EXIT_CODES_TEXT}`;

interface Flags {
  positional: string[];
  values: Record<string, string>;
  errors: string[];
  help: boolean;
}

function flags(argv: readonly string[], allowed: readonly string[]): Flags {
  const out: Flags = { positional: [], values: {}, errors: [], help: false };
  for (let k = 0; k < argv.length; k++) {
    const arg = argv[k];
    if (arg === '--help' || arg === '-h') {
      out.help = true;
      continue;
    }
    const m = /^--([a-z-]+)(?:=(.*))?$/s.exec(arg);
    if (!m) {
      out.positional.push(arg);
      continue;
    }
    if (!allowed.includes(m[1])) {
      out.errors.push(`${arg.split('=')[0]}: expected one of ${allowed.map((a) => `--${a}`).join(', ')}, found an unknown option`);
      continue;
    }
    const value = m[2] ?? argv[++k];
    if (value === undefined) out.errors.push(`--${m[1]}: expected a value, found nothing`);
    else if (m[1] in out.values) out.errors.push(`--${m[1]}: expected once, found twice`);
    else out.values[m[1]] = value;
  }
  return out;
}

export function councilMain(argv: readonly string[], _env: Record<string, string | undefined>, io: CliIo): Promise<number> {
  const safe = terminalSafe(io);
  return guarded(safe, async () => {
    const [command, ...rest] = argv;
    if (command === 'import') return importCouncils(rest, safe);
    if (command === 'export') return exportCouncils(rest, safe);
    const help = command === '--help' || command === '-h';
    return parseFailure(safe, { errors: [`expected import or export, found ${command === undefined ? 'nothing' : JSON.stringify(command)}`], help }, COUNCIL_USAGE);
  });
}

const yearOfStart = (s: Scenario) => Number((s.startDate ?? DEFAULT_START_DATE).slice(0, 4));

/** The scenario at `path`, or exit 1 after saying why. */
function loadOrReport(io: CliIo, path: string): Scenario | number {
  const loaded = loadScenarioFile(path);
  if (loaded.ok) return loaded.value;
  report(io, `${path}: invalid scenario`, loaded.issues);
  return EXIT.invalidInput;
}

const sameFolder = (a: string, b: string) => {
  try {
    return realpathSync(dirname(resolve(a))) === realpathSync(dirname(resolve(b)));
  } catch {
    return false;
  }
};

/**
 * What NEW.json's `extends` says to reach the base: a shipped scenario by its name, any other by
 * its file name in NEW.json's own folder (the only places `extends` may point: sim/scenario/extends.ts).
 */
function extendsName(base: string, out: string): { ok: true; name: string } | { ok: false; error: string } {
  const name = basename(base);
  if (resolve(base) === resolve(out) || (sameFolder(base, out) && name === basename(out))) return { ok: false, error: `--out: expected a file other than the base (it would extend itself), found ${out}` };
  const shipped = shippedScenarioNames().includes(name);
  if (shipped && sameFolder(base, join(SCENARIO_DIR, name))) return { ok: true, name };
  if (!shipped && sameFolder(base, out)) return { ok: true, name };
  const why = shipped ? 'a file named as a shipped scenario, which `extends` would read instead' : `a file outside ${dirname(out)}`;
  return { ok: false, error: `--base: expected a shipped scenario or a .json file in the folder of --out (\`extends\` names a file only by its name), found ${base} (${why})` };
}

/** Issues about `councils[k]` get the CSV line that council came from. */
function withLines(issues: readonly ValidationIssue[], lines: readonly number[], file: string): ValidationIssue[] {
  return issues.map((i) => {
    const m = /^councils\[(\d+)\]/.exec(i.path);
    const line = m ? lines[Number(m[1])] : undefined;
    return line === undefined ? i : { ...i, message: `${file} line ${line}: ${i.message}` };
  });
}

/**
 * What the written scenario takes from the base that may not fit the councils read: the base's
 * start date (its month 0 is the 31 March the figures should describe), and the region's amounts
 * (budgets, social workers, arrivals), which derive.ts shares between the councils by children.
 */
export function importWarnings(base: Scenario, councils: readonly Council[], year: number, baseName: string): string[] {
  const out: string[] = [];
  const start = base.startDate ?? DEFAULT_START_DATE;
  if (year !== yearOfStart(base)) out.push(`the figures are for time_period ${year}, but ${baseName} starts in ${start}: its month 0 is 31 March ${yearOfStart(base)} (set startDate in the new file to move it)`);
  const children = councils.reduce((sum, c) => sum + c.children, 0);
  const region = base.population.children;
  if (Math.abs(children - region) > 0.01 * region) {
    out.push(
      `the councils have ${children} children and ${baseName}'s region ${region}: the region's amounts (${SHARED_BY_CHILDREN.join(', ')}) are shared between these councils by children, so scale them in the new file if these councils are not that region`,
    );
  }
  return out;
}

async function importCouncils(argv: readonly string[], io: CliIo): Promise<number> {
  const f = flags(argv, ['base', 'year', 'out']);
  if (f.positional.length !== 1) f.errors.push(`expected one CSV file, found ${f.positional.length === 0 ? 'none' : f.positional.map((p) => JSON.stringify(p)).join(', ')}`);
  const out = f.values.out;
  if (out === undefined) f.errors.push('--out: expected the scenario file to write, found nothing');
  const yearText = f.values.year;
  if (yearText !== undefined && !/^\d{4}$/.test(yearText)) f.errors.push(`--year: expected a year such as 2021, found ${JSON.stringify(yearText)}`);
  const basePath = f.values.base ?? join(SCENARIO_DIR, DEFAULT_BASE);
  const target = out === undefined ? undefined : extendsName(basePath, out);
  if (target && !target.ok) f.errors.push(target.error);
  if (f.help || f.errors.length > 0 || out === undefined || !target?.ok) return parseFailure(io, f, COUNCIL_USAGE);
  // A target that can never be written is refused (exit 74) before anything is read.
  outputTarget(out);

  const base = loadOrReport(io, basePath);
  if (typeof base === 'number') return base;
  const year = yearText !== undefined ? Number(yearText) : yearOfStart(base);
  const path = f.positional[0];
  const file = basename(path);
  const read = readFileBounded(path, MAX_COUNCIL_CSV_BYTES);
  const text = read.ok ? decodeUtf8(read.bytes, file) : { ok: false as const, issues: [issue(path, 'a council CSV file', read.why === 'no such file' ? `no file at ${path}` : read.why)] };
  if (!text.ok) {
    report(io, `${path}: cannot read`, text.issues);
    return EXIT.invalidInput;
  }
  const rows = readCouncilRows(text.value, file, year);
  const councils = rows.ok ? councilsFromRows(rows.value.rows, rows.value.years, { file, year, base: base.councils ?? [], baseName: target.name }) : rows;
  if (!councils.ok) {
    report(io, `${path}: not a council table (nothing written)`, councils.issues);
    return EXIT.invalidInput;
  }
  const doc = {
    extends: target.name,
    name: `${base.name}: councils from ${file} (${year})`,
    description: `${base.description} The councils are those of ${file}, time_period ${year} (npm run council -- import; each figure's line and column in the council's sources).`,
    citations: { councils: `${file}, time_period ${year}: ${councils.value.length} councils, read by npm run council -- import (docs/councils.md); each council's sources give the line and column of each figure` },
    councils: councils.value,
  };
  const json = `${JSON.stringify(doc, null, 2)}\n`;
  // Checked as it will be read: from its own folder, its `extends` resolved.
  const valid = loadScenarioText(json, basename(out), directoryLoader(dirname(resolve(out))));
  if (!valid.ok) {
    report(io, `${out}: the imported scenario would be invalid (nothing written)`, withLines(valid.issues, rows.ok ? rows.value.rows.map((r) => r.line) : [], file));
    return EXIT.invalidInput;
  }
  await writeDocument(io, out, json);
  io.stderr(`${out}: ${councils.value.length} council${councils.value.length === 1 ? '' : 's'} from ${path} (time_period ${year}), extending ${target.name}\n`);
  for (const w of importWarnings(base, councils.value, year, target.name)) io.stderr(`warning: ${w}\n`);
  return EXIT.ok;
}

async function exportCouncils(argv: readonly string[], io: CliIo): Promise<number> {
  const f = flags(argv, ['scenario', 'out']);
  if (f.positional.length > 0) f.errors.push(`expected no file without --scenario or --out, found ${f.positional.map((p) => JSON.stringify(p)).join(', ')}`);
  if (f.help || f.errors.length > 0) return parseFailure(io, f, COUNCIL_USAGE);
  const path = f.values.scenario ?? join(SCENARIO_DIR, DEFAULT_BASE);
  if (f.values.out !== undefined) outputTarget(f.values.out);
  const scenario = loadOrReport(io, path);
  if (typeof scenario === 'number') return scenario;
  if (!scenario.councils) {
    report(io, `${path}: nothing to export`, [issue('councils', 'a scenario with councils (docs/councils.md)', 'none')]);
    return EXIT.invalidInput;
  }
  await writeDocument(io, f.values.out, councilsCsv(scenario.councils, yearOfStart(scenario)));
  return EXIT.ok;
}
