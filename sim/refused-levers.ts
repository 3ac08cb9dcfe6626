/**
 * The scenario paths a lever may not change, each with why and what to use instead: the one table
 * of refusals (CLI lever files, the scenario's `timeline`, the app's levers, comparisons). Every
 * other field takes effect from the next month. A change is refused when its path is one of these
 * or lies under one, or when it replaces an object holding one with a different value there.
 *
 * Why these: the engine classifies its parameters (`engine/live-params.ts`); a change that moves
 * only 'setup' parameters (month 0's population) cannot apply mid-run, and a field the simulation
 * never reads after month 0 would be a silent lever. `test/engine/refused-levers.test.ts` derives
 * this from `LIVE_EFFECT` for every leaf of the baseline, so the table cannot drift from the engine.
 */
import { valueAtPath } from './scenario/paths';
import { councilLeverPath } from './scenario/councils/lever-path';
import { issue, type ValidationIssue } from './scenario/issues';
import type { Scenario } from './scenario/schema';

export interface RefusedLever {
  /** a dotted path; `*` stands for any one field name */
  pattern: string;
  /** why a run cannot take a change of it, read after the path ("poverty.initialShare, which ...") */
  why: string;
  /** what to use instead; each `*` is replaced by the field the path named there */
  instead: string;
}

const TEXT = { why: 'describes the scenario and is no model parameter', instead: 'edit the scenario file' };

export const REFUSED_LEVERS: readonly RefusedLever[] = [
  { pattern: 'startDate', why: 'fixes the calendar at month 0', instead: 'set startDate in the scenario file' },
  {
    pattern: 'population.children',
    why: 'builds the population at month 0',
    instead: 'set it in the scenario file; births during a run follow population.birthsPerYear',
  },
  { pattern: 'population.childrenPerFamily', why: 'builds the families at month 0', instead: 'set it in the scenario file' },
  { pattern: 'population.scale', why: 'samples the population at month 0', instead: 'set it in the scenario file or with --scale' },
  {
    pattern: 'initialState',
    why: 'places children in the system at month 0 only',
    instead: 'move the pathway with its rates, e.g. need.baseHazardPerYear or care.reunificationPerYear',
  },
  {
    pattern: 'poverty.initialShare',
    why: 'shapes month 0 only; the long-run share is entry / (entry + exit)',
    instead: 'use poverty.entryPerYear, poverty.exitPerYear or policy.childPovertyReduction',
  },
  {
    pattern: 'riskFactors.*.prevalence',
    why: "is drawn once for each family at month 0; families' risk factors never change",
    instead: 'use riskFactors.*.hazardRatio or need.baseHazardPerYear',
  },
  {
    pattern: 'placements.la_residential.places',
    why: 'counts the council-run places open at month 0; during a run policy.councilHomes.targetPlaces sets them',
    instead: 'use policy.councilHomes.targetPlaces; new places open after policy.councilHomes.monthsToOpen',
  },
  {
    pattern: 'market.*.startAtHurdle',
    why: "solves the market's local places at month 0 so that it starts at its hurdle margin",
    instead: 'use placements.private_residential.places or placements.agency_foster.places, which move places by the difference during a run',
  },
  {
    pattern: 'prices.baseYear',
    why: 'sets the base of the real-terms deflator at month 0',
    instead: 'set it in the scenario file; it only re-expresses real terms, and nominal figures do not depend on it',
  },
  {
    pattern: 'calibration',
    why: 'holds the targets the model is checked against and drives nothing in the simulation',
    instead: 'edit the scenario file to move the target lines',
  },
  {
    pattern: 'uncertainty',
    why: 'describes what the scenario is unsure of (ranges for comparisons) and drives nothing in a run',
    instead: 'edit the scenario file',
  },
  {
    pattern: 'councils',
    why: "lists the region's councils, their populations and places at month 0",
    instead: "change one council's parameter with councils[<ONS code>].<path>, e.g. councils[E06000047].policy.earlyHelp.budgetPerYear",
  },
  { pattern: 'timeline', why: "is the scenario's own lever schedule, fixed when the run starts", instead: 'give the change itself as a lever (its path and value)' },
  { pattern: 'name', ...TEXT },
  { pattern: 'description', ...TEXT },
  { pattern: 'sources', ...TEXT },
  { pattern: 'citations', ...TEXT },
  { pattern: '$schema', ...TEXT },
  { pattern: 'extends', ...TEXT },
];

/** A refused field a change touches: the concrete path and its table entry. */
export interface Refused {
  path: string;
  refusal: RefusedLever;
}

/** The wildcard values if `parts` starts with `pattern` (equal or under it). */
function captures(pattern: readonly string[], parts: readonly string[]): string[] | undefined {
  if (parts.length < pattern.length) return undefined;
  const got: string[] = [];
  for (let i = 0; i < pattern.length; i++) {
    if (pattern[i] === '*') got.push(parts[i]);
    else if (pattern[i] !== parts[i]) return undefined;
  }
  return got;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function sameJson(x: unknown, y: unknown): boolean {
  if (x === y) return true;
  if (Array.isArray(x) && Array.isArray(y)) return x.length === y.length && x.every((v, k) => sameJson(v, y[k]));
  if (!isRecord(x) || !isRecord(y)) return false;
  const keys = Object.keys(x);
  return keys.length === Object.keys(y).length && keys.every((k) => Object.hasOwn(y, k) && sameJson(x[k], y[k]));
}

/** The concrete paths under `prefix` that `rest` (with wildcards) names in either document. */
function expand(docs: readonly unknown[], prefix: readonly string[], rest: readonly string[]): string[][] {
  if (rest.length === 0) return [[...prefix]];
  const [head, ...tail] = rest;
  const keys = new Set<string>();
  for (const doc of docs) {
    const node = valueAtPath(doc, prefix.join('.'));
    if (head !== '*') keys.add(head);
    else if (isRecord(node)) for (const k of Object.keys(node)) keys.add(k);
  }
  return [...keys].flatMap((k) => expand(docs, [...prefix, k], tail));
}

/**
 * Whether a change of `path` is refused: its path is a refused one or under one; or, given the
 * scenario before and after the change, it replaced an object and a refused field in it differs.
 */
export function refusedChange(path: string, before?: Scenario, after?: unknown): Refused | undefined {
  // a council's parameter is refused where the region's is (its overrides hold plain values: nothing inside to compare)
  const council = councilLeverPath(path);
  if (council) {
    const refused = refusedChange(council.rest);
    return refused && { ...refused, path };
  }
  const parts = path.split('.');
  for (const refusal of REFUSED_LEVERS) {
    const pattern = refusal.pattern.split('.');
    if (captures(pattern, parts)) return { path, refusal };
    if (before === undefined || after === undefined || !captures(parts, pattern)) continue;
    for (const leaf of expand([before, after], parts, pattern.slice(parts.length))) {
      const at = leaf.join('.');
      if (!sameJson(valueAtPath(before, at), valueAtPath(after, at))) return { path: at, refusal };
    }
  }
  return undefined;
}

/** What a refusal's issue says was expected: how the app tells a refusal from a bad value. */
export const REFUSED_EXPECTED = 'a path that can change during a run';

/** The message of a refusal, at the JSON path `at` of the entry's `path` field. */
export function refusalIssue(at: string, refused: Refused): ValidationIssue {
  const pattern = refused.refusal.pattern.split('.');
  const wild = captures(pattern, refused.path.split('.')) ?? [];
  let k = 0;
  const instead = refused.refusal.instead.replace(/\*/g, () => wild[k++] ?? '*');
  return issue(at, REFUSED_EXPECTED, `${JSON.stringify(refused.path)}, which ${refused.refusal.why}`, instead);
}
