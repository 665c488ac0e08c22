// Tests only: writes a package exactly as a hostile sender with its own vault could, with any
// manifest JSON (not the canonical form exportPackage writes: a fractional size, for one), signed
// by the sender vault's key and sealed to the recipient.
import { promises as fs } from 'node:fs';
import { randomUUID } from 'node:crypto';
import type { Archive } from '../../electron/archive/archive.ts';
import { nativePrimitives } from '../../electron/archive/index.ts';
import { exportPackage, PACKAGE_MAGIC, PACKAGE_PREFIX_BYTES, PACKAGE_VERSION } from '../../electron/archive/exchange/package.ts';
import { packageItemOf, signedBytes } from '../../electron/archive/exchange/package-manifest.ts';
import { ChunkedWriter } from '../../electron/archive/exchange/package-stream.ts';
import { carriedPerson, personIdsOf, type CarriedPerson } from '../../electron/archive/records/recreate.ts';
import type { CaseDetail } from '../../shared/model.ts';
import { collect } from './files.ts';
import { checkpointNow, recordExport, signAnything } from './vault-internals.ts';

/** The manifest a genuine export of `caseId` would carry (without recording an export). */
export function genuineManifest(
  sender: Archive,
  caseId: string,
  recipientKey: string,
): Record<string, unknown> & { items: Array<Record<string, unknown>> } {
  const detail = sender.getCase(caseId);
  return {
    format: 'custodia-package',
    v: 1,
    packageId: randomUUID(),
    created: new Date().toISOString(),
    sender: { vaultId: sender.vaultId, signingKey: sender.publicKey, receivingKey: sender.receivingPublicKey },
    recipient: { receivingKey: recipientKey },
    case: detail,
    persons: personIdsOf(detail).map((id) => carriedPerson(sender.getPerson(id))),
    items: detail.items.map((item) => ({ ...packageItemOf(item) })),
    custody: {
      header: {
        type: 'custodia-custody-log',
        v: 1,
        vaultId: sender.vaultId,
        publicKey: sender.publicKey,
        signature: 'ed25519',
        hash: 'sha256',
        scope: 'subjects',
      },
      events: sender.caseCustody(caseId),
      checkpoint: checkpointNow(sender, 'raw test package'),
    },
  };
}

/** Writes `manifest` (as plain JSON.stringify) and the items' real bytes into a package at `file`. */
export async function writeRawPackage(
  sender: Archive,
  manifest: Record<string, unknown>,
  itemIds: string[],
  recipientKey: string,
  file: string,
): Promise<void> {
  const manifestBytes = Buffer.from(JSON.stringify(manifest), 'utf8');
  const signature = signAnything(sender, signedBytes(manifestBytes));
  const fileKey = nativePrimitives.randomBytes(32);
  const handle = await fs.open(file, 'wx', 0o600);
  try {
    const prefix = Buffer.alloc(PACKAGE_PREFIX_BYTES);
    PACKAGE_MAGIC.copy(prefix, 0);
    prefix.writeUInt8(PACKAGE_VERSION, 8);
    nativePrimitives.boxSeal(fileKey, Buffer.from(recipientKey, 'hex')).copy(prefix, 16);
    await handle.write(prefix, 0, prefix.length, 0);
    const writer = new ChunkedWriter(nativePrimitives, handle, PACKAGE_PREFIX_BYTES, fileKey);
    const length = Buffer.alloc(4);
    length.writeUInt32LE(manifestBytes.length);
    await writer.write(length);
    await writer.write(manifestBytes);
    await writer.write(signature);
    for (const id of itemIds) await writer.write(await collect(sender.readItem(id)));
    await writer.finish();
  } finally {
    await handle.close();
  }
}

/**
 * A package of `caseDetail` made the way exportPackage makes one, signed by the sender's vault key:
 * with the records altered first, what a hostile sender can send.
 */
export async function packageAsSender(
  sender: Archive,
  caseDetail: CaseDetail,
  persons: CarriedPerson[],
  recipientKey: string,
  file: string,
): Promise<void> {
  await exportPackage(
    {
      crypto: nativePrimitives,
      vaultId: sender.vaultId,
      signingKey: sender.publicKey,
      receivingKey: sender.receivingPublicKey,
      caseDetail,
      persons,
      readItem: (id) => sender.readItem(id),
      custodyToCarry: () => ({ events: sender.caseCustody(caseDetail.id), checkpoint: checkpointNow(sender, 'test package') }),
      recordExported: (details) =>
        recordExport(sender, { cases: [caseDetail.id], items: caseDetail.items.map((item) => item.id) }, details),
      sign: (message) => signAnything(sender, message),
    },
    recipientKey,
    file,
  );
}

/** A genuine package of `caseId` with its manifest altered by `alter`, signed by the sender's key: what a hostile sender can send. */
export async function alteredPackage(
  sender: Archive,
  caseId: string,
  recipientKey: string,
  file: string,
  alter: (manifest: ReturnType<typeof genuineManifest>) => void,
): Promise<string> {
  const manifest = genuineManifest(sender, caseId, recipientKey);
  alter(manifest);
  const itemIds = sender.getCase(caseId).items.map((item) => item.id);
  await writeRawPackage(sender, manifest, itemIds, recipientKey, file);
  return file;
}
