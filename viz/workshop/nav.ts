/**
 * The audience view's controls: the buttons in the header and the keys a presenter clicker sends
 * (PageDown, → and ↓ next; PageUp, ← and ↑ previous; 1 to 3 a choice; B branch). Each turns into a
 * workshop command handed to `run`, the controller's queue, so a button, a key and the presenter
 * console all take the same path.
 */
import { ownsKey } from '../controls';
import { THEME_KEY, THEME } from '../palette';
import type { WorkshopCommand } from './channel';
import { button, el } from './dom';

/** The buttons whose enabled state follows the workshop's. */
export interface WorkshopNav {
  prevButton: HTMLButtonElement;
  nextButton: HTMLButtonElement;
  branchButton: HTMLButtonElement;
  restartButton: HTMLButtonElement;
}

export function createWorkshopNav(nav: HTMLElement, months: number, run: (command: WorkshopCommand) => void): WorkshopNav {
  const prevButton = button('◀ Previous', 'Previous step, an exact rewind (PageUp, ←)');
  const nextButton = button('Next ▶', 'Next step (PageDown, →)', 'next-step');
  const branchButton = button('Branch', 'Fork the run: the next choice goes to B, A goes on without it', 'branch');
  const restartButton = button('Restart', 'Start the workshop again');
  const runTo = el('input');
  runTo.type = 'number';
  runTo.min = '1';
  runTo.max = String(months);
  runTo.id = 'run-to-month';
  runTo.setAttribute('aria-label', 'Run to month');
  runTo.placeholder = 'M';
  runTo.title = 'Run to month';
  const runToButton = button('Go', 'Run to the month in the box, or back to it (an exact replay)');
  const themeButton = button(THEME.name === 'dark' ? 'Light' : 'Dark', 'Switch between the dark and the high-contrast light theme (reloads; the workshop comes back where it was)');
  nav.append(prevButton, nextButton, branchButton, restartButton, runTo, runToButton, themeButton);

  prevButton.addEventListener('click', () => run({ type: 'previous' }));
  nextButton.addEventListener('click', () => run({ type: 'next' }));
  branchButton.addEventListener('click', () => run({ type: 'branch' }));
  restartButton.addEventListener('click', () => run({ type: 'restart' }));
  runToButton.addEventListener('click', () => run({ type: 'runTo', month: Number(runTo.value) }));
  runTo.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') run({ type: 'runTo', month: Number(runTo.value) });
  });
  themeButton.addEventListener('click', switchTheme);
  return { prevButton, nextButton, branchButton, restartButton };
}

/** The other theme, through a reload: the saved progress brings the workshop back where it was. */
function switchTheme(): void {
  try {
    localStorage.setItem(THEME_KEY, THEME.name === 'dark' ? 'light' : 'dark');
  } catch {
    // no storage: the address decides instead
  }
  const url = new URL(location.href);
  url.searchParams.set('theme', THEME.name === 'dark' ? 'light' : 'dark');
  location.replace(url.toString());
}

/** The clicker's keys, page-wide, except where a control owns the key (a text box, a slider). */
export function bindWorkshopKeys(run: (command: WorkshopCommand) => void): void {
  document.addEventListener('keydown', (e) => {
    if (e.altKey || e.ctrlKey || e.metaKey || e.defaultPrevented) return;
    if (ownsKey(e.target, e.key)) return;
    const k = e.key;
    if (k === 'PageDown' || k === 'ArrowRight' || k === 'ArrowDown') {
      e.preventDefault();
      run({ type: 'next' });
    } else if (k === 'PageUp' || k === 'ArrowLeft' || k === 'ArrowUp') {
      e.preventDefault();
      run({ type: 'previous' });
    } else if (k === '1' || k === '2' || k === '3') {
      e.preventDefault();
      run({ type: 'choose', choice: Number(k) - 1 });
    } else if (k === 'b' || k === 'B') {
      run({ type: 'branch' });
    }
  });
}
