/**
 * The presenter console (`?presenter=1&workshop=<file>`), for a second window on the trainer's own
 * screen: the controls, the notes for this step, the next step and the figures. It runs no
 * simulation: it shows the state the audience view posts and sends it commands (channel.ts). Either
 * window may be reloaded: the console says hello and the audience view answers with its state.
 */
import { ownsKey } from '../controls';
import { openChannel, type WorkshopCommand, type WorkshopState } from './channel';
import { el } from './dom';

export function startPresenter(workshopId: string): void {
  document.body.classList.add('presenter');
  for (const node of document.querySelectorAll<HTMLElement>('body > .screen, body > .care-detail, body > .table-view, body > .skip-link, body > .recap')) node.hidden = true;
  const root = el('main', 'presenter-console');
  root.dataset.testid = 'presenter';
  document.body.append(root);
  document.body.dataset.status = 'ready';
  if (workshopId === '') {
    root.append(el('p', 'presenter-wait', 'Open the console as ?presenter=1&workshop=<file name>, beside the audience view ?workshop=<file name>.'));
    return;
  }

  const heading = el('h1', 'presenter-title', 'Presenter console');
  const wait = el('p', 'presenter-wait', `Waiting for the audience view (?workshop=${workshopId}) in another window of this browser…`);
  const controls = el('div', 'presenter-controls');
  const stepBox = el('section', 'presenter-step');
  const notes = el('section', 'presenter-notes');
  notes.dataset.testid = 'presenter-notes';
  const nextBox = el('section', 'presenter-next');
  const figures = el('section', 'presenter-figures');
  root.append(heading, wait, controls, stepBox, notes, nextBox, figures);

  const send = (command: WorkshopCommand): void => channel.post({ kind: 'command', command });
  const button = (text: string, command: () => WorkshopCommand, testid?: string): HTMLButtonElement => {
    const b = el('button', 'secondary', text);
    b.type = 'button';
    if (testid) b.dataset.testid = testid;
    b.addEventListener('click', () => send(command()));
    return b;
  };
  const playButton = button('Play', () => ({ type: 'play' }));
  const pauseButton = button('Pause', () => ({ type: 'pause' }));
  const runTo = el('input');
  runTo.type = 'number';
  runTo.setAttribute('aria-label', 'Run to month');
  controls.append(
    button('◀ Previous', () => ({ type: 'previous' })),
    playButton,
    pauseButton,
    button('Next ▶', () => ({ type: 'next' }), 'presenter-next'),
    button('Branch from now', () => ({ type: 'branch' })),
    button('Restart', () => ({ type: 'restart' })),
    runTo,
    button('Run to month', () => ({ type: 'runTo', month: Number(runTo.value) })),
  );

  let state: WorkshopState | undefined;
  const channel = openChannel(workshopId, (message) => {
    if (message.kind !== 'state') return;
    state = message.state;
    show(message.state);
  });

  function show(s: WorkshopState): void {
    wait.hidden = true;
    root.dataset.index = String(s.index);
    heading.textContent = `${s.title} · step ${s.index + 1} of ${s.total} · month ${s.month} of ${s.months}${s.playing ? ' · playing' : ''}`;
    stepBox.replaceChildren(el('h2', '', s.step.title), el('p', '', s.step.prompt));
    if (s.step.question) stepBox.append(el('p', 'presenter-question', s.step.question));
    if (s.step.choices.length > 0) {
      const row = el('div', 'choices');
      s.step.choices.forEach((label, c) => {
        const b = button(`${c + 1}. ${label}`, () => ({ type: 'choose', choice: c }));
        b.setAttribute('aria-pressed', String(s.chosen === c));
        b.disabled = !s.arrived;
        row.append(b);
      });
      stepBox.append(row);
    }
    notes.replaceChildren(el('h2', '', 'Notes'), el('p', '', s.step.notes ?? 'No notes for this step.'));
    nextBox.replaceChildren(el('h2', '', 'Next'), el('p', '', s.next ? `${s.next.title} (month ${s.next.month})` : s.recap ? 'The recap is on screen.' : 'The recap.'));
    figures.replaceChildren(el('h2', '', 'Figures'));
    const list = el('dl', 'presenter-figure-list');
    for (const f of s.figures) list.append(el('dt', '', f.label), el('dd', '', f.value));
    if (s.gap !== null) list.append(el('dt', '', 'Branch gap, children in care (B − A)'), el('dd', '', String(Math.round(s.gap))));
    figures.append(list);
    playButton.disabled = s.playing;
    pauseButton.disabled = !s.playing;
  }

  document.addEventListener('keydown', (e) => {
    if (e.altKey || e.ctrlKey || e.metaKey || ownsKey(e.target, e.key)) return;
    const k = e.key;
    const command: WorkshopCommand | undefined =
      k === 'PageDown' || k === 'ArrowRight' || k === 'ArrowDown'
        ? { type: 'next' }
        : k === 'PageUp' || k === 'ArrowLeft' || k === 'ArrowUp'
          ? { type: 'previous' }
          : k === '1' || k === '2' || k === '3'
            ? { type: 'choose', choice: Number(k) - 1 }
            : k === ' '
              ? { type: state?.playing ? 'pause' : 'play' }
              : undefined;
    if (!command) return;
    e.preventDefault();
    send(command);
  });

  channel.post({ kind: 'hello' });
}
