/** Options, checks and small formatting shared by the case dossier and the submission report. */
import os from 'node:os';
import path from 'node:path';
import { existsSync, statSync } from 'node:fs';
import type { ChargeEntry, ItemSummary, StatusEntry } from '../../../shared/model.ts';
import { ArchiveError } from '../errors.ts';
import { assertOutsideVault } from '../exports.ts';
import { DOSSIER_LANGUAGES, type DossierLabels, type DossierLanguage } from './labels.ts';
import type { DossierProgress } from './builder.ts';
import type { DossierManifest } from './manifest.ts';
import type { PDFPage } from 'pdf-lib';
import { addPageLink, MARGIN, PAGE_SIZE, type Typesetter } from './typesetter.ts';

export interface CommonExportOptions {
  out: string;
  batesPrefix?: string;
  /** The first page's Bates number; by default the vault's next unused number for the prefix. */
  batesStart?: number;
  language?: DossierLanguage;
  includeConfidential?: boolean;
  /** Items to include although their text names a protected person (the dossier says they are not redacted). */
  includeItems?: string[];
  /** Who prepared the dossier, as printed on the cover (default: the operating-system user). */
  preparedBy?: string;
  onProgress?: (progress: DossierProgress) => void;
}

export interface DossierResult {
  file: string;
  dossierId: string;
  /** SHA-256 of the whole PDF file as written (also recorded in the custody log). */
  sha256: string;
  pages: number;
  manifest: DossierManifest;
}

export const DEFAULT_BATES_PREFIX = 'CUSTODIA';

export function checkCommonOptions(
  options: CommonExportOptions,
  vaultDir: string,
): { prefix: string; language: DossierLanguage; target: string } {
  const prefix = options.batesPrefix ?? DEFAULT_BATES_PREFIX;
  if (!/^[\p{L}\p{N}][\p{L}\p{N}_.-]{0,23}$/u.test(prefix))
    throw new ArchiveError('validation', `the Bates prefix must be 1–24 letters, digits, "_", "." or "-" (got "${prefix}")`, {
      option: 'batesPrefix',
    });
  if (
    options.batesStart !== undefined &&
    (!Number.isSafeInteger(options.batesStart) || options.batesStart < 1 || options.batesStart > 999_999)
  )
    throw new ArchiveError('validation', `the first Bates number must be a whole number from 1 to 999999 (got ${options.batesStart})`, {
      option: 'batesStart',
    });
  const language = options.language ?? 'en';
  if (!DOSSIER_LANGUAGES.includes(language))
    throw new ArchiveError('validation', `the dossier language must be one of ${DOSSIER_LANGUAGES.join(', ')}`, { option: 'language' });
  const target = path.resolve(options.out);
  if (!target.toLowerCase().endsWith('.pdf'))
    throw new ArchiveError('validation', `the dossier must be saved as a .pdf file (got ${options.out})`, { option: 'out' });
  const dir = path.dirname(target);
  assertOutsideVault(target, vaultDir, 'a dossier');
  if (!existsSync(dir) || !statSync(dir).isDirectory())
    throw new ArchiveError('not-found', `the folder ${dir} does not exist; create it first`);
  if (existsSync(target) && statSync(target).isDirectory()) throw new ArchiveError('validation', `${target} is a folder, not a file name`);
  return { prefix, language, target };
}

export function defaultPreparer(): string {
  try {
    return os.userInfo().username;
  } catch {
    return 'unknown';
  }
}

export const statusText = (labels: DossierLabels, status: string | null, other?: string | null) =>
  status ? (status === 'other' && other ? other : labels.statusName(status)) : '';

export function describeStatus(entry: StatusEntry, labels: DossierLabels): string {
  return `${statusText(labels, entry.status, entry.statusOther)}${entry.since ? ` (${labels.since(entry.since)})` : ''}`;
}

/** The codes the vault names in English by default, and their names in the dossier's language. */
const KNOWN_CODES: Record<string, 'criminalCode' | 'administrativeCode'> = {
  'criminal code': 'criminalCode',
  'administrative code': 'administrativeCode',
  'code of administrative offences': 'administrativeCode',
};

/** "УК РК, ст. 272 ч. 2 — title": a known code in the dossier's language, any other as recorded. */
export function describeCharge(charge: ChargeEntry, labels: DossierLabels): string {
  const known = KNOWN_CODES[charge.code.trim().toLowerCase()];
  const code = known ? labels[known] : charge.code;
  return `${code}, ${labels.article(charge.article, charge.part)}${charge.title ? ` — ${charge.title}` : ''}`;
}

/** A person's name with the other spellings a reader needs beside it: "Алпамыс Нұрболат (Alpamys Nurbolat)". */
export function nameWithAliases(person: { label: string; aliases: string[] }): string {
  const others = distinctAliases(person.label, person.aliases);
  return others.length ? `${person.label} (${others.join(', ')})` : person.label;
}

/** The aliases that differ from the name and from each other (an alias recorded as the name itself is not repeated). */
export function distinctAliases(name: string, aliases: string[]): string[] {
  const key = (text: string) => text.normalize('NFC').replace(/\s+/g, ' ').trim().toLocaleLowerCase();
  const seen = new Set([key(name)]);
  return aliases.filter((alias) => !seen.has(key(alias)) && seen.add(key(alias)));
}

export function describeAcquisition(item: ItemSummary, labels: DossierLabels): string {
  const a = item.acquisition;
  if (!a) return labels.unknown;
  return [
    `${labels.obtainedFrom}: ${a.obtainedFrom}`,
    `${labels.obtainedHow}: ${a.method}`,
    a.obtainedAt ? `${labels.obtainedWhen}: ${a.obtainedAt}` : '',
    a.obtainedBy ? `${labels.obtainedBy}: ${a.obtainedBy}` : '',
  ]
    .filter(Boolean)
    .join('; ');
}

/** One entry of an exhibit index: every field a court or a UN body asks of an exhibit. */
export function drawIndexEntry(
  ts: Typesetter,
  labels: DossierLabels,
  entry: { number: string; item: ItemSummary; bates: string; included: string; redact: (text: string) => string },
): void {
  const { item, redact } = entry;
  ts.ensureRoom(60);
  ts.text(`${labels.exhibit} ${entry.number}   ${entry.bates}`, { size: 10, bold: true, after: 2 });
  ts.fields(
    [
      [labels.title, redact(item.title ?? item.originalName)],
      [labels.type, labels.itemType(item.type)],
      [labels.documentDate, item.documentDate ?? labels.unknown],
      [labels.issuingBody, redact(item.issuingBody ?? labels.unknown)],
      ['SHA-256', item.sha256],
      [labels.file, `${redact(item.originalName)} · ${item.mimeType} · ${item.size} ${labels.byteUnit}`],
      [labels.obtained, redact(describeAcquisition(item, labels))],
      [labels.included, entry.included],
    ],
    { size: 8.5, labelWidth: 110, indent: 10 },
  );
}

export interface ContentsEntry {
  title: string;
  page: PDFPage;
  indent: number;
}

/** Contents: one entry per part (and exhibit), page numbers in a fixed right column, each entry a link to its page. */
export function drawContents(ts: Typesetter, labels: DossierLabels, entries: ContentsEntry[], pageNumber: (page: PDFPage) => number): void {
  ts.heading(labels.contents, 1);
  const size = 10;
  const textWidth = ts.width - 50;
  for (const entry of entries) {
    const bold = entry.indent === 0;
    const lines = ts.wrap(entry.title, size, textWidth - entry.indent, bold);
    ts.ensureRoom(lines.length * size * 1.3);
    const page = ts.page;
    const top = ts.room + MARGIN.bottom;
    ts.text(entry.title, { size, indent: entry.indent, bold, width: textWidth, after: 3 });
    const number = pageNumber(entry.page);
    if (number > 0) {
      const label = String(number);
      page.drawText(label, { x: PAGE_SIZE[0] - MARGIN.right - ts.measure(label, size), y: top - size, size, font: ts.fonts.regular });
      addPageLink(page, entry.page, [MARGIN.left, top - lines.length * size * 1.3 - 2, PAGE_SIZE[0] - MARGIN.right, top]);
    }
  }
}
