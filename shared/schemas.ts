import { z } from 'zod';

/** Ids are random UUIDs; the schema keeps anything else out of queries and file paths. */
export const Id = z.uuid({ message: 'must be an id (UUID)' });

export const Passphrase = z.string().min(8, 'must be at least 8 characters').max(1024, 'must be at most 1024 characters');

/** Recovery keys are printed in groups; spaces and dashes are tolerated on input. */
export const RecoveryKey = z.string().min(20).max(200);

export const CaseInput = z
  .object({
    title: z.string().trim().min(1, 'must not be empty').max(500, 'must be at most 500 characters'),
    reference: z.string().trim().max(200, 'must be at most 200 characters').optional(),
  })
  .strict();
export type CaseInput = z.infer<typeof CaseInput>;

export const ByteRange = z
  .object({ start: z.number().int().min(0), end: z.number().int().min(0) })
  .strict()
  .refine((r) => r.end >= r.start, { message: 'end must not be before start', path: ['end'] });

/** Turns a zod failure into one line naming the field, for CLI and API errors alike. */
export function describeIssues(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.length ? issue.path.join('.') : 'input'}: ${issue.message}`).join('; ');
}
