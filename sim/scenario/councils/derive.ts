/**
 * A council's own scenario, derived from the region's: the region's rates and practice, the
 * council's population, poverty, published rates (its starting state and targets), places and
 * calibration multipliers, the region's amounts (budgets, workforce, arrivals) shared out by
 * children, and last the council's own `overrides`. The engine runs each council on its derived
 * scenario (params.ts), so every mechanism works per council unchanged; only the places and the
 * provider market are shared between councils (engine/region.ts).
 *
 * Rules (docs/councils.md):
 * - amounts the region states as totals are shared by the council's share of the councils' children;
 * - council-home places and their target: the council's published places, and the region's target
 *   scaled alike (a region-wide "triple the council homes" triples each council's);
 * - a figure that is `null` takes the region's (per child for counts), and `regionFigures` says which.
 */
import type { Scenario } from '../schema';
import { withPath } from '../paths';
import type { Council } from './schema';
import { largestRemainder } from './shares';

type Placement = keyof Scenario['placements'];
const COUNCIL_PLACE_TYPES = ['la_residential', 'private_residential', 'inhouse_foster', 'agency_foster'] as const;

/** Region totals shared out by children (paths whose value is an amount for the whole region). */
export const SHARED_BY_CHILDREN = ['policy.earlyHelp.budgetPerYear', 'socialWork.workers', 'uasc.arrivalsPerYear', 'policy.fosterRecruitment.extraPlacesPerYear'] as const;

/** A council's rates per 10,000 children: its starting state and calibration targets (a `null` figure: the region's calibration, else its starting state). */
export function councilTargets(region: Scenario, c: Council): { lookedAfter: number; childProtection: number; childrenInNeed: number } {
  const t = c.targets;
  const cal = region.calibration;
  const lookedAfter = t.lookedAfterPer10k ?? cal?.lookedAfterPer10k ?? region.initialState.looked_after;
  const childProtection = t.childProtectionPer10k ?? cal?.childProtectionPer10k ?? region.initialState.child_protection;
  const childrenInNeed = t.childrenInNeedPer10k ?? cal?.childrenInNeedPer10k ?? region.initialState.child_in_need + childProtection + lookedAfter;
  return { lookedAfter, childProtection, childrenInNeed };
}

/** Each council's share of the councils' children. */
export function childShares(councils: readonly Council[]): number[] {
  const total = councils.reduce((sum, c) => sum + c.children, 0);
  return councils.map((c) => c.children / total);
}

function setIn(root: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let node = root;
  for (const key of keys.slice(0, -1)) node = node[key] as Record<string, unknown>;
  node[keys[keys.length - 1]] = value;
}
function getIn(root: unknown, path: string): unknown {
  let node = root;
  for (const key of path.split('.')) node = (node as Record<string, unknown>)[key];
  return node;
}

/** Odds of a share: a council's poverty entry hazard keeps the region's ratio of entry to exit per unit of odds. */
const odds = (p: number) => p / (1 - p);

/**
 * The council's places of a type: its own figure; else the region's places not given by councils,
 * shared by children between the councils that give none (whole places, largest remainders).
 */
function placesOf(region: Scenario, councils: readonly Council[], k: number, type: Placement): number | null {
  const regionPlaces = region.placements[type].places;
  const own = (c: Council) => ((COUNCIL_PLACE_TYPES as readonly string[]).includes(type) ? c.places[type as (typeof COUNCIL_PLACE_TYPES)[number]] : null);
  const given = own(councils[k]);
  if (given !== null) return given;
  if (regionPlaces === null) return null;
  const open = councils.map((c, j) => (own(c) === null ? j : -1)).filter((j) => j >= 0);
  const givenTotal = councils.reduce((sum, c) => sum + (own(c) ?? 0), 0);
  const total = Math.max(0, Math.round(regionPlaces - givenTotal));
  const shares = largestRemainder(total, open.map((j) => councils[j].children));
  return shares[open.indexOf(k)];
}

/**
 * The derived scenario of council `k` (no `councils`, `uncertainty` or `timeline` of its own: the
 * region's timeline and levers reach councils through the region's scenario). Overrides are applied
 * last; a bad override is reported by validating the result (validate.ts).
 */
export function councilScenario(region: Scenario, k: number): { ok: true; value: Scenario } | { ok: false; path: string; message: string } {
  const councils = region.councils ?? [];
  const c = councils[k];
  const shares = childShares(councils);
  const w = shares[k];
  // the region's scenario without what a council's leaves out (cloning every council into every council's was quadratic)
  const { councils: _councils, uncertainty: _uncertainty, timeline: _timeline, workshop: _workshop, ...own } = region;
  const out = structuredClone(own) as Scenario & Record<string, unknown>;
  // citations of what the council's scenario leaves out would point at nothing
  out.citations = Object.fromEntries(Object.entries(region.citations).filter(([path]) => !/^(councils|uncertainty|timeline|workshop)(\.|\[|$)/.test(path)));
  out.name = `${region.name}: ${c.name}`;
  const root = out as unknown as Record<string, unknown>;

  out.population.children = c.children;
  out.population.birthsPerYear = c.birthsPerYear ?? (region.population.birthsPerYear * c.children) / region.population.children;
  if (c.childPovertyShare !== null) {
    const regionOdds = odds(region.poverty.initialShare);
    out.poverty.initialShare = c.childPovertyShare;
    out.poverty.entryPerYear = regionOdds > 0 ? (region.poverty.entryPerYear * odds(c.childPovertyShare)) / regionOdds : region.poverty.exitPerYear * odds(c.childPovertyShare);
  }
  const cal = region.calibration;
  const { lookedAfter: la, childProtection: cp, childrenInNeed: cin } = councilTargets(region, c);
  const regionCin = cal?.childrenInNeedPer10k ?? region.initialState.child_in_need + region.initialState.child_protection + region.initialState.looked_after;
  out.initialState = {
    ...region.initialState,
    looked_after: la,
    child_protection: cp,
    child_in_need: Math.max(0, cin - cp - la),
    // assessments run with referrals, which run with the council's children in need
    assessment: regionCin > 0 ? (region.initialState.assessment * cin) / regionCin : region.initialState.assessment,
  };
  out.calibration = { childrenInNeedPer10k: cin, childProtectionPer10k: cp, lookedAfterPer10k: la, placementMix: structuredClone(cal?.placementMix ?? defaultMix(region)) };

  for (const path of SHARED_BY_CHILDREN) setIn(root, path, (getIn(region, path) as number) * w);
  for (const type of Object.keys(region.placements) as Placement[]) out.placements[type].places = placesOf(region, councils, k, type);
  const regionHomes = region.placements.la_residential.places ?? 0;
  const ownHomes = out.placements.la_residential.places ?? 0;
  out.policy.councilHomes.targetPlaces = Math.round(regionHomes > 0 ? (region.policy.councilHomes.targetPlaces * ownHomes) / regionHomes : region.policy.councilHomes.targetPlaces * w);

  if (c.fit) {
    out.need.baseHazardPerYear *= c.fit.need;
    out.socialWork.assessmentOutcomes.childProtection *= c.fit.protection;
    out.childInNeed.toChildProtectionPerYear *= c.fit.protection;
    out.practice.careEntryRatio *= c.fit.care;
  }
  let derived: Scenario = out;
  for (const [path, value] of Object.entries(c.overrides ?? {})) {
    const changed = withPath(derived, path, value);
    if (!changed.ok) return { ok: false, path, message: changed.issues[0].message };
    derived = changed.value as Scenario;
  }
  return { ok: true, value: derived };
}

/** A placement mix for a scenario without calibration targets: equal shares (only the tests' targets read it). */
function defaultMix(region: Scenario): NonNullable<Scenario['calibration']>['placementMix'] {
  const types = Object.keys(region.placements);
  return Object.fromEntries(types.map((p) => [p, 1 / types.length])) as NonNullable<Scenario['calibration']>['placementMix'];
}
