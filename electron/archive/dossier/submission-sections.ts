/** The submission's statistics and its part for each case (record, facts of detention, timeline, notes, exhibit index). */
import { drawSources, drawStatusHistory, drawTimeline } from './case-sections.ts';
import type { CaseView } from './case-view.ts';
import { describeCharge, describeStatus, nameWithAliases, statusText } from './common.ts';
import type { DossierLabels } from './labels.ts';
import { drawDetentionFacts } from './submission-facts.ts';
import type { Typesetter } from './typesetter.ts';
import { withheldSummary } from './withheld.ts';

/** The persons whose rights are at stake; officials and alleged perpetrators are listed apart. */
export const CONCERNED_ROLES = new Set(['defendant', 'victim']);
export const OFFICIAL_ROLES = new Set(['official', 'alleged-perpetrator']);

function countBy(values: string[]): Array<[string, number]> {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
}

export function drawStatistics(ts: Typesetter, labels: DossierLabels, views: CaseView[]): void {
  const table = (heading: string, counts: Array<[string, number]>) => {
    ts.heading(heading, 2);
    ts.table(
      [
        { title: heading, width: 4 },
        { title: labels.count, width: 1 },
      ],
      counts.map(([key, n]) => [key, String(n)]),
      { size: 9.5 },
    );
  };
  table(
    labels.byStatus,
    countBy(views.map((v) => statusText(labels, v.detail.status, v.detail.statusHistory.at(-1)?.statusOther) || labels.unknown)),
  );
  table(
    labels.byArticle,
    // Article parts are kept (272 part 2 is not 272 part 1); a case without a charge says so.
    countBy(
      views.flatMap((v) =>
        v.detail.charges.length ? [...new Set(v.detail.charges.map((c) => labels.article(c.article, c.part)))] : [labels.noCharge],
      ),
    ),
  );
  table(labels.byRegion, countBy(views.map((v) => v.detail.region ?? labels.unknown)));
  const year = (v: CaseView) => (v.detail.statusHistory.find((s) => s.since)?.since ?? v.detail.createdAt).slice(0, 4);
  table(
    labels.byYear,
    countBy(views.map(year)).sort((a, b) => (a[0] < b[0] ? -1 : 1)),
  );
}

/**
 * One case of the submission. Its exhibits are numbered "case.n"; its sources continue the
 * submission's note numbers from `firstNote`, and the next free number is answered.
 */
export function drawCaseSummary(
  ts: Typesetter,
  labels: DossierLabels,
  view: CaseView,
  caseNumber: number,
  redact: (text: string) => string,
  firstNote: number,
): number {
  const { detail } = view;
  const latest = detail.statusHistory.at(-1);
  ts.fields([
    [labels.reference, detail.reference ?? labels.none],
    [labels.status, latest ? describeStatus(latest, labels) : labels.unknown],
    [labels.charges, detail.charges.map((c) => redact(describeCharge(c, labels))).join('\n') || labels.noCharge],
    [labels.region, [detail.city, detail.region].filter(Boolean).join(', ') || labels.unknown],
    [labels.persons, view.persons.map((p) => `${nameWithAliases(p)} (${p.roles.map(labels.role).join(', ')})`).join('\n') || labels.none],
  ]);
  if (detail.narrative) ts.text(redact(detail.narrative), { size: 9.5, after: 8 });
  drawStatusHistory(ts, labels, detail, 3);
  drawDetentionFacts(
    ts,
    labels,
    view,
    view.persons.filter((p) => p.roles.some((role) => CONCERNED_ROLES.has(role))),
    redact,
  );
  drawTimeline(
    ts,
    labels,
    detail,
    redact,
    (itemId) => {
      const index = view.exhibits.findIndex((item) => item.id === itemId);
      return index < 0 ? null : `${caseNumber}.${index + 1}`;
    },
    3,
  );
  const nextNote = drawSources(ts, labels, detail.sources, redact, firstNote, 3);
  ts.heading(labels.exhibitIndex, 3);
  ts.text(withheldSummary(labels, view), { size: 9, grey: true });
  if (view.exhibits.length === 0) return nextNote;
  ts.table(
    [
      { title: labels.number, width: 0.7 },
      { title: `${labels.type} / ${labels.documentDate}`, width: 1.8 },
      { title: `${labels.title} / ${labels.issuingBody}`, width: 3 },
      { title: 'SHA-256', width: 3.2 },
    ],
    view.exhibits.map((item, n) => [
      `${caseNumber}.${n + 1}`,
      `${labels.itemType(item.type)}${item.documentDate ? `\n${item.documentDate}` : ''}`,
      `${redact(item.title ?? item.originalName)}${item.issuingBody ? `\n${redact(item.issuingBody)}` : ''}`,
      item.sha256,
    ]),
    { size: 7.5 },
  );
  return nextNote;
}
