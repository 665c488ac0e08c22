/**
 * Every human-readable line the CLI writes goes through here (JSON output does not: it is exact).
 * Text from evidence (file names, titles, bag fields) may carry control characters, raw newlines
 * or bidirectional overrides that would forge a line ("VALID: …") or drive the terminal; they are
 * shown as \uXXXX instead.
 */
// C0 controls (newline and tab included), DEL, C1 controls, line/paragraph separators, and the
// bidirectional marks, embeddings, overrides and isolates.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ufeff]/g;
const ESCAPE = '\u001b';
/** An error line longer than this is cut; a path in it longer than MAX_PATH keeps its two ends. */
const MAX_MESSAGE = 600;
const MAX_PATH = 120;

export function terminalSafe(text: string, options: { emphasis?: boolean } = {}): string {
  const safe = text.replace(UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  // Search snippets mark matches [[like this]]: shown bold, added only after escaping.
  return options.emphasis ? safe.replaceAll('[[', `${ESCAPE}[1m`).replaceAll(']]', `${ESCAPE}[0m`) : safe;
}

/** One line for an error or a note: escaped, long paths shortened in the middle, the whole bounded. */
export function oneLine(message: string): string {
  const shortened = terminalSafe(message).replace(
    /(?:[A-Za-z]:)?[/\\][^\s"'`]{120,}/g,
    (p) => `${p.slice(0, MAX_PATH / 2)}…${p.slice(-MAX_PATH / 2)}`,
  );
  return shortened.length > MAX_MESSAGE
    ? `${shortened.slice(0, MAX_MESSAGE)}… (${shortened.length - MAX_MESSAGE} more characters)`
    : shortened;
}

/** Writes one escaped line to stdout. */
export function printLine(line: string, options: { emphasis?: boolean } = {}): void {
  process.stdout.write(`${terminalSafe(line, options)}\n`);
}

/** Writes `custodia: MESSAGE` to stderr as one bounded, escaped line. */
export function printNote(message: string): void {
  process.stderr.write(`custodia: ${oneLine(message)}\n`);
}
