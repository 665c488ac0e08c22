/**
 * Copied exhibit pages are shrunk a little into the page, leaving a band at the foot (as the page
 * is shown, /Rotate included) where the Bates number and footer go: a stamp never covers text
 * printed at the edge of a court document. The page keeps its size; links move with the content.
 */
import { PDFArray, PDFDict, PDFName, PDFNumber, type PDFPage } from 'pdf-lib';

/** Height of the foot band the stamps use, and the least margin left on the other sides, in points. */
export const STAMP_BAND = 34;
const SIDE = 10;

export function fitIntoMargins(page: PDFPage): void {
  const box = page.getCropBox();
  const rotation = (((page.getRotation().angle % 360) + 360) % 360) as 0 | 90 | 180 | 270;
  const sideways = rotation === 90 || rotation === 270;
  const shownWidth = sideways ? box.height : box.width;
  const shownHeight = sideways ? box.width : box.height;
  const scale = Math.min(1 - (2 * SIDE) / shownWidth, (shownHeight - STAMP_BAND - SIDE) / shownHeight);
  // After shrinking about the centre, move "up" as shown so the foot band is clear.
  const lift = STAMP_BAND - (shownHeight * (1 - scale)) / 2;
  const [dx, dy] = rotation === 90 ? [-lift, 0] : rotation === 180 ? [0, -lift] : rotation === 270 ? [lift, 0] : [0, lift];
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  const e = (1 - scale) * cx + dx;
  const f = (1 - scale) * cy + dy;
  const context = page.doc.context;
  const before = context.register(context.flateStream(`q ${n(scale)} 0 0 ${n(scale)} ${n(e)} ${n(f)} cm\n`));
  const after = context.register(context.flateStream('\nQ\n'));
  const contents = page.node.Contents();
  const existing = contents instanceof PDFArray ? contents.asArray() : contents ? [page.node.get(PDFName.of('Contents'))!] : [];
  page.node.set(PDFName.of('Contents'), context.obj([before, ...existing, after]));
  moveAnnotations(page, (x, y) => [scale * x + e, scale * y + f]);
}

const n = (value: number) => value.toFixed(4);

function moveAnnotations(page: PDFPage, map: (x: number, y: number) => [number, number]): void {
  const annots = page.node.Annots();
  if (!annots) return;
  for (let i = 0; i < annots.size(); i++) {
    const annotation = annots.lookupMaybe(i, PDFDict);
    const rect = annotation?.lookupMaybe(PDFName.of('Rect'), PDFArray);
    if (!annotation || !rect || rect.size() !== 4) continue;
    const values = rect.asArray().map((v) => (v instanceof PDFNumber ? v.asNumber() : 0));
    const [x1, y1] = map(values[0]!, values[1]!);
    const [x2, y2] = map(values[2]!, values[3]!);
    annotation.set(PDFName.of('Rect'), page.doc.context.obj([x1, y1, x2, y2]));
  }
}
