import { createHash, randomUUID } from 'node:crypto';
import { existsSync, promises as fs } from 'node:fs';
import path from 'node:path';
import type { CaseDetail, ItemSummary } from '../../../shared/model.ts';
import type { Checkpoint, CustodyEvent } from '../custody/log.ts';
import { ArchiveError, IntegrityError } from '../errors.ts';
import { syncDirectory } from '../fs-durable.ts';
import { BAGIT_DECLARATION, formatManifest, formatTagFile, payloadOxum, type BagAlgorithm } from './bagit-format.ts';
import type { CarriedPerson } from '../records/recreate.ts';
import { custodyExtractLines, type CustodyExtractHeader } from './custody-extract.ts';
import { UniqueNames } from './safe-names.ts';
import { ThreadedDigests } from './threaded-digests.ts';

/** Where our own metadata lives inside a bag (tag files, covered by the tag manifests). */
export const CUSTODIA_TAG_DIR = 'custodia';
export const CATALOG_TAG_FILE = `${CUSTODIA_TAG_DIR}/catalog.json`;
export const CUSTODY_TAG_FILE = `${CUSTODIA_TAG_DIR}/custody-log.jsonl`;
const PAYLOAD_ALGORITHMS = ['sha256', 'sha512'] as const satisfies readonly BagAlgorithm[];
const SLOT_BYTES = 1024 * 1024;

/** What the archive hands the exporter: the selection, its plaintext, and a way to record the export. */
export interface BagSource {
  vaultId: string;
  publicKey: string;
  /** "vault" when every case is exported (the whole log goes in), "subjects" for a selection. */
  scope: 'vault' | 'subjects';
  cases: CaseDetail[];
  /** The full records of the people the cases name (roles, timeline, grantors). */
  persons: CarriedPerson[];
  items: ItemSummary[];
  readItem(id: string): AsyncIterable<Buffer>;
  /** A fresh signed checkpoint of the custody log, which the bag carries. */
  checkpoint(): Checkpoint;
  /** The events to carry (those up to the checkpoint are written). */
  custodyEvents(): Iterable<CustodyEvent>;
  /** Records one `exported` event per item and case: called only once the bag is durable under its name. */
  recordExported(bag: { name: string; externalIdentifier: string }): void;
}

export interface BagExportOptions {
  out: string;
  sourceOrganization?: string;
  onProgress?: (doneBytes: number, totalBytes: number) => void;
}

export interface BagExportResult {
  dir: string;
  externalIdentifier: string;
  files: number;
  bytes: number;
  checkpoint: Checkpoint;
}

/** One entry of custodia/catalog.json: the item's catalog record and where its bytes are in the bag. */
export interface BagCatalogItem extends ItemSummary {
  bagPath: string;
}

export interface BagCatalog {
  format: 'custodia-bag-catalog';
  v: 1;
  vaultId: string;
  externalIdentifier: string;
  exportedAt: string;
  cases: CaseDetail[];
  /** The people the cases' records name (absent from bags made before they were carried). */
  persons?: CarriedPerson[];
  items: BagCatalogItem[];
}

/**
 * Writes a BagIt bag (RFC 8493) into a hidden temp folder beside `out`, fsyncs it, and renames it
 * to `out` only when every file is in place, so an interrupted export never looks complete. The
 * payload is PLAINTEXT: the caller warns the user.
 */
export async function exportBag(source: BagSource, options: BagExportOptions): Promise<BagExportResult> {
  const target = path.resolve(options.out);
  if (existsSync(target)) throw new ArchiveError('validation', `${target} already exists; choose a new folder for the bag`);
  const parent = path.dirname(target);
  if (!existsSync(parent)) throw new ArchiveError('not-found', `the folder ${parent} does not exist`);
  const externalIdentifier = `urn:uuid:${randomUUID()}`;
  const temp = path.join(parent, `.${path.basename(target)}.partial-${process.pid}-${Date.now()}`);
  await fs.mkdir(path.join(temp, 'data'), { recursive: true, mode: 0o700 });
  const digests = new ThreadedDigests(PAYLOAD_ALGORITHMS, SLOT_BYTES);
  let renamed = false;
  let checkpoint: Checkpoint;
  const totalBytes = source.items.reduce((sum, item) => sum + item.size, 0);
  try {
    const names = new UniqueNames();
    const manifest: Array<{ path: string; sha256: string; sha512: string }> = [];
    const catalogItems: BagCatalogItem[] = [];
    let doneBytes = 0;
    for (const item of source.items) {
      const bagPath = `data/${names.take(item.originalName)}`;
      const written = await writePayloadFile(path.join(temp, bagPath), source.readItem(item.id), digests, (bytes) => {
        options.onProgress?.(doneBytes + bytes, totalBytes);
      });
      if (written.size !== item.size || written.sha256 !== item.sha256) {
        throw new IntegrityError(
          `item ${item.id} (${item.originalName}) decrypted to ${written.size} bytes with SHA-256 ${written.sha256}, not the ${item.size} bytes and ${item.sha256} recorded at import; run "custodia verify"`,
        );
      }
      doneBytes += item.size;
      manifest.push({ path: bagPath, sha256: written.sha256, sha512: written.sha512 });
      catalogItems.push({ ...item, bagPath });
    }
    const tagFiles = new Map<string, string>();
    for (const algorithm of PAYLOAD_ALGORITHMS) {
      tagFiles.set(`manifest-${algorithm}.txt`, formatManifest(manifest.map((entry) => ({ path: entry.path, digest: entry[algorithm] }))));
    }
    checkpoint = source.checkpoint();
    const header: CustodyExtractHeader = {
      type: 'custodia-custody-log',
      v: 1,
      vaultId: source.vaultId,
      publicKey: source.publicKey,
      signature: 'ed25519',
      hash: 'sha256',
      scope: source.scope,
    };
    tagFiles.set(CUSTODY_TAG_FILE, custodyExtractLines(header, upTo(checkpoint.seq, source.custodyEvents()), checkpoint));
    const exportedAt = new Date().toISOString();
    const catalog: BagCatalog = {
      format: 'custodia-bag-catalog',
      v: 1,
      vaultId: source.vaultId,
      externalIdentifier,
      exportedAt,
      cases: source.cases,
      persons: source.persons,
      items: catalogItems,
    };
    tagFiles.set(CATALOG_TAG_FILE, `${JSON.stringify(catalog, null, 2)}\n`);
    tagFiles.set('bagit.txt', BAGIT_DECLARATION);
    tagFiles.set(
      'bag-info.txt',
      formatTagFile([
        ['Source-Organization', options.sourceOrganization ?? `Custodia vault ${source.vaultId}`],
        ['Bagging-Date', exportedAt.slice(0, 10)],
        ['Payload-Oxum', payloadOxum(totalBytes, source.items.length)],
        ['Bag-Size', humanSize(totalBytes)],
        ['External-Identifier', externalIdentifier],
        ['Bag-Count', '1 of 1'],
        ['Bag-Software-Agent', 'Custodia BagIt export'],
        ['Internal-Sender-Identifier', source.cases.map((c) => c.id).join(' ')],
        ['Internal-Sender-Description', describeCases(source.cases)],
        ['Custodia-Vault-Id', source.vaultId],
        ['Custodia-Signing-Key', source.publicKey],
        ['Custodia-Checkpoint', `${checkpoint.seq} ${checkpoint.head}`],
      ]),
    );
    await fs.mkdir(path.join(temp, CUSTODIA_TAG_DIR), { mode: 0o700 });
    for (const [name, text] of tagFiles) await writeDurable(path.join(temp, name), text);
    // The tag manifests cover every tag file but themselves (RFC 8493 §2.2.1).
    for (const algorithm of PAYLOAD_ALGORITHMS) {
      const entries = [...tagFiles].map(([name, text]) => ({
        path: name,
        digest: createHash(algorithm).update(text, 'utf8').digest('hex'),
      }));
      await writeDurable(path.join(temp, `tagmanifest-${algorithm}.txt`), formatManifest(entries));
    }
    // Payload files are fsynced once all are written, so the disk writes back while later files are decrypted.
    for (const entry of manifest) await syncFile(path.join(temp, entry.path));
    await syncDirectory(path.join(temp, 'data'));
    await syncDirectory(path.join(temp, CUSTODIA_TAG_DIR));
    await syncDirectory(temp);
    await fs.rename(temp, target);
    renamed = true;
    await syncDirectory(parent);
  } catch (error) {
    // Not durable, so not exported: not even a bag renamed into place whose folder could not be synced stays.
    await fs.rm(renamed ? target : temp, { recursive: true, force: true });
    throw error;
  } finally {
    await digests.close();
  }
  // Only now, with the bag durable under its name, is the export recorded.
  source.recordExported({ name: path.basename(target), externalIdentifier });
  return { dir: target, externalIdentifier, files: source.items.length, bytes: totalBytes, checkpoint };
}

/** The events up to the checkpoint: one another process appends meanwhile is not vouched for by it. */
function* upTo(seq: number, events: Iterable<CustodyEvent>): Generator<CustodyEvent> {
  for (const event of events) if (event.seq <= seq) yield event;
}

/** Streams decrypted bytes to a new file while both digests run on their own threads (fsynced later, with the others). */
async function writePayloadFile(
  file: string,
  chunks: AsyncIterable<Buffer>,
  digests: ThreadedDigests<(typeof PAYLOAD_ALGORITHMS)[number]>,
  onBytes: (bytes: number) => void,
): Promise<{ size: number; sha256: string; sha512: string }> {
  const handle = await fs.open(file, 'wx', 0o600);
  let size = 0;
  try {
    let pendingWrite: Promise<unknown> = Promise.resolve();
    for await (const chunk of chunks) {
      // The digests (other threads) and the write (the I/O pool) of this batch overlap the next decryption;
      // each batch is a fresh buffer, so it can still be in flight while the next one is decrypted.
      await digests.update(chunk);
      await pendingWrite;
      pendingWrite = handle.write(chunk, 0, chunk.length);
      // It may fail (a full disk) while the next batch is decrypted: handled here, still thrown by the next await.
      pendingWrite.catch(() => {});
      size += chunk.length;
      onBytes(size);
    }
    await pendingWrite;
  } finally {
    await handle.close();
  }
  const { sha256, sha512 } = await digests.digest();
  return { size, sha256, sha512 };
}

async function syncFile(file: string): Promise<void> {
  const handle = await fs.open(file, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function writeDurable(file: string, text: string): Promise<void> {
  const handle = await fs.open(file, 'wx', 0o600);
  try {
    await handle.writeFile(text, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
}

function describeCases(cases: CaseDetail[]): string {
  if (cases.length === 1) return `Case "${cases[0]!.title}"${cases[0]!.reference ? ` [${cases[0]!.reference}]` : ''}`;
  return `${cases.length} cases exported from a Custodia vault`;
}

function humanSize(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${unit === 0 ? value : value.toFixed(1)} ${units[unit]}`;
}
