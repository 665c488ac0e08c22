import type { ErrorKind } from '../../shared/result.ts';

/** An engine error that knows which user-facing kind it is; anything else is reported as 'internal'. */
export class ArchiveError extends Error {
  override name = 'ArchiveError';
  readonly kind: ErrorKind;

  constructor(kind: ErrorKind, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.kind = kind;
  }
}

export class IntegrityError extends ArchiveError {
  override name = 'IntegrityError';
  constructor(message: string) {
    super('integrity', message);
  }
}

export const isArchiveError = (error: unknown): error is ArchiveError => error instanceof ArchiveError;
