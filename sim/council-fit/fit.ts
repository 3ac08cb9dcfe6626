/**
 * Calibrating each council to its own published rates (docs/councils.md): a damped fixed-point
 * iteration on three multipliers per council (`fit`): `need` moves children in need, `protection`
 * the routes into a CP plan, `care` every route into care. Each round runs the region (every
 * council at once: they share places and the market) over the same seeds, takes each council's
 * mean rates over the last year of the window, and moves each multiplier by (target / model)^damping.
 * Deterministic: the same scenario, seeds and options give the same fit.
 */
import { childrenInNeedDfE, inCare, per10k } from '../measures';
import type { CouncilMonthRecord, MonthRecord } from '../records';
import { runScenario } from '../run';
import type { Scenario } from '../scenario/schema';
import { councilTargets } from '../scenario/councils/derive';
import { validateScenario, type Validated } from '../scenario/validate';

export interface FitOptions {
  seeds: number[];
  months: number;
  scale: number;
  rounds: number;
  /** exponent on target / model for each round's step (1 = the full step) */
  damping: number;
  onRound?: (round: number, worst: number) => void;
}

export const FIT_DEFAULTS: FitOptions = { seeds: [1, 2], months: 48, scale: 0.25, rounds: 8, damping: 0.8 };

/** A council's rates per 10,000 children: looked after, CP plans, children in need (CP and looked after included, as DfE counts). */
export interface Rates {
  lookedAfter: number;
  childProtection: number;
  childrenInNeed: number;
}

export function ratesOf(r: CouncilMonthRecord | MonthRecord): Rates {
  return { lookedAfter: per10k(inCare(r.stocks), r.children), childProtection: per10k(r.stocks.child_protection, r.children), childrenInNeed: per10k(childrenInNeedDfE(r.stocks), r.children) };
}

/** Each council's mean rates over months (from, to] of the runs, by code. */
export function meanCouncilRates(runs: readonly MonthRecord[][], from: number, to: number): Record<string, Rates> {
  const sums: Record<string, Rates & { n: number }> = {};
  for (const records of runs) {
    for (const record of records.slice(from + 1, to + 1)) {
      for (const [code, c] of Object.entries(record.councils ?? {})) {
        const rates = ratesOf(c);
        const acc = (sums[code] ??= { lookedAfter: 0, childProtection: 0, childrenInNeed: 0, n: 0 });
        acc.lookedAfter += rates.lookedAfter;
        acc.childProtection += rates.childProtection;
        acc.childrenInNeed += rates.childrenInNeed;
        acc.n++;
      }
    }
  }
  return Object.fromEntries(Object.entries(sums).map(([code, s]) => [code, { lookedAfter: s.lookedAfter / s.n, childProtection: s.childProtection / s.n, childrenInNeed: s.childrenInNeed / s.n }]));
}

/** A council's targets, as its derived scenario takes them (scenario/councils/derive.ts). */
export function targetsOf(s: Scenario, code: string): Rates {
  const c = s.councils?.find((x) => x.code === code);
  if (!c) throw new Error(`no council ${code} in the scenario`);
  return councilTargets(s, c);
}

/** The runs of a scenario at the fit's scale and seeds. */
export function runFitWindow(s: Scenario, o: Pick<FitOptions, 'seeds' | 'months' | 'scale'>): Validated<MonthRecord[][]> {
  const scaled = structuredClone(s);
  scaled.population.scale = o.scale;
  const runs: MonthRecord[][] = [];
  for (const seed of o.seeds) {
    const r = runScenario(scaled, { seed, months: o.months });
    if (!r.ok) return r;
    runs.push(r.value);
  }
  return { ok: true, value: runs };
}

const FIT_MIN = 0.05;
const FIT_MAX = 20;
const clampFit = (x: number) => Math.min(FIT_MAX, Math.max(FIT_MIN, x));

/** The scenario with every council's `fit` moved to its own targets. */
export function fitCouncils(s: Scenario, options: Partial<FitOptions> = {}): Validated<Scenario> {
  const o = { ...FIT_DEFAULTS, ...options };
  let current = structuredClone(s);
  if (!current.councils) return { ok: false, issues: [{ path: 'councils', expected: 'a scenario with councils', found: 'none', message: 'councils: expected a scenario with councils, found none' }] };
  for (let round = 1; round <= o.rounds; round++) {
    const runs = runFitWindow(current, o);
    if (!runs.ok) return runs;
    const rates = meanCouncilRates(runs.value, o.months - 12, o.months);
    let worst = 0;
    for (const c of current.councils!) {
      const model = rates[c.code];
      const target = targetsOf(current, c.code);
      const fit = (c.fit ??= { need: 1, protection: 1, care: 1 });
      const step = (t: number, m: number) => (m > 0 && t > 0 ? Math.pow(t / m, o.damping) : 1);
      for (const k of ['lookedAfter', 'childProtection', 'childrenInNeed'] as const) worst = Math.max(worst, Math.abs(model[k] / target[k] - 1));
      fit.care = clampFit(fit.care * step(target.lookedAfter, model.lookedAfter));
      fit.protection = clampFit(fit.protection * step(target.childProtection, model.childProtection));
      fit.need = clampFit(fit.need * step(target.childrenInNeed, model.childrenInNeed));
    }
    o.onRound?.(round, worst);
    const valid = validateScenario(current);
    if (!valid.ok) return valid;
    current = valid.value;
  }
  return { ok: true, value: current };
}

/** The fit table (Markdown): target against model per council and measure, and the multipliers. */
export function fitTable(s: Scenario, rates: Record<string, Rates>): string {
  const pct = (m: number, t: number) => `${m >= t ? '+' : ''}${(((m - t) / t) * 100).toFixed(0)}%`;
  const lines = ['| council | code | looked after: target / model | CP: target / model | CIN: target / model | fit (need, protection, care) |', '|---|---|---|---|---|---|'];
  for (const c of s.councils ?? []) {
    const t = targetsOf(s, c.code);
    const m = rates[c.code];
    const cell = (tv: number, mv: number) => `${tv.toFixed(0)} / ${mv.toFixed(0)} (${pct(mv, tv)})`;
    const f = c.fit ?? { need: 1, protection: 1, care: 1 };
    lines.push(`| ${c.name} | ${c.code} | ${cell(t.lookedAfter, m.lookedAfter)} | ${cell(t.childProtection, m.childProtection)} | ${cell(t.childrenInNeed, m.childrenInNeed)} | ${f.need.toFixed(2)}, ${f.protection.toFixed(2)}, ${f.care.toFixed(2)} |`);
  }
  return lines.join('\n');
}
