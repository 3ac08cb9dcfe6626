/**
 * What a comparison is asked to run, as data a link, a bundle or the form can carry: two sides
 * (where each scenario comes from, and its lever timeline) and the settings. `resolveRequest`
 * turns it into runnable sides, or into messages that name the side and the field.
 */
import { checkLeverTimeline, type LeverEntry } from '../levers';
import { applyLever } from '../run';
import { type ScenarioLoader } from '../scenario/resolve';
import { loadScenarioDocument, loadScenarioText } from '../load-scenario';
import type { Scenario } from '../scenario/schema';
import { describeFound, issue, type Validated, type ValidationIssue } from '../scenario/validate';
import type { RunnableSide, Side } from './summary';

/** Where a side's scenario comes from. */
export type Origin =
  /** a file shipped in scenarios/, by name without `.json` */
  | { kind: 'shipped'; id: string }
  /** a scenario file the user opened: its name and text (it may `extends` a shipped file) */
  | { kind: 'file'; fileName: string; text: string }
  /** a resolved scenario document (a bundle carries these, so it does not depend on shipped files) */
  | { kind: 'scenario'; scenario: unknown };

export interface SideSource {
  origin: Origin;
  /** applied from their months (or dates) on, as `npm run sim -- --levers` replays them */
  levers: LeverEntry[];
  /** taken from the live run (shown as such) */
  live?: boolean;
}

export interface ComparisonSettings {
  runs: number;
  months: number;
  seed: number;
  /** population.scale for both sides; null keeps each scenario's own */
  scale: number | null;
  /** months the summary reports; null: years 1, 5 and 10 within the run */
  horizons: number[] | null;
}

export interface ComparisonRequest {
  a: SideSource;
  b: SideSource;
  settings: ComparisonSettings;
}

export const DEFAULT_SETTINGS: ComparisonSettings = { runs: 20, months: 120, seed: 1, scale: null, horizons: null };
/** The scale a comparison runs at unless told otherwise, in the app's form and `npm run compare` alike: a quarter of the region gives 20 seeds over ten years in seconds; the whole region is for the final paper. */
export const DEFAULT_COMPARISON_SCALE = 0.25;
export const LIMITS = { runs: { min: 2, max: 1000 }, months: { min: 1, max: 2400 }, seed: { min: 0, max: 2 ** 31 - 1 } } as const;

/**
 * Most simulated months (runs x months, A and B together) a comparison link may start without the
 * user pressing Run: ten times the default comparison (20 runs x 120 months x 2 = 4,800). A link
 * is anyone's; 2,000 runs of 2,400 months would keep the machine busy for hours.
 */
export const CONFIRM_RUN_MONTHS = 48_000;

/** Why a comparison asks the user to confirm before it starts (the work in figures), or undefined. */
export function workToConfirm(settings: Pick<ComparisonSettings, 'runs' | 'months'>): string | undefined {
  const work = settings.runs * settings.months * 2;
  if (work <= CONFIRM_RUN_MONTHS) return undefined;
  const n = (v: number) => v.toLocaleString('en-GB');
  return `This link asks for ${n(settings.runs)} runs of A and of B over ${n(settings.months)} months: ${n(work)} simulated months, ${n(Math.round(work / 4_800))} times the default comparison. It has not started; check the settings and press Run to start it.`;
}

export interface ResolvedSide extends RunnableSide {
  side: Side;
  source: SideSource;
  /** the scenario's own name, or "Live run: …" */
  name: string;
}

const prefixed = (prefix: string, issues: readonly ValidationIssue[]): ValidationIssue[] => issues.map((i) => ({ ...i, message: `${prefix}: ${i.message}` }));

function scenarioOf(origin: Origin, loader: ScenarioLoader): Validated<Scenario> {
  switch (origin.kind) {
    case 'shipped': {
      // A name from an address: a plain file name only, never a path.
      const text = /^[\w-][\w.-]*$/.test(origin.id) ? loader(`${origin.id}.json`) : undefined;
      if (typeof text !== 'string') return { ok: false, issues: [issue('', 'the name of a shipped scenario', JSON.stringify(origin.id))] };
      return loadScenarioText(text, `${origin.id}.json`, loader);
    }
    case 'file':
      return loadScenarioText(origin.text, origin.fileName, loader);
    case 'scenario':
      return loadScenarioDocument(origin.scenario, 'the bundled scenario', loader);
  }
}

/** A label for the origin, for headings and messages. */
export function originLabel(origin: Origin): string {
  switch (origin.kind) {
    case 'shipped':
      return `${origin.id}.json`;
    case 'file':
      return origin.fileName;
    case 'scenario':
      return 'the scenario in the bundle';
  }
}

export function resolveSide(side: Side, source: SideSource, scale: number | null, loader: ScenarioLoader): Validated<ResolvedSide> {
  const label = `${side.toUpperCase()} (${originLabel(source.origin)})`;
  const loaded = scenarioOf(source.origin, loader);
  if (!loaded.ok) return { ok: false, issues: prefixed(label, loaded.issues) };
  let scenario = loaded.value;
  if (scale !== null) {
    const scaled = applyLever(scenario, 'population.scale', scale);
    if (!scaled.ok) return { ok: false, issues: prefixed(`${label}, scale`, scaled.issues) };
    scenario = scaled.value;
  }
  // Dates become the months of this side's calendar; the side's own timeline is checked with them.
  const timeline = checkLeverTimeline(scenario, source.levers);
  if (!timeline.ok) return { ok: false, issues: prefixed(label, timeline.issues) };
  const name = source.live ? `Live run: ${scenario.name}` : scenario.name;
  return { ok: true, value: { side, source, name, scenario, levers: timeline.value } };
}

export function checkSettings(s: ComparisonSettings): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const whole = (name: 'runs' | 'months' | 'seed', v: number) => {
    const { min, max } = LIMITS[name];
    if (!Number.isInteger(v) || v < min || v > max) issues.push(issue(name, `a whole number from ${min} to ${max}`, describeFound(v)));
  };
  whole('runs', s.runs);
  whole('months', s.months);
  whole('seed', s.seed);
  if (s.scale !== null && !(Number.isFinite(s.scale) && s.scale > 0 && s.scale <= 1)) issues.push(issue('scale', 'a number > 0 and <= 1', describeFound(s.scale)));
  for (const h of s.horizons ?? []) {
    if (!Number.isInteger(h) || h < 1 || h > s.months) issues.push(issue('at', `months from 1 to ${s.months} (the run's length)`, describeFound(h)));
  }
  return issues;
}

export function resolveRequest(request: ComparisonRequest, loader: ScenarioLoader): Validated<{ a: ResolvedSide; b: ResolvedSide }> {
  const issues = checkSettings(request.settings);
  const a = resolveSide('a', request.a, request.settings.scale, loader);
  const b = resolveSide('b', request.b, request.settings.scale, loader);
  if (!a.ok) issues.push(...a.issues);
  if (!b.ok) issues.push(...b.issues);
  if (issues.length > 0 || !a.ok || !b.ok) return { ok: false, issues };
  return { ok: true, value: { a: a.value, b: b.value } };
}
