/**
 * The document-level structure PDF/A-3b asks for, written into every dossier and submission: the
 * document information and the same facts as XMP metadata (with the PDF/A identification), an sRGB
 * output intent, the title shown in the window, the language, and a file identifier. Attachments
 * carry their AFRelationship (attachments.ts). This is structure, not a conformance claim: a copied
 * exhibit PDF may bring along what PDF/A forbids, and no validator has checked the result.
 */
import { PDFHexString, PDFName, type PDFDocument } from 'pdf-lib';
import { srgbProfile } from './srgb-profile.ts';

export interface DocumentFacts {
  title: string;
  /** BCP 47, e.g. "ru". */
  language: string;
  subject: string;
  creator: string;
  producer: string;
  createdAt: string;
  /** A UUID: the file identifier and the XMP document id. */
  documentId: string;
}

export function writePdfA3Structure(doc: PDFDocument, facts: DocumentFacts): void {
  const created = new Date(facts.createdAt);
  doc.setTitle(facts.title, { showInWindowTitleBar: true });
  doc.setLanguage(facts.language);
  doc.setSubject(facts.subject);
  doc.setCreator(facts.creator);
  doc.setProducer(facts.producer);
  doc.setCreationDate(created);
  doc.setModificationDate(created);
  const { context, catalog } = doc;
  const metadata = context.stream(xmp(facts, created), { Type: 'Metadata', Subtype: 'XML' });
  catalog.set(PDFName.of('Metadata'), context.register(metadata));
  const profile = context.stream(srgbProfile(), { N: 3 });
  catalog.set(
    PDFName.of('OutputIntents'),
    context.obj([
      context.obj({
        Type: 'OutputIntent',
        S: 'GTS_PDFA1',
        OutputConditionIdentifier: PDFHexString.fromText('sRGB IEC61966-2.1'),
        Info: PDFHexString.fromText('sRGB IEC61966-2.1'),
        RegistryName: PDFHexString.fromText('http://www.color.org'),
        DestOutputProfile: context.register(profile),
      }),
    ]),
  );
  const id = PDFHexString.of(facts.documentId.replace(/-/g, ''));
  context.trailerInfo.ID = context.obj([id, id]);
}

/** XMP packet with the same title, dates and producer as the document information (PDF/A requires both to agree). */
function xmp(facts: DocumentFacts, created: Date): Uint8Array {
  // XMP dates keep the time zone; the info dictionary's dates are written from the same instant.
  const date = created.toISOString().replace(/\.\d+Z$/, 'Z');
  const packet = `<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/"
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
    xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/">
   <pdfaid:part>3</pdfaid:part>
   <pdfaid:conformance>B</pdfaid:conformance>
   <dc:format>application/pdf</dc:format>
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">${escapeXml(facts.title)}</rdf:li></rdf:Alt></dc:title>
   <dc:description><rdf:Alt><rdf:li xml:lang="x-default">${escapeXml(facts.subject)}</rdf:li></rdf:Alt></dc:description>
   <dc:language><rdf:Bag><rdf:li>${escapeXml(facts.language)}</rdf:li></rdf:Bag></dc:language>
   <xmp:CreatorTool>${escapeXml(facts.creator)}</xmp:CreatorTool>
   <xmp:CreateDate>${date}</xmp:CreateDate>
   <xmp:ModifyDate>${date}</xmp:ModifyDate>
   <xmp:MetadataDate>${date}</xmp:MetadataDate>
   <pdf:Producer>${escapeXml(facts.producer)}</pdf:Producer>
   <xmpMM:DocumentID>uuid:${escapeXml(facts.documentId)}</xmpMM:DocumentID>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>`;
  return new TextEncoder().encode(packet);
}

/** Markup characters as references; control characters, which XML 1.0 cannot carry at all, dropped. */
function escapeXml(text: string): string {
  return (
    text
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '')
      .replace(/[<>&"']/g, (char) => `&#${char.charCodeAt(0)};`)
  );
}
