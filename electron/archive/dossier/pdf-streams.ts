/** The decoded bytes of PDF streams: attachments, and page contents whose hashes the manifest signs. */
import { createHash } from 'node:crypto';
import { decodePDFRawStream, PDFArray, PDFFlateStream, PDFName, PDFRawStream, PDFStream, type PDFPage } from 'pdf-lib';

export function decodedStreamBytes(stream: PDFStream): Uint8Array {
  if (stream instanceof PDFFlateStream) return stream.getUnencodedContents();
  if (stream instanceof PDFRawStream)
    return stream.dict.get(PDFName.of('Filter')) ? decodePDFRawStream(stream).decode() : stream.getContents();
  return stream.getContents();
}

/**
 * SHA-256 of a page's content streams, decoded and in order: what is drawn on the page (text,
 * stamps, where images go). A page changed, swapped or moved no longer matches the signed list.
 */
export function pageContentHash(page: PDFPage): string {
  const hash = createHash('sha256');
  const contents = page.node.get(PDFName.of('Contents'));
  const resolved = contents ? page.doc.context.lookup(contents) : undefined;
  const streams = resolved instanceof PDFArray ? resolved.asArray().map((ref) => page.doc.context.lookup(ref)) : [resolved];
  for (const stream of streams) {
    if (!(stream instanceof PDFStream)) continue;
    hash.update(decodedStreamBytes(stream));
    hash.update('\n');
  }
  return hash.digest('hex');
}
