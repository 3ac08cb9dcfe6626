/** The shareable part of the view: `?scenario=<file name without .json>&seed=<n>`. */
export interface ViewParams {
  scenario?: string;
  seed?: number;
}

export interface ReadParams {
  params: ViewParams;
  /** What could not be used, worded for the error panel. */
  problems: string[];
}

export function readViewParams(search: string): ReadParams {
  const q = new URLSearchParams(search);
  const params: ViewParams = {};
  const problems: string[] = [];
  const scenario = q.get('scenario')?.trim();
  if (scenario) params.scenario = scenario.replace(/\.json$/i, '');
  const seedText = q.get('seed')?.trim();
  if (seedText !== undefined && seedText !== '') {
    if (/^\d{1,9}$/.test(seedText)) params.seed = Number(seedText);
    else problems.push(`seed in the address: expected a whole number >= 0, found ${JSON.stringify(seedText)}`);
  }
  return { params, problems };
}

/** Keeps other query parameters (e.g. test switches) as they were. */
export function writeViewParams(search: string, params: Required<ViewParams>): string {
  const q = new URLSearchParams(search);
  q.set('scenario', params.scenario);
  q.set('seed', String(params.seed));
  return `?${q.toString()}`;
}
