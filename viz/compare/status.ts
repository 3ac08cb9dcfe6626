/**
 * Progress and confidence: a progress bar with the time left and a Cancel button while seeds run;
 * afterwards the "enough seeds?" verdict for the outcome on the charts (its Monte Carlo standard
 * error against the size of the difference, and whether the interval excludes zero) with a button
 * for more seeds, and the check of an opened bundle. `data-done="true"` once every seed finished.
 */
import { checkAgainst, type ResultBundle, type Rerun } from '../../sim/comparison/bundle';
import { formatNumber, horizonLabel } from '../../sim/comparison/format';
import { outcomeById } from '../../sim/comparison/outcomes';
import { digestResults } from '../../sim/comparison/results';
import type { ComparisonSummary, PairedResults } from '../../sim/comparison/summary';
import type { PoolOutcome } from '../../sim/worker/pool';
import { visibleText } from '../../sim/text/bidi';

export interface StatusPanel {
  readonly element: HTMLElement;
  start(totalRuns: number, alreadyDone: number): void;
  progress(done: number, total: number, doneAtStart: number, elapsedMs: number): void;
  /** `busyMs`: time the workers spent in runs, for the pool's utilisation */
  end(state: PoolOutcome['state'], done: number, total: number, elapsedMs: number, busyMs: number): void;
  showPrecision(summary: ComparisonSummary, outcomeId: string): void;
  /** Re-run finished: compare it with the bundle (series, summary, names) and say what differs. */
  checkBundle(bundle: ResultBundle, results: PairedResults, summary: ComparisonSummary, names: Rerun['names']): void;
  note(text: string): void;
}

const seconds = (ms: number) => (ms < 60_000 ? `${Math.max(1, Math.round(ms / 1000))} s` : `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`);

/** A secondary button, hidden until the view shows it. */
function hiddenButton(text: string, onClick: () => void): HTMLButtonElement {
  const el = document.createElement('button');
  el.type = 'button';
  el.className = 'secondary';
  el.textContent = text;
  el.hidden = true;
  el.addEventListener('click', onClick);
  return el;
}

export function createStatus(workers: number, actions: { cancel(): void; more(): void }): StatusPanel {
  const section = document.createElement('section');
  section.className = 'compare-status';
  section.dataset.testid = 'compare-status';
  section.dataset.done = 'false';
  section.dataset.state = 'idle';
  const bar = document.createElement('progress');
  bar.max = 1;
  bar.value = 0;
  bar.id = 'compare-progress';
  const label = document.createElement('label');
  label.htmlFor = bar.id;
  label.textContent = 'Progress';
  label.className = 'visually-hidden';
  const text = document.createElement('p');
  text.className = 'progress-text';
  text.setAttribute('role', 'status');
  text.textContent = `Choose A and B and press Run comparison (${workers} worker${workers === 1 ? '' : 's'} on this computer).`;
  const cancel = hiddenButton('Cancel', () => actions.cancel());
  const enough = document.createElement('p');
  enough.className = 'enough';
  enough.setAttribute('aria-live', 'polite');
  const more = hiddenButton('Run more seeds', () => actions.more());
  const check = document.createElement('p');
  check.className = 'bundle-check';
  check.setAttribute('role', 'status');
  const row = document.createElement('div');
  row.className = 'progress-row';
  row.append(label, bar, cancel);
  section.append(row, text, enough, more, check);

  return {
    element: section,
    start(total, already) {
      section.dataset.done = 'false';
      section.dataset.state = 'running';
      bar.max = total;
      bar.value = already;
      cancel.hidden = false;
      more.hidden = true;
      text.textContent = `Running ${total - already} runs on ${workers} worker${workers === 1 ? '' : 's'}…`;
    },
    progress(done, total, doneAtStart, elapsedMs) {
      bar.value = done;
      const finishedHere = done - doneAtStart;
      const left = finishedHere > 0 ? (elapsedMs / finishedHere) * (total - done) : NaN;
      text.textContent = `${done} of ${total} runs done${Number.isFinite(left) && done < total ? `, about ${seconds(left)} left` : ''}.`;
    },
    end(state, done, total, elapsedMs, busyMs) {
      cancel.hidden = true;
      section.dataset.state = state;
      section.dataset.elapsedMs = String(Math.round(elapsedMs));
      section.dataset.busyMs = String(Math.round(busyMs));
      section.dataset.workers = String(workers);
      const complete = state === 'finished' && done === total;
      section.dataset.done = String(complete);
      more.hidden = !complete;
      // The button doubles the seeds (sim/comparison keeps those already run).
      more.textContent = `Run ${total / 2} more seeds`;
      text.textContent =
        state === 'finished'
          ? `All ${total} runs done in ${seconds(elapsedMs)}.`
          : state === 'cancelled'
            ? `Cancelled after ${done} of ${total} runs; the figures below use the seeds that finished both A and B.`
            : `Stopped after ${done} of ${total} runs.`;
    },
    showPrecision(summary, outcomeId) {
      const month = summary.horizons[summary.horizons.length - 1];
      const k = summary.outcomes.findIndex((r) => r.id === outcomeId && r.month === month);
      const o = outcomeById(outcomeId);
      if (k < 0 || !o) return;
      const row = summary.outcomes[k];
      const p = summary.precision[k];
      const n = summary.seeds.length;
      const head = `Enough seeds? ${o.label} at ${horizonLabel(month)}, ${n} seeds: `;
      enough.dataset.verdict = p.verdict;
      if (p.verdict === 'no-difference') enough.textContent = `${head}A and B agree exactly in every seed.`;
      else {
        const share = Number.isFinite(p.relativeError) ? `${Math.round(p.relativeError * 100)}% of` : 'large against';
        const sure = p.excludesZero ? 'the 95% interval excludes zero' : 'the 95% interval includes zero (no clear difference yet)';
        const verdict = p.verdict === 'enough' ? 'Yes.' : 'More seeds would narrow it.';
        enough.textContent = `${head}the standard error of B − A is ${formatNumber(p.standardError, o.format)}, ${share} the difference (${formatNumber(row.difference.mean, o.format, true)}); ${sure}. ${verdict}`;
      }
    },
    checkBundle(bundle, results, summary, names) {
      void digestResults(results).then((digest) => {
        const result = checkAgainst(bundle, { digest, summary: summary.outcomes, names });
        check.dataset.confirmed = String(result.confirmed);
        check.textContent = visibleText([result.message, ...result.differences.slice(0, 5)].join(' '));
      });
    },
    note(message) {
      check.textContent = visibleText(message);
      delete check.dataset.confirmed;
    },
  };
}
