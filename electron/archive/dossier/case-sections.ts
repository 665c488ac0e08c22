/**
 * Sections of a case's record that a case dossier and a submission both print: the status history,
 * the timeline with pin cites, and the external sources as numbered notes.
 */
import type { CaseDetail, ExternalSource } from '../../../shared/model.ts';
import { describeStatus } from './common.ts';
import type { DossierLabels } from './labels.ts';
import type { Typesetter } from './typesetter.ts';

type Redact = (text: string) => string;

export function drawStatusHistory(ts: Typesetter, labels: DossierLabels, detail: CaseDetail, level: 2 | 3 = 2): void {
  ts.heading(labels.statusHistory, level);
  if (detail.statusHistory.length === 0) ts.text(labels.unknown);
  for (const entry of detail.statusHistory)
    ts.text(`• ${describeStatus(entry, labels)} — ${labels.recorded} ${entry.recordedAt.slice(0, 10)}`, { size: 9.5, after: 1 });
}

/** `exhibitNumber` answers the printed number of a cited item, or null when it is withheld (no cite then). */
export function drawTimeline(
  ts: Typesetter,
  labels: DossierLabels,
  detail: CaseDetail,
  redact: Redact,
  exhibitNumber: (itemId: string) => string | null,
  level: 2 | 3 = 2,
): void {
  ts.heading(labels.timeline, level);
  if (detail.timeline.length === 0) ts.text(labels.none);
  for (const event of detail.timeline) {
    const date = `${event.approximate ? `${labels.approximate} ` : ''}${event.date}`;
    ts.text(`${date} · ${labels.eventKind(event.kind)}${event.place ? ` · ${redact(event.place)}` : ''}`, {
      bold: true,
      size: 9.5,
      after: 1,
    });
    ts.text(redact(event.description), { indent: 12, size: 9.5 });
    const cites = event.citations.flatMap(({ itemId, page }) => {
      const number = exhibitNumber(itemId);
      return number === null ? [] : [labels.pinCite(number, page)];
    });
    if (cites.length > 0) ts.text(`${labels.cites}: ${cites.join('; ')}`, { indent: 12, size: 9 });
  }
}

/** Numbered notes "[n] title — publisher, accessed …" with the URL as a link; answers the next free number. */
export function drawSources(
  ts: Typesetter,
  labels: DossierLabels,
  sources: ExternalSource[],
  redact: Redact,
  first = 1,
  level: 2 | 3 = 2,
): number {
  ts.heading(labels.sources, level);
  if (sources.length === 0) ts.text(labels.none);
  let number = first;
  for (const source of sources) {
    const publisher = source.publisher ? ` — ${redact(source.publisher)}` : '';
    ts.text(`[${number}] ${redact(source.title)}${publisher} (${labels.accessed} ${source.accessedAt})`, { size: 9.5, after: 1 });
    ts.text(source.url, { size: 9, indent: 18, link: source.url, after: source.note ? 1 : 4 });
    if (source.note) ts.text(redact(source.note), { size: 9, indent: 18, grey: true });
    number += 1;
  }
  return number;
}
