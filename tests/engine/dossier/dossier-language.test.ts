// A dossier and a submission in Russian and in Kazakh must not leave English behind: every word the
// application writes comes from the catalogue; Latin letters may appear only in names, hashes, ids,
// file names, URLs, formats (MIME types) and the names of the tools the verification page cites.
import assert from 'node:assert/strict';
import { copyFileSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { exportCaseDossier, exportSubmission } from '../../../electron/archive/index.ts';
import { keyFingerprint } from '../../../electron/archive/dossier/manifest.ts';
import { assertQpdfCheck, detachAll, pdfText, sha256 } from '../../helpers/dossier-fixtures.ts';
import { cyrillicVault } from '../../helpers/submission-case.ts';

const vault = cyrillicVault('custodia-dossier-language-', {
  prepare: async ({ archive }) => {
    archive.addPerson(
      { name: 'Гүлнар Әбдіқадырова', aliases: ['Gulnar Abdikadyrova'], confidentiality: 'confidential' },
      { caseId: vault.fixture.caseId, role: 'witness' },
    );
    actor = archive.custodyEvents(archive.getCase(vault.fixture.caseId).items[0]!.id)[0]!.actor;
  },
});
const { dir } = vault;
let actor = '';

/** Words of the verification page that are names of files, algorithms and tools, not prose. */
const TECHNICAL = new Set([
  'SHA-256',
  'Ed25519',
  'PDF',
  'custodia',
  'verify-dossier',
  'pdfdetach',
  'sha256sum',
  'openssl',
  'docs/verify-dossier.md',
  'manifest.json',
  'manifest.sig',
  'custody-events.jsonl',
  'persons.csv',
  'text/plain',
  'image/png',
  'application/pdf',
  'video/mp4',
]);

/** Every whitespace-separated token with a Latin letter and no Cyrillic one that is not a name, hash, file, URL or tool. */
function latinLeftovers(file: string): string[] {
  const detached = detachAll(file, dir);
  const manifest = detached.get('manifest.json')!;
  const hex = [
    ...(manifest.toString('utf8') + (detached.get('custody-events.jsonl')?.toString('utf8') ?? '')).matchAll(/[0-9a-f-]{16,}/g),
  ].map((m) => m[0]);
  hex.push(sha256(manifest), detached.get('manifest.sig')!.toString('hex'));
  // The key's fingerprint is printed in groups of four (a group of letters only, "edad", happens).
  hex.push(keyFingerprint(JSON.parse(manifest.toString('utf8')).publicKey));
  // The custody details name the case, persons and powers of attorney by id.
  const detail = vault.archive.getCase(vault.fixture.caseId);
  hex.push(
    detail.id,
    ...detail.persons.map((p) => p.personId),
    ...detail.powersOfAttorney.map((p) => p.id),
    ...detail.items.map((i) => i.id),
  );
  // Earlier exports of this vault are named by their file in the custody log.
  const outputs = ['ru', 'kk'].flatMap((language) => [`dossier-${language}.pdf`, `submission-${language}.pdf`]);
  const free = [...vault.fixture.names, ...vault.fixture.fileNames, ...vault.fixture.urls, ...outputs, actor];
  const strip = (token: string) => token.replace(/^[«»()[\];,.:'"“”]+|[«»()[\];,.:'"“”]+$/gu, '');
  return (
    pdfText(file)
      .split(/\s+/)
      .map(strip)
      .filter((token) => /[A-Za-z]/.test(token) && !/\p{Script=Cyrillic}/u.test(token))
      .filter((token) => !TECHNICAL.has(token) && !/^CUSTODIA-\d{6}$/.test(token))
      // The PDF certificate's fingerprint, in colon-separated pairs as openssl prints it (wrapped anywhere).
      .filter((token) => !(token.includes(':') && /^[0-9A-F:]+$/.test(token)))
      // Ids and hashes wrap across lines; a piece with a digit is theirs, a piece of letters only must be found in one.
      .filter((token) => !/^[0-9a-f-]*\d[0-9a-f-]*$/.test(token) && !hex.some((h) => h.includes(token.toLowerCase())))
      .filter((token) => !free.some((f) => f.includes(token)))
  );
}

for (const language of ['ru', 'kk'] as const) {
  test(`a ${language} dossier and submission leave no English word behind`, async () => {
    const dossier = path.join(dir, `dossier-${language}.pdf`);
    await exportCaseDossier(vault.archive, { caseId: vault.fixture.caseId, out: dossier, language });
    const submission = path.join(dir, `submission-${language}.pdf`);
    await exportSubmission(vault.archive, { caseIds: [vault.fixture.caseId], out: submission, language });
    if (process.env.CUSTODIA_KEEP_PDFS)
      for (const file of [dossier, submission]) copyFileSync(file, path.join(process.env.CUSTODIA_KEEP_PDFS, path.basename(file)));
    for (const file of [dossier, submission]) {
      assertQpdfCheck(file);
      assert.deepEqual(latinLeftovers(file), [], `${path.basename(file)} has Latin-only words outside names, hashes and file names`);
      assert.ok(readFileSync(file).includes(`/Lang (${language})`), 'the document language is set');
    }
    const text = pdfText(dossier).replace(/\s+/g, ' ');
    const expected =
      language === 'ru'
        ? [
            'УК РК, ст. 272 ч. 2',
            'КоАП РК, ст. 488 ч. 6',
            'Лицо А',
            'Обвиняемый, Потерпевший',
            'решение суда',
            'задержание',
            'Перечень приложений',
            'формат video/mp4 не выводится на страницы',
            'пробационный контроль',
          ]
        : [
            'ҚР ҚК, 272-баптың 2-бөлігі',
            'ҚР ӘҚБтК, 488-баптың 6-бөлігі',
            'А тұлғасы',
            'Айыпталушы, Жәбірленуші',
            'сот шешімі',
            'ұстау',
            'Қосымшалар тізімі',
            'video/mp4 пішімі беттерде көрсетілмейді',
            'импортталды',
          ];
    for (const phrase of expected) assert.ok(text.includes(phrase), `the ${language} dossier says "${phrase}"`);
    assert.ok(!/Гүлнар|Әбдіқадырова|Gulnar/.test(text + pdfText(submission)), 'the confidential witness is pseudonymised');
  });
}

test('the custody log records "exported" only for exhibits whose contents went out, not for those only listed', async () => {
  const out = path.join(dir, 'custody-check.pdf');
  const result = await exportCaseDossier(vault.archive, { caseId: vault.fixture.caseId, out, language: 'kk' });
  const items = vault.archive.getCase(vault.fixture.caseId).items;
  const exportedIn = (itemId: string) =>
    vault.archive.custodyEvents(itemId).filter((e) => e.action === 'exported' && e.details.dossier === result.dossierId).length;
  for (const exhibit of result.manifest.exhibits) {
    const item = items.find((i) => i.id === exhibit.itemId)!;
    assert.equal(exportedIn(item.id), exhibit.included === 'listed' ? 0 : 1, `${item.originalName} (${exhibit.included})`);
  }
  assert.deepEqual(
    result.manifest.exhibits.map((e) => e.included),
    ['pages', 'pages', 'pages', 'listed'],
    'the video is listed only, the rest on pages',
  );
});
