/** Document structure a reader's viewer shows: bookmarks (the outline) and Bates numbers as page labels. */
import { PDFArray, PDFDict, PDFHexString, PDFName, PDFNumber, PDFString, type PDFDocument, type PDFPage, type PDFRef } from 'pdf-lib';

export interface OutlineEntry {
  title: string;
  page: PDFPage;
  children?: OutlineEntry[];
}

/** Writes the outline (bookmarks), two levels deep at most as the caller gives them. */
export function writeOutline(doc: PDFDocument, entries: OutlineEntry[]): void {
  if (entries.length === 0) return;
  const context = doc.context;
  const rootRef = context.nextRef();
  const build = (items: OutlineEntry[], parent: PDFRef): { first: PDFRef; last: PDFRef; count: number } => {
    const refs = items.map(() => context.nextRef());
    let count = 0;
    items.forEach((item, i) => {
      const dict = context.obj({
        Title: PDFHexString.fromText(item.title),
        Parent: parent,
        Dest: [item.page.ref, PDFName.of('Fit')],
      });
      if (i > 0) dict.set(PDFName.of('Prev'), refs[i - 1]!);
      if (i < items.length - 1) dict.set(PDFName.of('Next'), refs[i + 1]!);
      if (item.children?.length) {
        const sub = build(item.children, refs[i]!);
        dict.set(PDFName.of('First'), sub.first);
        dict.set(PDFName.of('Last'), sub.last);
        // A negative count: the entry starts closed.
        dict.set(PDFName.of('Count'), PDFNumber.of(-sub.count));
      }
      context.assign(refs[i]!, dict);
      count++;
    });
    return { first: refs[0]!, last: refs[refs.length - 1]!, count };
  };
  const top = build(entries, rootRef);
  context.assign(rootRef, context.obj({ Type: 'Outlines', First: top.first, Last: top.last, Count: top.count }));
  doc.catalog.set(PDFName.of('Outlines'), rootRef);
}

export function batesNumber(prefix: string, n: number): string {
  return `${prefix}-${String(n).padStart(6, '0')}`;
}

/** Every page's label is its Bates number, so a viewer's page box shows "PREFIX-000123". */
export function writeBatesPageLabels(doc: PDFDocument, prefix: string, first: number): void {
  const context = doc.context;
  const nums: Array<PDFNumber | PDFDict> = [];
  for (let i = 0; i < doc.getPageCount(); i++)
    nums.push(PDFNumber.of(i), context.obj({ P: PDFHexString.fromText(batesNumber(prefix, first + i)) }));
  doc.catalog.set(PDFName.of('PageLabels'), context.obj({ Nums: nums }));
}

/** The page labels of a document (index → label), for verification; undefined where a page has none. */
export function readPageLabels(doc: PDFDocument): Array<string | undefined> {
  const labels: Array<string | undefined> = new Array(doc.getPageCount()).fill(undefined);
  const tree = doc.catalog.lookupMaybe(PDFName.of('PageLabels'), PDFDict);
  const nums = tree?.lookupMaybe(PDFName.of('Nums'), PDFArray);
  if (!nums) return labels;
  const ranges: Array<{ start: number; prefix: string; style: boolean; first: number }> = [];
  for (let i = 0; i + 1 < nums.size(); i += 2) {
    const start = nums.lookup(i, PDFNumber).asNumber();
    const dict = nums.lookup(i + 1, PDFDict);
    const prefixObject = dict.lookup(PDFName.of('P'));
    const prefix = prefixObject instanceof PDFString || prefixObject instanceof PDFHexString ? prefixObject.decodeText() : '';
    const firstObject = dict.lookup(PDFName.of('St'));
    ranges.push({
      start,
      prefix,
      style: dict.has(PDFName.of('S')),
      first: firstObject instanceof PDFNumber ? firstObject.asNumber() : 1,
    });
  }
  ranges.forEach((range, r) => {
    const end = r + 1 < ranges.length ? ranges[r + 1]!.start : labels.length;
    for (let page = range.start; page < end && page < labels.length; page++) {
      // Only prefix labels are ours; a numbering style (S) appends a number we do not need to reproduce.
      labels[page] = range.style ? `${range.prefix}${range.first + page - range.start}` : range.prefix;
    }
  });
  return labels;
}

/** An ISO time as "2026-12-04 21:02:50" (UTC, as the column heading says), without the Latin T and Z. */
export function readableTime(iso: string): string {
  return iso.replace('T', ' ').replace(/(\.\d+)?Z$/, '');
}
