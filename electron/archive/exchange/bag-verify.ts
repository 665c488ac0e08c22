import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { ItemSummary } from '../../../shared/model.ts';
import { describeIssues } from '../../../shared/schemas.ts';
import { BagCatalogEnvelope, BagCatalogItemRecord, carriedItemsProblem, itemMetadataFrom } from './carried-items.ts';
import type { Primitives } from '../crypto/index.ts';
import {
  PAYLOAD_MANIFEST,
  TAG_MANIFEST,
  isSupportedAlgorithm,
  parseManifest,
  parseOxum,
  parseTagFile,
  type BagAlgorithm,
  type ManifestEntry,
} from './bagit-format.ts';
import { CATALOG_TAG_FILE, CUSTODY_TAG_FILE, type BagCatalog } from './bag-export.ts';
import { parseCustodyExtract, verifyCustodyExtract, type ParsedCustodyExtract } from './custody-extract.ts';
import { resolveInside } from './safe-names.ts';
import { ThreadedDigests } from './threaded-digests.ts';

export type BagProblemKind =
  | 'not-a-bag'
  | 'declaration'
  | 'manifest-missing'
  | 'manifest-format'
  | 'unsafe-path'
  | 'symlink'
  | 'file-missing'
  | 'file-unlisted'
  | 'checksum'
  | 'payload-oxum'
  | 'tag-missing'
  | 'tag-checksum'
  | 'custody'
  | 'catalog';

export interface BagProblem {
  kind: BagProblemKind;
  file?: string;
  message: string;
}

export interface BagPayloadFile {
  path: string;
  size: number;
  digests: Partial<Record<BagAlgorithm, string>>;
}

export interface BagReport {
  ok: boolean;
  dir: string;
  problems: BagProblem[];
  /** Not failures: an algorithm we cannot check beside one we can, a fetch.txt. */
  warnings: string[];
  files: number;
  bytes: number;
  algorithms: BagAlgorithm[];
  bagInfo: Array<[string, string]>;
  payload: BagPayloadFile[];
  /** Present when the bag carries a Custodia custody log. */
  custody?: { publicKey: string; events: number; checkpointSeq: number | null; ok: boolean };
  catalog?: BagCatalog;
}

export interface VerifyBagOptions {
  /** A signing key the reader trusts (hex): the custody log must be signed with it. */
  expectedKey?: string;
  onProgress?: (doneBytes: number, totalBytes: number) => void;
}

/**
 * Checks a bag as RFC 8493 §3 defines complete and valid: the declaration, at least one payload
 * manifest, every manifest entry present inside data/ and every payload file listed in every
 * manifest, the Payload-Oxum, every checksum, and the tag manifests. Where the bag carries a
 * Custodia custody log, its signatures too, and that the signed `imported` hashes match the
 * payload. Never follows a symbolic link and never opens a path outside the bag.
 */
export async function verifyBag(dir: string, crypto: Primitives, options: VerifyBagOptions = {}): Promise<BagReport> {
  const root = path.resolve(dir);
  const report: BagReport = {
    ok: false,
    dir: root,
    problems: [],
    warnings: [],
    files: 0,
    bytes: 0,
    algorithms: [],
    bagInfo: [],
    payload: [],
  };
  const problem = (kind: BagProblemKind, message: string, file?: string) =>
    report.problems.push({ kind, message, ...(file ? { file } : {}) });

  const stat = await fs.stat(root).catch(() => null);
  if (!stat?.isDirectory()) {
    problem('not-a-bag', `${root} is not a folder`);
    return report;
  }
  const files = await listTree(root, (file) => problem('symlink', `${file} is a symbolic link (not followed)`, file));
  const sizes = new Map(files.map((file) => [file.path, file.size]));

  const declaration = await readText(root, 'bagit.txt');
  if (declaration === null) {
    problem('not-a-bag', 'bagit.txt is missing: this folder is not a bag');
    return report;
  }
  try {
    const fields = new Map(parseTagFile(declaration));
    if (!/^\d+\.\d+$/.test(fields.get('BagIt-Version') ?? ''))
      problem('declaration', 'bagit.txt does not give a BagIt-Version', 'bagit.txt');
    if (!fields.has('Tag-File-Character-Encoding'))
      problem('declaration', 'bagit.txt does not give a Tag-File-Character-Encoding', 'bagit.txt');
  } catch (error) {
    problem('declaration', `bagit.txt: ${(error as Error).message}`, 'bagit.txt');
  }
  if (!(await fs.stat(path.join(root, 'data')).catch(() => null))?.isDirectory())
    problem('not-a-bag', 'the payload folder data/ is missing');

  // bag-info values go into signed custody events and dossiers: bounded, or the bag is refused.
  const bagInfoSize = (await fs.lstat(path.join(root, 'bag-info.txt')).catch(() => null))?.size ?? 0;
  const bagInfoText = bagInfoSize > MAX_BAG_INFO_BYTES ? null : await readText(root, 'bag-info.txt');
  if (bagInfoSize > MAX_BAG_INFO_BYTES)
    problem('declaration', `bag-info.txt is ${bagInfoSize} bytes; at most ${MAX_BAG_INFO_BYTES} are accepted`, 'bag-info.txt');
  if (bagInfoText !== null) {
    try {
      report.bagInfo = parseTagFile(bagInfoText);
    } catch (error) {
      problem('declaration', `bag-info.txt: ${(error as Error).message}`, 'bag-info.txt');
    }
    const tooLong = report.bagInfo.find(([label, value]) => label.length > 200 || value.length > MAX_BAG_INFO_VALUE);
    if (tooLong) {
      problem(
        'declaration',
        `bag-info.txt: the value of ${tooLong[0].slice(0, 60)} is ${tooLong[1].length} characters; at most ${MAX_BAG_INFO_VALUE}`,
        'bag-info.txt',
      );
      report.bagInfo = [];
    }
  }
  if (files.some((file) => file.path === 'fetch.txt'))
    report.warnings.push('fetch.txt is present: files it names must be fetched before the bag is complete');

  // Payload manifests: which algorithms, and every entry checked for a safe path.
  const manifests = new Map<BagAlgorithm, ManifestEntry[]>();
  for (const file of files.filter((f) => !f.path.includes('/') && PAYLOAD_MANIFEST.test(f.path))) {
    const algorithm = PAYLOAD_MANIFEST.exec(file.path)![1]!;
    if (!isSupportedAlgorithm(algorithm)) {
      report.warnings.push(`${file.path}: the ${algorithm} algorithm is not one this validator checks`);
      continue;
    }
    const { entries, errors } = parseManifest((await readText(root, file.path))!, algorithm);
    for (const error of errors) problem('manifest-format', `${file.path}: ${error}`, file.path);
    manifests.set(
      algorithm,
      entries.filter((entry) => safePayloadPath(root, entry.path, file.path, problem)),
    );
  }
  report.algorithms = [...manifests.keys()];
  if (manifests.size === 0)
    problem('manifest-missing', 'the bag has no payload manifest (manifest-ALGORITHM.txt) this validator can check');

  // Completeness: every manifest entry exists, every payload file is in every manifest.
  const payloadFiles = files.filter((file) => file.path.startsWith('data/'));
  for (const [algorithm, entries] of manifests) {
    const listed = new Set<string>();
    for (const entry of entries) {
      if (listed.has(entry.path)) problem('manifest-format', `manifest-${algorithm}.txt lists ${entry.path} twice`, entry.path);
      listed.add(entry.path);
      if (!sizes.has(entry.path)) problem('file-missing', `${entry.path} is in manifest-${algorithm}.txt but not in the bag`, entry.path);
    }
    for (const file of payloadFiles) {
      if (!listed.has(file.path)) problem('file-unlisted', `${file.path} is in the bag but not in manifest-${algorithm}.txt`, file.path);
    }
  }
  report.files = payloadFiles.length;
  report.bytes = payloadFiles.reduce((sum, file) => sum + file.size, 0);
  const oxum = report.bagInfo.find(([label]) => label.toLowerCase() === 'payload-oxum')?.[1];
  if (oxum !== undefined) {
    const parsed = parseOxum(oxum);
    if (!parsed) problem('payload-oxum', `Payload-Oxum "${oxum}" is not OCTETS.FILES`, 'bag-info.txt');
    else if (parsed.octets !== report.bytes || parsed.files !== report.files) {
      problem(
        'payload-oxum',
        `Payload-Oxum says ${parsed.files} files and ${parsed.octets} bytes, the payload has ${report.files} files and ${report.bytes} bytes`,
        'bag-info.txt',
      );
    }
  }

  // Validity: every payload file hashed once with every algorithm, on worker threads.
  const expected = new Map<string, Partial<Record<BagAlgorithm, string>>>();
  for (const [algorithm, entries] of manifests)
    for (const entry of entries) expected.set(entry.path, { ...expected.get(entry.path), [algorithm]: entry.digest });
  const algorithms = [...manifests.keys()];
  let doneBytes = 0;
  if (algorithms.length > 0) {
    const digests = new ThreadedDigests(algorithms, 1024 * 1024);
    try {
      for (const file of payloadFiles) {
        const actual = await hashFile(path.join(root, ...file.path.split('/')), digests, (bytes) =>
          options.onProgress?.(doneBytes + bytes, report.bytes),
        );
        doneBytes += file.size;
        report.payload.push({ path: file.path, size: file.size, digests: actual });
        for (const [algorithm, digest] of Object.entries(expected.get(file.path) ?? {}) as Array<[BagAlgorithm, string]>) {
          if (actual[algorithm] !== digest) {
            problem('checksum', `${file.path}: its ${algorithm} is ${actual[algorithm]}, the manifest says ${digest} (altered)`, file.path);
          }
        }
      }
    } finally {
      await digests.close();
    }
  }

  // Tag manifests: every listed tag file present and matching.
  for (const file of files.filter((f) => !f.path.includes('/') && TAG_MANIFEST.test(f.path))) {
    const algorithm = TAG_MANIFEST.exec(file.path)![1]!;
    if (!isSupportedAlgorithm(algorithm)) {
      report.warnings.push(`${file.path}: the ${algorithm} algorithm is not one this validator checks`);
      continue;
    }
    const { entries, errors } = parseManifest((await readText(root, file.path))!, algorithm);
    for (const error of errors) problem('manifest-format', `${file.path}: ${error}`, file.path);
    for (const entry of entries) {
      let resolved: string;
      try {
        resolved = resolveInside(root, entry.path);
      } catch (error) {
        problem('unsafe-path', `${file.path}: ${(error as Error).message}`, file.path);
        continue;
      }
      if (!sizes.has(entry.path)) {
        problem('tag-missing', `${entry.path} is in ${file.path} but not in the bag`, entry.path);
        continue;
      }
      const digest = createHash(algorithm)
        .update(await fs.readFile(resolved))
        .digest('hex');
      if (digest !== entry.digest)
        problem('tag-checksum', `${entry.path}: its ${algorithm} does not match ${file.path} (altered)`, entry.path);
    }
  }

  await checkCustodia(root, sizes, report, crypto, options.expectedKey, problem);
  report.ok = report.problems.length === 0;
  return report;
}

/** The Custodia tag files, where present: the log's signatures, and the signed import hashes against the payload. */
async function checkCustodia(
  root: string,
  sizes: Map<string, number>,
  report: BagReport,
  crypto: Primitives,
  expectedKey: string | undefined,
  problem: (kind: BagProblemKind, message: string, file?: string) => void,
): Promise<void> {
  let extract: ParsedCustodyExtract | undefined;
  if (sizes.has(CUSTODY_TAG_FILE)) {
    try {
      extract = parseCustodyExtract((await readText(root, CUSTODY_TAG_FILE))!);
      const result = verifyCustodyExtract(extract, crypto, expectedKey);
      for (const p of result.problems) problem('custody', `${CUSTODY_TAG_FILE}: ${p.message}`, CUSTODY_TAG_FILE);
      report.custody = {
        publicKey: extract.header.publicKey,
        events: result.events,
        checkpointSeq: extract.checkpoint?.seq ?? null,
        ok: result.problems.length === 0,
      };
    } catch (error) {
      problem('custody', `${CUSTODY_TAG_FILE} cannot be read: ${(error as Error).message}`, CUSTODY_TAG_FILE);
    }
  } else if (expectedKey) {
    problem('custody', `a signing key was expected but the bag carries no ${CUSTODY_TAG_FILE}`);
  }
  if (!sizes.has(CATALOG_TAG_FILE)) return;
  let catalog: BagCatalog;
  try {
    catalog = JSON.parse((await readText(root, CATALOG_TAG_FILE))!) as BagCatalog;
  } catch (error) {
    problem('catalog', `${CATALOG_TAG_FILE} cannot be read: ${(error as Error).message}`, CATALOG_TAG_FILE);
    return;
  }
  const envelope = BagCatalogEnvelope.safeParse(catalog);
  if (!envelope.success) {
    problem('catalog', `${CATALOG_TAG_FILE}: ${describeIssues(envelope.error)}`, CATALOG_TAG_FILE);
    return;
  }
  // Every item record has a type and a bound for each field the import reads, checked before anything else.
  const itemProblem = carriedItemsProblem(catalog.items, BagCatalogItemRecord, (item) => itemMetadataFrom(item as unknown as ItemSummary));
  if (itemProblem) {
    problem('catalog', `${CATALOG_TAG_FILE}: ${itemProblem}`, CATALOG_TAG_FILE);
    return;
  }
  report.catalog = catalog;
  const payloadSha256 = new Map(report.payload.map((file) => [file.path, file.digests.sha256]));
  const importedHash = new Map<string, unknown>();
  for (const event of extract?.events ?? [])
    if (event.action === 'imported' && event.subject.kind === 'item') importedHash.set(String(event.subject.id), event.details.sha256);
  for (const item of catalog.items) {
    if (!payloadSha256.has(item.bagPath)) {
      problem(
        'catalog',
        `${CATALOG_TAG_FILE} names ${String(item.bagPath)} for item ${item.id}, which is not in the payload`,
        CATALOG_TAG_FILE,
      );
      continue;
    }
    if (payloadSha256.get(item.bagPath) !== item.sha256) {
      problem('catalog', `${item.bagPath} does not have the SHA-256 recorded for item ${item.id} at import`, item.bagPath);
    }
    if (extract && importedHash.get(item.id) !== item.sha256) {
      problem(
        'custody',
        `item ${item.id} (${item.bagPath}) has no signed "imported" event with its SHA-256 in the custody log`,
        item.bagPath,
      );
    }
  }
}

function safePayloadPath(
  root: string,
  entryPath: string,
  manifest: string,
  problem: (kind: BagProblemKind, message: string, file?: string) => void,
): boolean {
  try {
    resolveInside(root, entryPath);
  } catch (error) {
    problem('unsafe-path', `${manifest}: ${(error as Error).message}`, manifest);
    return false;
  }
  if (!entryPath.startsWith('data/')) {
    problem('unsafe-path', `${manifest} lists ${entryPath}, which is not under data/`, manifest);
    return false;
  }
  return true;
}

async function listTree(root: string, onSymlink: (relative: string) => void): Promise<Array<{ path: string; size: number }>> {
  const out: Array<{ path: string; size: number }> = [];
  const walk = async (relative: string) => {
    for (const entry of await fs.readdir(path.join(root, relative), { withFileTypes: true })) {
      const child = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isSymbolicLink()) onSymlink(child);
      else if (entry.isDirectory()) await walk(child);
      else if (entry.isFile()) out.push({ path: child, size: (await fs.stat(path.join(root, child))).size });
    }
  };
  await walk('');
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** Bounds on bag-info.txt (issue #17): the whole file, and each value. */
const MAX_BAG_INFO_BYTES = 64 * 1024;
const MAX_BAG_INFO_VALUE = 1024;

async function readText(root: string, relative: string): Promise<string | null> {
  const file = path.join(root, relative);
  const stat = await fs.lstat(file).catch(() => null);
  if (!stat?.isFile()) return null;
  return fs.readFile(file, 'utf8');
}

async function hashFile(
  file: string,
  digests: ThreadedDigests<BagAlgorithm>,
  onBytes: (bytes: number) => void,
): Promise<Partial<Record<BagAlgorithm, string>>> {
  const handle = await fs.open(file, 'r');
  try {
    const buffer = Buffer.allocUnsafe(digests.slotBytes);
    let total = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
      if (bytesRead === 0) break;
      await digests.update(buffer.subarray(0, bytesRead));
      total += bytesRead;
      onBytes(total);
    }
  } finally {
    await handle.close();
  }
  return digests.digest();
}
