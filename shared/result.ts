/** The envelope every IPC / bridge call answers with: Electron passes only an error's message, so errors travel as data. */
export type ErrorKind =
  | 'validation'
  | 'forbidden'
  | 'wrong-passphrase'
  | 'locked'
  | 'no-vault'
  | 'vault-exists'
  | 'foreign-folder'
  | 'not-found'
  | 'integrity'
  | 'io'
  | 'internal';

export interface ApiError {
  kind: ErrorKind;
  message: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (kind: ErrorKind, message: string): Result<never> => ({
  ok: false,
  error: { kind, message },
});
