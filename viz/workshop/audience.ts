/**
 * The workshop's audience view (`?workshop=<file>`): the map first, a step card with the prompt,
 * the question and the choices, three headline figures and the children-in-care chart. Keys (what
 * presenter clickers send): PageDown, → and ↓ for the next step, PageUp, ← and ↑ for the previous
 * one (an exact rewind: the run is replayed with the choices made before it), 1 to 3 for a choice,
 * Space to play or pause (the run stops by itself at the next step). "Branch from now" forks the
 * run at a pause (ghost.ts). The presenter console (`?presenter=1`) drives the same controller over
 * a BroadcastChannel (channel.ts); the notes never show here.
 */
import { inCare, per10k, regionPounds } from '../../sim/measures';
import type { LeverChange, MonthRecord, Scenario, SimStatus } from '../../sim/worker/contract';
import { choiceLevers, type Workshop } from '../../sim/workshop/script';
import type { Chart, ChartMarker } from '../charts';
import { ownsKey } from '../controls';
import { formatCount, formatPounds } from '../format';
import { THEME_KEY, THEME } from '../palette';
import type { SimulationLink } from '../sim-link';
import { openChannel, type WorkshopCommand, type WorkshopMessage, type WorkshopState } from './channel';
import { Ghost } from './ghost';
import { clearProgress, loadProgress, saveProgress } from './progress';
import { computeRecap, renderRecap } from './recap';

export interface WorkshopDeps {
  id: string;
  fileName: string;
  text: string;
  scenario: Scenario;
  seed: number;
  link: SimulationLink;
  /** Load the workshop again with these levers, paused at `month` (a rewind; the page shows the new run). */
  reload(levers: LeverChange[], month: number): Promise<boolean>;
  /** A lever change through the page (markers, address). */
  applyLever(path: string, value: unknown): Promise<boolean>;
  /** The lever timeline of the run on show. */
  timeline(): LeverChange[];
  careChart: Chart;
  /** Extra chart markers (the fork), beside the lever changes. */
  setExtraMarkers(markers: ChartMarker[]): void;
  say(text: string): void;
}

export interface WorkshopView {
  onStatus(status: SimStatus): void;
  onRecord(record: MonthRecord, scale: number): void;
  /** Play from the controls or the space bar: up to the next step, never past it. */
  play(): void;
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className = '', text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}

function button(text: string, title: string, testid?: string): HTMLButtonElement {
  const b = el('button', 'secondary', text);
  b.type = 'button';
  b.title = title;
  if (testid) b.dataset.testid = testid;
  return b;
}

const signed = (n: number): string => (n > 0 ? `+${formatCount(Math.round(n))}` : n < 0 ? `−${formatCount(Math.round(-n))}` : '0');

export function startWorkshop(deps: WorkshopDeps): WorkshopView {
  const workshop = deps.scenario.workshop as Workshop;
  const steps = workshop.steps;
  const last = steps.length - 1;
  const byId = (id: string): HTMLElement => {
    const found = document.getElementById(id);
    if (!found) throw new Error(`index.html is missing #${id}`);
    return found;
  };
  document.body.classList.add('audience');

  // ---- the step card
  const panel = byId('workshop-panel');
  panel.hidden = false;
  const card = el('div', 'step-card');
  card.dataset.testid = 'workshop-step';
  card.dataset.total = String(steps.length);
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

  // ---- headline figures, with the branch's gap
  const headline = byId('headline');
  headline.hidden = false;
  const figure = (label: string): HTMLElement => {
    const box = el('div', 'headline-figure');
    const value = el('span', 'headline-value', '–');
    const name = el('span', 'headline-label', label);
    box.append(value, name);
    headline.append(box);
    return value;
  };
  const careValue = figure('children in care');
  const careRate = careValue.nextElementSibling as HTMLElement;
  const cpValue = figure('on child protection plans');
  const spendValue = figure('spent since the start');
  const gapBox = el('div', 'headline-figure branch-gap');
  gapBox.dataset.testid = 'branch-gap';
  gapBox.hidden = true;
  const gapValue = el('span', 'headline-value', '–');
  const gapLabel = el('span', 'headline-label', 'children in care, B (solid) − A (dashed)');
  gapBox.append(gapValue, gapLabel);
  headline.append(gapBox);

  // ---- the navigation in the header
  const nav = byId('workshop-nav');
  nav.hidden = false;
  const prevButton = button('◀ Previous', 'Previous step, an exact rewind (PageUp, ←)');
  const nextButton = button('Next ▶', 'Next step (PageDown, →)', 'next-step');
  const branchButton = button('Branch', 'Fork the run: the next choice goes to B, A goes on without it', 'branch');
  const restartButton = button('Restart', 'Start the workshop again');
  const runTo = el('input');
  runTo.type = 'number';
  runTo.min = '1';
  runTo.max = String(workshop.months);
  runTo.id = 'run-to-month';
  runTo.setAttribute('aria-label', 'Run to month');
  runTo.placeholder = 'M';
  runTo.title = 'Run to month';
  const runToButton = button('Go', 'Run to the month in the box, or back to it (an exact replay)');
  const themeButton = button(THEME.name === 'dark' ? 'Light' : 'Dark', 'Switch between the dark and the high-contrast light theme (reloads; the workshop comes back where it was)');
  nav.append(prevButton, nextButton, branchButton, restartButton, runTo, runToButton, themeButton);

  const recapHost = byId('recap');

  // ---- state
  let index = 0;
  let arrived = false;
  let target: number | null = null;
  let month = 0;
  let playing = false;
  let choices: (number | null)[] = steps.map(() => null);
  let busy = false;
  let ghost: Ghost | undefined;
  let branchArmed = false;
  let lastRecord: MonthRecord | undefined;
  let scale = deps.scenario.population.scale;
  let recapShown = false;
  let recapPending = false;
  let cumulative = 0;

  const channel = openChannel(deps.id, (message: WorkshopMessage) => {
    if (message.kind === 'hello') publish();
    else if (message.kind === 'command') void run(message.command);
  });

  function currentState(): WorkshopState {
    const step = steps[index];
    const next = index < last ? steps[index + 1] : null;
    return {
      title: workshop.title,
      index,
      total: steps.length,
      arrived,
      month,
      months: workshop.months,
      playing,
      step: { title: step.title, prompt: step.prompt, question: step.question, notes: step.notes, month: step.month, choices: (step.choices ?? []).map((c) => c.label) },
      chosen: choices[index],
      next: next ? { title: next.title, month: next.month } : null,
      figures: [
        { label: 'Children in care', value: careValue.textContent ?? '' },
        { label: 'On CP plans', value: cpValue.textContent ?? '' },
        { label: 'Spent since the start', value: spendValue.textContent ?? '' },
      ],
      gap: gapBox.hidden ? null : Number(gapBox.dataset.value),
      branchArmed,
      recap: recapShown,
    };
  }

  function publish(): void {
    channel.post({ kind: 'state', state: currentState() });
  }

  function render(): void {
    const step = steps[index];
    card.dataset.index = String(index);
    card.dataset.arrived = String(arrived);
    counter.textContent = `${index + 1} of ${steps.length}`;
    counter.title = `Step ${index + 1} of ${steps.length}, month ${step.month}`;
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
        b.setAttribute('aria-pressed', String(choices[index] === c));
        b.disabled = !arrived || busy;
        b.addEventListener('click', () => void run({ type: 'choose', choice: c }));
        return b;
      }),
    );
    choiceRow.hidden = !step.choices;
    status.textContent = busy
      ? 'Working…'
      : !arrived
        ? `Running to month ${target ?? step.month}…`
        : branchArmed
          ? 'Branch ready: the next choice goes to B; A goes on without it.'
          : index === last
            ? 'Last step: Next shows the recap.'
            : step.choices
              ? ''
              : 'Next runs to the next step.';
    status.hidden = status.textContent === '';
    prevButton.disabled = busy || (index === 0 && !recapShown);
    nextButton.disabled = busy || recapShown;
    branchButton.disabled = busy || !arrived || playing || recapShown;
    branchButton.setAttribute('aria-pressed', String(branchArmed || ghost !== undefined));
    restartButton.disabled = busy;
    saveProgress(deps.id, { seed: deps.seed, index, choices });
    publish();
  }

  // ---- moving through the steps

  async function playTo(m: number): Promise<void> {
    target = m;
    arrived = false;
    render();
    if (month >= m) {
      if (month === m) arrive();
      return;
    }
    const result = await deps.link.playUntil(m);
    if (!result.ok) deps.say(`${result.title} ${result.messages.join(' ')}`);
  }

  function arrive(): void {
    arrived = true;
    target = null;
    render();
    if (recapPending && month >= workshop.months) void showRecap();
  }

  async function reloadAt(k: number, keepChoices: number): Promise<void> {
    busy = true;
    render();
    endBranch();
    choices = choices.map((c, j) => (j < keepChoices ? c : null));
    const ok = await deps.reload(choiceLevers(workshop, choices, { before: keepChoices }), steps[k].month);
    busy = false;
    index = k;
    if (ok) {
      month = steps[k].month;
      arrived = true;
      target = null;
    }
    render();
  }

  async function next(): Promise<void> {
    if (busy || recapShown) return;
    if (!arrived) return;
    if (index < last) {
      const to = steps[index + 1].month;
      if (month > to) return reloadAt(index + 1, index + 1);
      index += 1;
      return playTo(to);
    }
    recapPending = true;
    if (month < workshop.months) return playTo(workshop.months);
    return showRecap();
  }

  async function previous(): Promise<void> {
    if (busy) return;
    if (recapShown) {
      recapShown = false;
      recapPending = false;
      recapHost.hidden = true;
      render();
      return;
    }
    if (playing) await deps.link.pause();
    // Back to the step before this one (or to the start of the one being run to): an exact replay.
    const k = Math.max(index - 1, 0);
    return reloadAt(k, k);
  }

  async function choose(c: number): Promise<void> {
    const step = steps[index];
    const choice = step.choices?.[c];
    if (busy || !arrived || !choice || playing) return;
    if (choices[index] === c) return;
    if (choices[index] !== null) {
      // Another option was chosen here already: replay to this step without it, then take this one.
      const armed = branchArmed;
      await reloadAt(index, index);
      branchArmed = armed;
    }
    busy = true;
    render();
    const forkOnly = branchArmed;
    for (const lever of choice.levers) {
      await deps.applyLever(lever.path, lever.value);
      if (ghost && !forkOnly) await ghost.setLever(lever.path, lever.value);
    }
    choices[index] = c;
    if (forkOnly) {
      branchArmed = false;
      deps.setExtraMarkers([{ month: month + 1, label: `Branch: B ${choice.label}; A (dashed) without it` }]);
    }
    busy = false;
    render();
  }

  async function branch(): Promise<void> {
    if (busy || !arrived || playing || recapShown) return;
    busy = true;
    render();
    endBranch();
    // The gap shows once the fork is checked (below), never before.
    let checked = false;
    const started = await Ghost.start({ fileName: deps.fileName, text: deps.text, seed: deps.seed, timeline: deps.timeline(), month, scale }, () => {
      if (!checked) return;
      deps.careChart.invalidate();
      showGap();
    });
    busy = false;
    if (typeof started === 'string') {
      deps.say(`The branch could not start: ${started}`);
      render();
      return;
    }
    ghost = started;
    branchArmed = true;
    deps.careChart.setGhost(ghost.history.series);
    deps.setExtraMarkers([{ month, label: 'Branch from here: the next choice goes to B only' }]);
    // The fork's check: A's record at the fork is the run on show's, field for field (the worker's
    // records: a drawn snapshot may sum several months).
    const a = ghost.recordAt(month);
    const shown = await deps.link.records();
    const b = shown.ok ? shown.records.find((r) => r.month === month) : undefined;
    gapBox.dataset.forkEqual = String(a !== undefined && b !== undefined && JSON.stringify(a) === JSON.stringify(b));
    gapBox.dataset.forkMonth = String(month);
    checked = true;
    showGap();
    render();
  }

  function endBranch(): void {
    ghost?.dispose();
    ghost = undefined;
    branchArmed = false;
    deps.careChart.setGhost(undefined);
    deps.setExtraMarkers([]);
    gapBox.hidden = true;
    delete gapBox.dataset.forkEqual;
  }

  function showGap(): void {
    // Not before the fork has been checked (branch() sets data-fork-equal first).
    if (!ghost || !lastRecord || gapBox.dataset.forkEqual === undefined) return;
    const gap = ghost.gapAt(lastRecord.month, lastRecord);
    if (gap === undefined) return;
    gapBox.hidden = false;
    gapBox.dataset.value = String(gap);
    gapBox.dataset.month = String(lastRecord.month);
    gapValue.textContent = signed(gap);
    publish();
  }

  async function restart(): Promise<void> {
    if (busy) return;
    recapShown = false;
    recapPending = false;
    recapHost.hidden = true;
    clearProgress(deps.id);
    choices = steps.map(() => null);
    await reloadAt(0, 0);
  }

  async function runToMonth(m: number): Promise<void> {
    if (busy || !Number.isInteger(m) || m < 0 || m > workshop.months) return;
    if (playing) await deps.link.pause();
    // The step at or before the month is where the run stands; choices from later steps are dropped.
    let k = 0;
    steps.forEach((s, j) => {
      if (s.month <= m) k = j;
    });
    if (m > month) {
      index = k;
      return playTo(m).then(() => undefined);
    }
    busy = true;
    render();
    endBranch();
    choices = choices.map((c, j) => (steps[j].month < m ? c : null));
    const ok = await deps.reload(choiceLevers(workshop, choices).filter((l) => l.month <= m), m);
    busy = false;
    index = k;
    if (ok) {
      month = m;
      arrived = steps[k].month === m;
    }
    render();
  }

  async function showRecap(): Promise<void> {
    recapPending = false;
    busy = true;
    render();
    const records = await deps.link.records();
    if (!records.ok) {
      busy = false;
      deps.say(`${records.title} ${records.messages.join(' ')}`);
      render();
      return;
    }
    recapHost.hidden = false;
    recapHost.replaceChildren(el('p', 'recap-note', 'Working out what each choice did, against the same seed without it…'));
    const rows = await computeRecap({ fileName: deps.fileName, text: deps.text, seed: deps.seed, scenario: deps.scenario, choices, records: records.records.slice(0, workshop.months + 1) }, (done, total) => {
      recapHost.firstElementChild!.textContent = `Working out what each choice did: ${done} of ${total} runs…`;
    });
    busy = false;
    if (typeof rows === 'string') {
      recapHost.replaceChildren(el('p', 'recap-note', `The recap could not be made: ${rows}`));
    } else {
      renderRecap(recapHost, workshop.title, workshop.months, deps.seed, rows);
      recapHost.dataset.testid = 'recap';
      recapHost.dataset.rows = String(rows.length);
    }
    recapShown = true;
    render();
  }

  // Commands run one after another, in the order given: a key pressed while a choice is still being
  // applied waits for it instead of being lost.
  let queue: Promise<void> = Promise.resolve();
  function run(command: WorkshopCommand): Promise<void> {
    queue = queue.then(() => perform(command)).catch((err: unknown) => deps.say(`The workshop could not do that: ${err instanceof Error ? err.message : String(err)}`));
    return queue;
  }

  async function perform(command: WorkshopCommand): Promise<void> {
    switch (command.type) {
      case 'next':
        return next();
      case 'previous':
        return previous();
      case 'play':
        return view.play();
      case 'pause':
        await deps.link.pause();
        return;
      case 'choose':
        return choose(command.choice);
      case 'branch':
        return branch();
      case 'restart':
        return restart();
      case 'runTo':
        return runToMonth(command.month);
      case 'goTo':
        if (command.index < index) return reloadAt(command.index, command.index);
        return;
    }
  }

  prevButton.addEventListener('click', () => void run({ type: 'previous' }));
  nextButton.addEventListener('click', () => void run({ type: 'next' }));
  branchButton.addEventListener('click', () => void run({ type: 'branch' }));
  restartButton.addEventListener('click', () => void run({ type: 'restart' }));
  runToButton.addEventListener('click', () => void run({ type: 'runTo', month: Number(runTo.value) }));
  runTo.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') void run({ type: 'runTo', month: Number(runTo.value) });
  });
  themeButton.addEventListener('click', () => {
    try {
      localStorage.setItem(THEME_KEY, THEME.name === 'dark' ? 'light' : 'dark');
    } catch {
      // no storage: the address decides instead
    }
    const url = new URL(location.href);
    url.searchParams.set('theme', THEME.name === 'dark' ? 'light' : 'dark');
    location.replace(url.toString());
  });

  document.addEventListener('keydown', (e) => {
    if (e.altKey || e.ctrlKey || e.metaKey || e.defaultPrevented) return;
    if (ownsKey(e.target, e.key)) return;
    const k = e.key;
    if (k === 'PageDown' || k === 'ArrowRight' || k === 'ArrowDown') {
      e.preventDefault();
      void run({ type: 'next' });
    } else if (k === 'PageUp' || k === 'ArrowLeft' || k === 'ArrowUp') {
      e.preventDefault();
      void run({ type: 'previous' });
    } else if (k === '1' || k === '2' || k === '3') {
      e.preventDefault();
      void run({ type: 'choose', choice: Number(k) - 1 });
    } else if (k === 'b' || k === 'B') {
      void run({ type: 'branch' });
    }
  });

  const view: WorkshopView = {
    onStatus(s) {
      playing = s.playing;
      month = s.month;
      if (!s.playing && target !== null && s.month >= target) arrive();
      else render();
    },
    onRecord(record, runScale) {
      scale = runScale;
      lastRecord = record;
      month = record.month;
      const care = inCare(record.stocks);
      careValue.textContent = formatCount(Math.round(care / scale));
      careRate.textContent = `children in care, ${per10k(care, record.children).toFixed(0)} per 10k`;
      cpValue.textContent = formatCount(Math.round(record.stocks.child_protection / scale));
      if (record.month === 0) cumulative = 0;
      else cumulative += regionPounds(record.spendTotal, scale);
      spendValue.textContent = formatPounds(cumulative);
      if (ghost) {
        ghost.follow(record.month);
        showGap();
      }
    },
    play() {
      if (busy || recapShown) return;
      const stop = index < last && arrived ? steps[index + 1].month : target ?? workshop.months;
      if (arrived && index < last) {
        void run({ type: 'next' });
        return;
      }
      void deps.link.playUntil(Math.max(stop, month + 1));
    },
  };

  // ---- start: back where a reload left off, or at the first step
  void (async () => {
    await deps.link.setSpeed(workshop.monthsPerSecond ?? 12);
    const saved = loadProgress(deps.id, steps.length);
    if (saved && saved.seed === deps.seed && saved.index > 0) {
      choices = steps.map((_, k) => saved.choices[k] ?? null);
      await reloadAt(saved.index, saved.index);
      return;
    }
    if (steps[0].month === 0) arrive();
    else await playTo(steps[0].month);
  })();

  return view;
}
