/**
 * Photos and scans as PDF image XObjects. A JPEG is carried byte for byte (DCTDecode) from its own
 * copy, so the plaintext read from the vault can be wiped at once; a PNG is decoded by pdf-lib
 * (alpha becomes a soft mask, 16-bit and palette images become 8-bit RGB) and written immediately;
 * a TIFF scan is decoded page by page (tiff.ts) and a GIF's first frame (gif.ts), each deflated into an image.
 * The EXIF orientation is applied when the image is drawn, so a portrait phone photo stands upright.
 */
import {
  concatTransformationMatrix,
  drawObject,
  popGraphicsState,
  pushGraphicsState,
  PDFName,
  PDFRawStream,
  type PDFDocument,
  type PDFPage,
  type PDFRef,
} from 'pdf-lib';
import { orientedMatrix, readJpegInfo, swapsSides } from './jpeg.ts';
import { readGif } from './gif.ts';
import { readTiffPages } from './tiff.ts';

export interface EmbeddedImage {
  ref: PDFRef;
  /** The size as shown, after the orientation is applied. */
  width: number;
  height: number;
  orientation: number;
  /** Plaintext the document now holds (the JPEG's copy); wiped by the caller after saving. */
  held: Uint8Array | null;
  /** How many frames an animated GIF has (only the first is shown). */
  frames?: number;
}

export const IMAGE_TYPES = new Set(['image/jpeg', 'image/png', 'image/tiff', 'image/gif']);

/** The pictures of an image file: one, or one per page of a multi-page TIFF scan. */
export async function embedImages(doc: PDFDocument, bytes: Uint8Array, mime: string): Promise<EmbeddedImage[]> {
  if (mime === 'image/gif') {
    const gif = readGif(bytes);
    const stream = doc.context.flateStream(gif.rgb, {
      Type: 'XObject',
      Subtype: 'Image',
      Width: gif.width,
      Height: gif.height,
      ColorSpace: 'DeviceRGB',
      BitsPerComponent: 8,
    });
    return [{ ref: doc.context.register(stream), width: gif.width, height: gif.height, orientation: 1, held: null, frames: gif.frames }];
  }
  if (mime !== 'image/tiff') return [await embedImage(doc, bytes, mime)];
  return readTiffPages(bytes).map((page) => {
    const stream = doc.context.flateStream(page.samples, {
      Type: 'XObject',
      Subtype: 'Image',
      Width: page.width,
      Height: page.height,
      ColorSpace: page.colorSpace,
      BitsPerComponent: page.bitsPerComponent,
      ...(page.inverted ? { Decode: [1, 0] } : {}),
    });
    return { ref: doc.context.register(stream), width: page.width, height: page.height, orientation: 1, held: null };
  });
}

async function embedImage(doc: PDFDocument, bytes: Uint8Array, mime: string): Promise<EmbeddedImage> {
  if (mime === 'image/jpeg') {
    const info = readJpegInfo(bytes);
    const copy = Uint8Array.from(bytes);
    const colorSpace = info.components === 1 ? 'DeviceGray' : info.components === 3 ? 'DeviceRGB' : 'DeviceCMYK';
    const stream = doc.context.stream(copy, {
      Type: 'XObject',
      Subtype: 'Image',
      Width: info.width,
      Height: info.height,
      ColorSpace: colorSpace,
      BitsPerComponent: info.bitsPerComponent,
      Filter: 'DCTDecode',
      // Adobe CMYK JPEGs store ink inverted; without the marker, CMYK is taken as written.
      ...(info.components === 4 && info.adobe ? { Decode: [1, 0, 1, 0, 1, 0, 1, 0] } : {}),
    });
    const swap = swapsSides(info.orientation);
    return {
      ref: doc.context.register(stream),
      width: swap ? info.height : info.width,
      height: swap ? info.width : info.height,
      orientation: info.orientation,
      held: copy,
    };
  }
  if (mime === 'image/png') {
    const image = await doc.embedPng(bytes);
    // Written now: pdf-lib otherwise decodes at save time, from bytes the caller wipes.
    await image.embed();
    return { ref: image.ref, width: image.width, height: image.height, orientation: 1, held: null };
  }
  throw new Error(`${mime} is not an image type a PDF can show`);
}

/** Draws the image into the box (already of the shown aspect ratio), turned as its orientation says. */
export function drawImage(page: PDFPage, image: EmbeddedImage, box: { x: number; y: number; width: number; height: number }): void {
  const name = page.node.newXObject('Image', image.ref);
  const [a, b, c, d, e, f] = orientedMatrix(image.orientation, box);
  page.pushOperators(pushGraphicsState(), concatTransformationMatrix(a, b, c, d, e, f), drawObject(name), popGraphicsState());
}

/**
 * Every image stream of the document that readers must decode, checked for what a blank page
 * would hide: a JPEG whose bytes lost their header or frame, or a compressed stream that does not
 * inflate. Returns one line per broken image.
 */
export function brokenImages(doc: PDFDocument, decode: (stream: PDFRawStream) => Uint8Array): string[] {
  const problems: string[] = [];
  for (const [ref, object] of doc.context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFRawStream)) continue;
    if (object.dict.get(PDFName.of('Subtype')) !== PDFName.of('Image')) continue;
    const filter = object.dict.get(PDFName.of('Filter'));
    const label = `image object ${ref.objectNumber}`;
    try {
      if (filter === PDFName.of('DCTDecode')) {
        const contents = object.getContents();
        readJpegInfo(contents);
        if (!hasScan(contents)) throw new Error('it has no scan data');
      } else if (filter === PDFName.of('FlateDecode')) {
        if (decode(object).length === 0) throw new Error('it inflates to nothing');
      }
    } catch (error) {
      problems.push(`${label} cannot be decoded: ${(error as Error).message.split('\n')[0]}`);
    }
  }
  return problems;
}

function hasScan(bytes: Uint8Array): boolean {
  for (let i = 2; i + 1 < bytes.length; i++) if (bytes[i] === 0xff && bytes[i + 1] === 0xda) return true;
  return false;
}
