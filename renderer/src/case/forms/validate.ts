import type { z } from 'zod';
import type { RecordMessages } from '../../i18n/record/en.ts';

const DATE_FIELDS = /^(date|birthDate|statusSince|issued|validUntil|accessedAt|documentDate|revokedAt)$/;

export type FieldErrors = Record<string, string>;

/** The one sentence shown beside a field for a schema issue, in the reader's language. */
function messageFor(issue: z.core.$ZodIssue, t: RecordMessages): string {
  const field = String(issue.path.at(-1) ?? '');
  if (issue.code === 'too_small') return issue.origin === 'number' && field === 'page' ? t.pageInvalid : t.required;
  if (issue.code === 'too_big') return issue.origin === 'number' && field === 'page' ? t.pageInvalid : t.tooLong;
  if (DATE_FIELDS.test(field)) return t.dateInvalid;
  if (field === 'url') return t.urlInvalid;
  if (field === 'article') return t.articleInvalid;
  if (field === 'page') return t.pageInvalid;
  return t.invalid;
}

/**
 * Checks a form's request with the SAME shared schema the engine and the CLI parse, and names
 * each problem by its field path ("person.name", "charges.0.article") for the form to show beside it.
 */
export function validate<S extends z.ZodType>(
  schema: S,
  request: unknown,
  t: RecordMessages,
): { ok: true; value: z.output<S> } | { ok: false; errors: FieldErrors } {
  const parsed = schema.safeParse(request);
  if (parsed.success) return { ok: true, value: parsed.data };
  const errors: FieldErrors = {};
  for (const issue of parsed.error.issues) {
    const key = issue.path.join('.');
    errors[key] ??= messageFor(issue, t);
  }
  return { ok: false, errors };
}
