/**
 * Puts one exhibit into the dossier: a PDF's pages copied whole, a PNG/JPEG scaled onto a page,
 * a text document set in type; anything else (and any file that cannot be shown: damaged,
 * encrypted, too large) attached as the original file or listed as available on request, with
 * the reason. Plaintext read from the vault is wiped once it is no longer needed.
 */
import { EncryptedPDFError, PDFArray, PDFDocument, PDFName, PDFNumber, PDFRef, type PDFPage } from 'pdf-lib';
import type { ItemSummary } from '../../../shared/model.ts';
import type { DossierReader } from './access.ts';
import { extractText } from '../ingest/extract.ts';
import type { Attachment } from './attachments.ts';
import { fitIntoMargins } from './margins.ts';
import { drawImage, embedImages, IMAGE_TYPES, type EmbeddedImage } from './images.ts';
import type { DossierLabels } from './labels.ts';
import { MARGIN, type Typesetter } from './typesetter.ts';

/** Exhibits up to this size are read into memory to copy pages or place images; larger ones are attached or listed. */
export const MAX_RENDER_BYTES = 200 * 1024 * 1024;
/** The most original files (bytes) one dossier embeds as attachments; the rest are listed as available on request. */
export const MAX_ATTACHED_BYTES = 512 * 1024 * 1024;
/** The most exhibit bytes one dossier holds in memory until it is saved (copied PDFs and attachments together). */
export const MAX_HELD_BYTES = 1024 * 1024 * 1024;
/** Text longer than this is attached as the original file rather than set in type (thousands of pages otherwise). */
const MAX_TYPESET_CHARS = 400_000;
const DOCX_OR_ZIP = /^application\/(zip|vnd\.openxmlformats-officedocument\.wordprocessingml\.document)$/;

export interface ExhibitOutcome {
  included: 'pages' | 'attached' | 'listed';
  pages: PDFPage[];
  attachment: string | null;
  note: string | null;
}

export interface ExhibitContext {
  archive: DossierReader;
  ts: Typesetter;
  labels: DossierLabels;
  attachMedia: boolean;
  /** Also attach the original file of every exhibit shown on pages (PDFs, images, texts). */
  attachOriginals: boolean;
  attachments: Attachment[];
  /** Bytes of original files attached so far (bounded by MAX_ATTACHED_BYTES). */
  attachedBytes: number;
  /** Plaintext the document still points into (pdf-lib copies page streams by reference); wiped after saving. */
  retained: Uint8Array[];
  /** Bytes of exhibits held until the save (retained and attached), bounded by MAX_HELD_BYTES. */
  heldBytes: number;
  redact: (text: string) => string;
}

const inMegabytes = (labels: DossierLabels, bytes: number) => labels.megabytes((bytes / 1e6).toFixed(1));

export async function renderExhibit(context: ExhibitContext, item: ItemSummary, number: string): Promise<ExhibitOutcome> {
  const { labels } = context;
  const megabytes = (bytes: number) => inMegabytes(labels, bytes);
  const mime = item.mimeType;
  const showable = mime === 'application/pdf' || IMAGE_TYPES.has(mime) || mime === 'text/plain' || DOCX_OR_ZIP.test(mime);
  if (!showable) {
    return context.attachMedia ? attachOriginal(context, item, number, null, labels.notShown(mime)) : listed(labels.notShown(mime));
  }
  if (context.heldBytes + item.size > MAX_HELD_BYTES) {
    return listed(labels.heldLimit(megabytes(context.heldBytes), megabytes(MAX_HELD_BYTES)));
  }
  if (item.size > MAX_RENDER_BYTES) {
    return attachOriginal(context, item, number, null, labels.tooLargeToShow(megabytes(item.size)));
  }
  const bytes = await readWhole(context.archive, item);
  let keep = false;
  try {
    const shown = await showOnPages(context, item, number, bytes);
    keep = shown.keep;
    if (shown.outcome.included !== 'pages' || !context.attachOriginals) return shown.outcome;
    // The original beside its pages, so the recipient can check it against the index SHA-256.
    if (context.attachedBytes + item.size > MAX_ATTACHED_BYTES) return shown.outcome;
    keep = true;
    const attachment = attach(context, item, number, bytes);
    return { ...shown.outcome, attachment };
  } finally {
    if (!keep) bytes.fill(0);
  }
}

/** Pages for the exhibit, or the original attached with the reason; `keep` when the document still uses `bytes`. */
async function showOnPages(
  context: ExhibitContext,
  item: ItemSummary,
  number: string,
  bytes: Buffer,
): Promise<{ outcome: ExhibitOutcome; keep: boolean }> {
  const mime = item.mimeType;
  if (mime === 'application/pdf') {
    const copied = await copyPdfPages(context, bytes);
    if ('pages' in copied) {
      context.retained.push(bytes);
      context.heldBytes += bytes.length;
      return { outcome: { included: 'pages', pages: copied.pages, attachment: null, note: null }, keep: true };
    }
    return { outcome: await attachOriginal(context, item, number, bytes, copied.reason), keep: true };
  }
  if (IMAGE_TYPES.has(mime)) {
    const images = await embedImages(context.ts.doc, bytes, mime).catch((error: Error) => error);
    if (images instanceof Error) {
      const reason = context.labels.imageUndecodable(firstLine(images));
      return { outcome: await attachOriginal(context, item, number, bytes, reason), keep: true };
    }
    for (const { held } of images)
      if (held) {
        context.retained.push(held);
        context.heldBytes += held.length;
      }
    const pages = images.map((image, index) => placeImage(context, item, number, image, index === 0));
    const frames = images[0]?.frames ?? 1;
    const note = frames > 1 ? context.labels.firstFrameOnly(frames) : null;
    return { outcome: { included: 'pages', pages, attachment: null, note }, keep: false };
  }
  const { text, error } = await extractText(bytes, mime, { maxChars: MAX_TYPESET_CHARS + 1 });
  if (error || !text.trim() || text.length > MAX_TYPESET_CHARS) {
    const { labels } = context;
    const reason = error ? labels.textUnreadable(error) : text.trim() ? labels.textTooLong(text.length) : labels.noText;
    return { outcome: await attachOriginal(context, item, number, bytes, reason), keep: true };
  }
  const pages = typesetText(context, item, number, text);
  return { outcome: { included: 'pages', pages, attachment: null, note: context.labels.includedText }, keep: false };
}

function listed(note: string): ExhibitOutcome {
  return { included: 'listed', pages: [], attachment: null, note };
}

export function attachmentName(number: string, item: ItemSummary, redact: (text: string) => string): string {
  const name = redact(item.originalName);
  // eslint-disable-next-line no-control-regex -- control characters do not belong in a file name
  const safe = name.replace(/[\u0000-\u001f\u007f/\\:*?"<>|]/g, '_').slice(-120);
  return `exhibit-${number.replace(/\./g, '-').padStart(3, '0')}-${safe}`;
}

/** Attaches the original file when the budget allows, else lists it; `bytes` may be given when already read. */
async function attachOriginal(
  context: ExhibitContext,
  item: ItemSummary,
  number: string,
  bytes: Buffer | null,
  note: string,
): Promise<ExhibitOutcome> {
  if (context.attachedBytes + item.size > MAX_ATTACHED_BYTES) {
    bytes?.fill(0);
    return listed(`${note}; ${context.labels.tooLargeToAttach(inMegabytes(context.labels, item.size))}`);
  }
  const name = attach(context, item, number, bytes ?? (await readWhole(context.archive, item)));
  return { included: 'attached', pages: [], attachment: name, note };
}

/** Adds the original file as an attachment (the caller checked the budget); returns its name. */
function attach(context: ExhibitContext, item: ItemSummary, number: string, data: Buffer): string {
  const name = attachmentName(number, item, context.redact);
  context.attachedBytes += item.size;
  context.heldBytes += item.size;
  context.attachments.push({
    name,
    bytes: data,
    mimeType: item.mimeType,
    description: `${context.labels.exhibit} ${number}: ${context.redact(item.title ?? item.originalName)}`,
  });
  return name;
}

/** The whole plaintext of an item in one buffer; each decrypted chunk is wiped once copied. */
async function readWhole(archive: DossierReader, item: ItemSummary): Promise<Buffer> {
  const out = Buffer.alloc(item.size);
  let offset = 0;
  for await (const chunk of archive.readItem(item.id)) {
    chunk.copy(out, offset);
    offset += chunk.length;
    chunk.fill(0);
  }
  return offset === out.length ? out : out.subarray(0, offset);
}

/** Copies every page, or says why the PDF cannot be shown (encrypted, damaged). */
async function copyPdfPages(context: ExhibitContext, bytes: Uint8Array): Promise<{ pages: PDFPage[] } | { reason: string }> {
  let source: PDFDocument;
  try {
    source = await PDFDocument.load(bytes, { throwOnInvalidObject: true, updateMetadata: false });
    checkPageTree(source);
  } catch (error) {
    // pdf-lib's error class does not survive its module formats; its name does.
    if (
      error instanceof EncryptedPDFError ||
      (error as Error).name === 'EncryptedPDFError' ||
      /is encrypted/.test((error as Error).message)
    )
      return { reason: context.labels.pdfEncrypted };
    return { reason: context.labels.pdfDamaged(firstLine(error)) };
  }
  try {
    const copied = await context.ts.doc.copyPages(source, source.getPageIndices());
    for (const page of copied) {
      fitIntoMargins(page);
      context.ts.doc.addPage(page);
    }
    context.ts.endPage();
    return { pages: copied };
  } catch (error) {
    return { reason: context.labels.pdfUncopyable(firstLine(error)) };
  }
}

/** pdf-lib reads what it can of a damaged file; refuse one whose pages or their contents are missing. */
function checkPageTree(doc: PDFDocument): void {
  const pages = doc.getPages();
  if (pages.length === 0) throw new Error('no pages');
  const declared = doc.catalog.Pages().lookup(PDFName.of('Count'), PDFNumber).asNumber();
  if (declared !== pages.length) throw new Error(`the page tree declares ${declared} pages, ${pages.length} can be read`);
  for (const [index, page] of pages.entries()) {
    const contents = page.node.get(PDFName.of('Contents'));
    const refs = contents instanceof PDFArray ? contents.asArray() : contents ? [contents] : [];
    for (const ref of refs) {
      if (ref instanceof PDFRef && doc.context.lookup(ref) === undefined) throw new Error(`page ${index + 1} has lost its content`);
    }
  }
}

const firstLine = (error: unknown) => (error instanceof Error ? error.message : String(error)).split('\n')[0]!.slice(0, 160);

function exhibitHeading(context: ExhibitContext, item: ItemSummary, number: string): PDFPage {
  const { ts, labels } = context;
  ts.endPage();
  const first = ts.heading(`${labels.exhibit} ${number}: ${context.redact(item.title ?? item.originalName)}`, 2);
  ts.text(`${labels.file}: ${context.redact(item.originalName)} · SHA-256 ${item.sha256}`, { size: 8, grey: true, after: 10 });
  return first;
}

/** One picture on its own page; the first under the exhibit's heading, the next pages of a scan under a short one. */
function placeImage(context: ExhibitContext, item: ItemSummary, number: string, image: EmbeddedImage, first: boolean): PDFPage {
  const { ts, labels } = context;
  let page: PDFPage;
  if (first) page = exhibitHeading(context, item, number);
  else {
    ts.endPage();
    page = ts.text(`${labels.exhibit} ${number}`, { size: 8, grey: true, after: 6 });
  }
  const room = ts.room - 6;
  const scale = Math.min(1, ts.width / image.width, room / image.height);
  const width = image.width * scale;
  const height = image.height * scale;
  drawImage(page, image, { x: MARGIN.left + (ts.width - width) / 2, y: MARGIN.bottom + room - height, width, height });
  ts.endPage();
  return page;
}

function typesetText(context: ExhibitContext, item: ItemSummary, number: string, text: string): PDFPage[] {
  const { ts } = context;
  const pages: PDFPage[] = [exhibitHeading(context, item, number)];
  const before = ts.doc.getPageCount();
  ts.text(text, { size: 9.5 });
  // The pages the text flowed onto after the heading's page.
  for (let i = before; i < ts.doc.getPageCount(); i++) pages.push(ts.doc.getPage(i));
  ts.endPage();
  return pages;
}
