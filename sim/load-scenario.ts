/**
 * A scenario file becomes a `Scenario` here: parsed (`scenario/json.ts`), its `extends` chain
 * resolved (`scenario/resolve.ts`), validated (its uncertainty ranges holding its values), and its own `timeline` checked change by change as a
 * run applies them (`levers.ts`). This sits above both, so the scenario format never imports the
 * levers that act on it.
 */
import { checkScenarioTimeline } from './levers';
import { checkPlainData, parseJson } from './scenario/json';
import { resolveExtends, type ScenarioLoader } from './scenario/resolve';
import type { Scenario } from './scenario/schema';
import { rangeValueIssues } from './scenario/uncertainty';
import { validateScenario, type Validated } from './scenario/validate';
import { checkWorkshop } from './workshop/validate';

/**
 * Parse, resolve `extends`, validate (its own `timeline` too, change by change as a run applies
 * them, and its `workshop` script, whose choices are checked as lever changes of it): the one way a
 * scenario file becomes a `Scenario`.
 */
export function loadScenarioText(text: string, fileName: string, load: ScenarioLoader): Validated<Scenario> {
  const parsed = parseJson(text, fileName);
  if (!parsed.ok) return parsed;
  return loadScenarioDocument(parsed.value, fileName, load);
}

/** A document that did not come through `parseJson` (e.g. handed to the worker) is checked the same way first. */
export function loadScenarioDocument(doc: unknown, fileName: string, load: ScenarioLoader): Validated<Scenario> {
  const unsafe = checkPlainData(doc);
  if (unsafe.length > 0) return { ok: false, issues: unsafe };
  const resolved = resolveExtends(doc, fileName, load);
  if (!resolved.ok) return resolved;
  const valid = validateScenario(resolved.value);
  if (!valid.ok) return valid;
  // Ranges hold the values a file starts from (levers may leave them during a run).
  const outside = rangeValueIssues(valid.value);
  if (outside.length > 0) return { ok: false, issues: outside };
  const timeline = checkScenarioTimeline(valid.value);
  return timeline.ok ? checkWorkshop(timeline.value) : timeline;
}
