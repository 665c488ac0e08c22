import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Archive, type ArchiveOptions } from '../archive.ts';
import { bufferSource } from '../blobs/byte-source.ts';
import { resourcesDir } from '../paths.ts';
import { courtDecisionPdf, scenePng } from './documents.ts';

/**
 * A vault of invented cases for trying Custodia in a minute: people with roles, charges, a status
 * history, a timeline, sources, a court decision (PDF), a hearing video, a photo, a power of
 * attorney that is about to expire, and one confidential witness. Every name, number and event is
 * made up; the titles say "Demo" so nobody mistakes them for real files.
 */
export const DEMO_PASSPHRASE = 'custodia demo vault';

export interface DemoSummary {
  recoveryKey: string;
  cases: number;
  items: number;
}

const isoDaysFromNow = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

export async function buildDemoVault(
  dir: string,
  passphrase: string = DEMO_PASSPHRASE,
  options: ArchiveOptions = {},
): Promise<DemoSummary> {
  const { archive, recoveryKey } = await Archive.create(dir, passphrase, options);
  try {
    const items = await fill(archive);
    return { recoveryKey, cases: archive.listCases().length, items };
  } finally {
    archive.lock();
  }
}

async function fill(archive: Archive): Promise<number> {
  let items = 0;
  const file = async (
    caseId: string,
    name: string,
    bytes: Uint8Array,
    metadata: Record<string, unknown>,
    acquisition: Record<string, unknown>,
  ) => {
    items++;
    const result = await archive.importSource(
      caseId,
      bufferSource(bytes),
      { originalName: name, modifiedAt: null, label: name },
      { metadata, acquisition },
    );
    return result.id;
  };

  // ---- Case 1: a protester in pre-trial detention, with everything a case file holds ----------
  const riots = archive.addCase({
    title: 'Демо: Сейтқали Ерлан — участие в массовых беспорядках',
    reference: 'DEMO-2022/001',
    status: 'pre-trial-detention',
    statusSince: '2022-01-08',
    region: 'Алматы',
    city: 'Алматы',
    narrative:
      'Вымышленное дело для знакомства с Custodia. Задержан 6 января 2022 года на площади во время мирного митинга. ' +
      'Родственники сообщают о следах побоев после допроса; подана жалоба о пытках. Суд избрал меру пресечения — содержание под стражей на два месяца.',
    tags: ['демо', 'январь 2022'],
    charges: [{ code: 'Criminal Code', article: '272', part: '2', title: 'Участие в массовых беспорядках' }],
  });
  const erlan = archive.addPerson(
    { name: 'Сейтқали Ерлан Маратұлы', aliases: ['Seitkali Yerlan', 'Сейткали Ерлан'], birthDate: '1994' },
    { caseId: riots, role: 'defendant' },
  );
  archive.addPerson({ name: 'Ахметова Дина', aliases: ['Akhmetova Dina'] }, { caseId: riots, role: 'lawyer' });
  archive.addPerson({ name: 'Свидетель Б.', aliases: [], confidentiality: 'confidential' }, { caseId: riots, role: 'witness' });

  const acquisitionFromLawyer = {
    obtainedFrom: 'Адвокат Ахметова Д.',
    method: 'копия из материалов дела, передана лично',
    obtainedAt: '2022-01-12',
  };
  const decision = await file(
    riots,
    'postanovlenie-o-mere-presecheniya.pdf',
    await courtDecisionPdf([
      {
        heading: 'ПОСТАНОВЛЕНИЕ (демо, вымышленный документ)',
        paragraphs: [
          'Следственный суд города Алматы, рассмотрев ходатайство следователя о санкционировании меры пресечения в отношении Сейтқали Ерлана Маратұлы, 1994 года рождения,',
          'подозреваемого в совершении уголовного правонарушения, предусмотренного частью 2 статьи 272 Уголовного кодекса Республики Казахстан (участие в массовых беспорядках),',
          'ПОСТАНОВИЛ: санкционировать меру пресечения в виде содержания под стражей сроком на два месяца, то есть до 8 марта 2022 года.',
        ],
      },
      {
        heading: 'Қаулы (қазақ тіліндегі аудармасы, демо)',
        paragraphs: [
          'Алматы қаласының тергеу соты Сейтқали Ерлан Маратұлына қатысты бұлтартпау шарасы ретінде екі ай мерзімге күзетпен ұстауға санкция берді.',
          'Қаулыға белгіленген тәртіппен шағым жасалуы мүмкін.',
        ],
      },
    ]),
    {
      type: 'court-decision',
      title: 'Постановление о мере пресечения',
      documentDate: '2022-01-08',
      issuingBody: 'Следственный суд г. Алматы',
      language: 'ru',
    },
    acquisitionFromLawyer,
  );
  const video = await file(
    riots,
    'zasedanie-2022-01-09.mp4',
    readFileSync(path.join(resourcesDir(), 'demo', 'hearing.mp4')),
    { type: 'video-of-hearing', title: 'Видеозапись заседания 9 января 2022 г.', documentDate: '2022-01-09' },
    { obtainedFrom: 'Родственники подзащитного', method: 'запись с телефона, передана на флеш-накопителе', obtainedAt: '2022-01-10' },
  );
  const photo = await file(
    riots,
    'ploshchad-2022-01-05.png',
    scenePng(),
    { type: 'photo', title: 'Площадь перед акиматом, 5 января', documentDate: '2022-01-05', confidentiality: 'restricted' },
    { obtainedFrom: 'Свидетель Б.', method: 'фотография, отправлена через защищённый мессенджер', obtainedAt: '2022-01-07' },
  );
  const poaText = new TextEncoder().encode(
    'ДОВЕРЕННОСТЬ (демо, вымышленный документ)\n\nЯ, Сейтқали Ерлан Маратұлы, уполномочиваю Ахметову Дину представлять мои интересы ' +
      'в судах Республики Казахстан и в международных органах по защите прав человека, включая Рабочую группу ООН по произвольным задержаниям.\n',
  );
  const poaItem = await file(
    riots,
    'doverennost-akhmetova.txt',
    poaText,
    { type: 'power-of-attorney', title: 'Доверенность на Ахметову Д.', documentDate: '2022-01-20', language: 'ru' },
    { obtainedFrom: 'Сейтқали Ерлан (через адвоката)', method: 'подписанный оригинал, отсканирован', obtainedAt: '2022-01-20' },
  );
  archive.addPowerOfAttorney({
    caseId: riots,
    grantorPersonId: erlan,
    representative: 'Ахметова Дина',
    scope: ['represent-in-court', 'international-bodies', 'access-case-files'],
    issued: '2022-01-20',
    validUntil: isoDaysFromNow(21),
    itemId: poaItem,
  });
  archive.addTimelineEvent({
    caseId: riots,
    date: '2022-01-06',
    kind: 'detention',
    description: 'Задержан на площади во время митинга',
    personIds: [erlan],
  });
  archive.addTimelineEvent({
    caseId: riots,
    date: '2022-01-08',
    kind: 'charge',
    description: 'Предъявлено подозрение по ч. 2 ст. 272 УК',
    itemIds: [decision],
  });
  archive.addTimelineEvent({
    caseId: riots,
    date: '2022-01-09',
    kind: 'hearing',
    description: 'Заседание следственного суда',
    itemIds: [video],
  });
  archive.addTimelineEvent({
    caseId: riots,
    date: '2022-02-01',
    kind: 'torture-complaint',
    description: 'Подана жалоба о пытках в прокуратуру',
    itemIds: [photo],
  });
  archive.addTimelineEvent({
    caseId: riots,
    date: '2022-03',
    approximate: true,
    kind: 'international-appeal',
    description: 'Обращение в Рабочую группу ООН по произвольным задержаниям',
  });
  archive.addSource({
    caseId: riots,
    url: 'https://example.org/demo/reports/seitkali',
    title: 'Демо: доклад правозащитной коалиции о январских событиях',
    publisher: 'Example Watch (вымышленная организация)',
    accessedAt: '2022-03-15',
  });

  // ---- Case 2: a journalist under house arrest ------------------------------------------------
  const journalist = archive.addCase({
    title: 'Демо: Омарова Жанар — распространение заведомо ложной информации',
    reference: 'DEMO-2022/014',
    status: 'pre-trial-detention',
    statusSince: '2022-01-20',
    region: 'Карагандинская область',
    city: 'Караганда',
    narrative: 'Вымышленное дело: журналистка местного издания обвиняется после публикации о задержаниях в январе 2022 года.',
    charges: [{ code: 'Criminal Code', article: '274', part: '2', title: 'Распространение заведомо ложной информации' }],
  });
  archive.addPerson({ name: 'Омарова Жанар', aliases: ['Omarova Zhanar'] }, { caseId: journalist, role: 'defendant' });
  archive.setCaseStatus(journalist, { status: 'house-arrest', statusSince: '2022-02-15' });
  await file(
    journalist,
    'otvet-prokuratury.txt',
    new TextEncoder().encode(
      'Ответ прокуратуры (демо): ваше обращение рассмотрено, оснований для прекращения уголовного дела не установлено.\n',
    ),
    {
      type: 'authority-response',
      title: 'Ответ прокуратуры на обращение',
      documentDate: '2022-03-02',
      issuingBody: 'Прокуратура Карагандинской области',
    },
    { obtainedFrom: 'Омарова Жанар', method: 'копия письма, отправлена по электронной почте', obtainedAt: '2022-03-05' },
  );

  // ---- Case 3: a sentenced blogger ------------------------------------------------------------
  const blogger = archive.addCase({
    title: 'Demo: Baimukhanov Timur — participation in a banned organisation',
    reference: 'DEMO-2021/207',
    status: 'sentenced',
    statusSince: '2022-06-30',
    region: 'Жамбылская область',
    city: 'Тараз',
    narrative: 'An invented case: a blogger sentenced for reposting material of a movement the authorities had banned.',
    charges: [{ code: 'Criminal Code', article: '405', part: '2', title: 'Participation in the activity of a banned organisation' }],
  });
  archive.addPerson(
    { name: 'Baimukhanov Timur', aliases: ['Баймуханов Тимур', 'Баймұханов Тимур'] },
    { caseId: blogger, role: 'defendant' },
  );
  archive.addPerson({ name: 'Baimukhanova Aigerim', aliases: [] }, { caseId: blogger, role: 'relative' });
  archive.addTimelineEvent({
    caseId: blogger,
    date: '2022-06-30',
    kind: 'sentence',
    description: 'Sentenced to restricted freedom for two years',
  });
  return items;
}
