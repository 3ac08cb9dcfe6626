import { describe, expect, it } from 'vitest';
import { TicketQueue } from '../../sim/engine/ticket-queue';

/** Take everything left in the queue, front first, as [slot, ticket] pairs. */
function drain(q: TicketQueue): [number, number][] {
  const out: [number, number][] = [];
  while (!q.isEmpty) {
    const slot = q.frontSlot();
    out.push([slot, q.shift()]);
  }
  return out;
}

describe('the ticket queue under the waiting list (ticket-queue.ts)', () => {
  it('hands out tickets in order from 1 (0 means none) and gives slots back first in, first out', () => {
    const q = new TicketQueue();
    expect(q.isEmpty).toBe(true);
    expect([q.push(7), q.push(3), q.push(7)]).toEqual([1, 2, 3]);
    expect(q.isEmpty).toBe(false);
    expect(drain(q)).toEqual([
      [7, 1],
      [3, 2],
      [7, 3],
    ]);
  });

  it('keeps the order when it grows past its first 1,024 entries', () => {
    const q = new TicketQueue();
    for (let k = 0; k < 3000; k++) q.push(10_000 + k);
    expect(drain(q)).toEqual(Array.from({ length: 3000 }, (_, k) => [10_000 + k, k + 1]));
  });

  it('keeps the order when it reuses the room of entries already taken', () => {
    const q = new TicketQueue();
    const taken: [number, number][] = [];
    // A steady state: about 100 waiting, thousands passing through.
    for (let k = 0; k < 5000; k++) {
      q.push(k);
      if (k >= 100) taken.push([q.frontSlot(), q.shift()]);
    }
    const all = [...taken, ...drain(q)];
    expect(all).toEqual(Array.from({ length: 5000 }, (_, k) => [k, k + 1]));
  });

  it('keeps the order when it has to grow with entries already taken', () => {
    const q = new TicketQueue();
    for (let k = 0; k < 1024; k++) q.push(k);
    for (let k = 0; k < 300; k++) q.shift();
    for (let k = 1024; k < 2100; k++) q.push(k);
    expect(drain(q)).toEqual(Array.from({ length: 1800 }, (_, k) => [300 + k, 301 + k]));
  });
});
