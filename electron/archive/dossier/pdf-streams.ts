/** The decoded bytes of PDF streams: attachments, and everything a page draws, whose hashes the manifest signs. */
import { createHash, type Hash } from 'node:crypto';
import {
  decodePDFRawStream,
  PDFArray,
  PDFBool,
  PDFDict,
  PDFFlateStream,
  PDFHexString,
  PDFName,
  PDFNull,
  PDFNumber,
  PDFRawStream,
  PDFRef,
  PDFStream,
  PDFString,
  type PDFContext,
  type PDFObject,
  type PDFPage,
} from 'pdf-lib';

export function decodedStreamBytes(stream: PDFStream): Uint8Array {
  if (stream instanceof PDFFlateStream) return stream.getUnencodedContents();
  if (stream instanceof PDFRawStream)
    return stream.dict.get(PDFName.of('Filter')) ? decodePDFRawStream(stream).decode() : stream.getContents();
  return stream.getContents();
}

/** Keys that say how a stream is stored, not what it holds: a recompressed stream hashes the same. */
const STORAGE_KEYS = new Set(['Length', 'Filter', 'DecodeParms', 'DL']);
/** Back-links out of the page (the page tree, an annotation's page), which would pull in the whole document. */
const BACK_LINKS = new Set(['Parent', 'P']);

/**
 * Hashes everything a page draws: its dictionary (boxes, rotation, annotations), its content
 * streams and the resources they use — fonts, images, forms and their own resources, recursively —
 * with streams decoded where a standard filter allows, so repainting an image, swapping a font or
 * editing a form changes the hash, and merely recompressing does not. Other pages reached through
 * links count by position only. Indirect objects are hashed once per hasher (fonts and images are shared).
 */
export class PageHasher {
  private readonly context: PDFContext;
  private readonly digests = new Map<PDFRef, string>();
  private readonly inProgress = new Set<PDFRef>();

  constructor(context: PDFContext) {
    this.context = context;
  }

  hash(page: PDFPage): string {
    const hash = createHash('sha256');
    hash.update('custodia-page-v2\n');
    this.feedDict(hash, page.node, true);
    return hash.digest('hex');
  }

  private feed(hash: Hash, object: PDFObject | undefined, depth: number): void {
    if (depth > 64) throw new Error('the page nests objects more than 64 deep');
    if (object === undefined || object === PDFNull) hash.update('null;');
    else if (object instanceof PDFRef) hash.update(`R${this.refDigest(object, depth)};`);
    else if (object instanceof PDFName) hash.update(`/${object.decodeText()};`);
    else if (object instanceof PDFNumber) hash.update(`n${object.asNumber()};`);
    else if (object instanceof PDFBool) hash.update(`b${object.asBoolean()};`);
    else if (object instanceof PDFString || object instanceof PDFHexString) {
      const bytes = object.asBytes();
      hash.update(`s${bytes.length}:`);
      hash.update(bytes);
    } else if (object instanceof PDFArray) {
      hash.update(`[${object.size()}:`);
      for (const element of object.asArray()) this.feed(hash, element, depth + 1);
      hash.update(']');
    } else if (object instanceof PDFStream) this.feedStream(hash, object, depth);
    else if (object instanceof PDFDict) this.feedDict(hash, object, false, depth);
    else hash.update(`?${object.constructor.name};`);
  }

  private feedDict(hash: Hash, dict: PDFDict, root: boolean, depth = 0, skip?: Set<string>): void {
    const entries = dict
      .entries()
      .map(([key, value]) => [key.decodeText(), value] as const)
      .filter(([key]) => !BACK_LINKS.has(key) && !skip?.has(key))
      .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    // Another page reached through a link (a destination) counts by reference only.
    if (!root && dict.get(PDFName.of('Type')) === PDFName.of('Page')) {
      hash.update('page;');
      return;
    }
    hash.update(`<<${entries.length}:`);
    for (const [key, value] of entries) {
      hash.update(`/${key}=`);
      this.feed(hash, value, depth + 1);
    }
    hash.update('>>');
  }

  private feedStream(hash: Hash, stream: PDFStream, depth: number): void {
    let bytes: Uint8Array;
    let decoded = true;
    try {
      bytes = decodedStreamBytes(stream);
    } catch {
      // DCT, JPX, CCITT, JBIG2: hashed as stored, with their filter.
      bytes = stream.getContents();
      decoded = false;
    }
    hash.update('stream');
    this.feedDict(hash, stream.dict, false, depth, decoded ? STORAGE_KEYS : new Set(['Length']));
    hash.update(`${bytes.length}:`);
    hash.update(bytes);
  }

  private refDigest(ref: PDFRef, depth: number): string {
    const known = this.digests.get(ref);
    if (known) return known;
    if (this.inProgress.has(ref)) return 'cycle';
    this.inProgress.add(ref);
    const hash = createHash('sha256');
    this.feed(hash, this.context.lookup(ref), depth + 1);
    this.inProgress.delete(ref);
    const digest = hash.digest('hex');
    this.digests.set(ref, digest);
    return digest;
  }
}
