import type { ByteSource } from './blobs/byte-source.ts';
import type { Problem } from './custody/verify-log.ts';
import type { CaseDossierOptions, DossierResult, SubmissionOptions } from './dossier/index.ts';
import type { BagExportOptions } from './exchange/bag-export.ts';
import type { BagImportOptions } from './exchange/bag-import.ts';
import type { ByteProgress } from './exchange/package.ts';
import * as casework from './casework/index.ts';
import { AuditService, type AuditOptions, type AuditReport } from './services/audit.ts';
import { CaseService } from './services/cases.ts';
import { custodyLogPage } from './services/custody-page.ts';
import { ExchangeService } from './services/exchange.ts';
import { ExportService } from './services/exports.ts';
import { ImportService, type BatchImportOptions, type ImportOptions, type ImportOrigin } from './services/imports.ts';
import { ItemService } from './services/items.ts';
import { PersonService } from './services/persons.ts';
import { QuarantineService } from './services/quarantine.ts';
import { RecordService } from './services/records.ts';
import type { ReplicaLink } from './replica/link.ts';
import { VaultSession, type SessionOptions } from './session/vault-session.ts';
import type { Unlocker } from './vault/vault.ts';

export type ArchiveOptions = SessionOptions;
export type VerifyReport = AuditReport;
export type VerifyOptions = AuditOptions;

/**
 * An unlocked vault as the CLI, the IPC host and the bridge see it: one call per thing a user can
 * do, each handed to the service that does that job (services/). The keys live in the session;
 * nothing here signs bytes a caller chooses. `lock()` wipes every key and closes the catalog.
 */
export class Archive {
  private readonly session: VaultSession;
  private readonly cases: CaseService;
  private readonly persons: PersonService;
  private readonly records: RecordService;
  private readonly items: ItemService;
  private readonly imports: ImportService;
  private readonly audit: AuditService;
  private readonly exchange: ExchangeService;
  private readonly exports: ExportService;
  private readonly quarantineService: QuarantineService;

  private constructor(session: VaultSession) {
    this.session = session;
    this.cases = new CaseService(session);
    this.persons = new PersonService(session, this.cases);
    this.records = new RecordService(session);
    this.items = new ItemService(session);
    this.imports = new ImportService(session);
    this.audit = new AuditService(session);
    this.exchange = new ExchangeService(session, { cases: this.cases, items: this.items, imports: this.imports, records: this });
    this.exports = new ExportService(session, this);
    this.quarantineService = new QuarantineService(session);
  }

  private unlocked(): VaultSession {
    this.session.assertUnlocked();
    return this.session;
  }

  static async create(dir: string, passphrase: string, options: ArchiveOptions = {}): Promise<{ archive: Archive; recoveryKey: string }> {
    const { session, recoveryKey } = await VaultSession.create(dir, passphrase, options);
    return { archive: new Archive(session), recoveryKey };
  }

  static async unlock(dir: string, unlocker: Unlocker, options: ArchiveOptions = {}): Promise<Archive> {
    return new Archive(await VaultSession.unlock(dir, unlocker, options));
  }

  // The vault and its session
  /** Named users, the address book and the last failed audit's findings (kept in the encrypted catalog). */
  get users() {
    return this.unlocked().users;
  }
  get contacts() {
    return this.unlocked().contacts;
  }
  get findings() {
    return this.unlocked().findings;
  }
  get dir(): string {
    return this.session.dir;
  }
  get vaultId(): string {
    return this.session.vaultId;
  }
  /** The vault's Ed25519 public key (hex): what a recipient checks custody signatures with. */
  get publicKey(): string {
    return this.session.publicKey;
  }
  /** The vault's X25519 public key (hex): what another vault encrypts a package to. */
  get receivingPublicKey(): string {
    return this.session.receivingPublicKey;
  }
  /** The SHA-256 (hex) of the certificate that signs this vault's dossiers as PDFs (docs/verify-dossier.md). */
  async pdfCertificateFingerprint(): Promise<string> {
    return (await this.session.documentCertificate()).fingerprint;
  }
  /** The replica folder this vault writes every commit into (docs/replica.md). */
  get replica(): ReplicaLink {
    return this.session.replica;
  }
  get isLocked(): boolean {
    return this.session.isLocked;
  }
  /** Problems found on unlock (e.g. a catalog older than the last checkpoint); `verify` reports them too. */
  get warnings(): Problem[] {
    return this.session.warnings;
  }
  /** Entries in the vault folder that are not Custodia's (relative paths), found at unlock and left alone. */
  get strayEntries(): string[] {
    return this.session.strayEntries;
  }
  readonly sweep = () => this.session.sweep();
  readonly quarantine = () => this.quarantineService.list();
  readonly purgeQuarantine = () => this.quarantineService.purge();
  readonly catalogIntegrity = () => this.session.catalogIntegrity();
  readonly changePassphrase = (passphrase: string, options: { allowWeakPassphrase?: boolean } = {}) =>
    this.session.changePassphrase(passphrase, options);
  readonly newRecoveryKey = () => this.session.newRecoveryKey();
  readonly lock = () => this.session.lock();

  // Cases and people
  readonly addCase = (input: unknown) => this.cases.add(input);
  readonly setCaseStatus = (caseId: string, input: unknown) => this.cases.setStatus(caseId, input);
  readonly listCases = () => this.cases.list();
  readonly pageCases = (input: unknown) => this.cases.page(input);
  readonly caseSummaries = (ids: string[]) => this.cases.summaries(ids);
  readonly getCase = (id: string, options: { includeWithdrawn?: boolean } = {}) => this.cases.get(id, options);
  readonly addPerson = (input: unknown, link?: { caseId: string; role: string }) => this.persons.add(input, link);
  readonly linkPerson = (input: unknown) => this.persons.link(input);
  readonly getPerson = (id: string) => this.persons.get(id);
  readonly searchAll = (input: unknown) => this.persons.search(input);
  readonly searchPage = (input: unknown) => this.persons.searchPage(input);
  // The case record's edits (app forms and CLI); the work is in casework/.
  readonly editCase = (input: unknown) => casework.editCase(this.unlocked(), input);
  readonly addPersonRecord = (input: unknown) => casework.addPerson(this.unlocked(), input);
  readonly unlinkPerson = (input: unknown) => casework.unlinkPersonFromCase(this.unlocked(), input);
  readonly editPerson = (input: unknown) => casework.editPerson(this.unlocked(), input);
  readonly findPersons = (input: unknown) => casework.findPersons(this.unlocked(), input);
  readonly mergePersons = (input: unknown) => casework.mergePersons(this.unlocked(), input);
  readonly editTimelineEvent = (input: unknown) => casework.editTimelineEvent(this.unlocked(), input);
  readonly editItem = (input: unknown) => casework.editItem(this.unlocked(), input);
  readonly saveItemCopy = (itemId: string, folder: string) =>
    casework.saveItemCopy(this.unlocked(), (id) => this.readItem(id), this.dir, itemId, folder);
  readonly indexedText = (itemId: string) => this.persons.indexedText(itemId);
  readonly nextBatesNumber = (prefix: string) => this.persons.nextBatesNumber(prefix);

  // A case's records: timeline, powers of attorney, sources
  readonly addTimelineEvent = (input: unknown) => this.records.addTimelineEvent(input);
  readonly addPowerOfAttorney = (input: unknown) => this.records.addPowerOfAttorney(input);
  readonly revokePowerOfAttorney = (id: string, revokedAt?: string) => this.records.revokePowerOfAttorney(id, revokedAt);
  readonly powersOfAttorney = (options: { expiringWithinDays?: number } = {}) => this.records.powersOfAttorney(options);
  readonly addSource = (input: unknown) => this.records.addSource(input);

  // Items: import, read, verify, link
  readonly importFile = (caseId: string, file: string, options?: ImportOptions) => this.imports.importFile(caseId, file, options);
  readonly importSource = (caseId: string, source: ByteSource, origin: ImportOrigin, options?: ImportOptions) =>
    this.imports.importSource(caseId, source, origin, options);
  readonly importPaths = (caseId: string, paths: string[], options?: BatchImportOptions) =>
    this.imports.importPaths(caseId, paths, options);
  readonly deriveItem = (originalId: string, file: string, derivation: string, options?: ImportOptions) =>
    this.imports.deriveItem(originalId, file, derivation, options);
  readonly getItem = (id: string) => this.items.get(id);
  /** How many items the vault holds: one count, not the whole case list summed. */
  readonly countItems = () => this.items.count();
  readonly readItem = (id: string, start?: number, endInclusive?: number) => this.items.read(id, start, endInclusive);
  readonly verifyItem = (id: string) => this.items.verify(id);
  readonly recordView = (id: string, via: string) => this.items.recordView(id, via);
  readonly linkItem = (input: unknown) => this.items.link(input);
  readonly unlinkItem = (input: unknown) => this.items.unlink(input);
  readonly withdrawItem = (input: unknown) => this.items.withdraw(input);
  readonly caseCustody = (caseId: string) => this.items.caseCustody(caseId);
  readonly custodyEvents = (itemId?: string) => this.items.custodyEvents(itemId);
  /** A page of the whole log, newest first (`{ before?, limit }`), with the names of what it is about. */
  readonly custodyLogPage = (query: unknown) => custodyLogPage(this.unlocked(), query);

  // Fixity audits
  readonly verify = (options?: AuditOptions) => this.audit.run(options);
  readonly lastAudit = () => this.audit.last();
  readonly auditScheduleDays = () => this.audit.scheduleDays();
  readonly setAuditScheduleDays = (days: number) => this.audit.setScheduleDays(days);
  readonly integritySummary = () => this.audit.summary();

  // Exchange between vaults and archives; exports for people outside Custodia
  readonly exportBag = (options: BagExportOptions & { caseId?: string }) => this.exchange.exportBag(options);
  readonly importBag = (dir: string, options?: BagImportOptions) => this.exchange.importBag(dir, options);
  readonly exportPackage = (caseId: string, recipientKey: string, out: string, onProgress?: ByteProgress) =>
    this.exchange.exportPackage(caseId, recipientKey, out, onProgress);
  readonly importPackage = (file: string, options?: { expectedSender?: string }) => this.exchange.importPackage(file, options);
  readonly exportLog = (outFile: string) => this.exports.exportLog(outFile);
  readonly exportCaseDossier = (options: CaseDossierOptions) => this.exports.caseDossier(options);
  readonly exportSubmission = (options: SubmissionOptions) => this.exports.submission(options);
}

/** The PDF case dossier of one case (signed manifest, Bates numbers), written to `options.out`. */
export const exportCaseDossier = (archive: Archive, options: CaseDossierOptions): Promise<DossierResult> =>
  archive.exportCaseDossier(options);
/** The multi-case submission report, written to `options.out`. */
export const exportSubmission = (archive: Archive, options: SubmissionOptions): Promise<DossierResult> => archive.exportSubmission(options);
