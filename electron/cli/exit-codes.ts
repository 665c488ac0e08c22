import type { ErrorKind } from '../../shared/result.ts';
import { isArchiveError } from '../archive/index.ts';

/**
 * `custodia`'s exit statuses (listed in the README), so a script can tell a mistyped command from a
 * failed check, a wrong passphrase or a full disk without reading the message.
 */
export const EXIT = {
  ok: 0,
  /** The command ran and found something wrong: a verification, audit or import with failures. */
  checkFailed: 1,
  wrongPassphrase: 2,
  /** A missing, unknown or invalid option or value. */
  usage: 3,
  /** No such vault, case, item or file. */
  notFound: 4,
  /** Refused: locked, confidential, already exists, not a Custodia folder. */
  refused: 5,
  /** Reading or writing a file failed, or another Custodia process holds the vault (a retry may work). */
  io: 6,
  /** A fault in Custodia itself (EX_SOFTWARE). */
  internal: 70,
} as const;

const EXIT_OF_KIND: Readonly<Record<ErrorKind, number>> = {
  validation: EXIT.usage,
  'wrong-passphrase': EXIT.wrongPassphrase,
  'not-found': EXIT.notFound,
  'no-vault': EXIT.notFound,
  forbidden: EXIT.refused,
  locked: EXIT.refused,
  'vault-exists': EXIT.refused,
  'foreign-folder': EXIT.refused,
  integrity: EXIT.checkFailed,
  io: EXIT.io,
  internal: EXIT.internal,
};

/** The exit status for an error that ended a command. */
export function exitCodeOf(error: unknown): number {
  if (isArchiveError(error)) return EXIT_OF_KIND[error.kind];
  // A system call's failure (ENOENT, EACCES, ENOSPC…) that reached the top unwrapped.
  if (error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string') return EXIT.io;
  return EXIT.internal;
}
