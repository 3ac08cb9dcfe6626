import { describe, expect, it } from 'vitest';
import { toParams } from '../../sim/params';
import { Run } from '../../sim/run';
import { STATES } from '../../sim/states';
import { loadShipped, shippedScenarioFiles } from '../helpers';
import { census } from './population-scan';

const SCALE = 0.02;
const MONTHS = 48;

describe('conservation, checked against the population itself', () => {
  for (const file of shippedScenarioFiles()) {
    it(`counts in every month record exactly the children in the population's slots (${file})`, () => {
      const scenario = loadShipped(file, { 'population.scale': SCALE });
      const started = Run.start(scenario, 5);
      if (!started.ok) throw new Error('run did not start');
      const run = started.value;
      const first = run.record();
      // Month 0 holds scale x children, as the scenario asks (rounded to whole children; with councils, each council's).
      const params = toParams(scenario);
      const councils = scenario.councils ?? [{ children: scenario.population.children }];
      expect(first.children).toBe(councils.reduce((n, c) => n + Math.round(c.children * SCALE), 0));
      expect(first.children).toBe(params.councils ? params.councils.reduce((n, c) => n + c.params.initialChildren, 0) : params.initialChildren);
      let births = 0;
      let arrivals = 0;
      let exits = 0;
      for (let m = 0; m <= MONTHS; m++) {
        const record = m === 0 ? first : run.step();
        // every council's population, slot by slot (one without councils)
        const seen = run.sim.populations().map((pop) => census(pop));
        expect(seen.reduce((n, c) => n + c.children, 0), `month ${m}: children`).toBe(record.children);
        for (const s of STATES) expect(seen.reduce((n, c) => n + c.stocks[s], 0), `month ${m}: ${s}`).toBe(record.stocks[s]);
        births += record.flows['birth>universal'] ?? 0;
        for (const [key, n] of Object.entries(record.flows)) if (key.startsWith('moved_in>')) arrivals += n;
        for (const [key, n] of Object.entries(record.flows)) if (key.endsWith('>aged_out') || key.endsWith('>left_care_18')) exits += n;
        // Recomputed from the flows alone, independently of the stocks.
        expect(record.children, `month ${m}: initial + births + arrivals - exits`).toBe(first.children + births + arrivals - exits);
      }
    });
  }
});
