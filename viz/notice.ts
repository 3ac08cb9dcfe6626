/**
 * The notice line: news the user should hear but need not act on, such as a simulation worker that
 * stopped responding and was restarted, or a scenario reopened from the address with what it could
 * not restore. A polite live region (`role="status"`) that stays in the page, so screen readers
 * announce each new text; errors that need action go to the error panel (viz/errors.ts) instead.
 */
import { visibleText } from '../sim/text/bidi';
export interface Notice {
  show(text: string): void;
  clear(): void;
  readonly text: string;
}

export function createNotice(host: HTMLElement): Notice {
  host.classList.add('notice-bar');
  const line = document.createElement('p');
  line.id = 'notice';
  line.className = 'notice';
  line.setAttribute('role', 'status');
  line.setAttribute('aria-live', 'polite');
  const dismiss = document.createElement('button');
  dismiss.type = 'button';
  dismiss.className = 'notice-dismiss';
  dismiss.textContent = 'Dismiss';
  dismiss.setAttribute('aria-label', 'Dismiss notice');
  dismiss.hidden = true;
  host.append(line, dismiss);

  const notice: Notice = {
    show(text) {
      line.textContent = visibleText(text);
      dismiss.hidden = false;
      host.dataset.active = 'true';
    },
    clear() {
      line.textContent = '';
      dismiss.hidden = true;
      delete host.dataset.active;
    },
    get text() {
      return line.textContent ?? '';
    },
  };
  dismiss.addEventListener('click', () => notice.clear());
  return notice;
}
