/**
 * The audience view's step card: the counter, the title, the prompt, the question, the choice
 * buttons and a status line. It only shows what the controller (audience.ts) says; a choice
 * button hands its index back through `onChoose`.
 */
import type { WorkshopStep } from '../../sim/workshop/script';
import { el } from './dom';

/** Where the workshop stands, as the card needs it. */
export interface StepCardState {
  step: WorkshopStep;
  index: number;
  total: number;
  arrived: boolean;
  busy: boolean;
  /** The choice made at this step, if any. */
  chosen: number | null;
  /** The month being run to, when not there yet. */
  target: number | null;
  branchArmed: boolean;
  isLast: boolean;
}

export interface StepCard {
  render(state: StepCardState): void;
}

export function createStepCard(panel: HTMLElement, total: number, onChoose: (choice: number) => void): StepCard {
  const card = el('div', 'step-card');
  card.dataset.testid = 'workshop-step';
  card.dataset.total = String(total);
  const counter = el('p', 'step-counter');
  const title = el('h2', 'step-title');
  title.id = 'step-title';
  const prompt = el('p', 'step-prompt');
  const question = el('p', 'step-question');
  const choiceRow = el('div', 'choices');
  choiceRow.setAttribute('role', 'group');
  choiceRow.setAttribute('aria-label', 'Choices');
  const status = el('p', 'step-status');
  status.setAttribute('role', 'status');
  const titleLine = el('div', 'step-title-line');
  titleLine.append(counter, title);
  card.append(titleLine, prompt, question, choiceRow, status);
  panel.append(card);

  return {
    render(s) {
      const { step, index } = s;
      card.dataset.index = String(index);
      card.dataset.arrived = String(s.arrived);
      counter.textContent = `${index + 1} of ${s.total}`;
      counter.title = `Step ${index + 1} of ${s.total}, month ${step.month}`;
      title.textContent = step.title;
      prompt.textContent = step.prompt;
      question.textContent = step.question ?? '';
      question.hidden = !step.question;
      choiceRow.replaceChildren(
        ...(step.choices ?? []).map((choice, c) => {
          const b = el('button', 'choice');
          b.type = 'button';
          b.dataset.testid = 'choice';
          b.dataset.choice = String(c);
          b.append(el('kbd', '', String(c + 1)), ' ', choice.label);
          b.setAttribute('aria-pressed', String(s.chosen === c));
          b.disabled = !s.arrived || s.busy;
          b.addEventListener('click', () => onChoose(c));
          return b;
        }),
      );
      choiceRow.hidden = !step.choices;
      status.textContent = statusLine(s);
      status.hidden = status.textContent === '';
    },
  };
}

/** What the room should expect next, in words; empty when the choices say it. */
function statusLine(s: StepCardState): string {
  return s.busy
    ? 'Working…'
    : !s.arrived
      ? `Running to month ${s.target ?? s.step.month}…`
      : s.branchArmed
        ? 'Branch ready: the next choice goes to B; A goes on without it.'
        : s.isLast
          ? 'Last step: Next shows the recap.'
          : s.step.choices
            ? ''
            : 'Next runs to the next step.';
}
