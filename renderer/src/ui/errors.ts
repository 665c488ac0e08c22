import type { ApiError } from '../../../shared/result.ts';
import { isLocalError } from '../api/client.ts';
import type { Messages } from '../i18n/index.tsx';

/** One sentence for the user: errors made by the client are already worded; engine errors get a plain lead-in. */
export function describeError(t: Messages, error: ApiError): string {
  if (isLocalError(error)) return error.message;
  const lead = t.errors.byKind[error.kind] ?? t.errors.byKind.internal;
  return `${lead}: ${error.message}`;
}
