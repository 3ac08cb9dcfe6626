/**
 * The region as its councils: the region's record is its councils' sum every month, every child
 * placed away from its council is counted where it lives (checked against a scan of each
 * council's children), and no child is away while a suitable place in its own council is free.
 */
import { describe, expect, it } from 'vitest';
import { LOCATED_TYPES } from '../../sim/records';
import { SPEND_CATEGORIES, STATE_CODE as S, STATES } from '../../sim/states';
import { councilsScenario, miles, runEach } from './helpers';

const OUTSIDE = 255;

describe('the region is the sum of its councils', () => {
  it('adds up stocks, flows, pounds (to the penny) and placements away, every month', () => {
    const s = councilsScenario(0.05);
    let months = 0;
    runEach(s, 7, 24, (r) => {
      const councils = Object.values(r.councils ?? {});
      expect(councils).toHaveLength(12);
      for (const state of STATES) expect(r.stocks[state], state).toBe(councils.reduce((n, c) => n + c.stocks[state], 0));
      const flows: Record<string, number> = {};
      for (const c of councils) for (const [k, v] of Object.entries(c.flows)) flows[k] = (flows[k] ?? 0) + v;
      expect(r.flows).toEqual(flows);
      for (const cat of SPEND_CATEGORIES) expect(Math.round(r.spend[cat] * 100), cat).toBe(councils.reduce((n, c) => n + Math.round(c.spend[cat] * 100), 0));
      expect(Math.round(r.spendTotal * 100)).toBe(councils.reduce((n, c) => n + Math.round(c.spendTotal * 100), 0));
      // each council's pounds add up to its total, so every pound is a council's and a category's
      for (const c of councils) expect(Math.round(SPEND_CATEGORIES.reduce((n, cat) => n + c.spend[cat] * 100, 0))).toBe(Math.round(c.spendTotal * 100));
      for (const key of ['children', 'outOfArea', 'outsideCouncil', 'over20Miles', 'placementMoves', 'careReEntries'] as const) expect(r[key], key).toBe(councils.reduce((n, c) => n + c[key], 0));
      for (const t of LOCATED_TYPES) expect(r.outsideCouncilByType[t]).toBe(councils.reduce((n, c) => n + c.outsideCouncilByType[t], 0));
      months++;
    });
    expect(months).toBe(25);
  });
});

describe('where children are placed', () => {
  it('counts children outside their council, outside the region and over 20 miles exactly as a scan of every council finds them', () => {
    const s = councilsScenario(0.05);
    const sites = s.councils!.map((c) => c.centroid);
    let away = 0;
    runEach(s, 3, 18, (r, run) => {
      s.councils!.forEach((council, k) => {
        const care = run.sim.careView(k);
        const outside: Record<string, number> = { private_residential: 0, la_residential: 0, agency_foster: 0 };
        let region = 0;
        let far = 0;
        for (let j = 0; j < care.count; j++) {
          const host = care.host[j];
          if (host === 0) continue;
          outside[STATES[care.code[j]]]++;
          if (host === OUTSIDE) region++;
          if (host === OUTSIDE || miles(sites[k], sites[host - 1]) > 20) far++;
        }
        const c = r.councils![council.code];
        expect(c.outsideCouncilByType).toEqual(outside);
        expect(c.outsideCouncil).toBe(outside.private_residential + outside.la_residential + outside.agency_foster);
        expect(c.outOfArea).toBe(region);
        expect(c.over20Miles).toBe(far);
        away += c.outsideCouncil;
      });
    });
    expect(away).toBeGreaterThan(0); // the check saw children placed away
  });

  it('leaves no child placed away from its council at a month end while a suitable place in its own council is free', () => {
    const s = councilsScenario(0.05);
    let checked = 0;
    runEach(s, 5, 24, (r, run) => {
      s.councils!.forEach((council, k) => {
        const care = run.sim.careView(k);
        const m = r.councils![council.code].market;
        for (let j = 0; j < care.count; j++) {
          if (care.host[j] === 0) continue;
          checked++;
          if (care.code[j] === S.private_residential) {
            expect(m.la_residential.occupied, `${council.name}: a free council home`).toBeGreaterThanOrEqual(m.la_residential.places);
            expect(m.private_residential.occupied, `${council.name}: a free private home`).toBeGreaterThanOrEqual(m.private_residential.places);
          } else if (care.code[j] === S.agency_foster) {
            expect(m.inhouse_foster.occupied, `${council.name}: a free in-house carer`).toBeGreaterThanOrEqual(m.inhouse_foster.places);
            expect(m.agency_foster.occupied, `${council.name}: a free agency place`).toBeGreaterThanOrEqual(m.agency_foster.places);
          }
        }
      });
    });
    expect(checked).toBeGreaterThan(0);
  });
});
