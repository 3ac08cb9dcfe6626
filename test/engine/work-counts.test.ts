import { describe, expect, it } from 'vitest';
import { toParams } from '../../sim/params';
import { Simulation } from '../../sim/simulation';
import { loadShipped } from '../helpers';

/**
 * The bench reads the engine's work counts (sim/engine/work-counts.ts) to give its time per unit of
 * work. They must count what happened: each is checked against the month records or against the
 * counts it is a part of.
 */
describe('work counts', () => {
  it('count the births, arrivals and 18th birthdays the records show, and nest as they should', () => {
    const sim = new Simulation(toParams(loadShipped('north-east-baseline.json', { 'population.scale': 0.02 })), 3);
    let births = 0;
    let movedIn = 0;
    let turned18 = 0;
    let backToUniversal = 0;
    for (let m = 1; m <= 36; m++) {
      sim.step();
      const flows = sim.record().flows;
      for (const [key, n] of Object.entries(flows)) {
        const [from, to] = key.split('>');
        if (from === 'birth') births += n;
        else if (from === 'moved_in') movedIn += n;
        else if (to === 'aged_out' || to === 'left_care_18') turned18 += n;
        else if (to === 'universal' && from !== 'universal') backToUniversal += n;
      }
    }
    const work = sim.workCounts();
    expect(work.births).toBe(births);
    expect(work.arrivals).toBe(movedIn);
    expect(work.agedOut).toBe(turned18);
    expect(births).toBeGreaterThan(0);
    expect(turned18).toBeGreaterThan(0);
    // a need falls to a child picked by a clock that fell due, from a calendar entry read
    expect(work.needsArisen).toBeGreaterThan(0);
    expect(work.needsArisen).toBeLessThanOrEqual(work.needFirings);
    expect(work.needFirings).toBeGreaterThan(work.needsArisen); // some fall to children in the system, or are thinned out by age
    expect(work.needEntries).toBeGreaterThan(0);
    expect(work.povertyChanges).toBeGreaterThan(0);
    expect(work.povertyChanges).toBeLessThanOrEqual(work.povertyEntries);
    // the active table's events are at most one per draw, and every return to universal services
    // (a case closed, a child home from care) is one of them
    expect(work.activeEvents).toBeLessThanOrEqual(work.activeDraws);
    expect(backToUniversal).toBeGreaterThan(0);
    expect(work.activeEvents).toBeGreaterThanOrEqual(backToUniversal);
  });
});
