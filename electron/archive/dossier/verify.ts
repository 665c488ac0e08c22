/**
 * Checks a received dossier without a vault: the manifest's Ed25519 signature, the SHA-256 of
 * every attached file, the page count and the Bates sequence (page labels), and that the Bates
 * ranges of the exhibits fit that sequence. Every finding is named; nothing is repaired.
 */
import { readRegularFile } from '../ingest/regular-file.ts';
import { PDFDocument } from 'pdf-lib';
import { nativePrimitives, type Primitives } from '../crypto/index.ts';
import { readAttachments } from './attachments.ts';
import { keyFingerprint, MANIFEST_FILE, parseManifest, sha256Hex, SIGNATURE_FILE, type DossierManifest } from './manifest.ts';
import { brokenImages } from './images.ts';
import { decodedStreamBytes, PageHasher } from './pdf-streams.ts';
import { batesNumber, readPageLabels } from './structure.ts';
import { extractText } from '../ingest/extract.ts';
import { isArchiveError } from '../errors.ts';

export type DossierProblemKind =
  | 'unreadable'
  | 'structure-damaged'
  | 'manifest-missing'
  | 'manifest-invalid'
  | 'signature-invalid'
  | 'key-mismatch'
  | 'key-not-printed'
  | 'printed-key-differs'
  | 'attachment-missing'
  | 'attachment-altered'
  | 'attachment-unlisted'
  | 'page-count'
  | 'bates-sequence'
  | 'page-altered'
  | 'image-damaged'
  | 'bates-range';

export interface DossierProblem {
  kind: DossierProblemKind;
  message: string;
}

export interface DossierVerification {
  intact: boolean;
  problems: DossierProblem[];
  dossierId: string | null;
  kind: string | null;
  /** The key the manifest names (and, when the signature holds, was signed with). */
  publicKey: string | null;
  fingerprint: string | null;
  signatureValid: boolean;
  /**
   * What is known of the signing key: `pinned` (equal to --public-key), `printed` (equal to the
   * fingerprint printed on the cover and verification pages — consistent, but only a key the sender
   * confirms proves who signed), `differs` or `missing` (the pages show another fingerprint, or none).
   */
  keyStatus: 'pinned' | 'printed' | 'differs' | 'missing' | null;
  pages: number;
  bates: { first: string; last: string } | null;
  attachmentsChecked: number;
  exhibits: number;
  withheld: DossierManifest['withheld'] | null;
}

export interface VerifyDossierOptions {
  /** The key the sender gave over another channel (hex); without it, the manifest's own key is reported. */
  expectedPublicKey?: string;
  crypto?: Primitives;
}

/** No dossier we write is near this (media attached to one are capped at 1 GiB in all). */
export const MAX_DOSSIER_BYTES = 2 * 1024 * 1024 * 1024 - 1;

export async function verifyDossier(file: string, options: VerifyDossierOptions = {}): Promise<DossierVerification> {
  // A regular file only (never /dev/zero or a FIFO), bounded, read in pieces.
  const bytes = await readRegularFile(file, MAX_DOSSIER_BYTES);
  return verifyDossierBytes(bytes, options);
}

export async function verifyDossierBytes(bytes: Uint8Array, options: VerifyDossierOptions = {}): Promise<DossierVerification> {
  const crypto = options.crypto ?? nativePrimitives;
  const problems: DossierProblem[] = [];
  const report: DossierVerification = {
    intact: false,
    problems,
    dossierId: null,
    kind: null,
    publicKey: null,
    fingerprint: null,
    signatureValid: false,
    keyStatus: null,
    pages: 0,
    bates: null,
    attachmentsChecked: 0,
    exhibits: 0,
    withheld: null,
  };
  let doc: PDFDocument;
  try {
    doc = await PDFDocument.load(bytes, { updateMetadata: false });
  } catch (error) {
    problems.push({ kind: 'unreadable', message: `the file is not a readable PDF: ${(error as Error).message.split('\n')[0]}` });
    return report;
  }
  try {
    await inspect(doc, report, options.expectedPublicKey, crypto);
  } catch (error) {
    // pdf-lib parses objects lazily: a damaged one surfaces only when a check reaches it.
    if (isArchiveError(error) && error.kind === 'io') throw error;
    problems.push({
      kind: 'structure-damaged',
      message: `part of the PDF cannot be read (${(error as Error).message.split('\n')[0]}): it was damaged or changed after it was signed`,
    });
  }
  report.intact = problems.length === 0;
  return report;
}

/** Every check of a parsed dossier, filling `report`; a damaged object anywhere throws. */
async function inspect(
  doc: PDFDocument,
  report: DossierVerification,
  expectedPublicKey: string | undefined,
  crypto: Primitives,
): Promise<void> {
  const problems = report.problems;
  report.pages = doc.getPageCount();
  const { files, problems: unreadable } = readAttachments(doc);
  for (const message of unreadable) problems.push({ kind: 'attachment-altered', message });
  const byName = new Map(files.map((f) => [f.name, f.bytes]));
  const manifestBytes = byName.get(MANIFEST_FILE);
  const signature = byName.get(SIGNATURE_FILE);
  if (!manifestBytes || !signature) {
    problems.push({
      kind: 'manifest-missing',
      message: `the dossier has no ${!manifestBytes ? MANIFEST_FILE : SIGNATURE_FILE} attachment: it is not a Custodia dossier, or it was stripped`,
    });
    return;
  }
  let manifest: DossierManifest;
  try {
    manifest = parseManifest(manifestBytes);
  } catch (error) {
    problems.push({ kind: 'manifest-invalid', message: `${MANIFEST_FILE} cannot be read: ${(error as Error).message}` });
    return;
  }
  report.dossierId = manifest.dossierId;
  report.kind = manifest.kind;
  report.publicKey = manifest.publicKey;
  report.fingerprint = keyFingerprint(manifest.publicKey);
  report.exhibits = manifest.exhibits.length;
  report.withheld = manifest.withheld;
  report.bates = { first: manifest.bates.first, last: manifest.bates.last };

  report.signatureValid =
    signature.length === 64 && crypto.verifyDetached(signature, manifestBytes, Buffer.from(manifest.publicKey, 'hex'));
  if (!report.signatureValid)
    problems.push({
      kind: 'signature-invalid',
      message: `${SIGNATURE_FILE} is not a valid signature of ${MANIFEST_FILE} by the key it names: the manifest or the signature was altered`,
    });
  const expected = expectedPublicKey?.trim().toLowerCase();
  if (expected && expected !== manifest.publicKey)
    problems.push({
      kind: 'key-mismatch',
      message: `the manifest is signed by key ${manifest.publicKey}, not by the expected ${expected}`,
    });

  for (const entry of manifest.attachments) {
    const content = byName.get(entry.name);
    if (!content) {
      problems.push({ kind: 'attachment-missing', message: `attachment "${entry.name}" listed in the manifest is not in the PDF` });
      continue;
    }
    report.attachmentsChecked++;
    const actual = sha256Hex(content);
    if (actual !== entry.sha256 || content.length !== entry.size)
      problems.push({
        kind: 'attachment-altered',
        message: `attachment "${entry.name}" hashes to ${actual} (${content.length} bytes), not the ${entry.sha256} (${entry.size} bytes) in the manifest`,
      });
  }
  const listed = new Set([...manifest.attachments.map((a) => a.name), MANIFEST_FILE, SIGNATURE_FILE]);
  for (const name of byName.keys())
    if (!listed.has(name))
      problems.push({ kind: 'attachment-unlisted', message: `attachment "${name}" is not in the manifest (added later)` });

  report.keyStatus = await checkPrintedKey(doc, manifest, expected, problems);
  checkPages(doc, manifest, problems);
  // A broken image stream shows as a blank page, whatever was signed.
  for (const message of brokenImages(doc, decodedStreamBytes)) problems.push({ kind: 'image-damaged', message });
}

/**
 * Compares the signing key with the fingerprint printed on the cover and the verification pages
 * (read with pdf.js): a manifest re-signed with another key no longer matches what the pages show.
 */
async function checkPrintedKey(
  doc: PDFDocument,
  manifest: DossierManifest,
  expected: string | undefined,
  problems: DossierProblem[],
): Promise<DossierVerification['keyStatus']> {
  const fingerprint = keyFingerprint(manifest.publicKey);
  const shown = manifest.pageHashes.flatMap((hash, index) => (hash === null || index === 0 ? [index] : []));
  const pages = await PDFDocument.create();
  const indices = shown.filter((index) => index < doc.getPageCount());
  for (const page of await pages.copyPages(doc, indices)) pages.addPage(page);
  const { text } = await extractText(await pages.save(), 'application/pdf', { maxChars: 200_000 });
  const printed = new Set(text.replace(/\s+/g, ' ').match(/\b[0-9a-f]{4}(?: [0-9a-f]{4}){7}\b/g) ?? []);
  if (printed.size === 0) {
    problems.push({
      kind: 'key-not-printed',
      message: `no key fingerprint is printed on the cover or verification pages: the signing key ${fingerprint} is unknown; ask the sender`,
    });
    return 'missing';
  }
  if (!printed.has(fingerprint) || printed.size > 1) {
    problems.push({
      kind: 'printed-key-differs',
      message: `the manifest is signed by key ${fingerprint}, but the pages show ${[...printed].filter((p) => p !== fingerprint).join(', ')}: it was re-signed by someone else`,
    });
    return 'differs';
  }
  return expected === manifest.publicKey ? 'pinned' : 'printed';
}

function checkPages(doc: PDFDocument, manifest: DossierManifest, problems: DossierProblem[]): void {
  const count = doc.getPageCount();
  if (count !== manifest.pages)
    problems.push({
      kind: 'page-count',
      message: `the PDF has ${count} pages; the manifest says ${manifest.pages} (pages were added or removed)`,
    });
  const { prefix } = manifest.bates;
  // The first number continues the sender's counter for the prefix; the rest follow one per page.
  const start = batesIndex(prefix, manifest.bates.first) ?? 1;
  if (manifest.bates.last !== batesNumber(prefix, start + manifest.pages - 1))
    problems.push({
      kind: 'bates-range',
      message: `the manifest's Bates range ${manifest.bates.first}–${manifest.bates.last} does not match its page count`,
    });
  const labels = readPageLabels(doc);
  const wrong = labels.findIndex((label, index) => label !== batesNumber(prefix, start + index));
  if (wrong >= 0)
    problems.push({
      kind: 'bates-sequence',
      message: `page ${wrong + 1} is labelled ${labels[wrong] ?? '(no label)'}, expected ${batesNumber(prefix, start + wrong)} (pages were moved, added or removed)`,
    });
  // What is drawn on each page must be what was signed: a changed, swapped or moved page, a repainted
  // image or an edited font shows here.
  const altered: number[] = [];
  const hasher = new PageHasher(doc.context);
  doc.getPages().forEach((page, index) => {
    const expected = manifest.pageHashes[index];
    if (!expected) return;
    let actual: string;
    try {
      actual = hasher.hash(page);
    } catch {
      actual = '';
    }
    if (actual !== expected) altered.push(index + 1);
  });
  if (altered.length > 0)
    problems.push({
      kind: 'page-altered',
      message: `the content of ${altered.length} page(s) differs from what was signed: page ${altered.slice(0, 10).join(', ')}${altered.length > 10 ? ', …' : ''}`,
    });
  // Exhibit ranges must lie inside the document, in order, without overlapping.
  let previous = start - 1;
  for (const exhibit of manifest.exhibits) {
    if (!exhibit.bates) continue;
    const first = batesIndex(prefix, exhibit.bates.first);
    const last = batesIndex(prefix, exhibit.bates.last);
    if (first === null || last === null || first > last || first <= previous || last > start + manifest.pages - 1) {
      problems.push({
        kind: 'bates-range',
        message: `exhibit ${exhibit.number}'s Bates range ${exhibit.bates.first}–${exhibit.bates.last} is not valid`,
      });
      continue;
    }
    previous = last;
  }
}

function batesIndex(prefix: string, label: string): number | null {
  if (!label.startsWith(`${prefix}-`)) return null;
  const digits = label.slice(prefix.length + 1);
  return /^\d{6,}$/.test(digits) ? Number(digits) : null;
}
