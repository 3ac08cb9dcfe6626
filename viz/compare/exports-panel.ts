/**
 * Export and share: CSV, the print-ready report (print in place, or download as HTML), the share
 * link, the Excel workbook, the result bundle, and opening a bundle to re-check it. The panel only
 * collects clicks; what each export holds is made by the functions the controller passes in.
 */
import { hiddenFileInput, panel } from './files';

export interface ExportHandlers {
  csv(): void;
  report(): void;
  print(): void;
  link(): string;
  workbook(): Promise<void>;
  bundle(): Promise<void>;
  openBundle(file: File): void;
}

export interface ExportPanel {
  readonly element: HTMLElement;
  setEnabled(enabled: boolean): void;
  showLink(href: string, notes: string[]): void;
}

function button(text: string, label: string, onClick: () => void): HTMLButtonElement {
  const b = document.createElement('button');
  b.type = 'button';
  b.className = 'secondary';
  b.textContent = text;
  b.title = label;
  b.addEventListener('click', onClick);
  return b;
}

export function createExportPanel(handlers: ExportHandlers, onError: (title: string, err: unknown) => void): ExportPanel {
  const section = panel('compare-exports', 'compare-exports-heading', 'Export and share');
  const guarded = (title: string, f: () => Promise<void> | void) => () => {
    try {
      void Promise.resolve(f()).catch((err: unknown) => onError(title, err));
    } catch (err) {
      onError(title, err);
    }
  };
  const linkBox = document.createElement('input');
  linkBox.type = 'text';
  linkBox.readOnly = true;
  linkBox.id = 'compare-link';
  linkBox.className = 'link-box';
  const linkLabel = document.createElement('label');
  linkLabel.htmlFor = linkBox.id;
  linkLabel.textContent = 'Share link';
  const open = document.createElement('a');
  open.textContent = 'Open link';
  open.target = '_blank';
  open.rel = 'noopener';
  open.className = 'open-link';
  const notes = document.createElement('p');
  notes.className = 'link-notes';
  notes.setAttribute('role', 'status');
  const file = hiddenFileInput((f) => handlers.openBundle(f));
  const exportButtons = [
    button('CSV', 'Every seed\u2019s series, the quantiles of each month and the summary, as one table', guarded('The CSV could not be made.', handlers.csv)),
    button('Print report', 'A one-page report; choose "Save as PDF" in the print dialogue', guarded('The report could not be printed.', handlers.print)),
    button('Report (HTML)', 'The one-page report as a file that prints to PDF', guarded('The report could not be made.', handlers.report)),
    button('Copy share link', 'A link that reproduces this comparison', guarded('The link could not be made.', async () => {
      const href = handlers.link();
      await navigator.clipboard?.writeText(href).catch(() => undefined);
    })),
    button('Workbook (Excel)', 'Summary, A vs B series, parameters and citations, levers, seeds and versions', guarded('The workbook could not be made.', handlers.workbook)),
    button('Result bundle', 'A file that lets anyone re-run this comparison and confirm its results', guarded('The bundle could not be made.', handlers.bundle)),
  ];
  const openBundle = button('Open bundle…', 'Re-run a result bundle and check its results', () => file.click());
  const row = document.createElement('div');
  row.className = 'button-row';
  row.append(...exportButtons, openBundle, file);
  const linkRow = document.createElement('div');
  linkRow.className = 'field link-row';
  linkRow.append(linkLabel, linkBox, open);
  section.append(row, linkRow, notes);
  return {
    element: section,
    setEnabled(enabled) {
      for (const b of exportButtons) b.disabled = !enabled;
    },
    showLink(href, messages) {
      linkBox.value = href;
      open.href = href;
      notes.textContent = messages.join(' ');
    },
  };
}
