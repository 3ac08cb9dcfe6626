/** Issue 25: after a recovery, the "restarting" notice clears once a run works again. */
import { describe, expect, it } from 'vitest';
import type { ApiResult, SimStatus } from '../../sim/worker/contract';
import { Recovery, RESTART_DELAYS_MS } from '../../viz/recovery';
import { FakeClock } from '../viz/fake-clock';

const fails = async (): Promise<ApiResult<SimStatus>> => ({ ok: false, error: { kind: 'state', message: 'the simulation worker has stopped' } });
const works = async (): Promise<ApiResult<SimStatus>> => ({ ok: true, value: { month: 3 } as SimStatus });
const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** The page's notice line as the recovery's callbacks drive it (viz/sim-link.ts, viz/main.ts). */
function page(restart: () => Promise<ApiResult<SimStatus>>, alive: () => boolean = () => false) {
  const clock = new FakeClock();
  let notice = '';
  const r = new Recovery({
    clock,
    isAlive: alive,
    restart,
    onRestarting: (reason) => (notice = `Restarting… (${reason})`),
    onRestarted: () => (notice = 'Restored your run.'),
    onGaveUp: () => (notice = 'Stopped restarting.'),
    onRecovered: () => (notice = ''),
  });
  return { clock, r, notice: () => notice };
}

describe('the recovery notice', () => {
  it('clears when the user chooses another scenario and it loads, after restarts were given up', async () => {
    const { clock, r, notice } = page(fails);
    r.crashed('hung');
    for (const delay of RESTART_DELAYS_MS) {
      clock.advance(delay);
      await settle();
    }
    expect(notice()).toBe('Stopped restarting.');
    r.forgive(); // a load that worked
    expect(notice()).toBe('');
  });

  it('clears when a user\u2019s load brought a worker back before the next attempt', async () => {
    let up = false;
    const { clock, r, notice } = page(fails, () => up);
    r.crashed('hung');
    clock.advance(0);
    await settle();
    expect(notice()).toMatch(/^Restarting/);
    up = true; // the user loaded a scenario: a fresh worker runs it
    clock.advance(RESTART_DELAYS_MS[1]);
    await settle();
    expect(notice()).toBe('');
  });

  it('is replaced by what was restored when a restart works, and a later load leaves that alone', async () => {
    const { clock, r, notice } = page(works);
    r.crashed('hung');
    clock.advance(0);
    await settle();
    expect(notice()).toBe('Restored your run.');
    r.forgive();
    expect(notice()).toBe('Restored your run.');
  });
});
