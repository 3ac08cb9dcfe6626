/**
 * The workshop's audience view (`?workshop=<file>`): the controller that runs up to each step and
 * stops there, goes back by an exact rewind (the run replayed with the choices made before it),
 * forks the run at a pause ("Branch", ghost.ts) and ends on the recap (recap.ts). The map comes
 * first; the step card, the headline figures and the controls with the presenter clicker's keys are
 * step-card.ts, headline.ts and nav.ts. The presenter console (`?presenter=1`) drives the same
 * controller over a BroadcastChannel (channel.ts); the notes never show here.
 */
import type { LeverChange, MonthRecord, Scenario, SimStatus } from '../../sim/worker/contract';
import { choiceLevers, type Workshop } from '../../sim/workshop/script';
import type { Chart, ChartMarker } from '../charts';
import type { SimulationLink } from '../sim-link';
import { openChannel, type WorkshopCommand, type WorkshopMessage, type WorkshopState } from './channel';
import { byId } from './dom';
import { Ghost } from './ghost';
import { createHeadline } from './headline';
import { bindWorkshopKeys, createWorkshopNav } from './nav';
import { clearProgress, loadProgress, saveProgress } from './progress';
import { showRecapIn } from './recap';
import { createStepCard } from './step-card';

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

export function startWorkshop(deps: WorkshopDeps): WorkshopView {
  const workshop = deps.scenario.workshop as Workshop;
  const steps = workshop.steps;
  const last = steps.length - 1;
  document.body.classList.add('audience');

  // The parts of the page this controller drives, each built by its own module; what they show is
  // decided here (render, onRecord), what the user does comes back as a command through `run`.
  const panel = byId('workshop-panel');
  panel.hidden = false;
  const card = createStepCard(panel, steps.length, (choice) => void run({ type: 'choose', choice }));
  const headlineHost = byId('headline');
  headlineHost.hidden = false;
  const headline = createHeadline(headlineHost);
  const nav = byId('workshop-nav');
  nav.hidden = false;
  const { prevButton, nextButton, branchButton, restartButton } = createWorkshopNav(nav, workshop.months, (command) => void run(command));
  bindWorkshopKeys((command) => void run(command));
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
      figures: headline.figures(),
      gap: headline.gap(),
      branchArmed,
      recap: recapShown,
    };
  }

  function publish(): void {
    channel.post({ kind: 'state', state: currentState() });
  }

  function render(): void {
    const step = steps[index];
    card.render({ step, index, total: steps.length, arrived, busy, chosen: choices[index], target, branchArmed, isLast: index === last });
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
    headline.setForkCheck(a !== undefined && b !== undefined && JSON.stringify(a) === JSON.stringify(b), month);
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
    headline.clearGap();
  }

  function showGap(): void {
    if (ghost && lastRecord && headline.showBranchGap(ghost, lastRecord)) publish();
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
    const input = { fileName: deps.fileName, text: deps.text, seed: deps.seed, scenario: deps.scenario, choices, records: records.records.slice(0, workshop.months + 1) };
    await showRecapIn(recapHost, input, workshop.title, workshop.months);
    busy = false;
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
      headline.show(record, scale);
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
