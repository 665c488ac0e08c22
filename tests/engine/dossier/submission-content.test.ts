// A submission a UN working group can use: each case shows its status history, the facts of each
// person's detention (date and place of arrest, the authority, the legal basis, where they are held),
// its timeline with pin cites and its sources as numbered notes; a consent section lists the powers
// of attorney with a warning for those about to expire. Checked on the PDF's text with pdftotext.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { exportSubmission } from '../../../electron/archive/index.ts';
import { makePdf } from '../../helpers/documents.ts';
import { assertQpdfCheck, pdfText } from '../../helpers/dossier-fixtures.ts';
import { cyrillicVault } from '../../helpers/submission-case.ts';

const vault = cyrillicVault('custodia-submission-content-', {
  prepare: async ({ archive }) => {
    // A second case whose defendant is still held: arrested on a court's order, then sentenced to a colony.
    heldCase = archive.addCase({
      title: 'Дело Бауыржана Ержанұлы',
      region: 'Алматы',
      charges: [{ article: '269', part: '1', title: 'нападение на здания' }],
      status: 'pre-trial-detention',
      statusSince: '2022-01-10',
    });
    archive.setCaseStatus(heldCase, { status: 'sentenced', statusSince: '2022-09-20' });
    const defendant = archive.addPerson(
      { name: 'Бауыржан Ержанұлы', aliases: ['Baurzhan Yerzhanuly'] },
      { caseId: heldCase, role: 'defendant' },
    );
    const confidentialGrantor = archive.addPerson(
      { name: 'Ақмарал Сәрсенова', confidentiality: 'confidential' },
      { caseId: heldCase, role: 'victim' },
    );
    const orderFile = path.join(dir, 'order.pdf');
    writeFileSync(orderFile, makePdf([['Постановление о задержании'], ['стр. 2']]));
    const order = await archive.importFile(heldCase, orderFile, {
      metadata: {
        type: 'court-decision',
        title: 'Постановление о задержании',
        issuingBody: 'Специализированный следственный суд г. Алматы',
      },
    });
    archive.addTimelineEvent({
      caseId: heldCase,
      date: '2022-01-09',
      approximate: true,
      kind: 'detention',
      description: 'Задержан на улице у своего дома сотрудниками полиции.',
      place: 'Алматы, мкр. Айнабулак',
      personIds: [defendant],
      itemIds: [order.id],
      citations: [{ itemId: order.id, page: 2 }],
    });
    archive.addTimelineEvent({
      caseId: heldCase,
      date: '2022-09-20',
      kind: 'sentence',
      description: 'Приговорён к 8 годам лишения свободы.',
      place: 'учреждение ЛА-155/14, Алматинская область',
      personIds: [defendant],
    });
    archive.addSource({
      caseId: heldCase,
      url: 'https://example.org/kz/baurzhan',
      title: 'Список политзаключённых',
      accessedAt: '2023-05-02',
    });
    archive.addPowerOfAttorney({
      caseId: heldCase,
      grantorPersonId: confidentialGrantor,
      representative: 'Жанар Сейіткалиева',
      scope: ['international-bodies'],
      issued: '2022-04-01',
    });
  },
});
const { dir } = vault;
let heldCase = '';

const flat = (file: string) => pdfText(file).replace(/\s+/g, ' ');

test('each case of a submission shows its status history, detention facts, timeline with pin cites and numbered sources', async () => {
  const out = path.join(dir, 'submission-ru.pdf');
  await exportSubmission(vault.archive, { out, language: 'ru', caseIds: [vault.fixture.caseId, heldCase] });
  assertQpdfCheck(out);
  const text = flat(out);
  // Status history, oldest first, with the "other" status as written.
  assert.match(text, /История статуса.*содержание под стражей.*2022-01-07.*пробационный контроль.*2022-10-03/);
  // The held defendant: the arrest from the detention event, the court that ordered it, where they are now.
  assert.match(text, /Дата задержания приблизительно 2022-01-09/);
  assert.match(text, /Место задержания Алматы, мкр\. Айнабулак/);
  assert.match(text, /Орган \(выдавший цитируемые документы\) Специализированный следственный суд г\. Алматы/);
  assert.match(text, /Правовое основание УК РК, ст\. 269 ч\. 1/);
  assert.match(text, /Текущее место содержания учреждение ЛА-155\/14, Алматинская область/);
  // The vault.fixture defendant is not said to be held anywhere; an unknown authority says so.
  assert.match(text, /Место задержания Кызылорда, ул\. Әйтеке би, 12/);
  assert.match(text, /не содержится под стражей при текущем статусе/);
  assert.match(text, /Орган \(выдавший цитируемые документы\) не указано/);
  // The timeline's pin cite uses the submission's exhibit numbers (case 2, exhibit 1, page 2).
  assert.match(text, /Ссылки: Приложение 2\.1, с\. 2/);
  // Sources are notes numbered across the submission, each with its URL.
  assert.match(text, /\[1\] Доклад о январских событиях — Правозащитный центр .*https:\/\/example\.org\/kz\/alpamys-2022/);
  assert.match(text, /\[2\] Список политзаключённых .*https:\/\/example\.org\/kz\/baurzhan/);
});

test('the consent section lists every power of attorney, warns of those expiring within 30 days, and protects a confidential grantor', async () => {
  const out = path.join(dir, 'submission-en.pdf');
  await exportSubmission(vault.archive, { out, caseIds: [vault.fixture.caseId, heldCase] });
  const text = flat(out);
  const consent = text.slice(text.lastIndexOf('Consent and representation'));
  assert.match(consent, /Warning: 1 power\(s\) of attorney expire within 30 days/);
  assert.match(consent, /Алпамыс Нұрболат/);
  assert.match(consent, /represent in court, international bodies/);
  assert.match(consent, /2022-03-01 – \d{4}-\d{2}-\d{2}/);
  assert.match(consent, /expiring soon/);
  assert.match(consent, /no end date/);
  assert.match(consent, /Person A/, 'the confidential grantor is named by her pseudonym');
  assert.doesNotMatch(text, /Ақмарал|Сәрсенова|Акмарал|Сарсенова/, 'the confidential grantor is named nowhere');

  const kk = path.join(dir, 'submission-kk.pdf');
  await exportSubmission(vault.archive, { out: kk, language: 'kk', caseIds: [vault.fixture.caseId, heldCase] });
  assert.match(flat(kk), /Келісім және өкілдік .*Назар аударыңыз: 1 сенімхаттың мерзімі 30 күн ішінде аяқталады/);
});
