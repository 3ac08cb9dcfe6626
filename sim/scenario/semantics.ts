/**
 * Checks the JSON Schema cannot express: shares that must not all be zero, initial states that fit
 * in the population, and citations that must point at real parameters (a citation for a renamed
 * field would otherwise rot silently).
 */
import { describeFound, issue, joinPath, type ValidationIssue } from './issues';
import { isForbiddenKey } from './json';
import type { Scenario } from './schema';
import { uncertaintyIssues } from './uncertainty';
import { councilIssues } from './councils/checks';
import { runMonthOf, whenIssues, type When } from './when';

function sum(values: Record<string, number>): number {
  return Object.values(values).reduce((a, b) => a + b, 0);
}

/** Own fields only: `constructor` or `__proto__` would otherwise be found on every object. */
function hasPath(root: unknown, path: string): boolean {
  let node: unknown = root;
  for (const key of path.split('.')) {
    if (node === null || typeof node !== 'object' || isForbiddenKey(key) || !Object.hasOwn(node, key)) return false;
    node = (node as Record<string, unknown>)[key];
  }
  return true;
}

/** Optional parameters that take a default when absent: citing the default is fine. */
const DEFAULTED = new Set(['startDate']);

/**
 * The highest need hazard any family may have, a year. Three risk-factor multipliers at the
 * schema's maximum (100 each) give 412,800 a year and made a month take 30 times as long: such a
 * file is refused. The bound sits above every corner of the baseline's stated uncertainty ranges,
 * calibration's reach included (0.2 x 3.2 x 5 x 4 x 3 x 4 = 154 a year), so an uncertainty
 * analysis never draws a point the format refuses; the North East baseline's most exposed family
 * (aged 16+, in poverty, all three risk factors) has 4.6.
 */
export const MAX_NEED_HAZARD_PER_YEAR = 160;

/** The most exposed family's need hazard, and how it is made up (for the message). */
export function highestNeedHazard(s: Scenario): { perYear: number; terms: string } {
  const ages = Object.entries(s.need.ageHazardRatio);
  const [ageBand, ageRatio] = ages.reduce((a, b) => (b[1] > a[1] ? b : a));
  const poverty = Math.max(1, s.poverty.needHazardRatio);
  const risks = Object.entries(s.riskFactors).map(([name, r]) => [name, Math.max(1, r.hazardRatio)] as const);
  const perYear = s.need.baseHazardPerYear * ageRatio * poverty * risks.reduce((p, [, r]) => p * r, 1);
  const terms = [`${s.need.baseHazardPerYear} (need.baseHazardPerYear)`, `${ageRatio} (need.ageHazardRatio.${ageBand})`, `${poverty} (poverty.needHazardRatio)`, ...risks.map(([name, r]) => `${r} (riskFactors.${name}.hazardRatio)`)];
  return { perYear, terms: terms.join(' x ') };
}

export function checkSemantics(s: Scenario): ValidationIssue[] {
  const out: ValidationIssue[] = [];
  const hazard = highestNeedHazard(s);
  if (hazard.perYear > MAX_NEED_HAZARD_PER_YEAR) {
    out.push(
      issue(
        'need.baseHazardPerYear',
        `multipliers whose product for the most exposed family is at most ${MAX_NEED_HAZARD_PER_YEAR} a year`,
        `${hazard.terms} = ${Number(hazard.perYear.toPrecision(4)).toLocaleString('en-GB')} a year`,
      ),
    );
  }
  if (sum(s.socialWork.assessmentOutcomes) <= 0) {
    out.push(issue('socialWork.assessmentOutcomes', 'shares with a positive sum', describeFound(s.socialWork.assessmentOutcomes)));
  }
  for (const [band, weights] of Object.entries(s.care.entryMix)) {
    if (sum(weights) <= 0) out.push(issue(`care.entryMix.${band}`, 'weights with a positive sum', describeFound(weights)));
  }
  const initial = sum(s.initialState);
  if (initial > 10000) {
    out.push(issue('initialState', 'rates that add up to at most 10,000 per 10,000 children (the rest start in universal services)', `a sum of ${initial}`));
  }
  const ids = new Set<string>();
  s.sources.forEach((src, i) => {
    if (ids.has(src.id)) out.push(issue(joinPath(['sources', i, 'id']), 'an id not used by another source', JSON.stringify(src.id)));
    ids.add(src.id);
  });
  for (const path of Object.keys(s.citations)) {
    if (!hasPath(s, path) && !DEFAULTED.has(path)) out.push(issue(joinPath(['citations', path]), 'a key that is the path of a parameter in this scenario', JSON.stringify(path)));
  }
  out.push(...timelineWhenIssues(s));
  out.push(...uncertaintyIssues(s));
  out.push(...councilIssues(s));
  return out;
}

/**
 * The scenario's own timeline: each entry has a month or a date, not both, and no date before the
 * start. Its paths and values are checked against the scenario when it is loaded (`levers.ts`).
 */
function timelineWhenIssues(s: Scenario): ValidationIssue[] {
  const out: ValidationIssue[] = [];
  (s.timeline ?? []).forEach((entry, k) => {
    const at = (field?: string) => joinPath(field === undefined ? ['timeline', k] : ['timeline', k, field]);
    const shape = whenIssues(entry, at);
    if (shape.length > 0) out.push(...shape);
    else {
      const month = runMonthOf(entry as When, s.startDate, at);
      if (!month.ok) out.push(...month.issues);
    }
  });
  return out;
}
