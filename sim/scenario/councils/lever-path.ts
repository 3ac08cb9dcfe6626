/**
 * What a council may set of the region's scenario, and the one syntax that names a council's
 * parameter: `councils[<ONS code>].<scenario path>`, e.g.
 * `councils[E06000001].policy.earlyHelp.budgetPerYear`. Such a path, as a lever, a timeline
 * entry or an experiment variable, sets the council's `overrides[<scenario path>]`.
 */

/** Parameters of the region's provider market, prices, scale and calendar: the same for every council. */
export const REGION_ONLY_PREFIXES = ['market.', 'policy.profitCap.', 'population.scale', 'population.childrenPerFamily', 'startDate', 'prices.', 'councilHomes.', 'policy.councilHomes.sellToNeighbours'] as const;
/** Set from the council's own fields (`children`, `birthsPerYear`, `childPovertyShare`, `targets`, `places`): set those instead. */
export const FROM_COUNCIL_FIELDS = ['population.children', 'population.birthsPerYear', 'poverty.initialShare', 'initialState.', 'calibration.'] as const;

const under = (prefixes: readonly string[], path: string) => prefixes.some((p) => path === p || (p.endsWith('.') && path.startsWith(p)));
export const isRegionOnly = (path: string): boolean => under(REGION_ONLY_PREFIXES, path);
export const isFromCouncilFields = (path: string): boolean => under(FROM_COUNCIL_FIELDS, path);

/** `councils[E06000047].policy.earlyHelp.budgetPerYear` -> the council's code and the scenario path; undefined for other paths. */
export function councilLeverPath(path: string): { code: string; rest: string } | undefined {
  const m = /^councils\[([^\]]*)\]\.(.+)$/s.exec(path);
  return m ? { code: m[1], rest: m[2] } : undefined;
}
