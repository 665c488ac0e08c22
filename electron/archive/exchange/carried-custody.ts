import { z } from 'zod';
import { MAX_NARRATIVE_CHARS } from '../../../shared/schemas.ts';
import { CUSTODY_ACTIONS } from '../custody/log.ts';

/**
 * The custody history a package carries is signed by its sender, and signed is not the same as
 * sane: a receiving vault copies these events into its own signed `received` events (as their
 * provenance), so every field has a type and a bound here, checked before anything is stored.
 * An event's `details` are free-form by design; they are bounded in depth, keys and value sizes.
 */
const Hex64 = z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 hexadecimal characters');
const Signature = z.string().regex(/^[0-9a-f]{128}$/, 'must be an Ed25519 signature (128 hexadecimal characters)');
const Seq = z.number().int('must be a whole number').min(0).max(Number.MAX_SAFE_INTEGER);
const VaultId = z.string().min(1).max(100);
const Time = z.string().max(64);

/**
 * Deep enough for a received event's provenance re-exported a few times over (each hop nests an
 * event's details three levels further); far below what would exhaust the stack.
 */
const MAX_DEPTH = 32;
/** More keys than any event of ours writes in one object. */
const MAX_KEYS = 1000;
const MAX_KEY_CHARS = 200;
/** As many entries as a package may carry items (a quarantine list, a provenance of events). */
const MAX_LIST = 100_000;

interface DetailProblem {
  path: Array<string | number>;
  message: string;
}

/**
 * The first value out of bounds, walked without recursion (a detail nested 1,000 deep is refused
 * at depth MAX_DEPTH, not followed). Values: text (at most a narrative's length, since an edit
 * event records the old and new narrative), finite numbers, true/false, null, lists and records.
 */
function detailProblem(details: unknown): DetailProblem | null {
  const pending: Array<{ value: unknown; path: Array<string | number> }> = [{ value: details, path: [] }];
  while (pending.length > 0) {
    const { value, path } = pending.pop()!;
    if (typeof value === 'string') {
      if (value.length > MAX_NARRATIVE_CHARS) return { path, message: `must be at most ${MAX_NARRATIVE_CHARS} characters` };
      if (!value.isWellFormed()) return { path, message: 'must be well-formed Unicode text' };
    } else if (typeof value === 'number') {
      if (!Number.isFinite(value)) return { path, message: 'must be a finite number' };
    } else if (value === null || typeof value === 'boolean') {
      continue;
    } else if (typeof value !== 'object') {
      return { path, message: 'must be text, a number, true or false, null, a list or a record' };
    } else if (path.length >= MAX_DEPTH) {
      return { path, message: `is nested more than ${MAX_DEPTH} levels deep` };
    } else if (Array.isArray(value)) {
      if (value.length > MAX_LIST) return { path, message: `holds ${value.length} entries, more than ${MAX_LIST}` };
      value.forEach((entry, index) => pending.push({ value: entry, path: [...path, index] }));
    } else {
      const entries = Object.entries(value);
      if (entries.length > MAX_KEYS) return { path, message: `has ${entries.length} keys, more than ${MAX_KEYS}` };
      for (const [key, entry] of entries) {
        if (key.length > MAX_KEY_CHARS) return { path, message: `has a key of ${key.length} characters, more than ${MAX_KEY_CHARS}` };
        pending.push({ value: entry, path: [...path, key] });
      }
    }
  }
  return null;
}

const EventDetails = z.record(z.string(), z.unknown()).superRefine((details, context) => {
  const problem = detailProblem(details);
  if (problem) context.addIssue({ code: 'custom', path: problem.path, message: problem.message });
});

/** One carried event, exactly the fields of a custody event (an unknown field would travel into our own events). */
export const CarriedCustodyEvent = z
  .object({
    seq: Seq,
    time: Time,
    actor: z.string().max(500),
    action: z.enum(CUSTODY_ACTIONS),
    subject: z.object({ kind: z.enum(['vault', 'case', 'item', 'person']), id: z.string().max(100).nullable() }).strict(),
    details: EventDetails,
    prev: Hex64,
    hash: Hex64,
    signature: Signature,
  })
  .strict();

export const CarriedCheckpoint = z
  .object({
    v: z.number().int().min(0).max(1000),
    type: z.literal('checkpoint'),
    vaultId: VaultId,
    seq: Seq,
    head: Hex64,
    time: Time,
    signature: Signature,
  })
  .strict();

export const CarriedCustodyHeader = z
  .object({
    type: z.literal('custodia-custody-log'),
    v: z.literal(1),
    vaultId: VaultId,
    publicKey: Hex64,
    signature: z.literal('ed25519'),
    hash: z.literal('sha256'),
    scope: z.enum(['vault', 'subjects']),
  })
  .strict();

/** The custody history of a package: its header, its events (at most a million) and its checkpoint. */
export const CarriedCustody = z.looseObject({
  header: CarriedCustodyHeader,
  events: z.array(CarriedCustodyEvent).max(1_000_000),
  checkpoint: CarriedCheckpoint,
});
