/**
 * Sets text on A4 pages: wraps at word boundaries (breaking words longer than a line), flows onto
 * new pages, and never cuts text off. One Unicode font (DejaVu Sans, subset on save) covers Latin,
 * Cyrillic and the Kazakh letters (ә ғ қ ң ө ұ ү һ і).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import fontkit from '@pdf-lib/fontkit';
import { PDFArray, PDFName, PDFString, rgb, type PDFDocument, type PDFFont, type PDFPage } from 'pdf-lib';

export const PAGE_SIZE: [number, number] = [595.28, 841.89];
export const MARGIN = { left: 56, right: 56, top: 60, bottom: 64 };
const GREY = rgb(0.35, 0.35, 0.35);
const LINK_BLUE = rgb(0.05, 0.2, 0.6);

export interface Fonts {
  regular: PDFFont;
  bold: PDFFont;
}

let fontFiles: { regular: Buffer; bold: Buffer } | undefined;

/**
 * The six capital letters PDF puts before a subset font's name ("ABCDEF+DejaVuSans"), so readers
 * and pdffonts know only some glyphs are inside; derived from `seed`, different per embedding.
 */
export function subsetTag(seed: string): string {
  const digest = createHash('sha256').update(seed).digest();
  return Array.from(digest.subarray(0, 6), (byte) => String.fromCharCode(65 + (byte % 26))).join('');
}

/** Embeds DejaVu Sans (regular and bold) from node_modules; only the glyphs used are kept. */
export async function embedFonts(doc: PDFDocument, seed: string): Promise<Fonts> {
  if (!fontFiles) {
    const dir = path.join(path.dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf');
    fontFiles = { regular: readFileSync(path.join(dir, 'DejaVuSans.ttf')), bold: readFileSync(path.join(dir, 'DejaVuSans-Bold.ttf')) };
  }
  doc.registerFontkit(fontkit);
  return {
    regular: await doc.embedFont(fontFiles.regular, { subset: true, customName: `${subsetTag(`${seed}/regular`)}+DejaVuSans` }),
    bold: await doc.embedFont(fontFiles.bold, { subset: true, customName: `${subsetTag(`${seed}/bold`)}+DejaVuSans-Bold` }),
  };
}

/** Text as it can be drawn: tabs become spaces, other control characters (and lone surrogates) go. */
export function printable(text: string): string {
  const normalised = text.replace(/\t/g, '    ').replace(/\r\n?/g, '\n');
  // eslint-disable-next-line no-control-regex -- removing control characters is the point
  return normalised.replace(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u200b\ufeff]/g, '').toWellFormed();
}

/** Measures strings by summing cached advance widths (fast enough for long narratives and text exhibits). */
class Measurer {
  private readonly font: PDFFont;
  private readonly widths = new Map<string, number>();

  constructor(font: PDFFont) {
    this.font = font;
  }

  width(text: string, size: number): number {
    let total = 0;
    for (const char of text) {
      let width = this.widths.get(char);
      if (width === undefined) {
        width = this.font.widthOfTextAtSize(char, 1000);
        this.widths.set(char, width);
      }
      total += width;
    }
    return (total * size) / 1000;
  }
}

export interface TextStyle {
  size?: number;
  bold?: boolean;
  grey?: boolean;
  indent?: number;
  /** Space after the block, in points. */
  after?: number;
  /** Makes the text a clickable link to this http(s) address. */
  link?: string;
  /** Narrower than the text area (room kept on the right, e.g. for page numbers). */
  width?: number;
}

/**
 * The most one field or table cell, and one block of text, may put on the pages: whatever a record or
 * a received file holds, a dossier stays a readable size. The rest is cut, and the cut says so.
 */
export const MAX_CELL_CHARS = 2_000;
export const MAX_BLOCK_CHARS = 500_000;

export interface TypesetterOptions {
  /** Where new pages come from: appended to the document (the default), or pages reserved earlier. */
  pageSource?: () => PDFPage;
  truncation?: (omitted: number) => string;
}

export class Typesetter {
  readonly doc: PDFDocument;
  readonly fonts: Fonts;
  private readonly measures: { regular: Measurer; bold: Measurer };
  private current: PDFPage | undefined;
  private y = 0;
  /** Where new pages come from: appended to the document, or pages reserved earlier (see Reservation). */
  private readonly pageSource: () => PDFPage;
  /** How a cut is marked: a dossier passes its language's words (labels.truncated). */
  private readonly truncation: (omitted: number) => string;

  constructor(doc: PDFDocument, fonts: Fonts, options: TypesetterOptions = {}) {
    this.doc = doc;
    this.fonts = fonts;
    this.pageSource = options.pageSource ?? (() => doc.addPage(PAGE_SIZE));
    this.truncation = options.truncation ?? ((omitted) => ` […${omitted} more characters not shown]`);
    this.measures = { regular: new Measurer(fonts.regular), bold: new Measurer(fonts.bold) };
  }

  get width(): number {
    return PAGE_SIZE[0] - MARGIN.left - MARGIN.right;
  }

  get page(): PDFPage {
    return this.current ?? this.newPage();
  }

  /** The room left on the current page, in points. */
  get room(): number {
    return this.current ? this.y - MARGIN.bottom : 0;
  }

  newPage(): PDFPage {
    this.current = this.pageSource();
    this.y = PAGE_SIZE[1] - MARGIN.top;
    return this.current;
  }

  /** Ends the current page: the next text starts on a fresh one. */
  endPage(): void {
    this.current = undefined;
  }

  space(points: number): void {
    if (this.current) this.y -= points;
  }

  /** Moves on to a new page unless `points` still fit on this one. */
  ensureRoom(points: number): void {
    if (this.room < points) this.newPage();
  }

  measure(text: string, size: number, bold = false): number {
    return (bold ? this.measures.bold : this.measures.regular).width(text, size);
  }

  /** `text` cut to `max` UTF-16 units (never inside a surrogate pair), with the mark when anything was cut. */
  capped(text: string, max: number): string {
    if (text.length <= max) return text;
    const cut = /[\ud800-\udbff]$/.test(text.slice(0, max)) ? text.slice(0, max - 1) : text.slice(0, max);
    let omitted = 0;
    for (const _char of text.slice(cut.length)) omitted++; // characters, not UTF-16 units
    return `${cut}${this.truncation(omitted)}`;
  }

  /** Splits text into lines no wider than `width`; explicit newlines are kept, over-long words are broken. */
  wrap(text: string, size: number, width: number, bold = false): string[] {
    const lines: string[] = [];
    for (const paragraph of printable(text).split('\n')) {
      let line = '';
      for (const word of paragraph.split(/(?<= )/)) {
        const candidate = line + word;
        if (this.measure(candidate.trimEnd(), size, bold) <= width) {
          line = candidate;
          continue;
        }
        if (line.trim()) lines.push(line.trimEnd());
        // A word wider than the line (a hash, a URL, a long compound) is broken by characters, in one pass.
        line = '';
        let lineWidth = 0;
        for (const char of word.trimEnd()) {
          const charWidth = this.measure(char, size, bold);
          if (line && lineWidth + charWidth > width) {
            lines.push(line);
            line = '';
            lineWidth = 0;
          }
          line += char;
          lineWidth += charWidth;
        }
        if (word.endsWith(' ')) line += ' ';
      }
      lines.push(line.trimEnd());
    }
    return lines;
  }

  /** A block of wrapped text that flows across pages. Returns the page the block started on. */
  text(text: string, style: TextStyle = {}): PDFPage {
    const size = style.size ?? 10;
    const lineHeight = size * 1.3;
    const indent = style.indent ?? 0;
    const font = style.bold ? this.fonts.bold : this.fonts.regular;
    const lines = this.wrap(this.capped(text, MAX_BLOCK_CHARS), size, (style.width ?? this.width) - indent, style.bold);
    this.ensureRoom(lineHeight);
    const first = this.page;
    for (const line of lines) {
      this.ensureRoom(lineHeight);
      this.y -= size;
      const x = MARGIN.left + indent;
      if (line) {
        this.page.drawText(line, { x, y: this.y, size, font, color: style.link ? LINK_BLUE : style.grey ? GREY : undefined });
        if (style.link) addLink(this.page, style.link, [x, this.y - 2, x + this.measure(line, size, style.bold), this.y + size]);
      }
      this.y -= lineHeight - size;
    }
    this.y -= style.after ?? 4;
    return first;
  }

  heading(full: string, level: 1 | 2 | 3 = 1): PDFPage {
    const text = this.capped(full, MAX_CELL_CHARS);
    const size = level === 1 ? 16 : level === 2 ? 12.5 : 11;
    // Keep a heading with at least two lines of what follows it.
    this.ensureRoom(size * 1.3 * this.wrap(text, size, this.width, true).length + 30);
    if (this.y < PAGE_SIZE[1] - MARGIN.top) this.space(level === 1 ? 10 : 6);
    return this.text(text, { size, bold: true, after: level === 1 ? 8 : 4 });
  }

  /** Label–value pairs in two columns; both sides wrap, and a pair never splits across pages unless it must. */
  fields(rows: Array<[string, string]>, options: { size?: number; labelWidth?: number; indent?: number } = {}): void {
    const size = options.size ?? 9.5;
    const lineHeight = size * 1.3;
    const indent = options.indent ?? 0;
    const labelWidth = options.labelWidth ?? 150;
    const valueWidth = this.width - indent - labelWidth - 8;
    for (const [label, value] of rows) {
      const labelLines = this.wrap(label, size, labelWidth, true);
      const valueLines = this.wrap(this.capped(value, MAX_CELL_CHARS) || '—', size, valueWidth);
      const count = Math.max(labelLines.length, valueLines.length);
      if (count * lineHeight <= PAGE_SIZE[1] - MARGIN.top - MARGIN.bottom) this.ensureRoom(count * lineHeight);
      for (let i = 0; i < count; i++) {
        this.ensureRoom(lineHeight);
        this.y -= size;
        const labelLine = labelLines[i];
        const valueLine = valueLines[i];
        if (labelLine) this.page.drawText(labelLine, { x: MARGIN.left + indent, y: this.y, size, font: this.fonts.bold });
        if (valueLine)
          this.page.drawText(valueLine, { x: MARGIN.left + indent + labelWidth + 8, y: this.y, size, font: this.fonts.regular });
        this.y -= lineHeight - size;
      }
      this.y -= 2;
    }
    this.y -= 4;
  }

  /** A table whose cells wrap; the header row repeats on every page the table continues on. */
  /**
   * The columns' widths in points: proportional to their weights, except that a column is widened to
   * its longest word where the others can give up the room (so "Потерпевший" is not broken across
   * lines); a word that fits no column (a hash) is still broken by characters.
   */
  columnWidths(columns: Array<{ title: string; width: number }>, rows: string[][], size: number): number[] {
    const padding = 6;
    // Tokens longer than any word of prose (hashes, ids, URLs) are left to break by characters.
    const words = (text: string) =>
      printable(text)
        .split(/\s+/)
        .filter((word) => [...word].length <= 24);
    const longestWord = (text: string, bold: boolean) => Math.max(0, ...words(text).map((word) => this.measure(word, size, bold)));
    const needed = columns.map(
      (column, i) => Math.max(longestWord(column.title, true), ...rows.map((row) => longestWord(row[i] ?? '', false))) + padding,
    );
    const fixed = new Set<number>();
    for (;;) {
      const free = this.width - [...fixed].reduce((sum, i) => sum + needed[i]!, 0);
      const weight = columns.reduce((sum, column, i) => sum + (fixed.has(i) ? 0 : column.width), 0);
      const widths = columns.map((column, i) => (fixed.has(i) ? needed[i]! : (column.width / weight) * free));
      const short = widths.findIndex((width, i) => !fixed.has(i) && width < needed[i]!);
      if (short < 0) return widths;
      fixed.add(short);
      const sumFixed = [...fixed].reduce((sum, i) => sum + needed[i]!, 0);
      if (fixed.size === columns.length && sumFixed <= this.width) return needed.map((width) => (width / sumFixed) * this.width);
      // When the longest words together are wider than the page, the plain proportions are the fairest.
      if (sumFixed > this.width) {
        const total = columns.reduce((sum, column) => sum + column.width, 0);
        return columns.map((column) => (column.width / total) * this.width);
      }
    }
  }

  table(columns: Array<{ title: string; width: number }>, fullRows: string[][], options: { size?: number } = {}): void {
    const rows = fullRows.map((row) => row.map((cell) => this.capped(cell, MAX_CELL_CHARS)));
    const size = options.size ?? 8.5;
    const lineHeight = size * 1.3;
    const widths = this.columnWidths(columns, rows, size);
    const wrapRow = (cells: string[], bold: boolean) => cells.map((cell, i) => this.wrap(cell || '—', size, widths[i]! - 6, bold));
    const drawRow = (wrapped: string[][], bold: boolean) => {
      const count = Math.max(...wrapped.map((lines) => lines.length));
      for (let line = 0; line < count; line++) {
        // Only a row taller than a page is split across pages.
        if (this.room < lineHeight) this.newPage();
        this.y -= size;
        let x = MARGIN.left;
        wrapped.forEach((lines, i) => {
          const text = lines[line];
          if (text) this.page.drawText(text, { x, y: this.y, size, font: bold ? this.fonts.bold : this.fonts.regular });
          x += widths[i]!;
        });
        this.y -= lineHeight - size;
      }
      this.page.drawLine({
        start: { x: MARGIN.left, y: this.y - 1.5 },
        end: { x: MARGIN.left + this.width, y: this.y - 1.5 },
        thickness: bold ? 0.8 : 0.3,
        color: GREY,
      });
      this.y -= 4;
    };
    const height = (wrapped: string[][]) => Math.max(...wrapped.map((lines) => lines.length)) * lineHeight + 4;
    const header = wrapRow(
      columns.map((c) => c.title),
      true,
    );
    const fitsOnePage = (wrapped: string[][]) => height(wrapped) + height(header) <= PAGE_SIZE[1] - MARGIN.top - MARGIN.bottom;
    const first = rows[0] && wrapRow(rows[0], false);
    // The header stays with the first row (or a line of it when that row is taller than a page).
    this.ensureRoom(height(header) + (first && fitsOnePage(first) ? height(first) : lineHeight));
    drawRow(header, true);
    for (const row of rows) {
      const wrapped = wrapRow(row, false);
      if (fitsOnePage(wrapped) && this.room < height(wrapped)) {
        // A row that does not fit goes whole onto a new page, under the header again.
        this.newPage();
        drawRow(header, true);
      }
      drawRow(wrapped, false);
    }
    this.y -= 6;
  }
}

/** A clickable link annotation over `rect` ([x1, y1, x2, y2]). */
export function addLink(page: PDFPage, url: string, rect: [number, number, number, number]): void {
  const context = page.doc.context;
  const annotation = context.obj({
    Type: 'Annot',
    Subtype: 'Link',
    Rect: rect,
    Border: [0, 0, 0],
    A: { Type: 'Action', S: 'URI', URI: PDFString.of(url) },
  });
  addAnnotation(page, context.register(annotation));
}

/** A link to another page of the same document (contents entries). */
export function addPageLink(page: PDFPage, target: PDFPage, rect: [number, number, number, number]): void {
  const context = page.doc.context;
  const annotation = context.obj({ Type: 'Annot', Subtype: 'Link', Rect: rect, Border: [0, 0, 0], Dest: [target.ref, PDFName.of('Fit')] });
  addAnnotation(page, context.register(annotation));
}

function addAnnotation(page: PDFPage, ref: ReturnType<PDFDocument['context']['register']>): void {
  const annots = page.node.lookupMaybe(PDFName.of('Annots'), PDFArray);
  if (annots) annots.push(ref);
  else page.node.set(PDFName.of('Annots'), page.doc.context.obj([ref]));
}
