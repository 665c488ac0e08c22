import { deflateSync, crc32 } from 'node:zlib';
import { PDFDocument, rgb } from 'pdf-lib';
import { embedFonts, PAGE_SIZE, MARGIN } from '../dossier/typesetter.ts';

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
  const fonts = await embedFonts(doc);
  const width = PAGE_SIZE[0] - MARGIN.left - MARGIN.right;
  for (const { heading, paragraphs } of pages) {
    const page = doc.addPage(PAGE_SIZE);
    let y = PAGE_SIZE[1] - MARGIN.top;
    page.drawText(heading, { x: MARGIN.left, y, size: 14, font: fonts.bold });
    y -= 28;
    for (const paragraph of paragraphs) {
      for (const line of wrap(paragraph, (text) => fonts.regular.widthOfTextAtSize(text, 11), width)) {
        page.drawText(line, { x: MARGIN.left, y, size: 11, font: fonts.regular, color: rgb(0.1, 0.1, 0.1) });
        y -= 15;
      }
      y -= 8;
    }
  }
  return doc.save();
}

function wrap(text: string, widthOf: (text: string) => number, maxWidth: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    const candidate = line ? `${line} ${word}` : word;
    if (line && widthOf(candidate) > maxWidth) {
      lines.push(line);
      line = word;
    } else {
      line = candidate;
    }
  }
  if (line) lines.push(line);
  return lines;
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
