/**
 * The comparison view's "what the answers rest on" panel: progress while the uncertainty analysis
 * runs in the worker pool, then one sentence per headline question, the tornado of the outcome on
 * screen (a bar per parameter, `data-path`) and its break-even values. `data-state` says where it
 * is: idle, running, done, cancelled or failed.
 */
import type { ComparisonSummary } from '../../sim/comparison/summary';
import type { UncertaintyAnalysis } from '../../sim/uncertainty/analysis';
import type { RunCost } from '../../sim/uncertainty/cost';
import { headlineSentences } from '../../sim/uncertainty/words';
import { THEME } from '../palette';
import { panel } from './files';
import { outcomeTornado } from './uncertainty-figures';

export interface UncertaintyView {
  readonly element: HTMLElement;
  start(cost: RunCost): void;
  progress(runs: number): void;
  show(result: { analysis: UncertaintyAnalysis; summary: ComparisonSummary; names: [string, string]; outcome: string }): void;
  end(state: 'cancelled' | 'failed', message?: string): void;
  hide(): void;
}

const SCREEN = { background: THEME.surface, text: THEME.text, muted: THEME.textMuted, grid: THEME.grid };

export function createUncertaintyView(): UncertaintyView {
  const section = panel('compare-uncertainty', 'compare-uncertainty-heading', 'What the answers rest on');
  section.dataset.testid = 'compare-uncertainty';
  section.dataset.state = 'idle';
  section.hidden = true;
  const text = document.createElement('p');
  text.className = 'uncertainty-progress';
  text.setAttribute('role', 'status');
  const sentences = document.createElement('ul');
  sentences.className = 'headline-sentences';
  const figure = document.createElement('figure');
  figure.className = 'svg-chart tornado-chart';
  const plot = document.createElement('div');
  plot.className = 'svg-host';
  const breakEven = document.createElement('ul');
  breakEven.className = 'break-even';
  const breakEvenHeading = document.createElement('h3');
  breakEvenHeading.textContent = 'Break-even values';
  figure.append(plot);
  section.append(text, sentences, figure, breakEvenHeading, breakEven);
  let atLeast = 0;
  const clearResults = () => {
    sentences.replaceChildren();
    plot.replaceChildren();
    breakEven.replaceChildren();
  };
  return {
    element: section,
    start(cost) {
      atLeast = cost.atLeast;
      section.hidden = false;
      section.dataset.state = 'running';
      clearResults();
      text.textContent = `Running the uncertainty analysis: at least ${cost.atLeast} runs (ensemble ${cost.ensemble}, tornado ${cost.tornado}${cost.screening ? `, screening ${cost.screening}` : ''}) plus re-calibration and break-even searches…`;
    },
    progress(runs) {
      text.textContent = `Running the uncertainty analysis: ${runs} runs done (at least ${atLeast} in all)…`;
    },
    show({ analysis, summary, names, outcome }) {
      section.hidden = false;
      section.dataset.state = 'done';
      const used = analysis.draws.length - analysis.notCalibrated.length;
      text.textContent =
        `${analysis.runs} runs: ${used} of ${analysis.draws.length} draws of ${analysis.parameters.length} uncertain parameters` +
        (analysis.notCalibrated.length > 0 ? ` (left out, not calibrated within tolerance: draws ${analysis.notCalibrated.join(', ')})` : ', every draw calibrated') +
        (analysis.screening ? `; a Morris screen kept ${analysis.screening.cut} parameters for the tornado` : '') +
        '.';
      sentences.replaceChildren(...headlineSentences(names, summary.outcomes, analysis).map((s) => Object.assign(document.createElement('li'), { textContent: s })));
      const t = outcomeTornado(analysis, summary, outcome, SCREEN, 760);
      plot.innerHTML = t?.svg ?? '';
      breakEven.replaceChildren(...(t?.breakEven ?? ['No entry for this outcome.']).map((s) => Object.assign(document.createElement('li'), { textContent: s })));
    },
    end(state, message) {
      section.dataset.state = state;
      text.textContent = state === 'cancelled' ? 'The uncertainty analysis was cancelled.' : `The uncertainty analysis stopped: ${message ?? 'a run failed'}.`;
    },
    hide() {
      section.hidden = true;
      section.dataset.state = 'idle';
      clearResults();
    },
  };
}
