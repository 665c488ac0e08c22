import type { ApiError } from './result.ts';
import type { ExportedFile } from './destinations.ts';
/** Plain data shapes shared by the engine, the IPC contract and the renderer. */
export interface CaseSummary {
  id: string;
  title: string;
  reference: string | null;
  createdAt: string;
  itemCount: number;
  /** The latest status, if any was recorded. */
  status: string | null;
  region: string | null;
  city: string | null;
  /** The articles charged, without repeats (for list filters). */
  articles: string[];
}

/** A stretch of the case list (`cases.page`) and the list's revision when it was read. */
export interface CasePage {
  cases: CaseSummary[];
  total: number;
  /** Changes with every change to the catalog (it is the custody log's last event number). */
  revision: number;
}

export interface StatusEntry {
  status: string;
  statusOther: string | null;
  since: string | null;
  recordedAt: string;
}

export interface ChargeEntry {
  code: string;
  article: string;
  part: string | null;
  title: string | null;
}

export interface CasePerson {
  personId: string;
  name: string;
  role: string;
}

export interface ItemSummary {
  id: string;
  caseId: string;
  originalName: string;
  size: number;
  sha256: string;
  mimeType: string;
  importedAt: string;
  type: string;
  title: string | null;
  documentDate: string | null;
  issuingBody: string | null;
  language: string | null;
  description: string | null;
  confidentiality: string;
  /** The file's modification time when it was imported, as the file system reported it. */
  sourceModifiedAt: string | null;
  acquisition: AcquisitionRecord | null;
  derivedFrom: string | null;
  derivation: string | null;
  extractionError: string | null;
  withdrawnAt: string | null;
  withdrawnReason: string | null;
  /** Cases this item is linked to besides the one it was filed under. */
  linkedCaseIds: string[];
  personIds: string[];
}

export interface AcquisitionRecord {
  obtainedFrom: string;
  method: string;
  obtainedAt: string | null;
  obtainedBy: string | null;
}

export interface CaseDetail extends CaseSummary {
  region: string | null;
  city: string | null;
  narrative: string | null;
  tags: string[];
  confidentiality: string;
  statusHistory: StatusEntry[];
  charges: ChargeEntry[];
  persons: CasePerson[];
  items: ItemSummary[];
  timeline: TimelineEntry[];
  powersOfAttorney: PowerOfAttorney[];
  sources: ExternalSource[];
}

export interface TimelineEntry {
  id: string;
  date: string;
  approximate: boolean;
  kind: string;
  description: string;
  itemIds: string[];
  personIds: string[];
  place: string | null;
  /** Evidence cited by the event, with the page when one was given (a pin cite in the dossier). */
  citations: Array<{ itemId: string; page: number | null }>;
}

export interface PowerOfAttorney {
  id: string;
  caseId: string;
  caseTitle: string;
  grantorPersonId: string;
  grantorName: string;
  representative: string;
  scope: string[];
  issued: string;
  validUntil: string | null;
  revokedAt: string | null;
  itemId: string | null;
  /** 'valid', 'expiring' (within the warning window), 'expired' or 'revoked'. */
  state: 'valid' | 'expiring' | 'expired' | 'revoked';
}

export interface ExternalSource {
  id: string;
  url: string;
  title: string;
  publisher: string | null;
  accessedAt: string;
  archivedItemId: string | null;
  note: string | null;
}

export interface PersonDetail {
  id: string;
  name: string;
  aliases: string[];
  birthDate: string | null;
  notes: string | null;
  confidentiality: string;
  cases: Array<{ caseId: string; title: string; role: string }>;
  /** Set when this record was found to be the same person as another and merged into it. */
  mergedInto: string | null;
  /** Records merged into this one (their histories stay under their own ids). */
  mergedFrom: Array<{ id: string; name: string }>;
}

export interface SearchHit {
  kind: 'case' | 'person' | 'item';
  id: string;
  title: string;
  /** Text around the first match, with matches wrapped in [[ ]]. */
  snippet: string;
  /** The cases this hit belongs to: the case itself, a person's cases, an item's case and the cases it is linked to. */
  caseIds: string[];
}

/** One page of search results and how many there are in all (counted up to `SEARCH_COUNT_CAP`). */
export interface SearchPage {
  hits: SearchHit[];
  offset: number;
  total: number;
  /** True when there are more than `total` (the count stopped at the cap). */
  totalIsLowerBound: boolean;
}

/** Counting every match of a very common word costs; beyond this many the count says "more than". */
export const SEARCH_COUNT_CAP = 10_000;

export type VaultState = 'missing' | 'locked' | 'unlocked';

export interface VaultStatus {
  state: VaultState;
  /** Folder shown to the user so they know where their archive lives. */
  folder: string;
  /** The demo vault of invented cases is open instead of the user's own. */
  demo?: boolean;
  /** 'missing' where a vault this computer opened used to be (unplugged drive, moved folder): never offered for a new vault. */
  gone?: boolean;
  /** Unlocked with the recovery key: the window asks for a new passphrase before anything else. */
  recovered?: boolean;
  /** A recovery key was issued and the user has not yet typed two of its groups back. */
  recoveryKeyPending?: boolean;
}

/** One custody-log event as the UI shows it. */
export interface CustodyEventView {
  seq: number;
  time: string;
  actor: string;
  action: string;
  subject: { kind: string; id: string | null };
  details: Record<string, unknown>;
  hash: string;
}

/** What the viewer needs to show an item: a same-origin URL valid until the vault locks. */
export interface MediaTicket {
  /** Relative to the app's origin: `media/<ticket>`. */
  url: string;
  mimeType: string;
  size: number;
  name: string;
}

/** The result of one uploaded file. */
export interface ImportOutcome {
  itemId: string;
  /** `duplicate`: the same content was already in this case; nothing new was stored. */
  status: 'imported' | 'duplicate';
  sha256: string;
  size: number;
  mimeType: string;
}

/** A long piece of work the window started (a dossier export, an audit), as `jobs.status` reports it. */
export interface JobStatus {
  jobId: string;
  kind: string;
  state: 'running' | 'done' | 'failed' | 'cancelled';
  progress: { phase: string; done: number; total: number; bytesPerSecond?: number; etaSeconds?: number | null } | null;
  /** The job's answer once done (its shape depends on the kind). */
  result: unknown;
  error: ApiError | null;
  startedAt: string;
  endedAt: string | null;
}

/** What a finished dossier export answers. */
export interface DossierExportResult {
  file: string;
  /** Token for "Open" / "Show in folder" (desktop). */
  output: string;
  dossierId: string;
  sha256: string;
  pages: number;
  exhibits: number;
  withheld: number;
}

/** The integrity dashboard: the last audit, the schedule, and whether an audit is due. */
export interface IntegritySummary {
  lastAudit: { seq: number; time: string; actor: string; ok: boolean; mode: 'full' | 'sample' } | null;
  /** Days between full audits; 0 means no schedule. */
  everyDays: number;
  /** When the next full audit is due (ISO time), or null without a schedule. */
  dueAt: string | null;
  overdue: boolean;
}

/** What a finished audit job answers. */
export interface AuditResult {
  ok: boolean;
  mode: 'full' | 'sample';
  problems: Array<{ kind: string; message: string }>;
  blobs: number;
  blobsInVault: number;
  bytes: number;
  events: number;
  durationMs: number;
  bytesPerSecond: number;
  auditEvent: number;
  /** The saved reports, when a destination was given. */
  reports: { json: ExportedFile; pdf: ExportedFile } | null;
}
