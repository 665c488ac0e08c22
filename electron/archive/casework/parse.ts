import type { z } from 'zod';
import { describeIssues } from '../../../shared/schemas.ts';
import { ArchiveError } from '../errors.ts';

/** Parses outside input with a shared schema; a failure is one line naming the field. */
export function parseWith<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new ArchiveError('validation', describeIssues(parsed.error));
  return parsed.data;
}
