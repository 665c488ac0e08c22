// A case entered as a Kazakh or Russian researcher enters it: every field in Cyrillic, names with
// their Latin spellings as aliases, evidence of each kind the dossier treats differently (PDF pages,
// an image, a text set in type, a video only listed), a status history, a timeline with places,
// sources with URLs and powers of attorney (one expiring soon). Modelled on the reference submission.
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before } from 'node:test';
import { Archive } from '../../electron/archive/index.ts';
import { scenePng } from '../../electron/archive/demo/documents.ts';
import { makePdf } from './documents.ts';
import { PASSPHRASE, tempDir } from './files.ts';

export interface CyrillicCase {
  caseId: string;
  /** Every name and alias of the case's persons (they may be printed in Latin letters). */
  names: string[];
  fileNames: string[];
  urls: string[];
  defendantId: string;
}

const isoDay = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

export async function buildCyrillicCase(archive: Archive, dir: string, tag = ''): Promise<CyrillicCase> {
  const caseId = archive.addCase({
    title: `Дело Алпамыса Нұрболата${tag}`,
    reference: '№ 1-88/2022',
    region: 'Қызылорда облысы',
    city: 'Қызылорда',
    narrative: 'Алпамыс Нұрболат задержан после митинга 5 января 2022 года; обвинён по статье 272 части 2.',
    charges: [
      { article: '272', part: '2', title: 'участие в массовых беспорядках' },
      { code: 'Administrative Code', article: '488', part: '6' },
    ],
    status: 'pre-trial-detention',
    statusSince: '2022-01-07',
  });
  archive.setCaseStatus(caseId, { status: 'other', statusOther: 'пробационный контроль', statusSince: '2022-10-03' });
  const defendantId = archive.addPerson(
    { name: 'Алпамыс Нұрболат', aliases: ['Alpamys Nurbolat', 'Алпамыс Нұрболат'] },
    { caseId, role: 'defendant' },
  );
  archive.linkPerson({ caseId, personId: defendantId, role: 'victim' });
  archive.addPerson({ name: 'Жанар Сейіткалиева', aliases: ['Zhanar Seitkalieva'] }, { caseId, role: 'lawyer' });
  archive.addPerson({ name: 'Серік Омаров' }, { caseId, role: 'official' });
  archive.addTimelineEvent({
    caseId,
    date: '2022-01-06',
    kind: 'detention',
    description: 'Задержан сотрудниками ДП Кызылординской области у себя дома.',
    place: 'Кызылорда, ул. Әйтеке би, 12',
    personIds: [defendantId],
  });
  archive.addTimelineEvent({
    caseId,
    date: '2022-01-07',
    kind: 'charge',
    description: 'Следователь ДП Кызылординской области предъявил обвинение по ст. 272 ч. 2 УК РК.',
    personIds: [defendantId],
  });
  archive.addTimelineEvent({
    caseId,
    date: '2022-01-08',
    kind: 'hearing',
    description: 'Следственный суд санкционировал арест; содержится в СИЗО ДУИС по Кызылординской области.',
    place: 'СИЗО № 1, Кызылорда',
    personIds: [defendantId],
  });
  archive.addSource({
    caseId,
    url: 'https://example.org/kz/alpamys-2022',
    title: 'Доклад о январских событиях',
    publisher: 'Правозащитный центр',
    accessedAt: '2023-02-01',
  });
  const file = (name: string, bytes: Uint8Array) => {
    writeFileSync(path.join(dir, name), bytes);
    return path.join(dir, name);
  };
  const fileNames = ['postanovlenie-2022.pdf', 'foto-2022.png', 'zayavlenie.txt', 'zasedanie.mp4'];
  await archive.importFile(caseId, file(fileNames[0]!, makePdf([['2022-01-08'], ['1-88/2022']])), {
    metadata: {
      type: 'court-decision',
      title: 'Постановление о санкционировании ареста',
      documentDate: '2022-01-08',
      issuingBody: 'Следственный суд г. Кызылорды',
    },
    acquisition: { obtainedFrom: 'Жанар Сейіткалиева', method: 'копия из материалов дела', obtainedAt: '2022-02-01' },
  });
  await archive.importFile(caseId, file(fileNames[1]!, scenePng(240, 160)), { metadata: { type: 'photo', title: 'Фото задержания' } });
  const poaItem = await archive.importFile(
    caseId,
    file(fileNames[2]!, Buffer.from('Заявление защиты\nМәлімдеме: қамауға алу заңсыз.\n', 'utf8')),
    {
      metadata: { type: 'testimony', title: 'Заявление защиты' },
    },
  );
  const video = Buffer.concat([Buffer.from('000000186674797069736f6d0000020069736f6d69736f32', 'hex'), Buffer.alloc(4000, 7)]);
  await archive.importFile(caseId, file(fileNames[3]!, video), { metadata: { type: 'video-of-hearing', title: 'Видео заседания' } });
  archive.addPowerOfAttorney({
    caseId,
    grantorPersonId: defendantId,
    representative: 'Жанар Сейіткалиева',
    scope: ['represent-in-court', 'international-bodies'],
    issued: '2022-02-01',
    validUntil: isoDay(12),
    itemId: poaItem.id,
  });
  archive.addPowerOfAttorney({
    caseId,
    grantorPersonId: defendantId,
    representative: 'Правозащитный центр',
    scope: ['distribute-information'],
    issued: '2022-03-01',
    validUntil: isoDay(400),
  });
  return {
    caseId,
    names: ['Алпамыс Нұрболат', 'Alpamys Nurbolat', 'Жанар Сейіткалиева', 'Zhanar Seitkalieva', 'Серік Омаров'],
    fileNames,
    urls: ['https://example.org/kz/alpamys-2022'],
    defendantId,
  };
}

/**
 * A vault of its own for one test file, holding the Cyrillic case: created before its tests (then
 * `prepare` adds what the file needs), locked and removed after. A `before` of the test file itself
 * would run ahead of this one (node:test ran it first), hence `prepare`.
 */
export interface CyrillicVault {
  dir: string;
  archive: Archive;
  fixture: CyrillicCase;
}

export function cyrillicVault(
  prefix: string,
  options: { tag?: string; prepare?: (vault: CyrillicVault) => Promise<void> | void } = {},
): CyrillicVault {
  const vault = { dir: tempDir(prefix) } as CyrillicVault;
  before(async () => {
    ({ archive: vault.archive } = await Archive.create(path.join(vault.dir, 'vault'), PASSPHRASE));
    vault.fixture = await buildCyrillicCase(vault.archive, vault.dir, options.tag);
    await options.prepare?.(vault);
  });
  after(() => {
    if (vault.archive && !vault.archive.isLocked) vault.archive.lock();
    rmSync(vault.dir, { recursive: true, force: true });
  });
  return vault;
}
