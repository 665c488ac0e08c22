import type { CaseDetail } from '../../../shared/model.ts';
import { openRegularFile, stableSource } from '../ingest/regular-file.ts';
import type { CustodySubject } from '../custody/log.ts';
import { assertOutsideVault } from '../exports.ts';
import { exportBag, type BagExportOptions, type BagExportResult } from '../exchange/bag-export.ts';
import { importBag, type BagImportOptions, type BagImportResult } from '../exchange/bag-import.ts';
import { exportPackage, type ByteProgress, type PackageExportResult } from '../exchange/package.ts';
import { importPackage, type PackageImportResult } from '../exchange/package-import.ts';
import { carriedPerson, personIdsOf, type CarriedPerson, type CaseRecordsApi } from '../records/recreate.ts';
import type { VaultSession } from '../session/vault-session.ts';
import type { CaseService } from './cases.ts';
import { recordExported } from './export-record.ts';
import type { ImportService } from './imports.ts';
import type { ItemService } from './items.ts';

/** What the exchange service calls on its neighbours. */
export interface ExchangeDeps {
  cases: CaseService;
  items: ItemService;
  imports: ImportService;
  /** The validated calls that recreate a received case's records. */
  records: CaseRecordsApi;
}

/** Cases going out of and into the vault: BagIt bags (plaintext) and encrypted packages between vaults. */
export class ExchangeService {
  private readonly session: VaultSession;
  private readonly deps: ExchangeDeps;
  constructor(session: VaultSession, deps: ExchangeDeps) {
    this.session = session;
    this.deps = deps;
  }

  /** A BagIt bag (RFC 8493) of one case or of every case; PLAINTEXT, written beside `out` and renamed when complete. */
  async exportBag(options: BagExportOptions & { caseId?: string }): Promise<BagExportResult> {
    const s = this.session;
    s.assertUnlocked();
    assertOutsideVault(options.out, s.dir, 'a bag (plaintext)');
    const caseIds = options.caseId ? [s.cases.get(options.caseId).id] : s.cases.list().map((c) => c.id);
    const cases = caseIds.map((id) => this.deps.cases.get(id));
    const items = [...new Map(cases.flatMap((c) => c.items).map((item) => [item.id, item])).values()];
    const scope = options.caseId ? 'subjects' : 'vault';
    return exportBag(
      {
        vaultId: s.vaultId,
        publicKey: s.publicKey,
        scope,
        cases,
        persons: this.carriedPersons(cases),
        items,
        readItem: (id) => this.deps.items.read(id),
        checkpoint: () => s.writeCheckpoint('bag export'),
        recordExported: (bag) => {
          const details = { what: 'bag', to: bag.name, bag: bag.externalIdentifier };
          recordExported(s, { cases: caseIds, items: items.map((item) => item.id) }, details);
        },
        custodyEvents: () =>
          scope === 'vault'
            ? s.custody.iterate()
            : [...new Map(caseIds.flatMap((id) => this.deps.items.caseCustody(id)).map((e) => [e.seq, e])).values()].sort(
                (a, b) => a.seq - b.seq,
              ),
      },
      options,
    );
  }

  /** The case, its items and their custody history, encrypted to another vault's receiving key and signed by this one. */
  async exportPackage(caseId: string, recipientKey: string, out: string, onProgress?: ByteProgress): Promise<PackageExportResult> {
    const s = this.session;
    s.assertUnlocked();
    assertOutsideVault(out, s.dir, 'a package');
    const caseDetail = this.deps.cases.get(caseId);
    return exportPackage(
      {
        crypto: s.crypto,
        vaultId: s.vaultId,
        signingKey: s.publicKey,
        receivingKey: s.receivingPublicKey,
        caseDetail,
        persons: this.carriedPersons([caseDetail]),
        readItem: (id) => this.deps.items.read(id),
        custodyToCarry: () => {
          // Read before the checkpoint is taken, so the checkpoint covers every event carried.
          const events = this.deps.items.caseCustody(caseId);
          return { events, checkpoint: s.writeCheckpoint('package export') };
        },
        recordExported: (details) => recordExported(s, { cases: [caseId], items: caseDetail.items.map((item) => item.id) }, details),
        sign: (message) => s.sign(message),
      },
      recipientKey,
      out,
      onProgress,
    );
  }

  /** Imports a package sealed to this vault: sender's signature and every hash checked first; twice is a no-op. */
  async importPackage(file: string, options: { expectedSender?: string } = {}): Promise<PackageImportResult> {
    const s = this.session;
    s.assertUnlocked();
    return importPackage(
      {
        crypto: s.crypto,
        vaultId: s.vaultId,
        receivingKey: s.receivingPublicKey,
        openSealed: (sealed) => s.openSealed(sealed),
        importedBefore: (packageId) => this.receivedBefore((details) => details.package === packageId),
        addCase: (input) => this.deps.cases.add(input),
        records: this.deps.records,
        importAsOne: (stageAll, commit) => this.deps.imports.importAsOne(stageAll, commit),
        commitStaged: (caseId, staged) => this.deps.imports.commitStaged(caseId, staged),
        recordReceived: (entries) => this.recordReceived(entries),
      },
      file,
      options,
    );
  }

  /** Imports a valid bag into a case (or a new case described by our own bag), with a `received` event per item. */
  async importBag(dir: string, options: BagImportOptions = {}): Promise<BagImportResult> {
    const s = this.session;
    s.assertUnlocked();
    return importBag(
      {
        crypto: s.crypto,
        vaultId: s.vaultId,
        caseExists: (id) => void s.cases.get(id),
        addCase: (input) => this.deps.cases.add(input),
        records: this.deps.records,
        importedBefore: (bag) => this.receivedBefore((details) => details.via === 'bag' && details.bagKey === bag),
        importAsOne: (stageAll, commit) => this.deps.imports.importAsOne(stageAll, commit),
        // Opened once without following links, and only if it really lies inside the bag.
        openPayload: async (file, label) => stableSource(await openRegularFile(file, { label, inside: dir }), label),
        commitStaged: (caseId, staged) => this.deps.imports.commitStaged(caseId, staged),
        recordReceived: (entries) => this.recordReceived(entries),
      },
      dir,
      options,
    );
  }

  /** The case an earlier `received` event (matching `which`) created, if there was one. */
  private receivedBefore(which: (details: Record<string, unknown>) => boolean): string | null {
    const s = this.session;
    const earlier = s.custody.list({ kind: 'vault', id: s.vaultId }).find((e) => e.action === 'received' && which(e.details));
    return earlier ? String(earlier.details.case) : null;
  }

  /** The full records of the people these cases name, for an export to carry (without their other cases). */
  private carriedPersons(cases: CaseDetail[]): CarriedPerson[] {
    const ids = new Set(cases.flatMap(personIdsOf));
    return [...ids].map((id) => carriedPerson(this.session.persons.get(id)));
  }

  private recordReceived(entries: Array<{ subject: CustodySubject; details: Record<string, unknown> }>): void {
    this.session.db.transaction(() => {
      for (const entry of entries) this.session.custody.append('received', entry.subject, entry.details);
    })();
  }
}
