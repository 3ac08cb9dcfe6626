/**
 * Bidirectional controls in text shown by the app. U+202A–U+202E (embeddings and overrides) and
 * U+2066–U+2069 (isolates) reorder what follows them: a scenario named "Baseline\u202Eflah" reads
 * "Baselinehalf" and a crafted name can make "B − A" figures seem to belong to the other side
 * ("Trojan Source", CVE-2021-42574). They are shown visibly, as "[U+202E]", never obeyed.
 * Text that is not shown (data, digests, comparisons of names) keeps them as they are.
 */
// eslint-disable-next-line no-misleading-character-class
const BIDI_CONTROLS = /[\u202a-\u202e\u2066-\u2069]/g;

export function visibleText(text: string): string {
  return text.replace(BIDI_CONTROLS, (ch) => `[U+${ch.codePointAt(0)!.toString(16).toUpperCase()}]`);
}
