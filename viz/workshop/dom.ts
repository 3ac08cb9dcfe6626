/** The few DOM builders the workshop views share, so each view's code reads as its layout. */

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, className = '', text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}

export function button(text: string, title: string, testid?: string): HTMLButtonElement {
  const b = el('button', 'secondary', text);
  b.type = 'button';
  b.title = title;
  if (testid) b.dataset.testid = testid;
  return b;
}

/** An element index.html must have: its absence is a broken page, said by name. */
export function byId(id: string): HTMLElement {
  const found = document.getElementById(id);
  if (!found) throw new Error(`index.html is missing #${id}`);
  return found;
}
