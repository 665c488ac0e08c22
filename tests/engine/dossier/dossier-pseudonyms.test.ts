// Confidential persons in dossiers and submissions: their names must not appear in any spelling,
// case form or word order, anywhere the dossier writes text (pages, bookmarks, metadata, attachment
// names, CSV), and an exhibit whose own text names them is withheld unless included by id.
// Cases are invented on the pattern of the reference submission (its people are real; see
// ../shared/reference/README.md): Kazakh, Russian and Latin spellings, art. 272 part 2, art. 405.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { type Archive, exportCaseDossier, exportSubmission, verifyDossier } from '../../../electron/archive/index.ts';
import { Pseudonyms } from '../../../electron/archive/dossier/pseudonyms.ts';
import { makePdf } from '../../helpers/documents.ts';
import { assertQpdfCheck, detachAll, pdfText } from '../../helpers/dossier-fixtures.ts';
import { openSeededSession, type SeededSession } from '../../helpers/seeded-session.ts';

// The protected witness: Kazakh spelling, a Russian spelling and a Latin one.
const WITNESS = { name: 'Айгерім Нұрболатқызы Сәтбаева', aliases: ['Айгерим Сатбаева', 'Aigerim Satbayeva'] };
/** Every form the witness's name takes in the texts below; none may survive. */
const WITNESS_FORMS = ['Айгерім', 'Айгерим', 'Aigerim', 'Сәтбаева', 'Сатбаевой', 'Сәтбаеваның', 'Satbayeva', 'Нұрболатқызы'];
const DEFENDANT = { name: 'Ерлан Сәтбаев', aliases: ['Yerlan Satbayev'] };

let seeded: SeededSession;
let dir: string;
let archive: Archive;
let caseId: string;
let otherCaseId: string;
let namingItem: string;

after(() => seeded?.close());

before(async () => {
  seeded = await openSeededSession({
    prefix: 'custodia-dossier-pseudonyms-',
    case: {
      title: 'Іс: Ерлан Сәтбаев (Сатбаеву Айгерим не допросили)',
      status: 'pre-trial-detention',
      statusSince: '2022-01-12',
      region: 'Алматы',
      charges: [{ article: '272', part: '2', title: 'участие в массовых беспорядках' }],
      narrative:
        'Ерлан Сәтбаев задержан 6 января 2022 года. Свидетель Сатбаева Айгерим видела задержание; ' +
        'показания Сатбаевой А. не приобщены. Следователь вызвал Сатбаеву на допрос. ' +
        'Сәтбаеваның куәлігі (Kazakh). Aigerim Satbayeva later left the country. Айгерім Нұрболатқызы жауап берді.',
    },
    person: { input: DEFENDANT, role: 'defendant' },
    item: false,
  });
  ({ dir, archive, caseId } = seeded);
  const witnessId = archive.addPerson({ ...WITNESS, confidentiality: 'confidential' }, { caseId, role: 'witness' });
  archive.addTimelineEvent({ caseId, date: '2022-01-06', kind: 'detention', description: 'Задержан при свидетеле Сатбаевой Айгерим.' });
  archive.addSource({ caseId, url: 'https://example.org/a', title: 'Интервью: Айгерим Сатбаева', accessedAt: '2022-03-01' });
  const file = (name: string, bytes: Uint8Array) => {
    writeFileSync(path.join(dir, name), bytes);
    return path.join(dir, name);
  };
  // An exhibit whose text names the witness: withheld by default.
  namingItem = (
    await archive.importFile(caseId, file('protocol.pdf', makePdf([['Protocol of interrogation'], ['Witness: Satbayeva Aigerim']])), {
      metadata: { type: 'testimony', title: 'Протокол допроса' },
    })
  ).id;
  // A file named after the witness: its name names her, so it is withheld like the protocol.
  await archive.importFile(caseId, file('Айгерим-заявление.txt', Buffer.from('Заявление без имён.', 'utf8')), {
    metadata: { type: 'testimony', title: 'Заявление' },
  });
  await archive.importFile(caseId, file('ruling.pdf', makePdf([['Ruling on detention']])), {
    metadata: { type: 'court-decision', title: 'Постановление' },
  });
  otherCaseId = archive.addCase({ title: 'Дело Ивана Петрова', status: 'pre-trial-detention', charges: [{ article: '405' }] });
  archive.addPerson({ name: 'Иван Петров' }, { caseId: otherCaseId, role: 'defendant' });
  archive.linkPerson({ caseId: otherCaseId, personId: witnessId, role: 'victim' });
  // A confidential case: its persons do not count among the pseudonymised.
  const hidden = archive.addCase({ title: 'Закрытое дело', status: 'pre-trial-detention', confidentiality: 'confidential' });
  archive.addPerson({ name: 'Скрытый Человек', confidentiality: 'confidential' }, { caseId: hidden, role: 'witness' });
});

function everything(file: string): string {
  const info = spawnSync('pdfinfo', ['-enc', 'UTF-8', file], { encoding: 'utf8' }).stdout;
  const list = spawnSync('pdfdetach', ['-list', '-enc', 'UTF-8', file], { encoding: 'utf8' }).stdout;
  const attached = [...detachAll(file, dir).values()].map((bytes) => bytes.toString('utf8'));
  const outline = spawnSync('qpdf', ['--json', '--json-key=outlines', file], { encoding: 'utf8' }).stdout;
  return [pdfText(file), info, list, outline, ...attached].join('\n');
}

test('the redaction catches spellings, case forms, word order and initials, and leaves a public relative readable', () => {
  const pseudonyms = new Pseudonyms((i) => `Лицо ${'АБВ'[i]}`);
  pseudonyms.addPublicNames([DEFENDANT.name, ...DEFENDANT.aliases]);
  assert.equal(pseudonyms.assign('w', [WITNESS.name, ...WITNESS.aliases]), 'Лицо А');
  const cases: Array<[string, string]> = [
    ['Свидетель Сатбаева Айгерим видела', 'Свидетель Лицо А видела'],
    ['показания Сатбаевой А. не приобщены', 'показания Лицо А не приобщены'],
    ['вызвал Айгерим Сатбаеву на допрос', 'вызвал Лицо А на допрос'],
    ['Сатбаевой Айгерим', 'Лицо А'],
    ['Сәтбаеваның куәлігі', 'Лицо А куәлігі'],
    ['Aigerim Satbayeva left; AIGERIM too', 'Лицо А left; Лицо А too'],
    ['Айгерім Нұрболатқызы жауап берді', 'Лицо А жауап берді'],
    ['Айгерим-Сатбаева', 'Лицо А'],
    // The public defendant shares the family name: his name stays, alone or declined. "Сәтбаеву" alone is
    // his dative as well as her accusative: with a public relative of that name it is left (see pseudonyms.ts).
    ['Ерлан Сәтбаев задержан; Сәтбаеву предъявлено', 'Ерлан Сәтбаев задержан; Сәтбаеву предъявлено'],
    ['Сатбаевой', 'Лицо А'],
  ];
  for (const [input, expected] of cases) assert.equal(pseudonyms.redact(input), expected, input);
});

test('a case dossier names the protected witness nowhere and withholds the exhibit that names her, with the reason', async () => {
  const out = path.join(dir, 'dossier-ru.pdf');
  const result = await exportCaseDossier(archive, { caseId, out, language: 'ru', attachOriginals: true });
  assertQpdfCheck(out);
  const all = everything(out);
  for (const form of WITNESS_FORMS) assert.ok(!all.toLowerCase().includes(form.toLowerCase()), `"${form}" leaked`);
  assert.ok(all.includes('Лицо А'), 'the Russian pseudonym is gender-neutral and Cyrillic');
  assert.ok(all.includes(DEFENDANT.name), 'the public defendant keeps his name');
  assert.ok(!result.manifest.exhibits.some((e) => e.itemId === namingItem), 'the exhibit naming her is withheld');
  assert.equal(result.manifest.withheld.exhibitsNamingProtected, 2, 'the protocol and the file named after her');
  assert.match(all.replace(/\s+/g, ' '), /Приложений изъято, так как их текст называет защищаемое лицо: 2\./);
  assert.ok(readFileSync(out).includes(Buffer.from('/Title')), 'the PDF has a title');
  assert.equal((await verifyDossier(out)).intact, true);
});

test('an exhibit naming the witness is included only by id, and then the dossier says it is not redacted', async () => {
  const out = path.join(dir, 'included.pdf');
  const result = await exportCaseDossier(archive, { caseId, out, includeItems: [namingItem] });
  const text = pdfText(out);
  assert.ok(result.manifest.exhibits.some((e) => e.itemId === namingItem));
  assert.equal(result.manifest.withheld.unredactedExhibits, 1);
  assert.match(text.replace(/\s+/g, ' '), /Not redacted: the contents of this exhibit are shown as filed/);
  assert.match(text, /not redacted/);
});

test('a submission pseudonymises the witness in both cases with one letter and counts only exported cases', async () => {
  const out = path.join(dir, 'submission.pdf');
  const result = await exportSubmission(archive, { filter: 'status=pre-trial-detention', out, language: 'ru' });
  assertQpdfCheck(out);
  const all = everything(out);
  for (const form of WITNESS_FORMS) assert.ok(!all.toLowerCase().includes(form.toLowerCase()), `"${form}" leaked`);
  assert.ok(!all.includes('Скрытый'));
  assert.equal(result.manifest.withheld.cases, 1);
  assert.equal(result.manifest.withheld.pseudonymisedPersons, 1, 'the withheld case’s protected person does not count');
  assert.ok(!all.includes('Лицо Б'), 'one person, one pseudonym across cases');
});
