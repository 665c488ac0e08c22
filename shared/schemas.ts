import { z } from 'zod';
import { DestinationToken, PlainName } from './destinations.ts';

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

/**
 * Turns a zod failure into one line naming the field, for CLI and API errors alike. Bounded: a
 * hostile request (a 1 MB key, 100,000 bad array elements) must not come back as a huge message.
 */
export function describeIssues(error: z.ZodError, under?: string): string {
  const clip = (line: string) => (line.length > 300 ? `${line.slice(0, 299)}…` : line);
  const shown = error.issues.slice(0, 10).map((issue) => clip(`${fieldPath(issue.path, under)}: ${issue.message}`));
  const more = error.issues.length - shown.length;
  return shown.join('; ') + (more > 0 ? ` (and ${more} more)` : '');
}

/** `persons[0].aliases`: list positions in brackets, under `under` when the value checked is part of something larger. */
function fieldPath(path: ReadonlyArray<PropertyKey>, under?: string): string {
  const joined = path
    .map((key, index) => (typeof key === 'number' ? `[${key}]` : `${index > 0 || under ? '.' : ''}${String(key)}`))
    .join('');
  return under ? `${under}${joined}` : joined || 'input';
}

/** Statuses as these cases are documented; "other" takes a free text. */
/** The languages a dossier or a submission can be written in (the engine's catalogues: dossier/labels-*.ts). */
export const DOSSIER_LANGUAGES = ['en', 'ru', 'kk'] as const;
export const DossierLanguage = z.enum(DOSSIER_LANGUAGES);
export type DossierLanguage = z.infer<typeof DossierLanguage>;

export const CASE_STATUSES = [
  'pre-trial-detention',
  'house-arrest',
  'travel-ban',
  'written-pledge',
  'sentenced',
  'released',
  'acquitted',
  'deceased',
  'closed',
  'other',
] as const;

/** Roles of a person in a case (after the HURIDOCS Events Standard Formats). */
export const PERSON_ROLES = [
  'defendant',
  'victim',
  'relative',
  'witness',
  'lawyer',
  'official',
  'alleged-perpetrator',
  'journalist',
  'human-rights-defender',
  'source',
] as const;

export const ITEM_TYPES = [
  'court-decision',
  'indictment',
  'authority-response',
  'inquiry',
  'testimony',
  'interview',
  'video-of-hearing',
  'photo',
  'medical-report',
  'power-of-attorney',
  'publication',
  'other',
] as const;

export const CONFIDENTIALITY = ['public', 'restricted', 'confidential'] as const;

/** A case's narrative: the longest text any record holds (and so any value a custody event records). */
export const MAX_NARRATIVE_CHARS = 200_000;

export const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `must be at most ${max} characters`)
    .refine((value) => value.isWellFormed(), 'must be well-formed Unicode text');
/** True unless a full date names a day its month does not have. */
function dayExists(value: string): boolean {
  if (value.length !== 10) return true;
  const [year, month, day] = value.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day)).getUTCDate() === day;
}

/** A full date, or a month or a year when only that is known. */
export const PartialDate = z
  .string()
  .regex(/^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/, 'must be a date: YYYY, YYYY-MM or YYYY-MM-DD')
  .refine(dayExists, 'must be a day that exists (not 2024-02-30)');

export const Charge = z
  .object({
    code: text(100).default('Criminal Code'),
    article: z.string().regex(/^\d{1,4}(\.\d{1,3})?$/, 'must be an article number such as 272 or 405.1'),
    part: text(20).optional(),
    title: text(300).optional(),
  })
  .strict();
export type Charge = z.infer<typeof Charge>;

export const CaseDetails = z
  .object({
    status: z.enum(CASE_STATUSES).optional(),
    statusOther: text(200).optional(),
    statusSince: PartialDate.optional(),
    region: text(200).optional(),
    city: text(200).optional(),
    narrative: text(MAX_NARRATIVE_CHARS).optional(),
    tags: z.array(text(100).min(1)).max(100).optional(),
    confidentiality: z.enum(CONFIDENTIALITY).optional(),
    charges: z.array(Charge).max(50).optional(),
  })
  .strict();

export const FullCaseInput = CaseInput.extend(CaseDetails.shape).strict();
export type FullCaseInput = z.infer<typeof FullCaseInput>;

export const PersonInput = z
  .object({
    name: text(300).min(1, 'must not be empty'),
    aliases: z.array(text(300).min(1)).max(50).default([]),
    birthDate: PartialDate.optional(),
    notes: text(20_000).optional(),
    confidentiality: z.enum(CONFIDENTIALITY).default('public'),
  })
  .strict();
export type PersonInput = z.infer<typeof PersonInput>;

export const CasePersonLink = z.object({ caseId: Id, personId: Id, role: z.enum(PERSON_ROLES) }).strict();

export const Acquisition = z
  .object({
    obtainedFrom: text(500).min(1, 'must say from whom the file was obtained'),
    method: text(500).min(1, 'must say how the file was obtained'),
    obtainedAt: PartialDate.or(z.iso.datetime()).optional(),
    obtainedBy: text(300).optional(),
  })
  .strict();
export type Acquisition = z.infer<typeof Acquisition>;

export const ItemMetadata = z
  .object({
    type: z.enum(ITEM_TYPES).default('other'),
    title: text(500).optional(),
    documentDate: PartialDate.optional(),
    issuingBody: text(500).optional(),
    language: text(50).optional(),
    description: text(20_000).optional(),
    confidentiality: z.enum(CONFIDENTIALITY).default('public'),
  })
  .strict();
export type ItemMetadata = z.infer<typeof ItemMetadata>;

export const SearchFilters = z
  .object({
    status: z.enum(CASE_STATUSES).optional(),
    article: z
      .string()
      .regex(/^\d{1,4}(\.\d{1,3})?$/, 'must be an article number such as 272')
      .optional(),
    region: text(200).min(1).optional(),
    role: z.enum(PERSON_ROLES).optional(),
    itemType: z.enum(ITEM_TYPES).optional(),
    dateFrom: PartialDate.optional(),
    dateTo: PartialDate.optional(),
  })
  .strict();
export type SearchFilters = z.infer<typeof SearchFilters>;

export const SearchQuery = z
  .object({
    query: text(500),
    kinds: z.array(z.enum(['case', 'person', 'item'])).optional(),
    filters: SearchFilters.optional(),
    limit: z.number().int().min(1).max(10_000).default(50),
  })
  .strict();

/** A page of search results: the query, and where the page starts. The deepest page ends at 10,000 results. */
export const SearchPageQuery = SearchQuery.extend({
  limit: z.number().int().min(1).max(500).default(100),
  offset: z.number().int().min(0).max(9_500).default(0),
}).strict();

/** A stretch of the case list (`cases.page`): the app reads the first rows at once and the rest in the background. */
export const CasePageQuery = z
  .object({ offset: z.number().int().min(0).max(10_000_000).default(0), limit: z.number().int().min(1).max(1000).default(100) })
  .strict();

export const CaseStatusInput = z
  .object({ status: z.enum(CASE_STATUSES), statusOther: text(200).optional(), statusSince: PartialDate.optional() })
  .strict()
  .refine((s) => s.status !== 'other' || !!s.statusOther, { message: 'say which status when it is "other"', path: ['statusOther'] });

export const TIMELINE_KINDS = [
  'detention',
  'charge',
  'hearing',
  'sentence',
  'release',
  'torture-complaint',
  'death',
  'international-appeal',
  'other',
] as const;

export const Citation = z
  .object({ itemId: Id, page: z.number().int().min(1, 'must be a page number from 1').max(100_000).optional() })
  .strict();
export type Citation = z.infer<typeof Citation>;

export const TimelineEventInput = z
  .object({
    caseId: Id,
    date: PartialDate,
    approximate: z.boolean().default(false),
    kind: z.enum(TIMELINE_KINDS),
    description: text(20_000).min(1, 'must say what happened'),
    itemIds: z.array(Id).max(200).default([]),
    personIds: z.array(Id).max(200).default([]),
    place: text(300).optional(),
    /** Evidence cited down to the page ("Exhibit 3, p. 2"); the dossier prints it as a pin cite. */
    citations: z.array(Citation).max(200).default([]),
  })
  .strict();
export type TimelineEventInput = z.infer<typeof TimelineEventInput>;

export const POA_SCOPES = [
  'international-bodies',
  'distribute-information',
  'file-petitions',
  'represent-in-court',
  'access-case-files',
  'other',
] as const;
export const FullDate = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'must be a date: YYYY-MM-DD')
  .refine(dayExists, 'must be a day that exists (not 2024-02-30)');

export const PowerOfAttorneyInput = z
  .object({
    caseId: Id,
    grantorPersonId: Id,
    representative: text(300).min(1, 'must name the representative'),
    scope: z.array(z.enum(POA_SCOPES)).min(1, 'must say what the power of attorney allows').max(POA_SCOPES.length),
    issued: FullDate,
    validUntil: FullDate.optional(),
    itemId: Id.optional(),
  })
  .strict()
  .refine((poa) => !poa.validUntil || poa.validUntil >= poa.issued, { message: 'must not be before the issue date', path: ['validUntil'] });
export type PowerOfAttorneyInput = z.infer<typeof PowerOfAttorneyInput>;

export const SourceInput = z
  .object({
    caseId: Id,
    url: z.url({ protocol: /^https?$/, message: 'must be an http(s) address' }).max(2000),
    title: text(500).min(1, 'must not be empty'),
    publisher: text(300).optional(),
    accessedAt: PartialDate,
    archivedItemId: Id.optional(),
    note: text(5000).optional(),
  })
  .strict();
export type SourceInput = z.infer<typeof SourceInput>;

export const DERIVATIONS = ['redaction', 'transcript', 'translation'] as const;

export const ItemLink = z
  .object({ itemId: Id, caseId: Id.optional(), personId: Id.optional() })
  .strict()
  .refine((link) => (link.caseId === undefined) !== (link.personId === undefined), {
    message: 'give either a case or a person',
    path: ['caseId'],
  });

export const Withdrawal = z.object({ itemId: Id, reason: text(2000).min(1, 'must say why the item is withdrawn from view') }).strict();

/** An uploaded file's name as the browser gives it (no path); shown, never used as a path. */
export const UploadName = text(255)
  .min(1, 'must not be empty')
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  .refine((value) => !/[\u0000-\u001f\u007f-\u009f]/.test(value), 'must not contain control characters');

/** The largest chunk one imports.chunk call may carry. */
export const MAX_UPLOAD_CHUNK_BYTES = 8 * 1024 * 1024;

export const UploadStart = z
  .object({
    caseId: Id,
    name: UploadName,
    size: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
    lastModified: z.number().int().min(0).max(8.64e15).optional(),
    metadata: ItemMetadata.optional(),
    acquisition: Acquisition.optional(),
    /** The upload is a redaction, transcript or translation of this item. */
    derivedFrom: z
      .object({ itemId: Id, derivation: z.enum(DERIVATIONS) })
      .strict()
      .optional(),
  })
  .strict();

export const UploadChunk = z
  .object({
    uploadId: Id,
    offset: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
    bytes: z
      .instanceof(Uint8Array, { message: 'must be bytes' })
      .refine((bytes) => bytes.byteLength > 0 && bytes.byteLength <= MAX_UPLOAD_CHUNK_BYTES, 'must be 1 byte to 8 MiB'),
  })
  .strict();

/**
 * A folder path typed or sent by a front end. Only item copies (casework/item-copy.ts) still take
 * one; dossier and audit exports take a destination token from the folder picker instead.
 */
export const ExportFolder = text(4096)
  .min(1, 'must name a folder')
  .refine((value) => /^(\/|[A-Za-z]:[\\/]|\\\\)/.test(value), 'must be a full path (starting with / or a drive letter)')
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  .refine((value) => !/[\u0000-\u001f\u007f-\u009f]/.test(value), 'must not contain control characters');

export const DossierExportInput = z
  .object({
    caseId: Id,
    /** Where to write: a token from the folder picker (the renderer never names a path). */
    destination: DestinationToken,
    /** The dossier's file name (".pdf" is added when missing); proposed by `dossier.defaults`. */
    fileName: PlainName.optional(),
    language: DossierLanguage.default('en'),
    includeConfidential: z.boolean().default(false),
    attachMedia: z.boolean().default(false),
    attachOriginals: z.boolean().default(false),
    batesPrefix: z
      .string()
      .regex(/^[\p{L}\p{N}][\p{L}\p{N}_.-]{0,23}$/u, 'must be 1–24 letters, digits, "_", "." or "-"')
      .optional(),
  })
  .strict();
export type DossierExportInput = z.infer<typeof DossierExportInput>;

export const AuditInput = z
  .object({
    /** Re-hash only this percentage of the files, drawn at random (the log is always checked whole). */
    sample: z.number().min(0.1).max(100).optional(),
    /** Save the report (JSON and PDF) in this folder: a token from the folder picker. */
    destination: DestinationToken.optional(),
    /** The reports' file name without extension (default: audit-<time>). */
    fileName: PlainName.optional(),
  })
  .strict();
export type AuditInput = z.infer<typeof AuditInput>;

/** Settings → Replica and the first-run restore (docs/replica.md): folders only as folder-picker tokens. */
export const ReplicaDesignate = z.object({ destination: DestinationToken }).strict();
/** `confirm` is the window's explicit "yes, remove them" (the prune is recorded in the custody log). */
export const ReplicaPrune = z.object({ keep: z.number().int().min(1).max(10_000), confirm: z.literal(true) }).strict();
export const ReplicaRestore = z.union([
  z.object({ replica: DestinationToken, into: DestinationToken, passphrase: Passphrase }).strict(),
  z.object({ replica: DestinationToken, into: DestinationToken, recoveryKey: RecoveryKey }).strict(),
]);
export type ReplicaRestore = z.infer<typeof ReplicaRestore>;
