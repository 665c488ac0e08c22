import { z } from 'zod';

const Hash = z.string().regex(/^[0-9a-f]{64}$/);
const FileName = z.string().regex(/^\d{12}-[0-9a-f]{64}\.(state|seg)$/);

/** The encrypted body of a state: one consistent moment of the vault (docs/replica.md). */
export const StateBody = z
  .object({
    v: z.literal(1),
    vaultId: z.uuid(),
    generation: z.number().int().positive(),
    time: z.string().max(40),
    /** The state this one follows (null for the first): a gap or a fork in the chain shows. */
    previous: FileName.nullable(),
    /** SHA-256 of the vault header copy in headers/. */
    header: Hash,
    catalog: z
      .object({
        size: z
          .number()
          .int()
          .nonnegative()
          .max(2 ** 45),
        chunkSize: z.literal(64 * 1024),
        chunks: z.array(Hash).max(2 ** 24),
      })
      .strict(),
    /** The custody log's head in this catalog, and the newest segment holding it. */
    log: z.object({ seq: z.number().int().nonnegative(), head: Hash, segment: FileName.nullable() }).strict(),
    blobs: z.number().int().nonnegative(),
  })
  .strict();
export type StateBody = z.infer<typeof StateBody>;

/** A custody-log event row exactly as the catalog holds it. */
export const EventRow = z
  .object({
    seq: z.number().int().positive(),
    time: z.string(),
    actor: z.string(),
    action: z.string(),
    subject_kind: z.string(),
    subject_id: z.string().nullable(),
    details: z.string(),
    prev_hash: Hash,
    hash: Hash,
    signature: z.string().regex(/^[0-9a-f]{128}$/),
  })
  .strict();
export type EventRow = z.infer<typeof EventRow>;

/** The encrypted body of a segment: the events since the previous segment. */
export const SegmentBody = z
  .object({
    v: z.literal(1),
    vaultId: z.uuid(),
    previous: FileName.nullable(),
    events: z.array(EventRow).min(1).max(1_000_000),
  })
  .strict();
export type SegmentBody = z.infer<typeof SegmentBody>;
