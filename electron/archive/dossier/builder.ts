/**
 * Assembles a dossier PDF: pages reserved for parts whose page numbers are known only at the end
 * (contents, exhibit index, verification), Bates numbers and footers on every page, bookmarks,
 * attachments, and the signed manifest. Writing is atomic: a temp file beside the target, fsync,
 * rename — a half-written dossier never carries the final name.
 */
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { degrees, PDFDocument, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import type { ItemSummary } from '../../../shared/model.ts';
import type { DossierReader, ManifestSeal } from './access.ts';
import type { Checkpoint, CustodyEvent } from '../custody/log.ts';
import { ArchiveError } from '../errors.ts';
import { syncDirectory } from '../fs-durable.ts';
import { writeAttachments, type Attachment } from './attachments.ts';
import type { DossierLabels } from './labels.ts';
import {
  keyFingerprint,
  MANIFEST_FILE,
  MANIFEST_TYPE,
  sha256Hex,
  SIGNATURE_FILE,
  type DossierManifest,
  type ManifestExhibit,
} from './manifest.ts';
import { brokenImages } from './images.ts';
import { addSignatureField, signPdf } from './pades.ts';
import { writePdfA3Structure } from './pdfa.ts';
import { decodedStreamBytes as decodePDFRawStreamBytes, PageHasher } from './pdf-streams.ts';
import { batesNumber, readableTime, writeBatesPageLabels, writeOutline, type OutlineEntry } from './structure.ts';
import { embedFonts, PAGE_SIZE, type Fonts, Typesetter } from './typesetter.ts';

export const CUSTODY_EVENTS_FILE = 'custody-events.jsonl';

export interface Reservation {
  pages: PDFPage[];
}

export interface ExhibitRecord extends Omit<ManifestExhibit, 'bates'> {
  pages: PDFPage[];
}

/** How the dossier holds an exhibit: on its own pages, attached, or only listed (with why). */
export type ExhibitPlacement = Pick<ExhibitRecord, 'pages' | 'included' | 'attachment' | 'note'>;

/** The manifest's record of one exhibit: what the item is (its title redacted) and how it is held. */
export function exhibitRecord(
  number: string,
  item: ItemSummary,
  redact: (text: string) => string,
  placement: ExhibitPlacement,
): ExhibitRecord {
  return {
    number,
    itemId: item.id,
    caseId: item.caseId,
    title: redact(item.title ?? item.originalName),
    type: item.type,
    mimeType: item.mimeType,
    size: item.size,
    sha256: item.sha256,
    pages: placement.pages,
    included: placement.included,
    attachment: placement.attachment,
    note: placement.note,
  };
}

export interface DossierProgress {
  phase: 'exhibits' | 'assembling' | 'writing';
  done: number;
  total: number;
}

export interface FinishInput {
  kind: DossierManifest['kind'];
  cases: DossierManifest['cases'];
  exhibits: ExhibitRecord[];
  withheld: DossierManifest['withheld'];
  /** The document title readers show (pseudonymised). */
  title: string;
  checkpoint: Checkpoint;
  /** Draws the parts reserved earlier, now that every page exists and has its number. */
  fill: () => void;
}

export class DossierBuilder {
  readonly doc: PDFDocument;
  readonly fonts: Fonts;
  readonly ts: Typesetter;
  readonly labels: DossierLabels;
  readonly dossierId: string;
  readonly prefix: string;
  /** The Bates number of the first page (the vault's counter for the prefix, or --bates-start). */
  readonly batesStart: number;
  readonly createdAt: string;
  /** The vault's PDF-signing certificate's SHA-256 as `openssl x509 -fingerprint -sha256` prints it ("AB:CD:…"), for the cover and the verification page. */
  readonly pdfCertificate: string;
  readonly outline: OutlineEntry[] = [];
  readonly attachments: Attachment[] = [];
  /** Footer text naming the exhibit a page belongs to. */
  readonly pageExhibit = new Map<PDFPage, string>();
  private readonly archive: DossierReader;
  private readonly seal: ManifestSeal;
  private pageIndex = new Map<PDFPage, number>();
  /** The first page of the verification part, once `finish` has placed it. */
  verificationPage: PDFPage | undefined;

  private constructor(
    archive: DossierReader,
    seal: ManifestSeal,
    doc: PDFDocument,
    fonts: Fonts,
    labels: DossierLabels,
    bates: { prefix: string; start: number },
    pdfCertificate: string,
  ) {
    this.archive = archive;
    this.seal = seal;
    this.batesStart = bates.start;
    this.doc = doc;
    this.fonts = fonts;
    this.ts = new Typesetter(doc, fonts, { truncation: labels.truncated });
    this.labels = labels;
    this.prefix = bates.prefix;
    this.dossierId = seal.dossierId;
    this.createdAt = new Date().toISOString();
    // Two lines of sixteen pairs, broken after a colon, so the fingerprint never wraps inside a pair.
    const pairs = pdfCertificate.toUpperCase().match(/.{2}/g)!;
    this.pdfCertificate = `${pairs.slice(0, 16).join(':')}:\n${pairs.slice(16).join(':')}`;
  }

  static async create(
    archive: DossierReader,
    seal: ManifestSeal,
    labels: DossierLabels,
    bates: { prefix: string; start?: number },
  ): Promise<DossierBuilder> {
    const doc = await PDFDocument.create({ updateMetadata: false });
    const start = bates.start ?? archive.nextBatesNumber(bates.prefix);
    const fonts = await embedFonts(doc, seal.dossierId);
    return new DossierBuilder(archive, seal, doc, fonts, labels, { prefix: bates.prefix, start }, await seal.pdfCertificate());
  }

  /**
   * Sets `draw` on a scratch document to learn how many pages it takes, and appends that many
   * blank pages here. `fill` later draws the same thing (with the real numbers, which have the
   * same widths: Bates numbers are zero-padded and page numbers sit in a fixed column) onto them.
   */
  async reserve(draw: (ts: Typesetter) => void, before?: PDFPage): Promise<Reservation> {
    const scratch = await PDFDocument.create({ updateMetadata: false });
    draw(new Typesetter(scratch, this.fonts, { truncation: this.labels.truncated }));
    const count = Math.max(1, scratch.getPageCount());
    this.ts.endPage();
    const at = before ? this.doc.getPages().indexOf(before) : -1;
    const pages = Array.from({ length: count }, (_, i) => (at >= 0 ? this.doc.insertPage(at + i, PAGE_SIZE) : this.ts.newPage()));
    this.ts.endPage();
    return { pages };
  }

  fill(reservation: Reservation, draw: (ts: Typesetter) => void, fonts: Fonts = this.fonts): void {
    const pages = [...reservation.pages];
    const pageSource = () => {
      const page = pages.shift();
      if (!page) throw new Error('a reserved part of the dossier came out longer than measured');
      return page;
    };
    const ts = new Typesetter(this.doc, fonts, { pageSource, truncation: this.labels.truncated });
    draw(ts);
  }

  /** Starts a part on a new page, with a heading and a bookmark. */
  section(title: string, children?: OutlineEntry[]): PDFPage {
    this.ts.endPage();
    const page = this.ts.heading(title, 1);
    this.outline.push({ title, page, children });
    return page;
  }

  get publicKey(): string {
    return this.archive.publicKey;
  }

  pageNumber(page: PDFPage): number {
    return (this.pageIndex.get(page) ?? -1) + 1;
  }

  bates(page: PDFPage): string {
    return batesNumber(this.prefix, this.batesStart + this.pageNumber(page) - 1);
  }

  batesRange(pages: PDFPage[]): { first: string; last: string } | null {
    return pages.length ? { first: this.bates(pages[0]!), last: this.bates(pages[pages.length - 1]!) } : null;
  }

  /** The signed custody events of the exhibits, as JSON lines a recipient can check one by one. */
  attachCustodyEvents(events: CustodyEvent[]): void {
    const header = { type: 'custodia-custody-events', v: 1, vaultId: this.archive.vaultId, publicKey: this.archive.publicKey };
    const lines = [header, ...events.map((event) => ({ type: 'event', ...event }))].map((line) => JSON.stringify(line));
    this.attachments.push({
      name: CUSTODY_EVENTS_FILE,
      bytes: Buffer.from(`${lines.join('\n')}\n`, 'utf8'),
      mimeType: 'application/x-ndjson',
      description: 'Custody-log events of the exhibits, each signed with the vault key',
    });
  }

  async finish(input: FinishInput): Promise<{ bytes: Uint8Array; manifest: DossierManifest }> {
    const { labels } = this;
    const attachmentEntries = this.attachments
      .map((a) => ({ name: a.name, size: a.bytes.length, sha256: sha256Hex(a.bytes) }))
      .sort((a, b) => (a.name < b.name ? -1 : 1));
    const verificationDraw = (manifestSha: string, signature: string, manifest: DossierManifest) => (ts: Typesetter) =>
      drawVerification(ts, labels, manifest, { manifestSha, signature, pdfCertificate: this.pdfCertificate });
    // The verification part goes last; its length is measured with placeholders of the same widths.
    const draft = (pages: number, pageHashes: Array<string | null> = []): DossierManifest => ({
      type: MANIFEST_TYPE,
      v: 2,
      kind: input.kind,
      dossierId: this.dossierId,
      createdAt: this.createdAt,
      vaultId: this.archive.vaultId,
      signature: 'ed25519',
      hash: 'sha256',
      publicKey: this.archive.publicKey,
      cases: input.cases,
      pages,
      bates: {
        prefix: this.prefix,
        first: batesNumber(this.prefix, this.batesStart),
        last: batesNumber(this.prefix, this.batesStart + pages - 1),
      },
      pageHashes,
      exhibits: input.exhibits.map(({ pages: exhibitPages, ...exhibit }) => ({ ...exhibit, bates: this.batesRange(exhibitPages) })),
      withheld: input.withheld,
      attachments: attachmentEntries,
      custody: input.checkpoint,
    });
    const verification = await this.reserve(verificationDraw('0'.repeat(64), '0'.repeat(128), draft(0)));
    const verificationPages = new Set(verification.pages);
    this.verificationPage = verification.pages[0]!;
    this.outline.push({ title: labels.verification, page: this.verificationPage });
    this.pageIndex = new Map(this.doc.getPages().map((page, index) => [page, index]));
    this.outline.sort((a, b) => this.pageNumber(a.page) - this.pageNumber(b.page));
    const total = this.doc.getPageCount();
    input.fill();
    this.stampPages(total);

    // Everything but the verification pages is final. Fonts and images are written now, so their
    // bytes are in the page hashes; the verification pages get fonts of their own, drawn later.
    await this.doc.flush();
    const broken = brokenImages(this.doc, decodePDFRawStreamBytes);
    if (broken.length > 0) throw new ArchiveError('internal', `the dossier would carry a broken image: ${broken[0]}`);
    const hasher = new PageHasher(this.doc.context);
    const pageHashes = this.doc.getPages().map((page) => (verificationPages.has(page) ? null : hasher.hash(page)));
    const manifest = draft(total, pageHashes);
    const { json, signature } = this.seal.sign(manifest);
    const verificationFonts = await embedFonts(this.doc, `${this.dossierId}-verification`);
    this.fill(verification, verificationDraw(sha256Hex(json), signature.toString('hex'), manifest), verificationFonts);
    this.attachments.push(
      { name: MANIFEST_FILE, bytes: json, mimeType: 'application/json', description: 'Dossier manifest (signed)' },
      { name: SIGNATURE_FILE, bytes: signature, mimeType: 'application/octet-stream', description: 'Ed25519 signature of manifest.json' },
    );

    writeBatesPageLabels(this.doc, this.prefix, this.batesStart);
    writeOutline(this.doc, this.outline);
    writeAttachments(this.doc, this.attachments);
    writePdfA3Structure(this.doc, {
      title: input.title,
      language: labels.languageTag,
      subject: `${labels.dossierId} ${this.dossierId}`,
      creator: 'Custodia',
      producer: 'Custodia (pdf-lib)',
      createdAt: this.createdAt,
      documentId: this.dossierId,
    });
    // The PDF signature's field sits on the last verification page, which no page hash covers.
    addSignatureField(this.doc, verification.pages.at(-1)!, {
      name: `Custodia vault ${this.archive.vaultId}`,
      reason: `${labels.dossierId} ${this.dossierId}`,
      signingTime: new Date(this.createdAt),
    });
    const unsigned = await this.doc.save({ useObjectStreams: false });
    const bytes = await signPdf(unsigned, (content) => this.seal.signPdf(content));
    return { bytes, manifest };
  }

  /**
   * Bates number, dossier id, exhibit and page x / y at the foot of every page, copied pages
   * included; on a page turned by /Rotate the stamp is turned too, so it sits upright at the bottom as the page is shown.
   */
  private stampPages(total: number): void {
    const { regular, bold } = this.fonts;
    const grey = rgb(0.3, 0.3, 0.3);
    this.doc.getPages().forEach((page, index) => {
      const rotation = (((page.getRotation().angle % 360) + 360) % 360) as 0 | 90 | 180 | 270;
      const box = page.getCropBox();
      const shownWidth = rotation === 90 || rotation === 270 ? box.height : box.width;
      // (dx, dy) measured from the bottom-left corner of the page as shown → user-space coordinates.
      const at = (dx: number, dy: number) =>
        rotation === 90
          ? { x: box.x + box.width - dy, y: box.y + dx }
          : rotation === 180
            ? { x: box.x + box.width - dx, y: box.y + box.height - dy }
            : rotation === 270
              ? { x: box.x + dy, y: box.y + box.height - dx }
              : { x: box.x + dx, y: box.y + dy };
      const draw = (text: string, dx: number, dy: number, size: number, font: PDFFont, color = rgb(0, 0, 0)) =>
        page.drawText(text, { ...at(dx, dy), size, font, color, rotate: degrees(rotation) });
      const bates = batesNumber(this.prefix, this.batesStart + index);
      const exhibit = this.pageExhibit.get(page);
      const middle = `${this.labels.page} ${index + 1} ${this.labels.of} ${total}`;
      draw(`${this.labels.dossierId} ${this.dossierId}${exhibit ? ` · ${exhibit}` : ''}`, 24, 20, 6.5, regular, grey);
      draw(middle, shownWidth / 2 - regular.widthOfTextAtSize(middle, 7) / 2, 11, 7, regular, grey);
      draw(bates, shownWidth - 24 - bold.widthOfTextAtSize(bates, 8), 20, 8, bold);
    });
  }
}

function drawVerification(
  ts: Typesetter,
  labels: DossierLabels,
  manifest: DossierManifest,
  { manifestSha, signature, pdfCertificate }: { manifestSha: string; signature: string; pdfCertificate: string },
): void {
  ts.heading(labels.verification, 1);
  ts.text(labels.verificationIntro, { size: 9.5, after: 10 });
  ts.fields([
    [labels.dossierId, manifest.dossierId],
    [labels.time, readableTime(manifest.createdAt)],
    [labels.pages, `${manifest.pages} (${manifest.bates.first} – ${manifest.bates.last})`],
    [labels.publicKey, manifest.publicKey],
    [labels.fingerprint, keyFingerprint(manifest.publicKey)],
    [labels.manifestSha256, manifestSha],
    [labels.signature, signature],
    [labels.pdfCertificate, pdfCertificate],
    [labels.checkpoint, `#${manifest.custody.seq} · ${manifest.custody.head} · ${readableTime(manifest.custody.time)}`],
  ]);
  ts.text(labels.keyWarning, { size: 9, grey: true, after: 10 });
  const withheld = [
    labels.withheldExhibits(manifest.withheld.exhibits),
    labels.withheldNaming(manifest.withheld.exhibitsNamingProtected),
    labels.unredactedCount(manifest.withheld.unredactedExhibits),
    labels.withheldPersons(manifest.withheld.pseudonymisedPersons),
    labels.withheldCases(manifest.withheld.cases),
  ].filter(Boolean);
  ts.text(withheld.join(' '), { size: 9.5, after: 10 });
  ts.heading(labels.attachments, 3);
  ts.table(
    [
      { title: labels.fileColumn, width: 5 },
      { title: labels.bytes, width: 1.4 },
      { title: 'SHA-256', width: 6.2 },
    ],
    [...manifest.attachments, { name: MANIFEST_FILE, size: 0, sha256: manifestSha }, { name: SIGNATURE_FILE, size: 64, sha256: '' }].map(
      (a) => [a.name, a.name === MANIFEST_FILE ? '' : String(a.size), a.sha256 || labels.none],
    ),
    { size: 7.5 },
  );
}

/** Writes the dossier beside the target under a temporary name, syncs it, and renames it into place. */
export async function writeDossierFile(target: string, bytes: Uint8Array): Promise<void> {
  const dir = path.dirname(target);
  const temp = path.join(dir, `.${path.basename(target)}.${randomBytes(6).toString('hex')}.partial`);
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(temp, 'wx', 0o600);
    await handle.writeFile(bytes);
    await handle.sync();
    await handle.close();
    handle = undefined;
    await fs.rename(temp, target);
    await syncDirectory(dir);
  } catch (error) {
    await handle?.close().catch(() => {});
    await fs.rm(temp, { force: true });
    const code = (error as NodeJS.ErrnoException).code;
    throw new ArchiveError(
      'io',
      `cannot write the dossier to ${target}: ${code ?? (error as Error).message}; check the folder exists and is writable`,
    );
  }
}
