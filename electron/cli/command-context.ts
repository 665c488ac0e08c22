import type { Archive } from '../archive/index.ts';

/** What each command group gets from main.ts: its slice of the parsed flags and the shared helpers. */
export interface CommandContext<Options extends { json: boolean }> {
  options: Options;
  /** Unlocks the vault, runs `work`, and always locks it again (wiping the keys). */
  withArchive<T>(work: (archive: Archive) => Promise<T> | T): Promise<T>;
  print(line: string): void;
  printJson(value: unknown): void;
  /** The value, or a usage error naming what is missing. */
  requireArg(value: string | undefined, what: string): string;
}
