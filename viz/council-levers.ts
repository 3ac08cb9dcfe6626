/**
 * Which area the lever panel's levers act on: the whole region, or one council. A council's lever
 * is the region's path behind `councils[<code>].` (sim/scenario/councils/lever-path.ts), and the
 * value a slider shows for it is the council's effective one, from its derived scenario: the
 * region's amount shared by children unless the council has its own override. No DOM here.
 */
import type { Scenario } from '../sim/scenario/schema';
import { valueAtPath } from '../sim/scenario/paths';
import { councilScenario } from '../sim/scenario/councils/derive';
import { isFromCouncilFields, isRegionOnly } from '../sim/scenario/councils/lever-path';
import { REGION } from './council-view';

export { REGION };

/** The path a lever change is sent as, or why the council cannot set it (shown next to the lever). */
export type LeverTarget = { ok: true; path: string } | { ok: false; reason: string };

export function leverTarget(path: string, code: string): LeverTarget {
  if (code === REGION) return { ok: true, path };
  if (isRegionOnly(path)) return { ok: false, reason: 'Set for the whole region: the provider market, prices and scale are shared by the councils.' };
  if (isFromCouncilFields(path)) return { ok: false, reason: 'Set from the council\u2019s own figures in the scenario file.' };
  return { ok: true, path: `councils[${code}].${path}` };
}

/**
 * The scenario a council's levers read (its derived scenario), or the region's for `REGION`;
 * undefined for a code the scenario has no council for, or an override the scenario refuses.
 */
export function areaScenario(scenario: Scenario, code: string): Scenario | undefined {
  if (code === REGION) return scenario;
  const k = (scenario.councils ?? []).findIndex((c) => c.code === code);
  if (k < 0) return undefined;
  const derived = councilScenario(scenario, k);
  return derived.ok ? derived.value : undefined;
}

/** The value a lever at `path` has for the area: the council's effective value, or the region's. */
export function councilValue(scenario: Scenario, code: string, path: string): unknown {
  const area = areaScenario(scenario, code);
  return area === undefined ? undefined : valueAtPath(area, path);
}

/** A lever's hint for the area: "whole region" names the council instead. */
export function areaHint(hint: string, councilName: string | undefined): string {
  return councilName === undefined ? hint : hint.replace('whole region', councilName);
}
