/**
 * Issue 13: the restart policy on a manual clock. A dead worker is restarted at once; restarts
 * that keep failing, or workers that keep dying, wait longer each time and then stop, saying so.
 */
import { describe, expect, it } from 'vitest';
import type { ApiResult, SimStatus } from '../../sim/worker/contract';
import { Recovery, RESTART_DELAYS_MS } from '../../viz/recovery';
import { FakeClock } from './fake-clock';

const status = { month: 7 } as SimStatus;
const works = async (): Promise<ApiResult<SimStatus>> => ({ ok: true, value: status });
const fails = async (): Promise<ApiResult<SimStatus>> => ({ ok: false, error: { kind: 'state', message: 'the simulation worker has stopped' } });

/** Let the awaited restart settle. */
const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

function recovery(restart: () => Promise<ApiResult<SimStatus>>, alive = () => false) {
  const clock = new FakeClock();
  const log: string[] = [];
  let calls = 0;
  const r = new Recovery({
    clock,
    isAlive: alive,
    restart: () => {
      calls++;
      log.push(`restart@${clock.time}`);
      return restart();
    },
    onRestarting: (_, attempt, delay) => log.push(`attempt ${attempt} in ${delay}`),
    onRestarted: (s, _, attempt) => log.push(`restarted at month ${s.month} (attempt ${attempt})`),
    onGaveUp: (_, attempts) => log.push(`gave up after ${attempts}`),
  });
  return { clock, log, r, calls: () => calls };
}

describe('recovery', () => {
  it('restarts a dead worker at once and says so', async () => {
    const { clock, log, r } = recovery(works);
    r.crashed('hung');
    expect(r.restarting).toBe(true);
    clock.advance(0);
    await settle();
    expect(log).toEqual(['attempt 1 in 0', 'restart@0', 'restarted at month 7 (attempt 1)']);
    expect(r.restarting).toBe(false);
  });

  it('takes a crash during a restart as that restart\u2019s failure, not as a second restart', async () => {
    let finish: (result: ApiResult<SimStatus>) => void = () => {};
    const { clock, r, calls } = recovery(() => new Promise((resolve) => (finish = resolve)));
    r.crashed('hung');
    clock.advance(0);
    r.crashed('the new worker hung too');
    r.crashed('and again');
    expect(calls()).toBe(1);
    finish({ ok: false, error: { kind: 'state', message: 'dead' } });
    await settle();
    clock.advance(RESTART_DELAYS_MS[1]);
    expect(calls()).toBe(2);
  });

  it('backs off while restarts keep failing, then gives up and stays given up', async () => {
    const { clock, log, r, calls } = recovery(fails);
    r.crashed('hung');
    for (let k = 0; k < 10; k++) {
      clock.advance(5_000);
      await settle();
    }
    expect(calls()).toBe(RESTART_DELAYS_MS.length);
    expect(log.filter((l) => l.startsWith('attempt'))).toEqual(RESTART_DELAYS_MS.map((d, k) => `attempt ${k + 1} in ${d}`));
    expect(log.at(-1)).toBe(`gave up after ${RESTART_DELAYS_MS.length}`);
    clock.advance(600_000);
    await settle();
    expect(calls()).toBe(RESTART_DELAYS_MS.length);
  });

  it('backs off when a restarted worker keeps dying soon after, and starts afresh after a calm spell', async () => {
    const { clock, log, r, calls } = recovery(works);
    const crashAndRecover = async () => {
      r.crashed('hung');
      for (let k = 0; k < 3; k++) {
        clock.advance(5_000);
        await settle();
      }
    };
    await crashAndRecover();
    await crashAndRecover();
    await crashAndRecover();
    expect(log.filter((l) => l.startsWith('attempt'))).toEqual(['attempt 1 in 0', 'attempt 2 in 2000', 'attempt 3 in 10000']);
    r.crashed('hung');
    expect(log.at(-1)).toBe('gave up after 3');
    expect(calls()).toBe(3);

    // A user's new load forgives; so does a long calm spell after a restart.
    r.forgive();
    await crashAndRecover();
    expect(calls()).toBe(4);
    clock.advance(120_000);
    await crashAndRecover();
    expect(log.filter((l) => l.startsWith('attempt')).slice(-2)).toEqual(['attempt 1 in 0', 'attempt 1 in 0']);
  });

  it('does not restart over a worker that a user\u2019s load already brought back', async () => {
    let alive = false;
    const { clock, r, calls } = recovery(fails, () => alive);
    r.crashed('hung');
    clock.advance(0);
    await settle();
    alive = true;
    clock.advance(RESTART_DELAYS_MS[1]);
    await settle();
    expect(calls()).toBe(1);
    expect(r.restarting).toBe(false);
  });

  it('does nothing after dispose', async () => {
    const { clock, r, calls } = recovery(works);
    r.crashed('hung');
    r.dispose();
    clock.advance(10_000);
    await settle();
    expect(calls()).toBe(0);
  });
});
