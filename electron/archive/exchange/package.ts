import { createHash, randomUUID } from 'node:crypto';
import { existsSync, promises as fs } from 'node:fs';
import path from 'node:path';
import type { CaseDetail } from '../../../shared/model.ts';
import { BOX_PUBLIC_BYTES, BOX_SEAL_BYTES, KEY_BYTES, type Primitives } from '../crypto/index.ts';
import { canonicalJson } from '../custody/canonical.ts';
import type { Checkpoint, CustodyEvent } from '../custody/log.ts';
import { ArchiveError, IntegrityError } from '../errors.ts';
import { syncDirectory } from '../fs-durable.ts';
import type { CarriedPerson } from '../records/recreate.ts';
import { ChunkedWriter } from './package-stream.ts';
import { packageItemOf, parsePublicKey, signedBytes, type PackageManifest } from './package-manifest.ts';

export type { PackageItem, PackageManifest } from './package-manifest.ts';
export { parsePublicKey } from './package-manifest.ts';

/**
 * An encrypted package (.cstd) carries one case from one vault to another (docs/package-format.md):
 *
 *   prefix  = "CSTDPACK" ‖ u8 version 1 ‖ 7 zero bytes ‖ crypto_box_seal(file key, recipient X25519 key) (80 bytes)
 *   content = the blob format under the file key, whose plaintext is
 *             u32le length ‖ manifest (canonical JSON) ‖ Ed25519 signature (64) ‖ item bytes, in manifest order
 *
 * Nothing in the clear names the sender, the recipient or the case; a vault finds its packages by
 * trying to open the sealed key. The signature covers the manifest, which names both vaults'
 * keys and every item's SHA-256 and size, so the sender vouches for every byte.
 */
export const PACKAGE_MAGIC = Buffer.from('CSTDPACK', 'latin1');
export const PACKAGE_VERSION = 1;
export const SEALED_KEY_BYTES = KEY_BYTES + BOX_SEAL_BYTES;
export const PACKAGE_PREFIX_BYTES = 16 + SEALED_KEY_BYTES;
/** The largest manifest a package may claim; a larger one is refused before it is read. */
export const MAX_MANIFEST_BYTES = 64 * 1024 * 1024;

export interface PackageSource {
  crypto: Primitives;
  vaultId: string;
  signingKey: string;
  receivingKey: string;
  caseDetail: CaseDetail;
  /** The people the case's records name, with their full records. */
  persons: CarriedPerson[];
  readItem(id: string): AsyncIterable<Buffer>;
  /** The case's custody history to carry, and a fresh signed checkpoint of the log covering it. */
  custodyToCarry(): { events: CustodyEvent[]; checkpoint: Checkpoint };
  /** Records the `exported` events: called only once the package is durable under its name. */
  recordExported(details: Record<string, unknown>): void;
  sign(message: Buffer): Buffer;
}

export interface PackageExportResult {
  file: string;
  packageId: string;
  items: number;
  bytes: number;
  recipient: string;
}

/** Called as the items' bytes go into the package; it may throw to cancel (nothing is then kept or recorded). */
export type ByteProgress = (doneBytes: number, totalBytes: number) => void;

/** Writes the package to a temp file beside `out`, fsyncs it and renames it into place. */
export async function exportPackage(
  source: PackageSource,
  recipientHex: string,
  out: string,
  onProgress: ByteProgress = () => {},
): Promise<PackageExportResult> {
  const recipient = parsePublicKey(recipientHex, 'the recipient key', 'recipient');
  if (recipient.length !== BOX_PUBLIC_BYTES) throw new ArchiveError('validation', 'the recipient key must be 32 bytes');
  const target = path.resolve(out);
  if (existsSync(target)) throw new ArchiveError('validation', `${target} already exists; choose a new file name`);
  const { crypto } = source;
  const packageId = randomUUID();
  const items = source.caseDetail.items;
  const custody = source.custodyToCarry();
  const manifest: PackageManifest = {
    format: 'custodia-package',
    v: 1,
    packageId,
    created: new Date().toISOString(),
    sender: { vaultId: source.vaultId, signingKey: source.signingKey, receivingKey: source.receivingKey },
    recipient: { receivingKey: recipient.toString('hex') },
    case: source.caseDetail,
    persons: source.persons,
    items: items.map(packageItemOf),
    custody: {
      header: {
        type: 'custodia-custody-log',
        v: 1,
        vaultId: source.vaultId,
        publicKey: source.signingKey,
        signature: 'ed25519',
        hash: 'sha256',
        scope: 'subjects',
      },
      events: custody.events,
      checkpoint: custody.checkpoint,
    },
  };
  const manifestBytes = Buffer.from(canonicalJson(manifest), 'utf8');
  const signature = source.sign(signedBytes(manifestBytes));
  const fileKey = crypto.randomBytes(KEY_BYTES);
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.partial-${process.pid}-${Date.now()}`);
  const file = await fs.open(temp, 'wx', 0o600).catch((error: unknown) => {
    throw packageWriteError(target, error);
  });
  let writer: ChunkedWriter | null = null;
  let bytes = 0;
  let renamed = false;
  const totalBytes = items.reduce((sum, item) => sum + item.size, 0);
  let doneBytes = 0;
  try {
    onProgress(0, totalBytes);
    const prefix = Buffer.alloc(PACKAGE_PREFIX_BYTES);
    PACKAGE_MAGIC.copy(prefix, 0);
    prefix.writeUInt8(PACKAGE_VERSION, 8);
    crypto.boxSeal(fileKey, recipient).copy(prefix, 16);
    await file.write(prefix, 0, prefix.length, 0);
    writer = new ChunkedWriter(crypto, file, PACKAGE_PREFIX_BYTES, fileKey);
    const length = Buffer.alloc(4);
    length.writeUInt32LE(manifestBytes.length);
    await writer.write(length);
    await writer.write(manifestBytes);
    await writer.write(signature);
    for (const item of items) {
      const hash = createHash('sha256');
      for await (const chunk of source.readItem(item.id)) {
        hash.update(chunk);
        await writer.write(chunk);
        doneBytes += chunk.length;
        chunk.fill(0);
        onProgress(doneBytes, totalBytes);
      }
      if (hash.digest('hex') !== item.sha256)
        throw new IntegrityError(`item ${item.id} no longer has the SHA-256 recorded at import; run "custodia verify"`);
      bytes += item.size;
    }
    await writer.finish();
    await file.sync();
    await file.close();
    await fs.rename(temp, target);
    renamed = true;
    await syncDirectory(path.dirname(target));
  } catch (error) {
    writer?.wipe();
    await file.close().catch(() => {});
    // Not durable, so not exported: not even a package renamed into place whose folder could not be synced stays.
    await fs.rm(renamed ? target : temp, { force: true });
    throw packageWriteError(target, error);
  } finally {
    crypto.memzero(fileKey);
  }
  // Only now, with the package durable under its name, is the export recorded.
  source.recordExported({ what: 'package', to: path.basename(target), package: packageId, recipient: recipient.toString('hex') });
  return { file: target, packageId, items: items.length, bytes, recipient: recipient.toString('hex') };
}

/** A failed write of the package file, in words a user can act on; nothing was recorded. */
function packageWriteError(target: string, error: unknown): unknown {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (error instanceof ArchiveError || typeof code !== 'string') return error;
  const why = code === 'ENOSPC' || code === 'EDQUOT' ? 'the disk holding it is full' : code;
  return new ArchiveError('io', `the package could not be written to ${target} (${why}); nothing was exported or recorded`, {
    cause: error,
  });
}
