/**
 * Text from files (a scenario's name, a bundle's engine version, a lever path) printed to a
 * terminal. An escape sequence inside it could clear the screen, rewrite earlier lines, set the
 * window title or hide what follows, so everything that is not printable is removed first:
 * - ANSI escape sequences (CSI `ESC [ ...`, OSC `ESC ] ... BEL|ST`, DCS/SOS/PM/APC strings, and
 *   two-character `ESC x` sequences), 7-bit and their 8-bit C1 forms;
 * - every other C0 and C1 control character, and DEL;
 * - bidirectional overrides and isolates (U+202A–U+202E, U+2066–U+2069), which reorder what the
 *   reader sees ("Trojan Source").
 * Line breaks and tabs are removed too: a value is printed on one line, so one value cannot forge
 * another line of output. `terminalLines` keeps the line breaks of a whole message.
 */

// Escape sequences first (so their parameters go with them), then any control character left.
// eslint-disable-next-line no-control-regex
const STRINGS = /(?:\x1b[P\]X^_]|[\x90\x9d\x98\x9e\x9f])[\s\S]*?(?:\x07|\x1b\\|\x9c|$)/g;
// eslint-disable-next-line no-control-regex
const CSI = /(?:\x1b\[|\x9b)[\x20-\x3f]*[\x40-\x7e]?/g;
// eslint-disable-next-line no-control-regex
const TWO_CHAR = /\x1b[\x20-\x2f]*[\x30-\x7e]?/g;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/g;
// eslint-disable-next-line no-control-regex
const CONTROL_BUT_NEWLINE = /[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/g;

function withoutSequences(text: string): string {
  return text.replace(STRINGS, '').replace(CSI, '').replace(TWO_CHAR, '');
}

/** One value for one line of terminal output: no escape sequence, no control character, no line break. */
export function terminalText(value: unknown): string {
  return withoutSequences(String(value)).replace(CONTROL, '');
}

/** A whole message for the terminal: as `terminalText`, but its line breaks kept. */
export function terminalLines(text: string): string {
  return withoutSequences(text).replace(CONTROL_BUT_NEWLINE, '');
}
