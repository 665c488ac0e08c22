import type { ErrorKind } from '../../shared/result.ts';

/** An engine error that knows which user-facing kind it is; anything else is reported as 'internal'. */
export class ArchiveError extends Error {
  override name = 'ArchiveError';
  readonly kind: ErrorKind;
  /**
   * The request option the error is about, in the engine's own words (`batesPrefix`); the GUI and the CLI
   * share the message, and the CLI names its flag for this option beside it.
   */
  readonly option: string | undefined;

  constructor(kind: ErrorKind, message: string, options?: { cause?: unknown; option?: string }) {
    super(message, options);
    this.kind = kind;
    this.option = options?.option;
  }
}

export class IntegrityError extends ArchiveError {
  override name = 'IntegrityError';
  constructor(message: string) {
    super('integrity', message);
  }
}

export const isArchiveError = (error: unknown): error is ArchiveError => error instanceof ArchiveError;
