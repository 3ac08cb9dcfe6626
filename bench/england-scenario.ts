/**
 * The synthetic England of `bench/england.ts`: 152 councils whose children add up to about 12
 * million, sized like England's councils (a few counties of 200,000 children or more, many
 * unitaries of 20,000 to 60,000), on a grid of centroids over England, each with the North East
 * baseline's rates (targets and places null: the region's, shared by children). Built from the
 * baseline file so that it stays a valid scenario as the format moves.
 */
import { readFileSync } from 'node:fs';

export const ENGLAND_COUNCILS = 152;
export const ENGLAND_CHILDREN = 12_000_000;

/** Council sizes: a deterministic spread (Zipf-like) scaled to ENGLAND_CHILDREN. */
export function councilSizes(): number[] {
  const raw = Array.from({ length: ENGLAND_COUNCILS }, (_, k) => 1 / Math.pow(k + 3, 0.6));
  const total = raw.reduce((a, b) => a + b, 0);
  return raw.map((w) => Math.max(1, Math.round((w / total) * ENGLAND_CHILDREN)));
}

export function englandScenario(withCouncils: boolean): Record<string, unknown> {
  const base = JSON.parse(readFileSync('scenarios/north-east-baseline.json', 'utf8')) as Record<string, unknown>;
  const sizes = councilSizes();
  const children = sizes.reduce((a, b) => a + b, 0);
  const scale = children / 530_000;
  const places = (base.placements as Record<string, { places: number | null }>);
  for (const p of Object.values(places)) if (p.places !== null) p.places = Math.round(p.places * scale);
  const policy = base.policy as { earlyHelp: { budgetPerYear: number }; councilHomes: { targetPlaces: number }; fosterRecruitment: { extraPlacesPerYear: number } };
  policy.earlyHelp.budgetPerYear *= scale;
  policy.councilHomes.targetPlaces = places.la_residential.places ?? 0;
  (base.socialWork as { workers: number }).workers *= scale;
  (base.uasc as { arrivalsPerYear: number }).arrivalsPerYear *= scale;
  const population = base.population as { children: number; birthsPerYear: number };
  population.children = children;
  population.birthsPerYear = Math.round(children / 18);
  base.name = withCouncils ? 'Synthetic England, 152 councils' : 'Synthetic England, one region';
  delete base.uncertainty;
  if (withCouncils) {
    base.councils = sizes.map((n, k) => ({
      code: `E0${String(9000000 + k).padStart(7, '0')}`,
      name: `Council ${k + 1}`,
      children: n,
      birthsPerYear: null,
      childPovertyShare: null,
      // a 12 x 13 grid over England's extent (50.0-55.8 N, 5.7 W-1.7 E)
      centroid: { lat: 50 + (Math.floor(k / 13) * 5.8) / 11, lon: -5.7 + ((k % 13) * 7.4) / 12 },
      targets: { lookedAfterPer10k: null, childProtectionPer10k: null, childrenInNeedPer10k: null },
      places: { la_residential: null, private_residential: null, inhouse_foster: null, agency_foster: null },
      sources: { children: 'synthetic: a Zipf-like spread of sizes summing to about 12 million (bench only)' },
    }));
  }
  return base;
}
