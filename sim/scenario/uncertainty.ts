/**
 * Checks of a scenario's `uncertainty` block that the JSON Schema cannot express.
 *
 * - Its shape, on every validation (`uncertaintyIssues`): each ranged or calibrated path names a
 *   numeric model parameter of this scenario, low < high within what the field allows, a
 *   loguniform range stays above 0, no path is both ranged and calibrated.
 * - Its values, once when a scenario file is loaded (`rangeValueIssues`): each range holds the
 *   scenario's own value (low <= value <= high). Not on lever changes: a lever or the scenario's
 *   timeline may move a parameter outside its range during a run; the ranges describe the start.
 *
 * Duplicate paths are refused earlier, by the JSON reader (a key given twice is an error there).
 * A path both ranged and declared `fixed` is ranged: a child scenario may range what its parent
 * fixed (e.g. the providers' claims, fixed in the baseline, ranged in homes-as-early-option.json).
 */
import { describeFound, issue, joinPath, type ValidationIssue } from './issues';
import { valueAtPath } from './paths';
import type { Scenario } from './schema';
import { numericLeaf, type SchemaLeaf } from './schema-leaves';

/** Numeric fields that are settings of a run, not claims about the world. */
const NOT_UNCERTAIN = new Set(['population.scale', 'prices.baseYear']);

const PARAMETER = 'the dotted path of a numeric model parameter in this scenario (e.g. "earlyHelp.successShare")';

function bounds(leaf: SchemaLeaf): { min: number; max: number; strictMin: boolean } {
  const strictMin = leaf.exclusiveMinimum !== undefined;
  return { min: leaf.exclusiveMinimum ?? leaf.minimum ?? -Infinity, max: leaf.maximum ?? Infinity, strictMin };
}

function pathIssue(s: Scenario, at: (string | number)[], path: string): { leaf: SchemaLeaf } | ValidationIssue {
  const leaf = numericLeaf(path);
  const value = valueAtPath(s, path);
  if (!leaf || NOT_UNCERTAIN.has(path) || typeof value !== 'number') {
    const found = value !== undefined && typeof value !== 'number' ? `${JSON.stringify(path)}, whose value is ${describeFound(value)}` : JSON.stringify(path);
    return issue(joinPath(at), PARAMETER, found);
  }
  return { leaf };
}

/** Issues with `low`/`high`: within the field's own limits, low below high. */
function boundIssues(at: (string | number)[], low: number, high: number, leaf: SchemaLeaf): ValidationIssue[] {
  const out: ValidationIssue[] = [];
  const { min, max, strictMin } = bounds(leaf);
  const allowed = `${strictMin ? '>' : '>='} ${min} and <= ${max}, the field's limits`;
  if (low < min || (strictMin && low === min) || low > max) out.push(issue(joinPath([...at, 'low']), `a number ${allowed}`, String(low)));
  if (high > max || high < min) out.push(issue(joinPath([...at, 'high']), `a number ${allowed}`, String(high)));
  if (out.length === 0 && !(low < high)) out.push(issue(joinPath([...at, 'high']), `a number above low (${low})`, String(high)));
  return out;
}

/** Issues with a range that does not hold the scenario's value. */
function holdsIssues(at: (string | number)[], low: number, high: number, value: number): ValidationIssue[] {
  if (low > value) return [issue(joinPath([...at, 'low']), `a number <= the scenario's value ${value}`, String(low))];
  if (high < value) return [issue(joinPath([...at, 'high']), `a number >= the scenario's value ${value}`, String(high))];
  return [];
}

/** Each range and calibration bound holds the scenario's own value (checked when a file is loaded). */
export function rangeValueIssues(s: Scenario): ValidationIssue[] {
  const out: ValidationIssue[] = [];
  const check = (at: (string | number)[], path: string, b: { low: number; high: number }) => {
    const value = valueAtPath(s, path);
    if (typeof value === 'number') out.push(...holdsIssues(at, b.low, b.high, value));
  };
  for (const [path, range] of Object.entries(s.uncertainty?.ranges ?? {})) check(['uncertainty', 'ranges', path], path, range);
  for (const [path, b] of Object.entries(s.uncertainty?.calibrate?.adjust ?? {})) check(['uncertainty', 'calibrate', 'adjust', path], path, b);
  return out;
}

export function uncertaintyIssues(s: Scenario): ValidationIssue[] {
  const u = s.uncertainty;
  if (!u) return [];
  const out: ValidationIssue[] = [];
  for (const [path, range] of Object.entries(u.ranges)) {
    const at = ['uncertainty', 'ranges', path];
    const found = pathIssue(s, at, path);
    if ('message' in found) {
      out.push(found);
      continue;
    }
    out.push(...boundIssues(at, range.low, range.high, found.leaf));
    if (range.distribution === 'loguniform' && !(range.low > 0)) out.push(issue(joinPath([...at, 'low']), 'a number > 0 (a loguniform range)', String(range.low)));
  }
  for (const path of Object.keys(u.fixed ?? {})) {
    if (valueAtPath(s, path) === undefined) out.push(issue(joinPath(['uncertainty', 'fixed', path]), 'the dotted path of a parameter in this scenario', JSON.stringify(path)));
  }
  const c = u.calibrate;
  if (c) {
    if (!s.calibration) out.push(issue('uncertainty.calibrate', 'a scenario with `calibration` targets to calibrate to', 'no calibration block'));
    if (c.fromMonth > c.toMonth) out.push(issue('uncertainty.calibrate.toMonth', `a month >= fromMonth (${c.fromMonth})`, String(c.toMonth)));
    const paths = Object.keys(c.adjust);
    if (paths.length !== 3) out.push(issue('uncertainty.calibrate.adjust', 'three calibration parameters, one for each target (looked after, CP plans, children in need)', `${paths.length}`));
    for (const [path, b] of Object.entries(c.adjust)) {
      const at = ['uncertainty', 'calibrate', 'adjust', path];
      const found = pathIssue(s, at, path);
      if ('message' in found) out.push(found);
      else out.push(...boundIssues(at, b.low, b.high, found.leaf));
      if (Object.hasOwn(u.ranges, path)) out.push(issue(joinPath(at), 'a path that is not also ranged (calibration sets it for each draw)', JSON.stringify(path)));
    }
  }
  return out;
}
