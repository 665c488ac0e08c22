import { deflateSync, crc32 } from 'node:zlib';
import { PDFDocument } from 'pdf-lib';
import { embedFonts, Typesetter } from '../dossier/typesetter.ts';

/**
 * The demo vault's documents, generated in memory: a court decision as a real PDF with Cyrillic
 * and Kazakh text (DejaVu Sans, embedded), and a photo as a PNG. Everything in them is invented.
 */
export async function courtDecisionPdf(pages: Array<{ heading: string; paragraphs: string[] }>): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle(pages[0]?.heading ?? 'Decision');
  doc.setProducer('Custodia demo');
  doc.setCreationDate(new Date('2022-01-09T10:00:00Z'));
  doc.setModificationDate(new Date('2022-01-09T10:00:00Z'));
  // The dossier's typesetter: the same font, wrapping and page flow.
  const ts = new Typesetter(doc, await embedFonts(doc, 'demo'));
  for (const { heading, paragraphs } of pages) {
    ts.newPage();
    ts.heading(heading);
    for (const paragraph of paragraphs) ts.text(paragraph, { size: 11, after: 8 });
    ts.endPage();
  }
  return doc.save();
}

/** A small RGB PNG: a sky-to-ground gradient with a dark block (a building), like a photo of a scene. */
export function scenePng(width = 320, height = 200): Uint8Array {
  const row = 1 + width * 3;
  const pixels = Buffer.alloc(row * height);
  for (let y = 0; y < height; y++) {
    pixels[y * row] = 0; // filter: none
    for (let x = 0; x < width; x++) {
      const sky = y < height * 0.6;
      const building = x > width * 0.35 && x < width * 0.65 && y > height * 0.25 && y < height * 0.6;
      const [r, g, b] = building ? [70, 70, 85] : sky ? [120 + y / 3, 160 + y / 4, 220] : [90 + x / 8, 110, 70];
      pixels.set([r, g, b].map(Math.round), y * row + 1 + x * 3);
    }
  }
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(pixels)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
