/**
 * Progress of long work on stderr: runs done, the total, the time so far and the time left (from
 * the mean time per run so far). On a terminal one line is rewritten in place; elsewhere (a
 * cluster's log file, a pipe) plain lines, at most one per interval, so logs stay readable.
 */

export interface ProgressOptions {
  total: number;
  write: (text: string) => void;
  /** rewrite one line (a terminal) or append plain lines (a log) */
  tty: boolean;
  /** at most one update per this many ms (the first and the last always show) */
  intervalMs: number;
  /** what is counted, e.g. "runs" */
  unit?: string;
  now?: () => number;
}

export interface Progress {
  /** `total`: a new total, for work whose size grows as it goes (the uncertainty analysis's steps) */
  update(done: number, total?: number): void;
  /** the closing line: total time */
  finish(note?: string): void;
}

export function formatSeconds(seconds: number): string {
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${Math.round(seconds - minutes * 60)} s`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/** "runs 12/40, 8.1 s, about 18.9 s left" */
export function progressLine(unit: string, done: number, total: number, elapsedMs: number): string {
  const elapsed = elapsedMs / 1000;
  const left = done > 0 && done < total ? `, about ${formatSeconds((elapsed / done) * (total - done))} left` : '';
  return `${unit} ${done}/${total}, ${formatSeconds(elapsed)}${left}`;
}

export function progressReporter(options: ProgressOptions): Progress {
  const now = options.now ?? Date.now;
  const unit = options.unit ?? 'runs';
  const started = now();
  let shown = -Infinity;
  let total = options.total;
  let open = false;
  const show = (line: string) => {
    if (options.tty) {
      options.write(`\r${line}\x1b[K`);
      open = true;
    } else options.write(`${line}\n`);
  };
  return {
    update(done, newTotal) {
      // With a growing total every batch ends at done = total: only the closing line is the last.
      const growing = newTotal !== undefined;
      total = newTotal ?? total;
      const t = now();
      if ((growing || done < total) && t - shown < options.intervalMs) return;
      shown = t;
      show(progressLine(unit, done, total, t - started));
    },
    finish(note) {
      const line = `done: ${total} ${unit} in ${formatSeconds((now() - started) / 1000)}${note ? ` ${note}` : ''}`;
      if (open) options.write(`\r${line}\x1b[K\n`);
      else options.write(`${line}\n`);
    },
  };
}
