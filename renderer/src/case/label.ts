/** Looks a code up in a label table, showing the code itself for anything newer than the catalogue. */
export function label(table: Record<string, string>, code: string): string {
  return table[code] ?? code;
}
