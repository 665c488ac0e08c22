/**
 * The case dossier: cover, contents, summary, exhibit index, the exhibits, the chain of custody,
 * and a verification page with the signed manifest attached. Confidential items are left out and
 * confidential persons pseudonymised unless asked otherwise; the dossier says how many were withheld.
 */
import type { DossierReader, ManifestSeal } from './access.ts';
import { ArchiveError } from '../errors.ts';
import { DossierBuilder, exhibitRecord, writeDossierFile } from './builder.ts';
import { exportViews, isConfidential, type CaseView } from './case-view.ts';
import { drawCustody } from './custody-appendix.ts';
import { drawSources, drawStatusHistory, drawTimeline } from './case-sections.ts';
import { drawWithheldList, withheldCounts, withheldSummary } from './withheld.ts';
import { Pseudonyms } from './pseudonyms.ts';
import {
  checkCommonOptions,
  defaultPreparer,
  describeCharge,
  nameWithAliases,
  describeStatus,
  drawContents,
  drawIndexEntry,
  statusText,
  type CommonExportOptions,
  type DossierResult,
} from './common.ts';
import { renderExhibit, type ExhibitContext, type ExhibitOutcome } from './exhibits.ts';
import { labelsFor, type DossierLabels } from './labels.ts';
import { keyFingerprint, sha256Hex } from './manifest.ts';
import type { Typesetter } from './typesetter.ts';

export interface CaseDossierOptions extends CommonExportOptions {
  caseId: string;
  /** Embed video, audio and other files that cannot be shown on pages (else they are listed as available on request). */
  attachMedia?: boolean;
  /** Attach the original PDF, image or text file of every exhibit shown on pages too, so its SHA-256 can be checked. */
  attachOriginals?: boolean;
}

interface PlacedExhibit {
  number: string;
  item: CaseView['exhibits'][number];
  outcome: ExhibitOutcome;
}

export async function exportCaseDossier(archive: DossierReader, seal: ManifestSeal, options: CaseDossierOptions): Promise<DossierResult> {
  const { prefix, language, target } = checkCommonOptions(options, archive.dir);
  const labels = labelsFor(language);
  const includeConfidential = options.includeConfidential ?? false;
  if (isConfidential(archive.getCase(options.caseId)) && !includeConfidential)
    throw new ArchiveError('forbidden', `case ${options.caseId} is marked confidential; include confidential cases to export it`, {
      option: 'includeConfidential',
    });
  const { pseudonyms, views, pseudonymised } = exportViews(
    archive,
    [options.caseId],
    { includeConfidential, includeItems: new Set(options.includeItems ?? []) },
    new Pseudonyms(labels.pseudonym),
  );
  const view = views[0]!;
  const redact = (text: string) => pseudonyms.redact(text);
  const dossierId = seal.dossierId;
  const builder = await DossierBuilder.create(archive, seal, labels, { prefix, start: options.batesStart });
  const { ts } = builder;
  const progress = options.onProgress ?? (() => {});

  drawCover(builder, view, redact, options.preparedBy ?? defaultPreparer());
  const summaryPage = builder.section(labels.summary);
  drawSummary(ts, labels, view, redact);

  // Exhibits: each starts on a new page; the index (inserted before them) is drawn at the end, with Bates numbers.
  ts.endPage();
  const firstAfterSummary = builder.doc.getPageCount();
  const context: ExhibitContext = {
    archive,
    ts,
    labels,
    attachMedia: options.attachMedia ?? false,
    attachOriginals: options.attachOriginals ?? false,
    attachments: builder.attachments,
    attachedBytes: 0,
    retained: [],
    heldBytes: 0,
    redact,
  };
  const placed: PlacedExhibit[] = [];
  for (const [index, item] of view.exhibits.entries()) {
    progress({ phase: 'exhibits', done: index, total: view.exhibits.length });
    const number = String(index + 1);
    const outcome = await renderExhibit(context, item, number);
    const notice = view.unredacted.has(item.id) ? ` · ${labels.notRedacted}` : '';
    for (const page of outcome.pages) builder.pageExhibit.set(page, `${labels.exhibit} ${number}${notice}`);
    placed.push({ number, item, outcome });
  }
  progress({ phase: 'exhibits', done: view.exhibits.length, total: view.exhibits.length });
  progress({ phase: 'assembling', done: 0, total: 1 });

  const events = new Map(view.exhibits.map((item) => [item.id, archive.custodyEvents(item.id)]));
  const custodyPage = builder.section(labels.custodyAppendix);
  drawCustody(ts, labels, placed, events, redact);
  // Only events that print no protected name are attached in their signed form.
  const attachable = [...events.values()].flat().filter((event) => redact(JSON.stringify(event)) === JSON.stringify(event));
  builder.attachCustodyEvents(attachable.sort((a, b) => a.seq - b.seq));
  const checkpoint = seal.checkpoint(`dossier ${dossierId}`);

  const marker = builder.doc.getPage(firstAfterSummary);
  const indexDraw = (t: Typesetter) => {
    t.heading(labels.exhibitIndex, 1);
    t.text(withheldSummary(labels, view), { size: 9.5, after: 8 });
    for (const { number, item, outcome } of placed) {
      const range = builder.batesRange(outcome.pages);
      drawIndexEntry(t, labels, {
        number,
        item,
        bates: range ? `${range.first} – ${range.last}` : labels.none,
        included: `${describeOutcome(labels, outcome)}${view.unredacted.has(item.id) ? `\n${labels.unredacted}` : ''}`,
        redact,
      });
    }
    drawWithheldList(t, labels, view, redact);
  };
  const index = await builder.reserve(indexDraw, marker);
  builder.outline.push({
    title: labels.exhibitIndex,
    page: index.pages[0]!,
  });
  const exhibitEntries = placed.filter((p) => p.outcome.pages.length > 0);
  if (exhibitEntries.length > 0) {
    builder.outline.push({
      title: labels.exhibits,
      page: exhibitEntries[0]!.outcome.pages[0]!,
      children: exhibitEntries.map((p) => ({
        title: `${labels.exhibit} ${p.number}: ${redact(p.item.title ?? p.item.originalName)}`,
        page: p.outcome.pages[0]!,
      })),
    });
  }
  const tocEntries = () => [
    { title: labels.summary, page: summaryPage, indent: 0 },
    { title: labels.exhibitIndex, page: index.pages[0]!, indent: 0 },
    ...placed.map((p) => ({
      title: `${labels.exhibit} ${p.number}: ${redact(p.item.title ?? p.item.originalName)}`,
      page: p.outcome.pages[0] ?? index.pages[0]!,
      indent: 14,
    })),
    { title: labels.custodyAppendix, page: custodyPage, indent: 0 },
    { title: labels.verification, page: builder.verificationPage ?? custodyPage, indent: 0 },
  ];
  const toc = await builder.reserve((t) => drawContents(t, labels, tocEntries(), () => 0), builder.doc.getPage(1));

  const exhibits = placed.map(({ number, item, outcome }) => exhibitRecord(number, item, redact, outcome));
  const { bytes, manifest } = await builder.finish({
    kind: 'case-dossier',
    cases: [{ id: view.detail.id, title: redact(view.detail.title) }],
    exhibits,
    withheld: withheldCounts(view, 0, pseudonymised),
    title: redact(view.detail.title),
    checkpoint,
    fill: () => {
      builder.fill(index, indexDraw);
      builder.fill(toc, (t) => drawContents(t, labels, tocEntries(), (page) => builder.pageNumber(page)));
    },
  });
  // The saved bytes are a copy: the plaintext read from the vault can go.
  for (const attachment of builder.attachments) if (attachment.name.startsWith('exhibit-')) attachment.bytes.fill(0);
  for (const buffer of context.retained) buffer.fill(0);

  progress({ phase: 'writing', done: 0, total: 1 });
  await writeDossierFile(target, bytes);
  const sha256 = sha256Hex(bytes);
  seal.recordExported(
    // Only exhibits whose contents went out (on pages or attached); a listed-only exhibit's file did not leave the vault.
    { cases: [view.detail.id], items: placed.filter((p) => p.outcome.included !== 'listed').map((p) => p.item.id) },
    {
      what: 'dossier',
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

function describeOutcome(labels: DossierLabels, outcome: ExhibitOutcome): string {
  const how =
    outcome.included === 'pages'
      ? labels.includedPages(outcome.pages.length)
      : outcome.included === 'attached'
        ? labels.includedAttached(outcome.attachment!)
        : labels.availableOnRequest;
  return outcome.note ? `${how} — ${outcome.note}` : how;
}

function drawCover(builder: DossierBuilder, view: CaseView, redact: (text: string) => string, preparedBy: string): void {
  const { ts, labels } = builder;
  const { detail } = view;
  const page = ts.newPage();
  ts.space(120);
  ts.text(labels.caseDossier.toUpperCase(), { size: 11, grey: true, after: 6 });
  ts.text(redact(detail.title), { size: 22, bold: true, after: 6 });
  if (detail.reference) ts.text(`${labels.reference}: ${detail.reference}`, { size: 11, after: 18 });
  ts.space(12);
  const latest = detail.statusHistory[detail.statusHistory.length - 1];
  ts.fields(
    [
      [labels.persons, view.persons.map((p) => `${nameWithAliases(p)} (${p.roles.map(labels.role).join(', ')})`).join('\n') || labels.none],
      [labels.status, latest ? describeStatus(latest, labels) : statusText(labels, detail.status) || labels.unknown],
      [labels.charges, detail.charges.map((c) => describeCharge(c, labels)).join('\n') || labels.noCharge],
      [labels.preparedBy, preparedBy],
      [labels.date, builder.createdAt.slice(0, 10)],
      [labels.signingKey, keyFingerprint(builder.publicKey)],
      [labels.pdfCertificate, builder.pdfCertificate],
      [labels.dossierId, builder.dossierId],
    ],
    { size: 10.5, labelWidth: 170 },
  );
  ts.space(10);
  ts.text(
    [withheldSummary(labels, view), labels.withheldPersons(view.persons.filter((p) => p.pseudonymised).length)].filter(Boolean).join(' '),
    {
      size: 9.5,
      grey: true,
    },
  );
  ts.endPage();
  builder.outline.push({ title: redact(detail.title), page });
}

function drawSummary(ts: Typesetter, labels: DossierLabels, view: CaseView, redact: (text: string) => string): void {
  const { detail } = view;
  drawStatusHistory(ts, labels, detail);
  ts.heading(labels.charges, 2);
  if (detail.charges.length === 0) ts.text(labels.noCharge);
  for (const charge of detail.charges) ts.text(`• ${redact(describeCharge(charge, labels))}`);
  ts.heading(labels.personsAndRoles, 2);
  if (view.persons.length === 0) ts.text(labels.none);
  else
    ts.table(
      [
        { title: labels.name, width: 3 },
        { title: labels.roleColumn, width: 2 },
      ],
      view.persons.map((p) => [nameWithAliases(p), p.roles.map(labels.role).join(', ')]),
      { size: 9.5 },
    );
  if (detail.region || detail.city) ts.text(`${labels.region}: ${[detail.city, detail.region].filter(Boolean).join(', ')}`);
  // Exhibits are numbered in view order; a cited item that is withheld gets no cite.
  drawTimeline(ts, labels, detail, redact, (itemId) => {
    const index = view.exhibits.findIndex((item) => item.id === itemId);
    return index < 0 ? null : String(index + 1);
  });
  ts.heading(labels.narrative, 2);
  ts.text(detail.narrative ? redact(detail.narrative) : labels.none, { size: 10 });
  drawSources(ts, labels, detail.sources, redact);
}
