/**
 * Run controls: scenario picker, Play / Pause / Step / Reset, speed, seed, exports, and the
 * keyboard shortcuts (space plays or pauses, → steps a month) wherever the focus is, unless it is
 * in a field that takes typing. The button to press next (Play when paused, Pause when playing) is
 * the highlighted one; the buttons never move (fixed widths in styles.css).
 */
import { hiddenFileInput } from './file-input';
import { visibleText } from '../sim/text/bidi';

export interface ScenarioChoice {
  /** File name without `.json`, as in the URL. */
  id: string;
  name: string;
}

export interface ControlHandlers {
  play(): void;
  pause(): void;
  step(): void;
  reset(seed: number): void;
  setSpeed(monthsPerSecond: number): void;
  chooseScenario(id: string): void;
  openScenarioFile(file: File): void;
  exportCsv(): void;
  exportLevers(): void;
}

export interface Controls {
  setScenarios(choices: readonly ScenarioChoice[], selected: string): void;
  setSelected(id: string): void;
  /** Show an opened file as the current scenario (undefined: back to the shipped list only). */
  setFileChoice(name: string | undefined): void;
  setPlaying(playing: boolean): void;
  setSeed(seed: number): void;
  seed(): number;
  setBusy(busy: boolean): void;
}

/** The picker's value while a scenario opened from a file is running. */
const FILE_CHOICE = '__file__';

export const SPEEDS = [0.5, 1, 2, 4, 8, 12, 24, 48] as const;
export const DEFAULT_SPEED = 4;

function button(text: string, className: string, title: string): HTMLButtonElement {
  const b = document.createElement('button');
  b.type = 'button';
  b.className = className;
  b.textContent = text;
  b.title = title;
  return b;
}

export function labelled(labelText: string, control: HTMLElement, id: string): HTMLElement {
  const wrap = document.createElement('div');
  wrap.className = 'field';
  const label = document.createElement('label');
  label.htmlFor = id;
  label.textContent = labelText;
  control.id = id;
  wrap.append(label, control);
  return wrap;
}

/** Inputs that take typed text: every key belongs to them. */
const TEXT_INPUT_TYPES = new Set(['text', 'number', 'search', 'email', 'url', 'tel', 'password', 'date', 'month']);

/**
 * Whether a focused element keeps `key` for itself. Only fields that take typing keep the keys
 * (a text box, a number box, a list box); a slider keeps its arrows until it has changed a value
 * (then it gives the focus back, see levers.ts); a button, a checkbox or a link never keeps the
 * space bar, so Space always plays or pauses (Enter still presses a focused button).
 */
export function ownsKey(target: EventTarget | null, key: string): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag === 'INPUT') {
    const type = (target as HTMLInputElement).type;
    if (TEXT_INPUT_TYPES.has(type)) return true;
    if (type === 'range') return key.startsWith('Arrow') || key === 'PageUp' || key === 'PageDown' || key === 'Home' || key === 'End';
  }
  return false;
}

/** `arrowSteps`: → steps a month (the single-run view); a workshop uses the arrows for its steps instead. */
export function createControls(host: HTMLElement, handlers: ControlHandlers, options: { arrowSteps: boolean } = { arrowSteps: true }): Controls {
  const scenario = document.createElement('select');
  const openFile = hiddenFileInput((file) => handlers.openScenarioFile(file));
  const openButton = button('Open file…', 'secondary', 'Open a scenario JSON file from this computer');

  const play = button('Play', 'primary play', 'Play (space)');
  const pause = button('Pause', 'primary pause', 'Pause (space)');
  const step = button('Step', 'secondary', 'Step one month (→)');
  const reset = button('Reset', 'secondary', 'Start the scenario again with this seed');

  const speed = document.createElement('select');
  for (const s of SPEEDS) {
    const option = document.createElement('option');
    option.value = String(s);
    option.textContent = `${s} month${s === 1 ? '' : 's'}/s`;
    option.selected = s === DEFAULT_SPEED;
    speed.append(option);
  }
  const seed = document.createElement('input');
  seed.type = 'number';
  seed.min = '0';
  seed.step = '1';
  seed.inputMode = 'numeric';
  seed.value = '1';

  const csv = button('Export CSV', 'secondary', 'Download the month records of the run so far');
  const levers = button('Export levers', 'secondary', 'Download the lever timeline (JSON, for the CLI\u2019s --levers)');

  const scenarioGroup = document.createElement('div');
  scenarioGroup.className = 'control-group';
  scenarioGroup.append(labelled('Scenario', scenario, 'scenario-picker'), openButton, openFile);

  const runGroup = document.createElement('div');
  runGroup.className = 'control-group run-buttons';
  runGroup.setAttribute('role', 'group');
  runGroup.setAttribute('aria-label', 'Run');
  runGroup.append(play, pause, step, reset);

  const settingsGroup = document.createElement('div');
  settingsGroup.className = 'control-group';
  settingsGroup.append(labelled('Speed', speed, 'speed'), labelled('Seed', seed, 'seed'));

  const exportGroup = document.createElement('div');
  exportGroup.className = 'control-group';
  exportGroup.setAttribute('role', 'group');
  exportGroup.setAttribute('aria-label', 'Export');
  exportGroup.append(csv, levers);

  host.append(scenarioGroup, runGroup, settingsGroup, exportGroup);

  const readSeed = (): number => {
    const n = Math.floor(Number(seed.value));
    return Number.isFinite(n) && n >= 0 ? n : 1;
  };

  play.addEventListener('click', () => handlers.play());
  pause.addEventListener('click', () => handlers.pause());
  step.addEventListener('click', () => handlers.step());
  reset.addEventListener('click', () => handlers.reset(readSeed()));
  seed.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') handlers.reset(readSeed());
  });
  speed.addEventListener('change', () => handlers.setSpeed(Number(speed.value)));
  scenario.addEventListener('change', () => {
    if (scenario.value !== FILE_CHOICE) handlers.chooseScenario(scenario.value);
  });
  const fileOption = document.createElement('option');
  fileOption.value = FILE_CHOICE;
  openButton.addEventListener('click', () => openFile.click());
  csv.addEventListener('click', () => handlers.exportCsv());
  levers.addEventListener('click', () => handlers.exportLevers());

  let playing = false;
  let busy = false;
  document.addEventListener('keydown', (e) => {
    if (busy || e.altKey || e.ctrlKey || e.metaKey || e.defaultPrevented) return;
    if (e.key !== ' ' && !(e.key === 'ArrowRight' && options.arrowSteps)) return;
    if (ownsKey(e.target, e.key)) return;
    // Also stops a focused button from pressing itself on the space bar's release.
    e.preventDefault();
    if (e.repeat) return;
    if (e.key === ' ') {
      if (playing) handlers.pause();
      else handlers.play();
    } else {
      handlers.step();
    }
  });
  // A focused button is pressed when the space bar comes up (Firefox): the run has had the key.
  document.addEventListener('keyup', (e) => {
    if (e.key === ' ' && !ownsKey(e.target, e.key)) e.preventDefault();
  });

  return {
    setScenarios(choices, selected) {
      scenario.replaceChildren(
        ...choices.map((c) => {
          const option = document.createElement('option');
          option.value = c.id;
          option.textContent = visibleText(c.name);
          return option;
        }),
      );
      scenario.value = selected;
    },
    setSelected(id) {
      scenario.value = id;
    },
    setFileChoice(name) {
      if (name === undefined) {
        fileOption.remove();
        return;
      }
      fileOption.textContent = visibleText(`${name} (file)`);
      scenario.append(fileOption);
      scenario.value = FILE_CHOICE;
    },
    setPlaying(p) {
      playing = p;
      play.setAttribute('aria-pressed', String(p));
      pause.setAttribute('aria-pressed', String(!p));
      host.dataset.playing = String(p);
    },
    setSeed(n) {
      seed.value = String(n);
    },
    seed: readSeed,
    setBusy(b) {
      busy = b;
      for (const el of [scenario, openButton, play, pause, step, reset, speed, seed]) el.disabled = b;
    },
  };
}
