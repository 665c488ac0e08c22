/**
 * PDF file attachments (the EmbeddedFiles name tree), written uncompressed so a recipient's
 * `pdfdetach` gives back the exact bytes and a large video is not deflated in memory, and read
 * back for verification (any filter the file may have been rewritten with is decoded).
 */
import { decodedStreamBytes } from './pdf-streams.ts';
import { PDFArray, PDFDict, PDFHexString, PDFName, PDFStream, PDFString, type PDFDocument, type PDFRef } from 'pdf-lib';

export interface Attachment {
  name: string;
  bytes: Uint8Array;
  mimeType: string;
  description: string;
}

/** Adds every attachment to the document as one EmbeddedFiles name tree (names sorted, as the PDF spec requires). */
export function writeAttachments(doc: PDFDocument, attachments: Attachment[]): void {
  const context = doc.context;
  const sorted = [...attachments].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const names: Array<PDFHexString | PDFRef> = [];
  const specs: PDFRef[] = [];
  for (const attachment of sorted) {
    const stream = context.stream(attachment.bytes, {
      Type: 'EmbeddedFile',
      Subtype: attachment.mimeType,
      Params: { Size: attachment.bytes.length },
    });
    const spec = context.register(
      context.obj({
        Type: 'Filespec',
        F: PDFString.of(asciiName(attachment.name)),
        UF: PDFHexString.fromText(attachment.name),
        EF: { F: context.register(stream) },
        Desc: PDFHexString.fromText(attachment.description),
        AFRelationship: 'Supplement',
      }),
    );
    names.push(PDFHexString.fromText(attachment.name), spec);
    specs.push(spec);
  }
  const tree = context.obj({ Names: names });
  const catalog = doc.catalog;
  const namesDict = catalog.lookupMaybe(PDFName.of('Names'), PDFDict) ?? context.obj({});
  namesDict.set(PDFName.of('EmbeddedFiles'), context.register(tree));
  catalog.set(PDFName.of('Names'), namesDict);
  catalog.set(PDFName.of('AF'), context.obj(specs));
  // Viewers open the attachments panel, so the recipient sees the files.
  catalog.set(PDFName.of('PageMode'), PDFName.of('UseAttachments'));
}

/** Names are ASCII in the legacy F entry (UF holds the Unicode name). */
function asciiName(name: string): string {
  return name.replace(/[^\x20-\x7e]/g, '_');
}

export interface ReadAttachment {
  name: string;
  bytes: Uint8Array;
}

/** Every embedded file of the document, with a reason for each one that cannot be read. */
export function readAttachments(doc: PDFDocument): { files: ReadAttachment[]; problems: string[] } {
  const files: ReadAttachment[] = [];
  const problems: string[] = [];
  const root = doc.catalog.lookupMaybe(PDFName.of('Names'), PDFDict)?.lookupMaybe(PDFName.of('EmbeddedFiles'), PDFDict);
  if (!root) return { files, problems };
  const visit = (node: PDFDict, depth: number) => {
    if (depth > 32) throw new Error('the attachment name tree is nested too deeply');
    const kids = node.lookupMaybe(PDFName.of('Kids'), PDFArray);
    if (kids) for (let i = 0; i < kids.size(); i++) visit(kids.lookup(i, PDFDict), depth + 1);
    const names = node.lookupMaybe(PDFName.of('Names'), PDFArray);
    if (!names) return;
    for (let i = 0; i + 1 < names.size(); i += 2) {
      const key = names.lookup(i);
      const name = key instanceof PDFHexString || key instanceof PDFString ? key.decodeText() : `#${i / 2}`;
      try {
        const spec = names.lookup(i + 1, PDFDict);
        const stream = spec.lookup(PDFName.of('EF'), PDFDict).lookup(PDFName.of('F'), PDFStream);
        files.push({ name, bytes: decodedStreamBytes(stream) });
      } catch (error) {
        problems.push(`attachment "${name}" cannot be read: ${(error as Error).message}`);
      }
    }
  };
  visit(root, 0);
  return { files, problems };
}
