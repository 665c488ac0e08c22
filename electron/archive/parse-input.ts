import type { z } from 'zod';
import { describeIssues } from '../../shared/schemas.ts';
import { ArchiveError } from './errors.ts';

/** Parses input from outside the engine; a refusal is one `validation` error naming what is wrong. */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new ArchiveError('validation', describeIssues(parsed.error));
  return parsed.data;
}
