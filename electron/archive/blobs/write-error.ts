import { ArchiveError } from '../errors.ts';

/**
 * A failed write into the vault folder, in words a user can act on (a full disk above all). Only
 * writes of the vault are wrapped, so a source that cannot be read keeps its own error.
 */
export function vaultWriteError(error: unknown): unknown {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code === 'ENOSPC' || code === 'EDQUOT') {
    return new ArchiveError(
      'io',
      `the disk holding the vault is full (${code === 'EDQUOT' ? 'quota exceeded' : 'no space left'}): nothing was imported; free some space and import again`,
      { cause: error },
    );
  }
  if (typeof code === 'string') {
    return new ArchiveError('io', `writing to the vault failed (${code}): nothing was imported; check the disk and import again`, {
      cause: error,
    });
  }
  return error;
}

export function rethrowAsVaultWriteError(error: unknown): never {
  throw vaultWriteError(error);
}
