/**
 * The error panel: validation messages for a bad scenario or lever value, and worker failures.
 * It stays until dismissed or replaced, because the run carries on behind it and a message that
 * vanished on the next snapshot would never be read.
 */
import { visibleText } from '../sim/text/bidi';

export interface ErrorPanel {
  show(title: string, messages: readonly string[]): void;
  clear(): void;
}

export function createErrorPanel(host: HTMLElement): ErrorPanel {
  host.setAttribute('role', 'alert');
  host.classList.add('error-panel');
  host.hidden = true;
  const heading = document.createElement('p');
  heading.className = 'error-title';
  const list = document.createElement('ul');
  const dismiss = document.createElement('button');
  dismiss.type = 'button';
  dismiss.className = 'error-dismiss';
  dismiss.textContent = 'Dismiss';
  dismiss.setAttribute('aria-label', 'Dismiss error');
  host.append(heading, list, dismiss);

  const panel: ErrorPanel = {
    show(title, messages) {
      heading.textContent = visibleText(title);
      list.replaceChildren(
        ...messages.map((m) => {
          const li = document.createElement('li');
          li.textContent = visibleText(m);
          return li;
        }),
      );
      host.hidden = false;
    },
    clear() {
      host.hidden = true;
      heading.textContent = '';
      list.replaceChildren();
    },
  };
  dismiss.addEventListener('click', () => panel.clear());
  return panel;
}
