/**
 * Unicode direction controls can make `invoice‮fdp.exe` display as `invoiceexe.pdf`. Names from
 * evidence (file names, titles typed by others) are shown with each control replaced by a visible
 * tag, so what the reader sees is what the name is.
 */
const CONTROLS: Record<string, string> = {
  '\u200E': 'LRM',
  '\u200F': 'RLM',
  '\u061C': 'ALM',
  '\u202A': 'LRE',
  '\u202B': 'RLE',
  '\u202C': 'PDF',
  '\u202D': 'LRO',
  '\u202E': 'RLO',
  '\u2066': 'LRI',
  '\u2067': 'RLI',
  '\u2068': 'FSI',
  '\u2069': 'PDI',
};
const PATTERN = /[\u200E\u200F\u061C\u202A-\u202E\u2066-\u2069]/g;

export function revealDirectionControls(text: string): string {
  return text.replace(PATTERN, (char) => `[${CONTROLS[char]}]`);
}
