import { z } from 'zod';
import {
  CASE_STATUSES,
  CONFIDENTIALITY,
  Charge,
  Citation,
  FullDate,
  ITEM_TYPES,
  Id,
  MAX_NARRATIVE_CHARS,
  PERSON_ROLES,
  PartialDate,
  PersonInput,
  TIMELINE_KINDS,
  text,
} from './schemas.ts';
import { DestinationToken } from './destinations.ts';

/**
 * Edits of a case record after it was created: the forms of the app, the CLI and the IPC contract
 * all parse these. A field left out is unchanged; an empty text clears it (null is refused, like
 * everywhere in the contract).
 */
const clearable = (max: number) => text(max).optional();
const clearableDate = PartialDate.or(z.literal('')).optional();

export const CaseEdit = z
  .object({
    caseId: Id,
    title: text(500).min(1, 'must not be empty').optional(),
    reference: clearable(200),
    region: clearable(200),
    city: clearable(200),
    narrative: clearable(MAX_NARRATIVE_CHARS),
    tags: z.array(text(100).min(1)).max(100).optional(),
    confidentiality: z.enum(CONFIDENTIALITY).optional(),
    charges: z.array(Charge).max(50).optional(),
  })
  .strict();
export type CaseEdit = z.infer<typeof CaseEdit>;

export const CaseStatusChange = z
  .object({ caseId: Id, status: z.enum(CASE_STATUSES), statusOther: text(200).optional(), statusSince: PartialDate.optional() })
  .strict()
  .refine((s) => s.status !== 'other' || !!s.statusOther, { message: 'say which status when it is "other"', path: ['statusOther'] });

export const PersonAdd = z
  .object({
    person: PersonInput,
    link: z
      .object({ caseId: Id, role: z.enum(PERSON_ROLES) })
      .strict()
      .optional(),
  })
  .strict();

export const PersonEdit = z
  .object({
    personId: Id,
    name: text(300).min(1, 'must not be empty').optional(),
    aliases: z.array(text(300).min(1)).max(50).optional(),
    birthDate: clearableDate,
    notes: clearable(20_000),
    confidentiality: z.enum(CONFIDENTIALITY).optional(),
  })
  .strict();
export type PersonEdit = z.infer<typeof PersonEdit>;

export const PersonFind = z
  .object({ query: text(300).min(1, 'must not be empty'), limit: z.number().int().min(1).max(50).default(10) })
  .strict();

export const PersonMerge = z
  .object({ keepId: Id, mergeId: Id })
  .strict()
  .refine((m) => m.keepId !== m.mergeId, { message: 'choose two different persons', path: ['mergeId'] });

export const TimelineEventEdit = z
  .object({
    eventId: Id,
    date: PartialDate.optional(),
    approximate: z.boolean().optional(),
    kind: z.enum(TIMELINE_KINDS).optional(),
    description: text(20_000).min(1, 'must say what happened').optional(),
    place: clearable(300),
    citations: z.array(Citation).max(200).optional(),
    personIds: z.array(Id).max(200).optional(),
  })
  .strict();
export type TimelineEventEdit = z.infer<typeof TimelineEventEdit>;

export const PowerOfAttorneyRevoke = z.object({ id: Id, revokedAt: FullDate.optional() }).strict();

export const ItemEdit = z
  .object({
    itemId: Id,
    type: z.enum(ITEM_TYPES).optional(),
    title: clearable(500),
    documentDate: clearableDate,
    issuingBody: clearable(500),
    language: clearable(50),
    description: clearable(20_000),
    confidentiality: z.enum(CONFIDENTIALITY).optional(),
  })
  .strict();
export type ItemEdit = z.infer<typeof ItemEdit>;

/** A plaintext copy of an original, written to a folder chosen in the folder picker (outside the vault). */
export const ItemCopy = z.object({ itemId: Id, destination: DestinationToken }).strict();
