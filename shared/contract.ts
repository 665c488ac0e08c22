import { z } from 'zod';
import {
  CaseEdit,
  CaseStatusChange,
  ItemCopy,
  ItemEdit,
  PersonAdd,
  PersonEdit,
  PersonFind,
  PersonMerge,
  PowerOfAttorneyRevoke,
  TimelineEventEdit,
} from './record-edits.ts';
import {
  AuditInput,
  CasePersonLink,
  ItemLink,
  PowerOfAttorneyInput,
  SourceInput,
  TimelineEventInput,
  Withdrawal,
  DossierExportInput,
  FullCaseInput,
  Id,
  Passphrase,
  RecoveryKey,
  SearchPageQuery,
  CasePageQuery,
  SearchQuery,
  UploadChunk,
  UploadStart,
  ReplicaDesignate,
  ReplicaPrune,
  ReplicaRestore,
} from './schemas.ts';
import type { ReplicaView } from './replica.ts';
import { LogPageQuery, type LogPage } from './custody-log.ts';
import type {
  CaseDetail,
  CasePage,
  CaseSummary,
  CustodyEventView,
  ImportOutcome,
  IntegritySummary,
  ItemSummary,
  JobStatus,
  MediaTicket,
  PersonDetail,
  PowerOfAttorney,
  SearchHit,
  SearchPage,
  VaultStatus,
} from './model.ts';
import { CASE_SUMMARIES_MAX, MAX_DAYS_SETTING } from './limits.ts';
import type { Result } from './result.ts';
import {
  BagCheckInput,
  BagExportInput,
  BagImportInput,
  ContactInput,
  DossierCheckInput,
  InboxStart,
  LocalPath,
  LossRecord,
  PackageExportInput,
  PackageImportInput,
  PassphraseChange,
  RecoveryKeyCheck,
  SubmissionExportInput,
  UserInput,
  VaultCreateInput,
} from './app-schemas.ts';
import type { Contact, DossierEstimate, IntegrityFailure, RecentVault, UsersView, VaultIdentity } from './app-model.ts';
import {
  DestinationToken,
  FolderHandle,
  FolderPurpose,
  PlainName,
  type ChosenDestination,
  type ExportedFile,
  type FolderListing,
} from './destinations.ts';

/**
 * The one contract between the renderer and the engine. The Electron preload exposes
 * one function per channel and the loopback bridge serves one route per channel;
 * both validate every request with these schemas before the engine sees it.
 */
const empty = z.object({}).strict();

export const requests = {
  'vault.status': empty,
  'vault.create': VaultCreateInput,
  'vault.unlock': z
    .union([z.object({ passphrase: Passphrase }).strict(), z.object({ recoveryKey: RecoveryKey }).strict()])
    .describe('a passphrase or a recovery key'),
  'vault.lock': empty,
  /** The idle time after which the engine itself locks (the settings' choice; 1 to 60 minutes). */
  'vault.idleLock': z.object({ seconds: z.number().int().min(60).max(3600) }).strict(),
  'vault.openDemo': empty,
  'vault.leaveDemo': empty,
  'cases.list': empty,
  'cases.page': CasePageQuery,
  /** The titles and counts of a few cases by id (an item's cases), without reading each whole case. */
  'cases.summaries': z.object({ ids: z.array(Id).min(1).max(CASE_SUMMARIES_MAX) }).strict(),
  'cases.add': FullCaseInput,
  'cases.get': z.object({ id: Id, includeWithdrawn: z.boolean().optional() }).strict(),
  'cases.custody': z.object({ id: Id }).strict(),
  'persons.get': z.object({ id: Id }).strict(),
  'items.get': z.object({ id: Id }).strict(),
  'items.verify': z.object({ id: Id }).strict(),
  /** `preview`: a thumbnail in the evidence list (logged once per unlock, as a view `via: thumbnail`). */
  'items.media': z.object({ id: Id, preview: z.boolean().optional() }).strict(),
  'imports.begin': UploadStart,
  'imports.chunk': UploadChunk,
  'imports.finish': z.object({ uploadId: Id }).strict(),
  'imports.cancel': z.object({ uploadId: Id }).strict(),
  'poa.list': z.object({ expiringWithinDays: z.number().int().min(0).max(MAX_DAYS_SETTING).optional() }).strict(),
  'search.query': SearchQuery,
  'search.page': SearchPageQuery,
  'dossier.defaults': z.object({ caseId: Id }).strict(),
  'dossier.export': DossierExportInput,
  'integrity.summary': empty,
  'integrity.schedule': z.object({ everyDays: z.number().int().min(0).max(MAX_DAYS_SETTING) }).strict(),
  'integrity.audit': AuditInput,
  'jobs.status': z.object({ jobId: Id }).strict(),
  'destinations.browse': z.object({ at: FolderHandle.optional() }).strict(),
  'destinations.choose': z.object({ at: FolderHandle, purpose: FolderPurpose.optional() }).strict(),
  'destinations.makeFolder': z.object({ at: FolderHandle, name: PlainName }).strict(),
  'jobs.cancel': z.object({ jobId: Id }).strict(),
  // The vault's life, named users, the address book, exchange jobs (channels/ in the engine).
  'vault.changePassphrase': PassphraseChange,
  'vault.newRecoveryKey': z.object({ passphrase: Passphrase }).strict(),
  'vault.recoveryKeyPdf': z.object({ destination: DestinationToken }).strict(),
  'vault.confirmRecoveryKey': RecoveryKeyCheck,
  'vault.open': z.union([z.object({ folder: LocalPath }).strict(), z.object({ chosen: DestinationToken }).strict()]),
  'vault.locate': z.object({ missing: LocalPath, chosen: DestinationToken }).strict(),
  'vault.forget': z.object({ folder: LocalPath }).strict(),
  'vault.recent': empty,
  'vault.identity': empty,
  'users.list': empty,
  'users.save': UserInput,
  'users.select': z.object({ id: Id }).strict(),
  'contacts.list': empty,
  'contacts.save': ContactInput,
  'contacts.remove': z.object({ id: Id }).strict(),
  'inbox.begin': InboxStart,
  'dossier.estimate': z.object({ caseId: Id, includeConfidential: z.boolean().optional() }).strict(),
  'dossier.verify': DossierCheckInput,
  'submission.export': SubmissionExportInput,
  'bag.export': BagExportInput,
  'bag.verify': BagCheckInput,
  'bag.import': BagImportInput,
  'package.export': PackageExportInput,
  'package.import': PackageImportInput,
  'integrity.recordLoss': LossRecord,
  'log.export': z.object({ destination: DestinationToken }).strict(),
  /** The vault's whole custody log, a page at a time, newest first (Integrity screen). */
  'log.page': LogPageQuery,
  // The case record, as the app's forms write it (the CLI parses the same schemas).
  'cases.edit': CaseEdit,
  'cases.setStatus': CaseStatusChange,
  'persons.add': PersonAdd,
  'persons.link': CasePersonLink,
  'persons.unlink': CasePersonLink,
  'persons.edit': PersonEdit,
  'persons.find': PersonFind,
  'persons.merge': PersonMerge,
  'timeline.add': TimelineEventInput,
  'timeline.edit': TimelineEventEdit,
  'poa.add': PowerOfAttorneyInput,
  'poa.revoke': PowerOfAttorneyRevoke,
  'sources.add': SourceInput,
  'items.edit': ItemEdit,
  'items.link': ItemLink,
  /** The reverse of items.link; the case an item was filed under stays. */
  'items.unlink': ItemLink,
  'items.withdraw': Withdrawal,
  'items.saveCopy': ItemCopy,
  // The replica (docs/replica.md): Settings → Replica, the sidebar, and the first-run restore.
  'replica.status': empty,
  'replica.designate': ReplicaDesignate,
  'replica.prune': ReplicaPrune,
  'replica.restore': ReplicaRestore,
} as const;

export type Channel = keyof typeof requests;
export const channels = Object.keys(requests) as Channel[];

export interface Responses {
  'vault.status': VaultStatus;
  'vault.create': { recoveryKey: string };
  'vault.unlock': VaultStatus;
  'vault.lock': VaultStatus;
  'vault.idleLock': { seconds: number };
  'vault.openDemo': VaultStatus;
  'vault.leaveDemo': VaultStatus;
  'cases.list': CaseSummary[];
  'cases.page': CasePage;
  'cases.summaries': CaseSummary[];
  'cases.add': { id: string };
  'cases.get': CaseDetail;
  'cases.custody': CustodyEventView[];
  'persons.get': PersonDetail;
  'items.get': ItemSummary & { custody: CustodyEventView[] };
  'items.verify': { ok: boolean; sha256: string; expected: string };
  'items.media': MediaTicket;
  'imports.begin': { uploadId: string };
  'imports.chunk': { received: number };
  'imports.finish': ImportOutcome;
  'imports.cancel': { cancelled: true };
  'poa.list': PowerOfAttorney[];
  'search.query': SearchHit[];
  'search.page': SearchPage;
  'dossier.defaults': { fileName: string };
  'dossier.export': { jobId: string };
  'integrity.summary': IntegrityView;
  'integrity.schedule': IntegrityView;
  'integrity.audit': { jobId: string };
  'jobs.status': JobStatus;
  'destinations.browse': FolderListing;
  'destinations.choose': ChosenDestination;
  'destinations.makeFolder': FolderListing;
  'jobs.cancel': JobStatus;
  'vault.changePassphrase': VaultStatus;
  'vault.newRecoveryKey': { recoveryKey: string };
  'vault.recoveryKeyPdf': ExportedFile;
  'vault.confirmRecoveryKey': { confirmed: boolean };
  'vault.open': VaultStatus;
  'vault.locate': VaultStatus;
  'vault.forget': VaultStatus;
  'vault.recent': RecentVault[];
  'vault.identity': VaultIdentity;
  'users.list': UsersView;
  'users.save': UsersView;
  'users.select': UsersView;
  'contacts.list': Contact[];
  'contacts.save': Contact[];
  'contacts.remove': Contact[];
  'inbox.begin': { inboxId: string };
  'dossier.estimate': DossierEstimate;
  'dossier.verify': { jobId: string };
  'submission.export': { jobId: string };
  'bag.export': { jobId: string };
  'bag.verify': { jobId: string };
  'bag.import': { jobId: string };
  'package.export': { jobId: string };
  'package.import': { jobId: string };
  'integrity.recordLoss': IntegrityView;
  /** The custody log as signed JSON lines (what `custodia log export` writes). */
  'log.export': ExportedFile & { events: number; checkpointSeq: number };
  'log.page': LogPage;
  'cases.edit': { changed: string[] };
  'cases.setStatus': { changed: string[] };
  'persons.add': { id: string };
  'persons.link': { changed: string[] };
  'persons.unlink': { changed: string[] };
  'persons.edit': { changed: string[] };
  'persons.find': PersonDetail[];
  'persons.merge': PersonDetail;
  'timeline.add': { id: string };
  'timeline.edit': { changed: string[] };
  'poa.add': { id: string };
  'poa.revoke': { changed: string[] };
  'sources.add': { id: string };
  'items.edit': { changed: string[] };
  'items.link': { changed: string[] };
  'items.unlink': { changed: string[] };
  'items.withdraw': { changed: string[] };
  'items.saveCopy': ExportedFile & { sha256: string };
  'replica.status': ReplicaView;
  'replica.designate': ReplicaView;
  'replica.prune': ReplicaView & { removed: { states: number; chunks: number } };
  'replica.restore': { jobId: string };
}

/** The Integrity screen's state: the schedule and last audit, and a failed audit's unresolved findings. */
export type IntegrityView = IntegritySummary & { failure: IntegrityFailure | null; items: number };

export type Request<C extends Channel> = z.input<(typeof requests)[C]>;

/** What `window.custodia` offers: one typed function per channel. */
export type CustodiaApi = {
  [C in Channel]: (request: Request<C>) => Promise<Result<Responses[C]>>;
};

export function isChannel(name: string): name is Channel {
  return Object.hasOwn(requests, name);
}
