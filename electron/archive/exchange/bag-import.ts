import { createHash } from 'node:crypto';
import path from 'node:path';
import type { Primitives } from '../crypto/index.ts';
import type { CustodySubject } from '../custody/log.ts';
import type { ByteSource } from '../blobs/byte-source.ts';
import { ArchiveError, IntegrityError } from '../errors.ts';
import type { ImportService, StagedItem } from '../services/imports.ts';
import { itemMetadataFrom } from './carried-items.ts';
import type { BagCatalogItem } from './bag-export.ts';
import { verifyBag, type BagReport } from './bag-verify.ts';
import { caseInputFrom, checkCaseRecords, dropNulls, recreateCaseRecords, type CaseRecordsApi } from '../records/recreate.ts';
import { resolveInside, safeFileName } from './safe-names.ts';

/** What importing a bag needs from the archive. */
export interface BagImportTarget {
  crypto: Primitives;
  vaultId: string;
  caseExists(caseId: string): void;
  addCase(input: Record<string, unknown>): string;
  /** The validated calls that recreate persons, timeline, powers of attorney, sources and statuses. */
  records: CaseRecordsApi;
  /** The case a bag with this key was imported into as a new case before, if it was. */
  importedBefore(bagKey: string): string | null;
  /** Stages every item, then runs the commit in ONE catalog transaction (ImportService.importAsOne). */
  importAsOne: ImportService['importAsOne'];
  /** Opens a payload file once, with no link followed, and only if it lies inside the bag. */
  openPayload(file: string, label: string): Promise<ByteSource>;
  /** Records a staged item in the case, inside that transaction. */
  commitStaged(caseId: string, staged: StagedItem): { id: string; sha256: string; duplicate: boolean };
  recordReceived(entries: Array<{ subject: CustodySubject; details: Record<string, unknown> }>): void;
}

export interface BagImportOptions {
  caseId?: string;
  expectedKey?: string;
  onProgress?: (doneBytes: number, totalBytes: number) => void;
}

export interface BagImportResult {
  caseId: string;
  caseCreated: boolean;
  /** The same bag of ours already came in as a new case: nothing was done. */
  alreadyImported: boolean;
  bag: string;
  imported: Array<{ id: string; sha256: string; bagPath: string; duplicate: boolean }>;
  report: BagReport;
  /** For a bag of ours that created its case: what was recreated besides the items, and what was left out. */
  records?: { counts: Record<string, number>; dropped: string[] };
}

/**
 * Brings a bag (ours or any valid bag) into the vault: the whole bag is validated first (every
 * checksum, completeness, tag manifests, our custody log where present) and nothing is imported
 * from a bag that fails. Each file's SHA-256 computed while it is encrypted into the vault is
 * compared again with the manifest, and each new item gets a `received` event naming the bag.
 */
export async function importBag(target: BagImportTarget, dir: string, options: BagImportOptions = {}): Promise<BagImportResult> {
  const report = await verifyBag(dir, target.crypto, { expectedKey: options.expectedKey, onProgress: options.onProgress });
  if (!report.ok) {
    const first = report.problems.slice(0, 3).map((p) => p.message);
    throw new IntegrityError(
      `the bag in ${report.dir} is not valid, nothing was imported: ${first.join('; ')}${report.problems.length > 3 ? ` (and ${report.problems.length - 3} more; run "custodia verify-bag")` : ''}`,
    );
  }
  const info = new Map(report.bagInfo.map(([label, value]) => [label.toLowerCase(), value]));
  const bagIdentity = info.get('external-identifier') ?? path.basename(report.dir);
  const catalogItems = new Map<string, BagCatalogItem>((report.catalog?.items ?? []).map((item) => [item.bagPath, item]));

  let recreate: { bagKey: string; carried: NonNullable<BagReport['catalog']>['cases'][number] } | null = null;
  const already = (caseId: string): BagImportResult => ({
    caseId,
    caseCreated: false,
    alreadyImported: true,
    bag: bagIdentity,
    imported: [],
    report,
  });
  if (options.caseId) {
    target.caseExists(options.caseId);
  } else {
    const cases = report.catalog?.cases ?? [];
    if (cases.length !== 1) {
      throw new ArchiveError(
        'validation',
        cases.length === 0
          ? 'the bag does not describe a case: choose the case to import it into'
          : `the bag holds ${cases.length} cases: choose the case to import it into`,
        { option: 'case' },
      );
    }
    // The same bag (same identifier, same catalog) imported as a new case again changes nothing.
    const bagKey = `${bagIdentity} ${createHash('sha256').update(JSON.stringify(report.catalog)).digest('hex')}`;
    const before = target.importedBefore(bagKey);
    if (before) return already(before);
    const carried = cases[0]!;
    checkCaseRecords(
      'bag',
      carried,
      report.catalog!.persons,
      (report.catalog!.items ?? []).map((item) => item.id),
    );
    recreate = { bagKey, carried };
  }

  // Every payload file staged (durable, not recorded); then the case, its items, its records and
  // the received events commit in one transaction.
  return target.importAsOne(
    async (stage) => {
      for (const file of report.payload) {
        const item = catalogItems.get(file.path);
        const originalName = safeFileName(item?.originalName ?? file.path.split('/').at(-1)!);
        await stage(
          await target.openPayload(resolveInside(report.dir, file.path), originalName),
          {
            originalName,
            modifiedAt: null,
            label: originalName,
          },
          {
            metadata: item ? itemMetadataFrom(item) : { title: originalName },
            acquisition: item?.acquisition ? dropNulls(item.acquisition) : undefined,
            // What was opened is hashed and must match the manifest before it is recorded.
            expectedSha256: file.digests.sha256,
          },
        );
      }
    },
    (staged) => {
      if (recreate) {
        // Checked again under the write lock: of two processes importing one bag, the second finds the first.
        const earlier = target.importedBefore(recreate.bagKey);
        if (earlier) return already(earlier);
      }
      const caseId = recreate ? target.addCase(caseInputFrom(recreate.carried)) : options.caseId!;
      return commitBag(target, report, { caseId, bagIdentity, info, catalogItems, recreate }, staged);
    },
  );
}

/** Records the bag's items (and, for a new case, its records) inside the import's one transaction. */
function commitBag(
  target: BagImportTarget,
  report: BagReport,
  bag: {
    caseId: string;
    bagIdentity: string;
    info: Map<string, string>;
    catalogItems: Map<string, BagCatalogItem>;
    recreate: { bagKey: string; carried: NonNullable<BagReport['catalog']>['cases'][number] } | null;
  },
  staged: StagedItem[],
): BagImportResult {
  const { caseId, bagIdentity, info, recreate } = bag;
  const imported: BagImportResult['imported'] = [];
  const senderItems = new Map<string, string>();
  const received: Array<{ subject: CustodySubject; details: Record<string, unknown> }> = [];
  report.payload.forEach((file, index) => {
    const item = bag.catalogItems.get(file.path);
    const result = target.commitStaged(caseId, staged[index]!);
    imported.push({ id: result.id, sha256: result.sha256, bagPath: file.path, duplicate: result.duplicate });
    if (item) senderItems.set(item.id, result.id);
    if (!result.duplicate) {
      received.push({
        subject: { kind: 'item', id: result.id },
        details: {
          via: 'bag',
          bag: bagIdentity,
          bagPath: file.path,
          sha256: result.sha256,
          ...(item ? { senderItemId: item.id, senderVault: report.catalog!.vaultId } : {}),
          ...(report.custody ? { senderKey: report.custody.publicKey } : {}),
        },
      });
    }
  });
  const caseEntry = {
    subject: { kind: 'case' as const, id: caseId },
    details: {
      via: 'bag',
      bag: bagIdentity,
      folder: path.basename(report.dir),
      sourceOrganization: info.get('source-organization') ?? null,
      payloadOxum: info.get('payload-oxum') ?? null,
      items: received.length,
      ...(report.custody ? { senderKey: report.custody.publicKey, senderCheckpoint: report.custody.checkpointSeq } : {}),
    } as Record<string, unknown>,
  };
  received.push(caseEntry);
  if (!recreate) {
    target.recordReceived(received);
    return { caseId, caseCreated: false, alreadyImported: false, bag: bagIdentity, imported, report };
  }
  const recreated = recreateCaseRecords(target.records, recreate.carried, report.catalog!.persons, caseId, senderItems);
  caseEntry.details.senderCaseId = recreate.carried.id;
  caseEntry.details.records = recreated.counts;
  if (recreated.dropped.length > 0) caseEntry.details.dropped = recreated.dropped;
  for (const [senderPersonId, personId] of recreated.persons) {
    received.push({ subject: { kind: 'person', id: personId }, details: { via: 'bag', bag: bagIdentity, senderPersonId } });
  }
  // On the vault too, where a second import of the same bag finds it.
  received.push({
    subject: { kind: 'vault', id: target.vaultId },
    details: { via: 'bag', bag: bagIdentity, bagKey: recreate.bagKey, case: caseId },
  });
  target.recordReceived(received);
  const records = { counts: recreated.counts, dropped: recreated.dropped };
  return { caseId, caseCreated: true, alreadyImported: false, bag: bagIdentity, imported, report, records };
}
