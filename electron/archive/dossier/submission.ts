/**
 * The submission report: several cases for a UN special procedure, the OSCE or a parliament —
 * cover, introduction, statistics, the list of persons concerned ("Attachment 1", also attached as
 * CSV), consent (powers of attorney), then each case: its record, status history, facts of detention,
 * timeline, sources as numbered notes and exhibit index; and the same signed manifest.
 */
import type { PDFPage } from 'pdf-lib';
import type { CaseSummary } from '../../../shared/model.ts';
import { CASE_STATUSES } from '../../../shared/schemas.ts';
import type { DossierReader, ManifestSeal } from './access.ts';
import { ArchiveError } from '../errors.ts';
import { DossierBuilder, exhibitRecord, writeDossierFile, type ExhibitRecord } from './builder.ts';
import { exportViews, type CaseView } from './case-view.ts';
import { withheldCounts, withheldSummary } from './withheld.ts';
import { CONCERNED_ROLES, drawCaseSummary, drawStatistics, OFFICIAL_ROLES } from './submission-sections.ts';
import { drawConsent } from './submission-facts.ts';
import { Pseudonyms } from './pseudonyms.ts';
import { checkCommonOptions, defaultPreparer, drawContents, statusText, type CommonExportOptions, type DossierResult } from './common.ts';
import { labelsFor, type DossierLabels } from './labels.ts';
import { keyFingerprint, sha256Hex } from './manifest.ts';

export interface SubmissionOptions extends CommonExportOptions {
  caseIds?: string[];
  /** "status=pre-trial detention; article=272; region=Almaty" — every condition must hold. */
  filter?: string;
  intro?: string;
  title?: string;
}

const FILTER_KEYS = ['status', 'article', 'region'] as const;

/** Parses a case filter (`status=pre-trial-detention; article=272`); status is written as in the list of statuses, with spaces or hyphens. */
export function parseCaseFilter(text: string): Partial<Record<(typeof FILTER_KEYS)[number], string>> {
  const filter: Partial<Record<(typeof FILTER_KEYS)[number], string>> = {};
  for (const part of text
    .split(';')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const match = /^([a-z]+)\s*=\s*(.+)$/i.exec(part);
    const key = match?.[1]?.toLowerCase() as (typeof FILTER_KEYS)[number] | undefined;
    if (!match || !key || !FILTER_KEYS.includes(key))
      throw new ArchiveError(
        'validation',
        `a case filter takes KEY=VALUE conditions separated by ";" with KEY one of ${FILTER_KEYS.join(', ')} (got "${part}")`,
        { option: 'filter' },
      );
    let value = match[2]!.trim();
    if (key === 'status') {
      value = value.toLowerCase().replace(/\s+/g, '-');
      if (!(CASE_STATUSES as readonly string[]).includes(value))
        throw new ArchiveError('validation', `unknown status "${match[2]}" in the case filter; use one of ${CASE_STATUSES.join(', ')}`, {
          option: 'filter',
        });
    }
    filter[key] = value;
  }
  if (Object.keys(filter).length === 0) throw new ArchiveError('validation', 'the case filter is empty', { option: 'filter' });
  return filter;
}

function selectCases(archive: DossierReader, options: SubmissionOptions): CaseSummary[] {
  const all = archive.listCases();
  if (options.caseIds?.length) {
    return options.caseIds.map((id) => {
      const found = all.find((c) => c.id === id);
      if (!found) throw new ArchiveError('not-found', `no case ${id} in this vault`, { option: 'cases' });
      return found;
    });
  }
  if (!options.filter)
    throw new ArchiveError('validation', 'choose the cases, or give a case filter such as "status=pre-trial-detention"', {
      option: 'cases',
    });
  const filter = parseCaseFilter(options.filter);
  const selected = all.filter(
    (c) =>
      (!filter.status || c.status === filter.status) &&
      (!filter.article || c.articles.includes(filter.article)) &&
      (!filter.region || (c.region ?? '').toLowerCase() === filter.region.toLowerCase()),
  );
  if (selected.length === 0) throw new ArchiveError('not-found', `no case matches the filter "${options.filter}"`, { option: 'filter' });
  return selected;
}

export async function exportSubmission(archive: DossierReader, seal: ManifestSeal, options: SubmissionOptions): Promise<DossierResult> {
  const { prefix, language, target } = checkCommonOptions(options, archive.dir);
  const labels = labelsFor(language);
  const includeConfidential = options.includeConfidential ?? false;
  const selected = selectCases(archive, options);
  const {
    pseudonyms,
    views: shown,
    withheldCases,
    pseudonymised,
  } = exportViews(
    archive,
    selected.map((c) => c.id),
    { includeConfidential, includeItems: new Set(options.includeItems ?? []) },
    new Pseudonyms(labels.pseudonym),
  );
  if (shown.length === 0)
    throw new ArchiveError('forbidden', 'every selected case is confidential; include confidential cases to export them', {
      option: 'includeConfidential',
    });
  const redact = (text: string) => pseudonyms.redact(text);
  const dossierId = seal.dossierId;
  const builder = await DossierBuilder.create(archive, seal, labels, { prefix, start: options.batesStart });
  const { ts } = builder;
  const progress = options.onProgress ?? (() => {});
  const title = options.title ?? labels.submission;

  // Cover
  const cover = ts.newPage();
  ts.space(120);
  ts.text(labels.submission.toUpperCase(), { size: 11, grey: true, after: 6 });
  ts.text(redact(title), { size: 22, bold: true, after: 18 });
  ts.fields(
    [
      [labels.case, labels.caseCount(shown.length)],
      [labels.preparedBy, options.preparedBy ?? defaultPreparer()],
      [labels.date, builder.createdAt.slice(0, 10)],
      [labels.signingKey, keyFingerprint(builder.publicKey)],
      [labels.pdfCertificate, builder.pdfCertificate],
      [labels.dossierId, dossierId],
    ],
    { size: 10.5, labelWidth: 170 },
  );
  const allWithheld = { withheld: shown.flatMap((v) => v.withheld), unredacted: new Set(shown.flatMap((v) => [...v.unredacted])) };
  ts.text(
    [labels.withheldCases(withheldCases), withheldSummary(labels, allWithheld), labels.withheldPersons(pseudonymised)]
      .filter(Boolean)
      .join(' '),
    {
      size: 9.5,
      grey: true,
    },
  );
  ts.endPage();
  builder.outline.push({ title: redact(title), page: cover });

  const parts: Array<{ title: string; page: PDFPage; indent: number }> = [];
  if (options.intro?.trim()) {
    parts.push({ title: labels.introduction, page: builder.section(labels.introduction), indent: 0 });
    ts.text(redact(options.intro), { size: 10.5 });
  }
  parts.push({ title: labels.statistics, page: builder.section(labels.statistics), indent: 0 });
  const rows = personRows(labels, shown, redact, CONCERNED_ROLES);
  ts.text(labels.personsCount(rows.length), { size: 10.5, bold: true, after: 6 });
  drawStatistics(ts, labels, shown);

  parts.push({ title: labels.attachment1, page: builder.section(labels.attachment1), indent: 0 });
  ts.text(labels.csvAttached, { size: 9, grey: true, after: 6 });
  ts.table(
    [
      { title: labels.number, width: 0.6 },
      { title: labels.name, width: 2.6 },
      { title: labels.roleColumn, width: 1.5 },
      { title: labels.case, width: 2.2 },
      { title: labels.status, width: 1.6 },
      { title: labels.region, width: 1.3 },
      { title: labels.charges, width: 1.7 },
    ],
    rows.map((r) => [r.number, r.aliases ? `${r.name}\n(${r.aliases})` : r.name, r.role, r.caseTitle, r.status, r.region, r.articles]),
  );
  const officials = personRows(labels, shown, redact, OFFICIAL_ROLES);
  if (officials.length > 0) {
    ts.heading(labels.officialsList, 2);
    ts.table(
      [
        { title: labels.number, width: 0.6 },
        { title: labels.name, width: 3 },
        { title: labels.roleColumn, width: 2 },
        { title: labels.case, width: 3 },
      ],
      officials.map((r) => [r.number, r.name, r.role, r.caseTitle]),
    );
  }
  builder.attachments.push({
    name: 'persons.csv',
    bytes: Buffer.from(toCsv(rows), 'utf8'),
    mimeType: 'text/csv',
    description: labels.attachment1,
  });

  parts.push({ title: labels.consent, page: builder.section(labels.consent), indent: 0 });
  drawConsent(
    ts,
    labels,
    shown.map((view) => view.detail),
    redact,
  );

  const exhibits: ExhibitRecord[] = [];
  let nextNote = 1;
  const caseParts: Array<{ title: string; page: PDFPage; indent: number }> = [];
  for (const [index, view] of shown.entries()) {
    progress({ phase: 'exhibits', done: index, total: shown.length });
    const caseTitle = `${index + 1}. ${redact(view.detail.title)}`;
    const page = builder.section(caseTitle);
    caseParts.push({ title: caseTitle, page, indent: 14 });
    nextNote = drawCaseSummary(ts, labels, view, index + 1, redact, nextNote);
    view.exhibits.forEach((item, n) =>
      exhibits.push(exhibitRecord(`${index + 1}.${n + 1}`, item, redact, { pages: [], included: 'listed', attachment: null, note: null })),
    );
  }
  progress({ phase: 'assembling', done: 0, total: 1 });
  const checkpoint = seal.checkpoint(`submission ${dossierId}`);
  const contents = () => [...parts, ...caseParts, { title: labels.verification, page: builder.verificationPage ?? cover, indent: 0 }];
  const toc = await builder.reserve((t) => drawContents(t, labels, contents(), () => 0), builder.doc.getPage(1));
  const { bytes, manifest } = await builder.finish({
    kind: 'submission',
    cases: shown.map((v) => ({ id: v.detail.id, title: redact(v.detail.title) })),
    exhibits,
    withheld: withheldCounts(allWithheld, withheldCases, pseudonymised),
    title: redact(title),
    checkpoint,
    fill: () => builder.fill(toc, (t) => drawContents(t, labels, contents(), (page) => builder.pageNumber(page))),
  });
  progress({ phase: 'writing', done: 0, total: 1 });
  await writeDossierFile(target, bytes);
  const sha256 = sha256Hex(bytes);
  seal.recordExported(
    { cases: shown.map((v) => v.detail.id), items: [] },
    {
      what: 'submission',
      dossier: dossierId,
      file: target.split(/[\\/]/).pop(),
      sha256,
      pages: manifest.pages,
      bates: { prefix, first: builder.batesStart, last: builder.batesStart + manifest.pages - 1 },
    },
  );
  progress({ phase: 'writing', done: 1, total: 1 });
  return { file: target, dossierId, sha256, pages: manifest.pages, manifest };
}

interface PersonRow {
  number: string;
  name: string;
  aliases: string;
  role: string;
  caseTitle: string;
  caseId: string;
  status: string;
  region: string;
  articles: string;
}

/** One row per person across the cases, their roles merged; `concerned` picks persons concerned or officials. */
function personRows(labels: DossierLabels, views: CaseView[], redact: (text: string) => string, roles: Set<string>): PersonRow[] {
  const byPerson = new Map<string, { person: CaseView['persons'][number]; roles: Set<string>; views: CaseView[] }>();
  for (const view of views)
    for (const person of view.persons) {
      if (!person.roles.some((role) => roles.has(role))) continue;
      const entry = byPerson.get(person.personId) ?? { person, roles: new Set<string>(), views: [] };
      for (const role of person.roles) if (roles.has(role)) entry.roles.add(role);
      entry.views.push(view);
      byPerson.set(person.personId, entry);
    }
  return [...byPerson.values()].map(({ person, roles: personRoles, views: personViews }, index) => ({
    number: String(index + 1),
    name: person.label,
    aliases: person.aliases.join('; '),
    role: [...personRoles].map(labels.role).join(', '),
    caseTitle: personViews.map((v) => redact(v.detail.title)).join('; '),
    caseId: personViews.map((v) => v.detail.id).join('; '),
    status: personViews
      .map((v) => statusText(labels, v.detail.status, v.detail.statusHistory.at(-1)?.statusOther) || labels.unknown)
      .join('; '),
    region: personViews.map((v) => [v.detail.city, v.detail.region].filter(Boolean).join(', ')).join('; '),
    articles: personViews
      .map((v) => v.detail.charges.map((c) => labels.article(c.article, c.part)).join(', ') || labels.noCharge)
      .join('; '),
  }));
}

/** RFC 4180 CSV with a UTF-8 byte-order mark, so spreadsheet programs read Cyrillic and Kazakh correctly. */
function toCsv(rows: PersonRow[]): string {
  const quote = (value: string) => (/[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
  const header = ['no', 'name', 'aliases', 'role', 'case', 'case_id', 'status', 'region', 'articles'];
  const lines = rows.map((r) =>
    [r.number, r.name, r.aliases, r.role, r.caseTitle, r.caseId, r.status, r.region, r.articles].map(quote).join(','),
  );
  return `\ufeff${[header.join(','), ...lines].join('\r\n')}\r\n`;
}
