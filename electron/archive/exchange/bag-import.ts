import { createHash } from 'node:crypto';
import path from 'node:path';
import type { ItemSummary } from '../../../shared/model.ts';
import type { Primitives } from '../crypto/index.ts';
import type { CustodySubject } from '../custody/log.ts';
import { ArchiveError, IntegrityError } from '../errors.ts';
import type { BagCatalogItem } from './bag-export.ts';
import { verifyBag, type BagReport } from './bag-verify.ts';
import { caseInputFrom, checkCaseRecords, recreateCaseRecords, type CaseRecordsApi } from '../records/recreate.ts';
import { resolveInside, safeFileName } from './safe-names.ts';

/** What importing a bag needs from the archive. */
export interface BagImportTarget {
  crypto: Primitives;
  vaultId: string;
  caseExists(caseId: string): void;
  addCase(input: Record<string, unknown>): string;
  /** The validated calls that recreate persons, timeline, powers of attorney, sources and statuses. */
  records: CaseRecordsApi;
  /** Runs `fn` in one catalog transaction: the records and the received events commit together. */
  transaction<T>(fn: () => T): T;
  /** The case a bag with this key was imported into as a new case before, if it was. */
  importedBefore(bagKey: string): string | null;
  importFile(
    caseId: string,
    file: string,
    options: { metadata?: unknown; acquisition?: unknown; originalName: string; expectedSha256?: string },
  ): Promise<{ id: string; sha256: string; duplicate: boolean }>;
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

  let caseId = options.caseId;
  let caseCreated = false;
  let recreate: { bagKey: string; carried: NonNullable<BagReport['catalog']>['cases'][number] } | null = null;
  if (caseId) {
    target.caseExists(caseId);
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
    if (before) return { caseId: before, caseCreated: false, alreadyImported: true, bag: bagIdentity, imported: [], report };
    const carried = cases[0]!;
    checkCaseRecords(
      'bag',
      carried,
      report.catalog!.persons,
      (report.catalog!.items ?? []).map((item) => item.id),
    );
    caseId = target.addCase(caseInputFrom(carried));
    caseCreated = true;
    recreate = { bagKey, carried };
  }

  const imported: BagImportResult['imported'] = [];
  const senderItems = new Map<string, string>();
  const received: Array<{ subject: CustodySubject; details: Record<string, unknown> }> = [];
  for (const file of report.payload) {
    const item = catalogItems.get(file.path);
    const originalName = safeFileName(item?.originalName ?? file.path.split('/').at(-1)!);
    const result = await target.importFile(caseId, resolveInside(report.dir, file.path), {
      originalName,
      metadata: item ? itemMetadataFrom(item) : { title: originalName },
      acquisition: item?.acquisition ? dropNulls(item.acquisition) : undefined,
      // What was opened is hashed and must match the manifest before it is recorded.
      expectedSha256: file.digests.sha256,
    });
    if (file.digests.sha256 && result.sha256 !== file.digests.sha256) {
      throw new IntegrityError(
        `${file.path} changed while it was imported (SHA-256 ${result.sha256}, the manifest says ${file.digests.sha256}); item ${result.id} holds what was read — check the bag and withdraw the item`,
      );
    }
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
  }
  received.push({
    subject: { kind: 'case', id: caseId },
    details: {
      via: 'bag',
      bag: bagIdentity,
      folder: path.basename(report.dir),
      sourceOrganization: info.get('source-organization') ?? null,
      payloadOxum: info.get('payload-oxum') ?? null,
      items: received.length,
      ...(report.custody ? { senderKey: report.custody.publicKey, senderCheckpoint: report.custody.checkpointSeq } : {}),
    },
  });
  if (!recreate) {
    target.recordReceived(received);
    return { caseId, caseCreated, alreadyImported: false, bag: bagIdentity, imported, report };
  }
  const { bagKey, carried } = recreate;
  const newCaseId = caseId;
  const records = target.transaction(() => {
    const recreated = recreateCaseRecords(target.records, carried, report.catalog!.persons, newCaseId, senderItems);
    const caseEntry = received.at(-1)!;
    caseEntry.details.senderCaseId = carried.id;
    caseEntry.details.records = recreated.counts;
    if (recreated.dropped.length > 0) caseEntry.details.dropped = recreated.dropped;
    for (const [senderPersonId, personId] of recreated.persons) {
      received.push({ subject: { kind: 'person', id: personId }, details: { via: 'bag', bag: bagIdentity, senderPersonId } });
    }
    // On the vault too, where a second import of the same bag finds it.
    received.push({ subject: { kind: 'vault', id: target.vaultId }, details: { via: 'bag', bag: bagIdentity, bagKey, case: newCaseId } });
    target.recordReceived(received);
    return { counts: recreated.counts, dropped: recreated.dropped };
  });
  return { caseId, caseCreated, alreadyImported: false, bag: bagIdentity, imported, report, records };
}

/** The catalog fields an item is imported with (ItemMetadata's shape). */
export function itemMetadataFrom(item: ItemSummary): Record<string, unknown> {
  return dropNulls({
    type: item.type,
    title: item.title,
    documentDate: item.documentDate,
    issuingBody: item.issuingBody,
    language: item.language,
    description: item.description,
    confidentiality: item.confidentiality,
  });
}

function dropNulls<T extends object>(value: T): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null && v !== undefined));
}
