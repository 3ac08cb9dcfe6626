import { describe, expect, it } from 'vitest';
import { progressLine, progressReporter } from '../../sim/node/progress';

function clock(times: number[]) {
  let k = 0;
  return () => times[Math.min(k++, times.length - 1)];
}

describe('progress on stderr', () => {
  it('estimates the time left from the mean time per run so far', () => {
    expect(progressLine('runs', 10, 40, 5000)).toBe('runs 10/40, 5.0 s, about 15.0 s left');
    expect(progressLine('runs', 40, 40, 20000)).toBe('runs 40/40, 20.0 s');
    expect(progressLine('runs', 1, 100, 90000)).toBe('runs 1/100, 1 min 30 s, about 2 h 28 min left');
  });

  it('writes plain lines, at most one per interval plus the last, when stderr is not a terminal', () => {
    let text = '';
    // started at 0; updates at 100, 200, 1200, 1300 (the last run); finish at 1300
    const p = progressReporter({ total: 4, write: (t) => (text += t), tty: false, intervalMs: 1000, now: clock([0, 100, 200, 1200, 1300, 1300]) });
    for (const done of [1, 2, 3, 4]) p.update(done);
    p.finish();
    expect(text).toBe('runs 1/4, 0.1 s, about 0.3 s left\nruns 3/4, 1.2 s, about 0.4 s left\nruns 4/4, 1.3 s\ndone: 4 runs in 1.3 s\n');
    expect(text).not.toContain('\r');
  });

  it('rewrites one line on a terminal and ends it with the closing line', () => {
    let text = '';
    const p = progressReporter({ total: 2, write: (t) => (text += t), tty: true, intervalMs: 0, now: clock([0, 500, 1000, 1000]) });
    p.update(1);
    p.update(2);
    p.finish('-> out.json');
    expect(text).toBe('\rruns 1/2, 0.5 s, about 0.5 s left\x1b[K\rruns 2/2, 1.0 s\x1b[K\rdone: 2 runs in 1.0 s -> out.json\x1b[K\n');
  });

  it('takes a total that grows as the work is planned, and closes with the last one', () => {
    let text = '';
    // a batch of 2, then one of 3 more: 5 in all; a batch's end is throttled like any update
    const p = progressReporter({ total: 0, unit: 'uncertainty runs', write: (t) => (text += t), tty: false, intervalMs: 1000, now: clock([0, 100, 200, 1300, 1400, 1500, 1500]) });
    p.update(1, 2);
    p.update(2, 2);
    for (const done of [3, 4, 5]) p.update(done, 5);
    p.finish();
    expect(text).toBe('uncertainty runs 1/2, 0.1 s, about 0.1 s left\nuncertainty runs 3/5, 1.3 s, about 0.9 s left\ndone: 5 uncertainty runs in 1.5 s\n');
  });
});
