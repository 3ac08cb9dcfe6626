/**
 * Issue 13: the picker, the address and the run agree whatever the click speed. Any sequence of
 * switches (good and refused scenarios), resets and answers arriving late: the page only ever
 * shows the run the worker has, and once the clicks stop it shows the newest good request's.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SimStatus } from '../../sim/worker/contract';
import type { Scenario } from '../../sim/scenario/schema';
import { ScenarioSwitcher } from '../../viz/scenario-switch';
import type { Failure, Loaded, LoadResult, ScenarioSource } from '../../viz/sim-link';

const SOURCES: ScenarioSource[] = [
  { kind: 'shipped', id: 'north-east-baseline' },
  { kind: 'shipped', id: 'paradigm-shift' },
  { kind: 'file', name: 'mine.json', text: '{}' },
  // refused by the worker
  { kind: 'shipped', id: 'broken' },
  { kind: 'file', name: 'bad.json', text: 'not json' },
];
const valid = (s: ScenarioSource) => !(s.kind === 'shipped' && s.id === 'broken') && !(s.kind === 'file' && s.name === 'bad.json');
const label = (s: ScenarioSource | undefined) => (s ? (s.kind === 'shipped' ? s.id : `file:${s.name}`) : 'nothing');

type Command = { click: 'switch'; to: number } | { click: 'reset' } | { answer: true } | { wait: true };

/** A worker that answers when told: its run changes when a load it accepted is answered. */
function world() {
  let running: ScenarioSource | undefined;
  let runs = 0;
  const inFlight: (() => void)[] = [];
  const executed: string[] = [];
  const replays: string[] = [];
  const shows: { shown: string; workerHad: string }[] = [];
  const refusals: { running: string; workerHad: string }[] = [];
  const answer = (source: ScenarioSource | undefined, seed: number) =>
    new Promise<LoadResult>((resolve) =>
      inFlight.push(() => {
        if (!source || !valid(source)) {
          resolve({ ok: false, title: 'refused', messages: [label(source)] });
          return;
        }
        running = source;
        runs++;
        resolve({ ok: true, source, scenario: { name: label(source) } as Scenario, status: { seed, run: runs } as SimStatus, timeline: [] });
      }),
    );
  const switcher = new ScenarioSwitcher({
    load: (source, seed, replay) => {
      executed.push(label(source));
      if (replay) replays.push(`${label(source)}: ${replay.levers?.length ?? 0} levers, month ${replay.month ?? 0}`);
      return answer(source, seed);
    },
    reset: (seed) => {
      executed.push(`reset ${label(running)}`);
      return answer(running, seed);
    },
    show: (loaded: Loaded) => shows.push({ shown: label(loaded.source), workerHad: label(running) }),
    refuse: (_: Failure, shown: Loaded | undefined) => refusals.push({ running: label(shown?.source), workerHad: label(running) }),
  });
  // A macrotask: every promise callback queued so far has run.
  const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
  return {
    switcher,
    executed,
    replays,
    shows,
    refusals,
    running: () => running,
    settle,
    async answerOne() {
      await settle();
      inFlight.shift()?.();
      await settle();
    },
    async answerAll() {
      await settle();
      while (inFlight.length > 0) {
        inFlight.shift()?.();
        await settle();
      }
    },
    get inFlight() {
      return inFlight.length;
    },
  };
}

const command: fc.Arbitrary<Command> = fc.oneof(
  fc.record({ click: fc.constant('switch' as const), to: fc.integer({ min: 0, max: SOURCES.length - 1 }) }),
  fc.record({ click: fc.constant('reset' as const) }),
  fc.record({ answer: fc.constant(true as const) }),
  fc.record({ wait: fc.constant(true as const) }),
);

describe('scenario switches', () => {
  it('show only the worker\u2019s run, and the newest good request\u2019s once the clicks stop (any ordering)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 2 }), fc.array(command, { minLength: 1, maxLength: 25 }), async (first, commands) => {
        const w = world();
        // Start-up: a good scenario is on show.
        const started = w.switcher.switchTo(SOURCES[first], 1);
        await w.answerAll();
        expect(await started).toBe(true);
        let newest: { kind: 'switch'; source: ScenarioSource } | { kind: 'reset' } | undefined;
        for (const c of commands) {
          if ('click' in c) {
            if (c.click === 'switch') {
              void w.switcher.switchTo(SOURCES[c.to], 1);
              newest = { kind: 'switch', source: SOURCES[c.to] };
            } else {
              void w.switcher.reset(2);
              newest = { kind: 'reset' };
            }
          } else if ('answer' in c) {
            await w.answerOne();
          } else {
            await w.settle();
          }
        }
        await w.answerAll();
        expect(w.switcher.busy).toBe(false);

        // Never a stale result on show: every show named the run the worker had at that moment.
        for (const s of w.shows) expect(s.shown).toBe(s.workerHad);
        for (const r of w.refusals) expect(r.running).toBe(r.workerHad);
        // At rest, the page shows what the worker runs.
        expect(label(w.switcher.current?.source)).toBe(label(w.running()));
        // And that is the newest request's when it was good.
        if (newest?.kind === 'switch' && valid(newest.source)) expect(label(w.switcher.current?.source)).toBe(label(newest.source));
        if (newest?.kind === 'switch' && !valid(newest.source)) expect(w.refusals.length).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  });

  it('runs requests one at a time and drops a switch that a newer one overtook before it started', async () => {
    const w = world();
    void w.switcher.switchTo(SOURCES[0], 1);
    await w.settle();
    void w.switcher.switchTo(SOURCES[1], 1);
    void w.switcher.switchTo(SOURCES[2], 1);
    void w.switcher.switchTo(SOURCES[1], 1);
    await w.settle();
    expect(w.inFlight).toBe(1);
    await w.answerAll();
    // The first had started; the two after it were overtaken before their turn and never reached the worker.
    expect(w.executed).toEqual(['north-east-baseline', 'paradigm-shift']);
    expect(w.shows.map((s) => s.shown)).toEqual(['paradigm-shift']);
  });

  it('shows the run that is left when the newest switch is refused, even one never shown before', async () => {
    const w = world();
    void w.switcher.switchTo(SOURCES[0], 1);
    await w.answerAll();
    void w.switcher.switchTo(SOURCES[1], 1);
    await w.settle();
    // Overtaken while in flight: paradigm-shift loads, but the refused file is the newest request.
    void w.switcher.switchTo(SOURCES[4], 1);
    await w.answerAll();
    expect(w.executed).toEqual(['north-east-baseline', 'paradigm-shift', 'file:bad.json']);
    expect(w.shows.map((s) => s.shown)).toEqual(['north-east-baseline', 'paradigm-shift']);
    expect(w.refusals).toEqual([{ running: 'paradigm-shift', workerHad: 'paradigm-shift' }]);
  });

  it('reads an opened file in its turn, and keeps a lever change behind a switch clicked before it', async () => {
    const w = world();
    const order: string[] = [];
    void w.switcher.switchTo(async () => {
      order.push('file read');
      return SOURCES[2];
    }, 1);
    const lever = w.switcher.after(async () => {
      order.push(`lever on ${label(w.switcher.current?.source)}`);
      return true;
    });
    await w.answerAll();
    await lever;
    expect(order).toEqual(['file read', 'lever on file:mine.json']);
  });

  it('hands a link’s levers and month to the load, in turn: a switch clicked meanwhile still wins', async () => {
    const w = world();
    const levers = [{ month: 1, path: 'policy.earlyHelp.budgetPerYear', value: 60_000_000 }];
    const fromLink = w.switcher.switchTo(SOURCES[2], 4, { levers, month: 3 });
    await w.settle();
    const clicked = w.switcher.switchTo(SOURCES[1], 4);
    await w.answerAll();
    expect(w.replays).toEqual(['file:mine.json: 1 levers, month 3']);
    expect(await fromLink).toBe(false);
    expect(await clicked).toBe(true);
    expect(w.shows.map((s) => s.shown)).toEqual(['paradigm-shift']);
    expect(label(w.switcher.current?.source)).toBe('paradigm-shift');
  });

  it('shows a restored run at once when idle, or at the end of the request under way', async () => {
    const w = world();
    void w.switcher.switchTo(SOURCES[0], 1);
    await w.answerAll();
    const restored: Loaded = { source: SOURCES[0], scenario: { name: 'x' } as Scenario, status: { seed: 1 } as SimStatus, timeline: [] };
    w.switcher.restored(restored);
    expect(w.switcher.current).toBe(restored);
    void w.switcher.switchTo(SOURCES[3], 1);
    await w.settle();
    const again = { ...restored };
    w.switcher.restored(again);
    expect(w.switcher.current).toBe(restored);
    await w.answerAll();
    expect(w.switcher.current).toBe(again);
  });
});
