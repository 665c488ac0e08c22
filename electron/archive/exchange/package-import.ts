/** Receiving a package (docs/package-format.md): verify everything first, then import the case in one transaction. */
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import path from 'node:path';
import type { ByteSource } from '../blobs/byte-source.ts';
import type { ImportService, StagedItem } from '../services/imports.ts';
import type { Primitives } from '../crypto/index.ts';
import type { CustodySubject } from '../custody/log.ts';
import { ArchiveError, IntegrityError } from '../errors.ts';
import { caseInputFrom, checkCaseRecords, dropNulls, recreateCaseRecords, type CaseRecordsApi } from '../records/recreate.ts';
import { ChunkedReader } from './package-stream.ts';
import { checkManifest, type PackageManifest } from './package-manifest.ts';
import { safeFileName } from './safe-names.ts';
import { MAX_MANIFEST_BYTES, PACKAGE_MAGIC, PACKAGE_PREFIX_BYTES, PACKAGE_VERSION, SEALED_KEY_BYTES } from './package.ts';

/** What importing a package needs from the archive. */
export interface PackageTarget {
  crypto: Primitives;
  vaultId: string;
  receivingKey: string;
  openSealed(sealed: Buffer): Buffer | null;
  /** The case a package with this id was imported into before, if it was. */
  importedBefore(packageId: string): string | null;
  addCase(input: Record<string, unknown>): string;
  /** The validated calls that recreate persons, timeline, powers of attorney, sources and statuses. */
  records: CaseRecordsApi;
  /** Stages every item, then runs the commit in ONE catalog transaction (ImportService.importAsOne). */
  importAsOne: ImportService['importAsOne'];
  /** Records a staged item in the case, inside that transaction. */
  commitStaged(caseId: string, staged: StagedItem): { id: string; sha256: string; duplicate: boolean };
  recordReceived(entries: Array<{ subject: CustodySubject; details: Record<string, unknown> }>): void;
}

export interface PackageImportResult {
  packageId: string;
  caseId: string;
  alreadyImported: boolean;
  sender: PackageManifest['sender'];
  items: Array<{ id: string; senderItemId: string; sha256: string }>;
  /** What was recreated besides the items, and any reference left out (with why). */
  records?: { counts: Record<string, number>; dropped: string[] };
}

/**
 * Opens a package addressed to this vault, checks the sender's signature, the carried custody
 * history and every item's SHA-256 in a first pass that stores nothing, then imports the case in
 * a second pass. The same package twice changes nothing the second time.
 */
export async function importPackage(
  target: PackageTarget,
  file: string,
  options: { expectedSender?: string } = {},
): Promise<PackageImportResult> {
  const { crypto } = target;
  const handle = await fs.open(path.resolve(file), 'r').catch((error: NodeJS.ErrnoException) => {
    throw new ArchiveError('not-found', `cannot read ${file}: ${error.code === 'ENOENT' ? 'no such file' : error.message}`);
  });
  let fileKey: Buffer | null = null;
  try {
    const prefix = Buffer.alloc(PACKAGE_PREFIX_BYTES);
    const { bytesRead } = await handle.read(prefix, 0, PACKAGE_PREFIX_BYTES, 0);
    if (bytesRead !== PACKAGE_PREFIX_BYTES || !prefix.subarray(0, 8).equals(PACKAGE_MAGIC)) {
      throw new ArchiveError('validation', `${file} is not a Custodia package`);
    }
    if (prefix.readUInt8(8) !== PACKAGE_VERSION)
      throw new ArchiveError('validation', `${file} is a package of version ${prefix.readUInt8(8)}, which this Custodia does not read`);
    fileKey = target.openSealed(prefix.subarray(16, 16 + SEALED_KEY_BYTES));
    if (!fileKey) throw new IntegrityError(`${file} is not addressed to this vault (or its key block was altered)`);

    // Pass 1: signature, custody history and every hash, nothing stored.
    const first = await openContent(crypto, handle, fileKey, file);
    const manifest = first.manifest;
    try {
      checkManifest(crypto, manifest, first.signature, first.manifestBytes, target.receivingKey, options.expectedSender);
      checkCaseRecords(
        'package',
        manifest.case,
        manifest.persons,
        manifest.items.map((item) => item.id),
      );
      for (const item of manifest.items) {
        const hash = createHash('sha256');
        const buffer = Buffer.alloc(64 * 1024);
        for (let left = item.size; left > 0;) {
          const piece = buffer.subarray(0, Math.min(buffer.length, left));
          await first.reader.readExact(piece);
          hash.update(piece);
          left -= piece.length;
        }
        buffer.fill(0);
        if (hash.digest('hex') !== item.sha256)
          throw new IntegrityError(`item ${item.id} (${item.originalName}) in the package does not have the SHA-256 its sender signed`);
      }
      const tail = Buffer.alloc(1);
      if ((await first.reader.read(tail, 0, 1)) !== 0 || !first.reader.atEnd)
        throw new IntegrityError(`${file} holds more bytes than its manifest describes`);
    } finally {
      first.reader.wipe();
    }

    const already = (caseId: string): PackageImportResult => ({
      packageId: manifest.packageId,
      caseId,
      alreadyImported: true,
      sender: manifest.sender,
      items: [],
    });
    const before = target.importedBefore(manifest.packageId);
    if (before) return already(before);

    // Pass 2: every item staged (durable, not recorded) as the same bytes are authenticated again;
    // then the case, its items, its records and the received events commit in one transaction.
    const second = await openContent(crypto, handle, fileKey, file);
    try {
      return await target.importAsOne(
        async (stage) => {
          for (const item of manifest.items) {
            await stage(
              limitedSource(second.reader, item.size),
              {
                originalName: safeFileName(item.originalName),
                modifiedAt: item.sourceModifiedAt,
                label: `${item.originalName} (package ${manifest.packageId})`,
              },
              {
                metadata: item.metadata,
                acquisition: item.acquisition ? dropNulls(item.acquisition) : undefined,
                expectedSha256: item.sha256,
              },
            );
          }
        },
        (staged) => {
          // Checked again under the write lock: of two processes importing one package, the second finds the first.
          const earlier = target.importedBefore(manifest.packageId);
          return earlier ? already(earlier) : commitPackage(target, manifest, staged);
        },
      );
    } finally {
      second.reader.wipe();
    }
  } finally {
    if (fileKey) crypto.memzero(fileKey);
    await handle.close();
  }
}

/** Records the received case: inside the import's one transaction, after every item is staged. */
function commitPackage(target: PackageTarget, manifest: PackageManifest, staged: StagedItem[]): PackageImportResult {
  const caseId = target.addCase(caseInputFrom(manifest.case));
  const items: PackageImportResult['items'] = [];
  const received: Array<{ subject: CustodySubject; details: Record<string, unknown> }> = [];
  const sender = { senderVault: manifest.sender.vaultId, senderKey: manifest.sender.signingKey };
  const eventsOf = (kind: string, id: string) => manifest.custody.events.filter((e) => e.subject.kind === kind && e.subject.id === id);
  manifest.items.forEach((item, index) => {
    const result = target.commitStaged(caseId, staged[index]!);
    items.push({ id: result.id, senderItemId: item.id, sha256: result.sha256 });
    if (!result.duplicate) {
      received.push({
        subject: { kind: 'item', id: result.id },
        details: {
          via: 'package',
          package: manifest.packageId,
          senderItemId: item.id,
          sha256: item.sha256,
          ...sender,
          provenance: eventsOf('item', item.id),
        },
      });
    }
  });
  const senderItems = new Map(items.map((item) => [item.senderItemId, item.id]));
  const recreated = recreateCaseRecords(target.records, manifest.case, manifest.persons, caseId, senderItems);
  received.push({
    subject: { kind: 'case', id: caseId },
    details: {
      via: 'package',
      package: manifest.packageId,
      senderCaseId: manifest.case.id,
      ...sender,
      senderCheckpoint: manifest.custody.checkpoint,
      provenance: eventsOf('case', manifest.case.id),
      records: recreated.counts,
      ...(recreated.dropped.length > 0 ? { dropped: recreated.dropped } : {}),
    },
  });
  // On the vault too, where a second import of the same package finds it.
  received.push({
    subject: { kind: 'vault', id: target.vaultId },
    details: { via: 'package', package: manifest.packageId, case: caseId, ...sender },
  });
  for (const [senderPersonId, personId] of recreated.persons) {
    received.push({
      subject: { kind: 'person', id: personId },
      details: { via: 'package', package: manifest.packageId, senderPersonId, ...sender, provenance: eventsOf('person', senderPersonId) },
    });
  }
  target.recordReceived(received);
  return {
    packageId: manifest.packageId,
    caseId,
    alreadyImported: false,
    sender: manifest.sender,
    items,
    records: { counts: recreated.counts, dropped: recreated.dropped },
  };
}

async function openContent(crypto: Primitives, handle: FileHandle, fileKey: Buffer, label: string) {
  const reader = new ChunkedReader(crypto, handle, PACKAGE_PREFIX_BYTES, fileKey, label);
  await reader.open();
  const length = Buffer.alloc(4);
  await reader.readExact(length);
  const manifestLength = length.readUInt32LE();
  if (manifestLength > MAX_MANIFEST_BYTES) throw new IntegrityError(`${label}: its manifest claims ${manifestLength} bytes`);
  const manifestBytes = Buffer.alloc(manifestLength);
  await reader.readExact(manifestBytes);
  const signature = Buffer.alloc(64);
  await reader.readExact(signature);
  let manifest: PackageManifest;
  try {
    manifest = JSON.parse(manifestBytes.toString('utf8')) as PackageManifest;
  } catch {
    throw new IntegrityError(`${label}: its manifest is not JSON`);
  }
  return { reader, manifest, manifestBytes, signature };
}

/** Exactly `size` bytes of the package stream, as the vault's import reads them. */
function limitedSource(reader: ChunkedReader, size: number): ByteSource {
  let left = size;
  return {
    async read(buffer, offset, length) {
      if (left === 0) return 0;
      const count = await reader.read(buffer, offset, Math.min(length, left));
      if (count === 0) throw new IntegrityError('the package content ends before the manifest says it should');
      left -= count;
      return count;
    },
    size: async () => size,
    close: async () => {},
  };
}
