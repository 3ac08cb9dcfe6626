/**
 * An experiment file turned into its plan: the scenarios (scale applied), the variants with the
 * parameters each changes, and the runs (variant x seed) in the order every output lists them:
 * scenario by scenario, the baseline first, then the design's variants, seed by seed within each.
 * Every problem is reported at once with its JSON path (`design.variants[2].set["policy.x"]: ...`)
 * before anything runs. A variant that changes nothing (a grid point at the scenario's own value)
 * is not run again: it names the variant whose runs stand for it (`runsAs`), so a sweep's
 * baseline runs once.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { type ValidateFunction } from 'ajv';
import { loadScenarioFile, MAX_SCENARIO_BYTES, readJsonFile, SCENARIO_DIR, shippedScenarioNames } from '../node/files';
import { isMeasureName } from '../outputs/measures';
import { OUTCOMES } from '../comparison/outcomes';
import { applyLever } from '../run';
import { valueAtPath, withPath } from '../scenario/paths';
import type { Scenario } from '../scenario/schema';
import { makeAjv } from '../node/compile-validator';
import { describeFound, formatErrors, issue, joinPath, validateScenario, type Validated, type ValidationIssue } from '../scenario/validate';
import { ENGINE_VERSION } from '../version';
import { SAMPLERS, valueInRange } from './samplers';
import { DESIGN_KINDS, ExperimentSchema, GridDesign, OUTPUT_FORMATS, SampleDesign, VariantsDesign, type Experiment, type OutputFormat } from './schema';

export interface PlannedScenario {
  name: string;
  /** validated, the experiment's scale applied */
  scenario: Scenario;
}

export interface Variant {
  /** index in `plan.variants` */
  index: number;
  name: string;
  /** index in `plan.scenarios` */
  scenario: number;
  /** path -> value, as the file sets them (empty for the baseline) */
  set: [path: string, value: unknown][];
  /** the variant whose runs stand for this one (it changes nothing they do not); undefined: it runs */
  runsAs?: number;
}

export interface PlannedRun {
  /** the run id: its index in `plan.runs` */
  id: number;
  variant: number;
  seed: number;
}

export interface Plan {
  experiment: Experiment;
  /** `sha256:` of what decides the results: engine, the file, the scenarios as run */
  digest: string;
  scenarios: PlannedScenario[];
  variants: Variant[];
  /** every path any variant changes, in the order first set: the run table's parameter columns */
  parameters: string[];
  runs: PlannedRun[];
  seeds: number[];
  measures: string[];
  formats: OutputFormat[];
}

let validators: Record<'experiment' | (typeof DESIGN_KINDS)[number], ValidateFunction> | undefined;
function validator(kind: 'experiment' | (typeof DESIGN_KINDS)[number]): ValidateFunction {
  if (!validators) {
    const ajv = makeAjv();
    validators = { experiment: ajv.compile(ExperimentSchema), variants: ajv.compile(VariantsDesign), grid: ajv.compile(GridDesign), sample: ajv.compile(SampleDesign) };
  }
  return validators[kind];
}

const prefixed = (prefix: string, issues: readonly ValidationIssue[]): ValidationIssue[] => issues.map((i) => issue(`${prefix}.${i.path}`.replace(/\.\(root\)$/, ''), i.expected, i.found));

/** The file's shape, with the design checked against the branch its `kind` names (so errors name its fields, not "one of three shapes"). */
export function checkExperiment(data: unknown): Validated<Experiment> {
  const top = validator('experiment');
  if (top(data)) return { ok: true, value: data as Experiment };
  const design = (data as { design?: { kind?: unknown } } | null)?.design;
  const kind = DESIGN_KINDS.find((k) => k === design?.kind);
  const outside = (top.errors ?? []).filter((e) => !e.instancePath.startsWith('/design'));
  const issues = formatErrors(outside, data, 'an experiment');
  if (outside.length === 0) issues.length = 0;
  const inDesign = (top.errors ?? []).some((e) => e.instancePath.startsWith('/design'));
  if (inDesign && design !== null && typeof design === 'object' && !Array.isArray(design)) {
    if (kind === undefined) issues.push(issue('design.kind', `one of ${DESIGN_KINDS.map((k) => `"${k}"`).join(', ')}`, describeFound(design.kind)));
    else {
      const branch = validator(kind);
      if (!branch(design)) issues.push(...prefixed('design', formatErrors(branch.errors ?? [], design, `a ${kind} design`)));
    }
  } else if (inDesign) issues.push(issue('design', 'an object with a "kind"', describeFound(design)));
  return { ok: false, issues };
}

/** The scenario file a reference names: beside the experiment file, else a shipped scenario of that name. */
function scenarioPath(experimentDir: string, file: string): string {
  const beside = join(experimentDir, file);
  if (existsSync(beside) || !shippedScenarioNames().includes(file)) return beside;
  return join(SCENARIO_DIR, file);
}

const sha256 = (text: string) => `sha256:${createHash('sha256').update(text).digest('hex')}`;

/** The design's variants as named override sets (not yet checked against a scenario). */
function designVariants(experiment: Experiment): { name: string; where: string; set: [string, unknown][] }[] {
  const design = experiment.design;
  const width = (n: number) => String(n).length;
  switch (design.kind) {
    case 'variants':
      return design.variants.map((v, k) => ({ name: v.name, where: `design.variants[${k}].set`, set: Object.entries(v.set) }));
    case 'grid': {
      let combos: [string, unknown][][] = [[]];
      for (const p of design.parameters) combos = combos.flatMap((c) => p.values.map((v): [string, unknown][] => [...c, [p.path, v]]));
      return combos.map((set, k) => ({ name: `grid-${String(k + 1).padStart(width(combos.length), '0')}`, where: 'design.parameters', set }));
    }
    case 'sample': {
      const points = SAMPLERS[design.method](design.points, design.parameters.length, design.seed);
      return points.map((u, k) => ({
        name: `sample-${String(k + 1).padStart(width(points.length), '0')}`,
        where: 'design.parameters',
        set: design.parameters.map((range, d): [string, unknown] => [range.path, valueInRange(range, u[d])]),
      }));
    }
  }
}

function checkRanges(experiment: Experiment): ValidationIssue[] {
  if (experiment.design.kind !== 'sample') return [];
  return experiment.design.parameters.flatMap((r, k) => (r.min <= r.max ? [] : [issue(`design.parameters[${k}].max`, `a number >= min (${r.min})`, describeFound(r.max))]));
}

/** Apply a set of overrides to a scenario and validate the result once (paths checked one by one, naming `where`). */
function applySet(scenario: Scenario, set: readonly [string, unknown][], where: string): Validated<Scenario> {
  let doc: unknown = scenario;
  const issues: ValidationIssue[] = [];
  for (const [path, value] of set) {
    const changed = withPath(doc as Scenario, path, value);
    if (changed.ok) doc = changed.value;
    else issues.push(...changed.issues.map((i) => ({ ...i, message: `${where}${joinPath([path])}: ${i.message}` })));
  }
  if (issues.length > 0) return { ok: false, issues };
  const valid = validateScenario(doc);
  return valid.ok ? valid : { ok: false, issues: valid.issues.map((i) => ({ ...i, message: `${where}: ${i.message}` })) };
}

export function planExperiment(data: unknown, experimentDir: string): Validated<Plan> {
  const checked = checkExperiment(data);
  if (!checked.ok) return checked;
  const experiment = checked.value;
  const issues: ValidationIssue[] = [...checkRanges(experiment)];
  const measures = experiment.outputs?.measures ?? OUTCOMES.map((o) => o.id);
  measures.forEach((m, k) => {
    if (!isMeasureName(m)) issues.push(issue(`outputs.measures[${k}]`, 'an outcome id (e.g. lookedAfter) or a month measure (e.g. stock.early_help, spend.early_help); docs/experiments.md lists them', JSON.stringify(m)));
  });
  const scenarios: PlannedScenario[] = [];
  experiment.scenarios.forEach((ref, k) => {
    const loaded = loadScenarioFile(scenarioPath(experimentDir, ref.file));
    const scaled = loaded.ok ? applyLever(loaded.value, 'population.scale', experiment.scale) : loaded;
    if (!scaled.ok) issues.push(...scaled.issues.map((i) => ({ ...i, message: `scenarios[${k}].file (${ref.file}): ${i.message}` })));
    else scenarios.push({ name: ref.name ?? basename(ref.file).replace(/\.json$/, ''), scenario: scaled.value });
  });
  if (issues.length > 0) return { ok: false, issues };
  if (new Set(scenarios.map((s) => s.name)).size < scenarios.length) return { ok: false, issues: [issue('scenarios[1].name', 'a name different from the first scenario\u2019s', JSON.stringify(scenarios[1].name))] };

  const made = designVariants(experiment);
  const variants: Variant[] = [];
  const parameters: string[] = [];
  const scenarioDigests: string[] = [];
  for (const [s, planned] of scenarios.entries()) {
    // Each distinct scenario as run, by digest: the first variant to reach it runs, later ones stand on its runs.
    const first = new Map<string, number>();
    const wanted = [...(experiment.baseline === false ? [] : [{ name: 'baseline', where: 'baseline', set: [] as [string, unknown][] }]), ...made];
    for (const v of wanted) {
      const applied = applySet(planned.scenario, v.set, scenarios.length > 1 ? `${v.where} (on ${planned.name})` : v.where);
      if (!applied.ok) {
        issues.push(...applied.issues);
        if (issues.length > 50) return { ok: false, issues };
        continue;
      }
      const digest = sha256(JSON.stringify(applied.value));
      const index = variants.length;
      variants.push({ index, name: v.name, scenario: s, set: v.set, runsAs: first.get(digest) });
      if (!first.has(digest)) {
        first.set(digest, index);
        scenarioDigests.push(digest);
      }
      for (const [path] of v.set) if (!parameters.includes(path)) parameters.push(path);
    }
  }
  if (issues.length > 0) return { ok: false, issues };
  const seeds = Array.from({ length: experiment.seeds.count }, (_, r) => experiment.seeds.first + r);
  const runs: PlannedRun[] = [];
  for (const v of variants) if (v.runsAs === undefined) for (const seed of seeds) runs.push({ id: runs.length, variant: v.index, seed });
  const digest = sha256(JSON.stringify({ engine: ENGINE_VERSION, experiment, scenarios: scenarioDigests }));
  return { ok: true, value: { experiment, digest, scenarios, variants, parameters, runs, seeds, measures, formats: experiment.outputs?.formats ?? [...OUTPUT_FORMATS] } };
}

export function loadExperimentFile(path: string): Validated<Plan> {
  const data = readJsonFile(path, MAX_SCENARIO_BYTES, 'an experiment file');
  return data.ok ? planExperiment(data.value, dirname(path)) : data;
}

/** The scenario a variant runs: its base with its overrides (checked when planned, so this cannot fail). */
export function variantScenario(plan: Plan, variant: Variant): Scenario {
  const applied = applySet(plan.scenarios[variant.scenario].scenario, variant.set, variant.name);
  if (!applied.ok) throw new Error(`variant ${variant.name} no longer applies: ${applied.issues[0]?.message}`);
  return applied.value;
}

/** A parameter's value in a variant: what it sets, else the scenario's own. */
export function parameterValue(plan: Plan, variant: Variant, path: string): unknown {
  const set = variant.set.find(([p]) => p === path);
  return set ? set[1] : valueAtPath(plan.scenarios[variant.scenario].scenario, path);
}
