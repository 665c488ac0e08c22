// The signed manifest of a package (docs/package-format.md), and the checks a receiving vault makes on it.
import { z } from 'zod';
import type { CaseDetail, ItemSummary } from '../../../shared/model.ts';
import { describeIssues } from '../../../shared/schemas.ts';
import type { Primitives } from '../crypto/index.ts';
import type { Checkpoint, CustodyEvent } from '../custody/log.ts';
import { ArchiveError, IntegrityError } from '../errors.ts';
import type { CarriedPerson } from '../records/recreate.ts';
import { CarriedCustody } from './carried-custody.ts';
import { checkCarriedItems, itemMetadataFrom, PackageItemRecord } from './carried-items.ts';
import { verifyCustodyExtract, type CustodyExtractHeader, type ParsedCustodyExtract } from './custody-extract.ts';

const SIGNATURE_CONTEXT = 'custodia package v1\n';

/** The bytes the sender signs: a context string, so a package signature is good for nothing else, then the manifest. */
export const signedBytes = (manifestBytes: Buffer): Buffer => Buffer.concat([Buffer.from(SIGNATURE_CONTEXT), manifestBytes]);

export interface PackageItem {
  id: string;
  originalName: string;
  size: number;
  sha256: string;
  mimeType: string;
  sourceModifiedAt: string | null;
  metadata: Record<string, unknown>;
  acquisition: ItemSummary['acquisition'];
}

/** An item of the vault as a package's manifest describes it. */
export function packageItemOf(item: ItemSummary): PackageItem {
  return {
    id: item.id,
    originalName: item.originalName,
    size: item.size,
    sha256: item.sha256,
    mimeType: item.mimeType,
    sourceModifiedAt: item.sourceModifiedAt,
    metadata: itemMetadataFrom(item),
    acquisition: item.acquisition,
  };
}

export interface PackageManifest {
  format: 'custodia-package';
  v: 1;
  packageId: string;
  created: string;
  sender: { vaultId: string; signingKey: string; receivingKey: string };
  recipient: { receivingKey: string };
  case: CaseDetail;
  /** The people the case's records name (absent from packages made before they were carried). */
  persons?: CarriedPerson[];
  items: PackageItem[];
  custody: { header: CustodyExtractHeader; events: CustodyEvent[]; checkpoint: Checkpoint };
}

export function parsePublicKey(text: string, what: string, option?: string): Buffer {
  const hex = text.trim().toLowerCase().replace(/\s+/g, '');
  if (!/^[0-9a-f]{64}$/.test(hex))
    throw new ArchiveError('validation', `${what} must be 64 hexadecimal characters (32 bytes), as "custodia identity" prints it`, {
      option,
    });
  return Buffer.from(hex, 'hex');
}

const Hex64 = z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 hexadecimal characters');

/**
 * The manifest's own fields and its custody history (carried-custody.ts); the case and the people are
 * checked by checkCaseRecords, the items by carried-items.ts.
 */
const PackageEnvelope = z.looseObject({
  packageId: z.string().min(1).max(100),
  created: z.string().max(64),
  sender: z.looseObject({ vaultId: z.string().min(1).max(100), signingKey: Hex64, receivingKey: Hex64 }),
  recipient: z.looseObject({ receivingKey: Hex64 }),
  case: z.looseObject({ id: z.string().min(1).max(100) }),
  custody: CarriedCustody,
});

/**
 * Refuses a manifest that is not ours, not signed by the sender it names (or the one expected), not
 * within the bounds of every field the import reads, not addressed to this vault, or whose custody
 * history does not vouch for every item's SHA-256.
 */
export function checkManifest(
  crypto: Primitives,
  manifest: PackageManifest,
  signature: Buffer,
  manifestBytes: Buffer,
  ourReceivingKey: string,
  expectedSender: string | undefined,
): void {
  if (!manifest || manifest.format !== 'custodia-package' || manifest.v !== 1 || !Array.isArray(manifest.items))
    throw new IntegrityError('the package manifest is not one this Custodia reads');
  const senderKey = parsePublicKey(String(manifest.sender?.signingKey), "the sender's signing key");
  if (!crypto.verifyDetached(signature, signedBytes(manifestBytes), senderKey)) {
    throw new IntegrityError("the package's signature does not verify with the sender key it names: it was altered or forged");
  }
  if (expectedSender && parsePublicKey(expectedSender, 'the expected sender key').toString('hex') !== senderKey.toString('hex')) {
    throw new IntegrityError(`the package is signed by ${senderKey.toString('hex')}, not by the expected sender ${expectedSender}`);
  }
  // Signed is not the same as sane: every field the import reads has a type and a bound.
  const envelope = PackageEnvelope.safeParse(manifest);
  if (!envelope.success)
    throw new ArchiveError('validation', `the package manifest is not valid, nothing was imported: ${describeIssues(envelope.error)}`);
  checkCarriedItems('package', manifest.items, PackageItemRecord, (item) => item.metadata);
  if (manifest.recipient?.receivingKey !== ourReceivingKey) {
    throw new IntegrityError('the package was signed for another recipient and re-encrypted to this vault');
  }
  const extract: ParsedCustodyExtract = {
    header: manifest.custody.header,
    events: manifest.custody.events,
    checkpoint: manifest.custody.checkpoint,
  };
  const custody = verifyCustodyExtract(extract, crypto, senderKey.toString('hex'));
  if (custody.problems.length > 0)
    throw new IntegrityError(`the custody history in the package does not verify: ${custody.problems[0]!.message}`);
  for (const item of manifest.items) {
    const imported = manifest.custody.events.find((e) => e.action === 'imported' && e.subject.id === item.id);
    if (!imported || imported.details.sha256 !== item.sha256) {
      throw new IntegrityError(`item ${item.id} has no signed "imported" event with its SHA-256 in the package's custody history`);
    }
  }
}
