import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Archive } from '../../electron/archive/index.ts';
import type { CaseDetail } from '../../shared/model.ts';

/**
 * A case with every kind of record an exchange must carry: two people (one confidential, one with
 * two roles), charges, a status change, two timeline events linked to an item and a person, a
 * source archived as an item, an item linked to a person, and two powers of attorney (one revoked).
 */
export async function buildRichCase(archive: Archive, dir: string): Promise<string> {
  const caseId = archive.addCase({
    title: 'Дело Нурлана К.',
    reference: '1-77/2022',
    region: 'Алматы',
    city: 'Алматы',
    narrative: 'Detained after the January protests; sentenced in September.',
    tags: ['january-2022', 'protest'],
    confidentiality: 'restricted',
    charges: [
      { article: '174', part: '2', title: 'Incitement of discord' },
      { code: 'Administrative Code', article: '488.6' },
    ],
    status: 'pre-trial-detention',
    statusSince: '2022-01-06',
  });
  archive.setCaseStatus(caseId, { status: 'sentenced', statusSince: '2022-09-01' });
  const defendant = archive.addPerson(
    { name: 'Nurlan K.', aliases: ['Нурлан К.'], birthDate: '1979-11-02' },
    { caseId, role: 'defendant' },
  );
  archive.linkPerson({ caseId, personId: defendant, role: 'victim' });
  const witness = archive.addPerson(
    { name: 'Айгуль Н.', aliases: ['A. N.'], birthDate: '1985-03', notes: 'lives in hiding', confidentiality: 'confidential' },
    { caseId, role: 'witness' },
  );
  writeFileSync(path.join(dir, 'verdict.txt'), 'Приговор: 7 лет\n');
  writeFileSync(path.join(dir, 'poa.txt'), 'Доверенность\n');
  writeFileSync(path.join(dir, 'article.txt'), 'Saved copy of the news article\n');
  const verdict = (
    await archive.importFile(caseId, path.join(dir, 'verdict.txt'), { metadata: { type: 'court-decision', documentDate: '2022-09-01' } })
  ).id;
  const poa = (await archive.importFile(caseId, path.join(dir, 'poa.txt'), { metadata: { type: 'power-of-attorney' } })).id;
  const article = (await archive.importFile(caseId, path.join(dir, 'article.txt'), { metadata: { type: 'publication' } })).id;
  archive.linkItem({ itemId: verdict, personId: defendant });
  archive.addTimelineEvent({ caseId, date: '2022-01-06', kind: 'detention', description: 'Detained at home', personIds: [defendant] });
  archive.addTimelineEvent({
    caseId,
    date: '2022-09',
    approximate: true,
    kind: 'sentence',
    description: 'Sentenced to 7 years; the witness testified',
    place: 'Медеуский районный суд г. Алматы',
    citations: [{ itemId: verdict, page: 2 }],
    personIds: [defendant, witness],
  });
  archive.addSource({
    caseId,
    url: 'https://example.org/news/nurlan',
    title: 'Court sentences Nurlan K.',
    publisher: 'Example News',
    accessedAt: '2022-09-02',
    archivedItemId: article,
    note: 'Taken down by the publisher in 2023; the archived copy is the only one',
  });
  archive.addPowerOfAttorney({
    caseId,
    grantorPersonId: defendant,
    representative: 'Advocate Sh.',
    scope: ['represent-in-court', 'international-bodies'],
    issued: '2022-02-01',
    validUntil: '2099-02-01',
    itemId: poa,
  });
  const revoked = archive.addPowerOfAttorney({
    caseId,
    grantorPersonId: witness,
    representative: 'Advocate B.',
    scope: ['access-case-files'],
    issued: '2022-03-01',
  });
  archive.revokePowerOfAttorney(revoked, '2022-06-01');
  return caseId;
}

/**
 * The case as a reader sees it, with every id replaced by what it stands for (an item by its
 * SHA-256, a person by name and record), so two vaults' copies compare equal when the mapping is right.
 */
export function comparableCase(archive: Archive, detail: CaseDetail): unknown {
  const sha = new Map(detail.items.map((item) => [item.id, item.sha256]));
  const item = (id: string | null) => (id === null ? null : (sha.get(id) ?? `not an item of this case: ${id}`));
  const person = (id: string) => {
    const { id: _id, cases: _cases, ...record } = archive.getPerson(id);
    return record;
  };
  const name = (id: string) => archive.getPerson(id).name;
  return {
    title: detail.title,
    reference: detail.reference,
    status: detail.status,
    region: detail.region,
    city: detail.city,
    narrative: detail.narrative,
    tags: detail.tags,
    confidentiality: detail.confidentiality,
    articles: detail.articles,
    itemCount: detail.itemCount,
    statusHistory: detail.statusHistory.map(({ recordedAt: _recordedAt, ...entry }) => entry),
    charges: detail.charges,
    persons: detail.persons.map((p) => ({ role: p.role, ...person(p.personId) })),
    // Sorted by content: a bag's payload comes in in path order, not in the sender's import order.
    items: [...detail.items]
      .sort((a, b) => a.sha256.localeCompare(b.sha256))
      .map((i) => ({
        sha256: i.sha256,
        originalName: i.originalName,
        size: i.size,
        mimeType: i.mimeType,
        type: i.type,
        title: i.title,
        documentDate: i.documentDate,
        confidentiality: i.confidentiality,
        acquisition: i.acquisition,
        persons: i.personIds.map(name).sort(),
      })),
    timeline: detail.timeline.map(({ id: _id, ...event }) => ({
      ...event,
      itemIds: event.itemIds.map(item),
      citations: event.citations.map((citation) => ({ item: item(citation.itemId), page: citation.page })),
      personIds: event.personIds.map(name).sort(),
    })),
    powersOfAttorney: detail.powersOfAttorney.map(({ id: _id, caseId: _caseId, grantorPersonId, itemId, ...poa }) => ({
      ...poa,
      grantor: person(grantorPersonId),
      item: item(itemId),
    })),
    sources: detail.sources.map(({ id: _id, archivedItemId, ...source }) => ({ ...source, archivedItem: item(archivedItemId) })),
  };
}
