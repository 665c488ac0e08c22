import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { degrees, PDFDocument, PDFName } from 'pdf-lib';
import { type Archive, exportCaseDossier, exportSubmission, verifyDossier } from '../../../electron/archive/index.ts';
import { verifyDossierBytes } from '../../../electron/archive/dossier/verify.ts';
import { makePdf } from '../../helpers/documents.ts';
import { scenePng } from '../../../electron/archive/demo/documents.ts';
import { assertQpdfCheck, detachAll, pdfText, qpdfEncrypt, sha256 } from '../../helpers/dossier-fixtures.ts';
import { openSeededSession, type SeededSession } from '../../helpers/seeded-session.ts';

const KAZAKH_NAME = 'Әлібек Қасымұлы Ғабитов';
// Every Kazakh-specific letter, in words (pdftotext joins single letters spaced evenly into one word).
const KAZAKH_LETTERS = 'Әкесі ғалым, қызы Аңсар өнерпаз, ұлы үйде, һәм ілім. ӘҒҚҢӨҰҮҺІ';
const RUSSIAN_NAME = 'Жанна Викторовна Щербакова';
const SECRET_WITNESS = 'Тайный Свидетель Ёжиков';
const SECRET_TITLE = 'Показания анонимного свидетеля';
const SECRET_MARKER = 'CONFIDENTIAL-MARKER-7731';

let seeded: SeededSession;
let dir: string;
let archive: Archive;
let caseId: string;
let otherCaseId: string;
let secretCaseId: string;
const originals = new Map<string, Buffer>();
let secretItem: { id: string; sha256: string };
let videoSha = '';

after(() => seeded?.close());

async function importBytes(target: string, name: string, bytes: Uint8Array, metadata: Record<string, unknown> = {}, acquisition?: unknown) {
  const file = path.join(dir, name);
  writeFileSync(file, bytes);
  originals.set(name, Buffer.from(bytes));
  return archive.importFile(target, file, { metadata, acquisition });
}

before(async () => {
  seeded = await openSeededSession({
    prefix: 'custodia-dossier-',
    case: {
      title: `Іс ${KAZAKH_NAME}`,
      reference: '№ 1-234/2022',
      status: 'pre-trial-detention',
      statusSince: '2022-01-10',
      region: 'Алматы',
      charges: [{ article: '272', part: '2', title: 'участие в массовых беспорядках' }],
      narrative: `${KAZAKH_NAME} was detained on 6 January 2022. ${SECRET_WITNESS} saw the arrest. ${'Long narrative text flows across pages. '.repeat(400)}`,
    },
    person: { input: { name: KAZAKH_NAME }, role: 'defendant' },
    item: false,
  });
  ({ dir, archive, caseId } = seeded);
  archive.addPerson({ name: RUSSIAN_NAME }, { caseId, role: 'lawyer' });
  archive.addPerson({ name: SECRET_WITNESS, aliases: ['Ёжиков'], confidentiality: 'confidential' }, { caseId, role: 'witness' });
  archive.addTimelineEvent({ caseId, date: '2022-01-06', kind: 'detention', description: `Задержан. Свидетель: ${SECRET_WITNESS}.` });
  archive.addSource({ caseId, url: 'https://example.org/reports/2022/kz', title: 'Report on January events', accessedAt: '2023-02-01' });

  await importBytes(
    caseId,
    'decision.pdf',
    makePdf([['Decision page 1'], ['Decision page 2'], ['Decision page 3']]),
    {
      type: 'court-decision',
      title: 'Постановление суда',
      documentDate: '2022-01-08',
      issuingBody: 'Медеуский районный суд',
    },
    { obtainedFrom: RUSSIAN_NAME, method: 'court file copy', obtainedAt: '2022-02-01' },
  );
  await importBytes(caseId, 'statement.txt', Buffer.from(`Заявление\n${KAZAKH_LETTERS}\n${'Мәтін жолы. '.repeat(800)}`, 'utf8'), {
    type: 'testimony',
    title: 'Мәлімдеме',
  });
  await importBytes(caseId, 'photo.png', scenePng(300, 200), { type: 'photo', title: 'Photo of injuries' });
  const video = Buffer.concat([Buffer.from('000000186674797069736f6d0000020069736f6d69736f32', 'hex'), randomBytes(300_000)]);
  videoSha = (await importBytes(caseId, 'hearing.mp4', video, { type: 'video-of-hearing', title: 'Hearing video' })).sha256;
  const healthy = makePdf([['page a'], ['page b'], ['page c'], ['page d']]);
  await importBytes(caseId, 'damaged.pdf', healthy.subarray(0, Math.floor(healthy.length * 0.6)), { title: 'Damaged scan' });
  writeFileSync(path.join(dir, 'plain.pdf'), makePdf([['encrypted content']]));
  qpdfEncrypt(path.join(dir, 'plain.pdf'), path.join(dir, 'encrypted-src.pdf'));
  await importBytes(caseId, 'encrypted.pdf', readFileSync(path.join(dir, 'encrypted-src.pdf')), { title: 'Encrypted ruling' });
  const landscape = await PDFDocument.create();
  const turned = landscape.addPage([612, 792]);
  turned.setRotation(degrees(90));
  turned.drawText('Rotated scan text', { x: 72, y: 400 });
  await importBytes(caseId, 'rotated.pdf', await landscape.save(), { title: 'Rotated scan' });
  const secret = await importBytes(caseId, 'secret.pdf', makePdf([[SECRET_MARKER]]), {
    title: SECRET_TITLE,
    confidentiality: 'confidential',
  });
  secretItem = { id: secret.id, sha256: secret.sha256 };

  otherCaseId = archive.addCase({ title: 'Дело Петрова', status: 'pre-trial-detention', region: 'Астана', charges: [{ article: '405' }] });
  archive.addPerson({ name: 'Пётр Петров' }, { caseId: otherCaseId, role: 'defendant' });
  await importBytes(otherCaseId, 'indictment.txt', Buffer.from('Обвинительное заключение', 'utf8'), { type: 'indictment' });
  secretCaseId = archive.addCase({ title: 'Закрытое дело', status: 'pre-trial-detention', confidentiality: 'confidential' });
});

test('a case dossier passes qpdf --check, gives back Kazakh and Russian names through pdftotext, and attaches exact originals', async () => {
  const out = path.join(dir, 'dossier.pdf');
  const phases = new Set<string>();
  const result = await exportCaseDossier(archive, {
    caseId,
    out,
    batesPrefix: 'KZ',
    attachMedia: true,
    onProgress: (p) => phases.add(p.phase),
  });
  assert.deepEqual([...phases], ['exhibits', 'assembling', 'writing']);
  assertQpdfCheck(out);
  const text = pdfText(out);
  for (const expected of [KAZAKH_NAME, RUSSIAN_NAME, KAZAKH_LETTERS, 'Постановление суда', 'Медеуский районный суд', 'Мәлімдеме'])
    assert.ok(text.includes(expected), `pdftotext lost "${expected}"`);
  assert.ok(text.includes('https://example.org/reports/2022/kz'));
  assert.ok(readFileSync(out).includes('/URI (https://example.org/reports/2022/kz)'), 'the source URL is a clickable link');
  assert.ok(text.includes('court file copy') && text.includes('2022-02-01'), 'the index says how and when an exhibit was obtained');
  assert.ok(text.includes('Decision page 2'), 'the copied PDF pages keep their text');
  // Bates numbers on every page, and the footer's page x / y.
  const pages = text.split('\f').filter((page) => page.trim());
  assert.equal(pages.length, result.pages);
  pages.forEach((page, i) => {
    assert.ok(page.includes(`KZ-${String(i + 1).padStart(6, '0')}`), `page ${i + 1} has no Bates number`);
    assert.ok(page.includes(`page ${i + 1} / ${result.pages}`));
    assert.ok(page.includes(result.dossierId));
  });
  // The long narrative flowed over more than one page of summary, nothing cut.
  const withoutFooters = text
    .split('\n')
    .filter((line) => !/^(KZ-\d{6}|Dossier id .*|page \d+ \/ \d+)$/.test(line.trim()))
    .join(' ')
    .replace(/\s+/g, ' ');
  assert.equal(withoutFooters.split('Long narrative text flows across pages.').length - 1, 400);

  const detached = detachAll(out, dir);
  assert.equal(sha256(detached.get('exhibit-004-hearing.mp4')!), videoSha);
  assert.equal(sha256(detached.get('exhibit-005-damaged.pdf')!), sha256(originals.get('damaged.pdf')!));
  assert.equal(sha256(detached.get('exhibit-006-encrypted.pdf')!), sha256(originals.get('encrypted.pdf')!));
  assert.ok(detached.has('manifest.json') && detached.has('manifest.sig') && detached.has('custody-events.jsonl'));
  const manifest = JSON.parse(detached.get('manifest.json')!.toString('utf8'));
  assert.equal(manifest.dossierId, result.dossierId);
  assert.equal(manifest.publicKey, archive.publicKey);
  assert.equal(manifest.pages, result.pages);
  for (const entry of manifest.attachments) assert.equal(sha256(detached.get(entry.name)!), entry.sha256, entry.name);

  const byNumber = new Map(result.manifest.exhibits.map((e) => [e.number, e]));
  assert.equal(byNumber.get('1')!.included, 'pages');
  const decisionBates = byNumber.get('1')!.bates!;
  assert.equal(Number(decisionBates.last.slice(3)) - Number(decisionBates.first.slice(3)), 2, 'three pages copied');
  assert.equal(byNumber.get('2')!.included, 'pages');
  assert.equal(byNumber.get('3')!.included, 'pages');
  assert.equal(byNumber.get('4')!.included, 'attached');
  assert.match(byNumber.get('5')!.note!, /damaged/);
  assert.match(byNumber.get('6')!.note!, /encrypted/, byNumber.get('6')!.note!);
  assert.match(withoutFooters, /the PDF is damaged/);
  assert.match(withoutFooters, /the PDF is encrypted \(password-protected\)/);
  assert.equal(result.manifest.exhibits.length, 7);
  assert.equal(byNumber.get('7')!.included, 'pages');
  assert.ok(text.includes('Rotated scan text'));
  assert.equal(result.sha256, sha256(readFileSync(out)));
  assert.deepEqual(
    readdirSync(dir).filter((name) => name.includes('.partial')),
    [],
    'no temporary file is left beside the dossier',
  );

  // The outline (bookmarks) and page labels a viewer shows.
  const doc = await PDFDocument.load(readFileSync(out));
  assert.ok(doc.catalog.has(PDFName.of('Outlines')));
  assert.ok(doc.catalog.has(PDFName.of('PageLabels')));

  // Each exported exhibit has an `exported` event naming the dossier.
  for (const exhibit of result.manifest.exhibits) {
    const events = archive.custodyEvents(exhibit.itemId).filter((e) => e.action === 'exported');
    assert.equal(events.at(-1)?.details.dossier, result.dossierId);
    assert.equal(events.at(-1)?.details.sha256, result.sha256);
  }
  assert.equal(archive.custodyEvents(secretItem.id).filter((e) => e.action === 'exported').length, 0);
});

test('a default export leaves confidential items out of the text and the attachments, and says how many were withheld', async () => {
  const out = path.join(dir, 'default.pdf');
  const result = await exportCaseDossier(archive, { caseId, out, attachMedia: true });
  const text = pdfText(out);
  const raw = readFileSync(out);
  const detached = detachAll(out, dir);
  const everything = [text, ...[...detached.values()].map((bytes) => bytes.toString('utf8'))].join('\n');
  for (const secret of [SECRET_TITLE, SECRET_MARKER, secretItem.sha256, secretItem.id, SECRET_WITNESS, 'Ёжиков']) {
    assert.ok(!everything.includes(secret), `"${secret}" leaked into the dossier`);
    assert.ok(!raw.includes(Buffer.from(secret, 'utf8')), `"${secret}" is in the PDF's bytes`);
    assert.ok(!raw.includes(Buffer.from(secret, 'utf16le').swap16()), `"${secret}" is in the PDF's bytes (UTF-16BE)`);
  }
  assert.match(text, /1 exhibit\(s\) were withheld as confidential/);
  assert.ok(text.includes('Person A'), 'the confidential witness appears under a pseudonym');
  assert.deepEqual(result.manifest.withheld, {
    cases: 0,
    exhibits: 1,
    exhibitsNamingProtected: 0,
    unredactedExhibits: 0,
    pseudonymisedPersons: 1,
  });
  // Without --attach-media the video is listed with its hash, available on request.
  const listed = await exportCaseDossier(archive, { caseId, out: path.join(dir, 'no-media.pdf') });
  const video = listed.manifest.exhibits.find((e) => e.sha256 === videoSha)!;
  assert.equal(video.included, 'listed');
  assert.ok(pdfText(path.join(dir, 'no-media.pdf')).includes(videoSha));
  assert.ok(!detachAll(path.join(dir, 'no-media.pdf'), dir).has('exhibit-004-hearing.mp4'));
});

test('--include-confidential puts the confidential item and the witness name in', async () => {
  const out = path.join(dir, 'full.pdf');
  const result = await exportCaseDossier(archive, { caseId, out, includeConfidential: true, language: 'ru' });
  assertQpdfCheck(out);
  const text = pdfText(out);
  assert.ok(text.includes(SECRET_WITNESS));
  assert.ok(text.includes(SECRET_MARKER), 'the confidential PDF is copied in');
  assert.ok(text.includes('ДОСЬЕ ПО ДЕЛУ') && text.includes('Перечень приложений'), 'Russian labels');
  assert.equal(result.manifest.withheld.exhibits, 0);
  await assert.rejects(
    exportCaseDossier(archive, { caseId: secretCaseId, out: path.join(dir, 'secret-case.pdf') }),
    /confidential; include confidential cases to export it/,
  );
});

test('verify-dossier accepts a fresh export and rejects a one-byte change to an attachment or to the manifest', async () => {
  const out = path.join(dir, 'verify.pdf');
  await exportCaseDossier(archive, { caseId, out, attachMedia: true });
  const fresh = await verifyDossier(out);
  assert.equal(fresh.intact, true, JSON.stringify(fresh.problems));
  assert.equal(fresh.signatureValid, true);
  assert.equal(fresh.publicKey, archive.publicKey);
  assert.equal((await verifyDossier(out, { expectedPublicKey: archive.publicKey })).intact, true);
  assert.equal((await verifyDossier(out, { expectedPublicKey: 'ab'.repeat(32) })).problems[0]?.kind, 'key-mismatch');

  const bytes = readFileSync(out);
  // One byte of the embedded video (attachments are stored uncompressed, so its bytes are in the file as they are).
  const video = originals.get('hearing.mp4')!;
  const at = bytes.indexOf(video.subarray(1000, 1064));
  assert.ok(at > 0);
  const alteredAttachment = Buffer.from(bytes);
  alteredAttachment[at + 10] = alteredAttachment[at + 10]! ^ 0x01;
  const attachmentReport = await verifyDossierBytes(alteredAttachment);
  assert.equal(attachmentReport.intact, false);
  assert.deepEqual(
    attachmentReport.problems.map((p) => p.kind),
    ['attachment-altered'],
  );
  assert.match(attachmentReport.problems[0]!.message, /exhibit-004-hearing\.mp4/);

  // One byte of the manifest: the dossier id's first digit.
  const manifestAt = bytes.indexOf(Buffer.from(`"dossierId": "${fresh.dossierId}"`));
  assert.ok(manifestAt > 0);
  const alteredManifest = Buffer.from(bytes);
  const digit = manifestAt + '"dossierId": "'.length;
  alteredManifest[digit] = alteredManifest[digit] === 0x30 ? 0x31 : 0x30;
  const manifestReport = await verifyDossierBytes(alteredManifest);
  assert.equal(manifestReport.intact, false);
  assert.ok(manifestReport.problems.some((p) => p.kind === 'signature-invalid'));

  // A page taken out is caught by the page count and the signed page hashes; so is a word added to a page.
  const removedPage = await PDFDocument.load(bytes);
  removedPage.removePage(2);
  const removed = await verifyDossierBytes(await removedPage.save());
  assert.deepEqual(removed.problems.map((p) => p.kind).sort(), ['page-altered', 'page-count']);
  const editedPage = await PDFDocument.load(bytes);
  editedPage.getPage(3).drawText('not guilty', { x: 100, y: 100 });
  const edited = await verifyDossierBytes(await editedPage.save());
  assert.deepEqual(
    edited.problems.map((p) => p.message),
    ['the content of 1 page(s) differs from what was signed: page 4'],
  );
});

test('a dossier with bytes flipped all through it is reported not intact, never an internal error', async () => {
  const out = path.join(dir, 'damaged.pdf');
  await exportCaseDossier(archive, { caseId, out });
  const bytes = readFileSync(out);
  const kinds = new Set<string>();
  // 39 bytes spread over the file, at 64 different offsets: some land in a page, some in an object's dictionary.
  for (let shift = 0; shift < 64; shift++) {
    const damaged = Buffer.from(bytes);
    for (let i = 1; i < 40; i++) {
      const at = Math.min(damaged.length - 1, Math.floor((damaged.length * i) / 40) + shift * 131);
      damaged[at] = damaged[at]! ^ 0x20;
    }
    const report = await verifyDossierBytes(damaged);
    assert.equal(report.intact, false, `shift ${shift}`);
    assert.ok(report.problems.length > 0);
    for (const problem of report.problems) kinds.add(problem.kind);
  }
  // Among them, objects pdf-lib can parse only as far as the file's table: named, not thrown.
  assert.ok(kinds.has('structure-damaged'), [...kinds].join(', '));
});

test('a submission report covers several cases with statistics, the persons list as CSV, and the same manifest rules', async () => {
  const out = path.join(dir, 'submission.pdf');
  const result = await exportSubmission(archive, {
    filter: 'status=pre-trial detention',
    out,
    intro: `Сообщение Специальному докладчику о делах ${KAZAKH_NAME} и других.`,
  });
  assertQpdfCheck(out);
  const text = pdfText(out);
  assert.deepEqual(result.manifest.cases.map((c) => c.id).sort(), [caseId, otherCaseId].sort());
  assert.equal(result.manifest.withheld.cases, 1, 'the confidential case is withheld');
  assert.ok(!text.includes('Закрытое дело'));
  for (const expected of ['Statistics', 'Cases by status', 'Cases by charge article', 'art. 272', 'art. 405', 'Алматы', 'Астана', '2022'])
    assert.ok(text.includes(expected), `missing "${expected}"`);
  assert.ok(text.includes('Attachment 1: persons concerned'));
  assert.ok(text.includes(KAZAKH_NAME) && text.includes('Пётр Петров') && text.includes('Person A'));
  assert.ok(!text.includes(SECRET_WITNESS));
  const csv = detachAll(out, dir).get('persons.csv')!.toString('utf8');
  assert.match(csv, /^\ufeffno,name,aliases,role,case,case_id,status,region,articles\r\n/);
  assert.ok(csv.includes(KAZAKH_NAME) && csv.includes('Пётр Петров'));
  // Persons concerned are the defendants and victims: the witness and the lawyer are not listed.
  assert.ok(!csv.includes('Person A') && !csv.includes(RUSSIAN_NAME));
  assert.match(csv, /art\. 272 part 2/);
  assert.ok(!csv.includes(SECRET_WITNESS));
  // Every case's exhibit index, without the confidential item.
  assert.ok(!result.manifest.exhibits.some((e) => e.itemId === secretItem.id));
  assert.equal(result.manifest.exhibits.length, 8);
  assert.equal((await verifyDossier(out)).intact, true);
  const byIds = await exportSubmission(archive, { caseIds: [otherCaseId], out: path.join(dir, 'one.pdf'), language: 'ru' });
  assert.equal(byIds.manifest.cases.length, 1);
  assert.ok(pdfText(path.join(dir, 'one.pdf')).includes('Приложение 1'));
  await assert.rejects(exportSubmission(archive, { filter: 'colour=red', out }), /KEY one of status, article, region/);
});

test('a recipient checks the dossier with pdfdetach, sha256sum and openssl alone, as docs/verify-dossier.md says', async () => {
  const out = path.join(dir, 'standard-tools.pdf');
  await exportCaseDossier(archive, { caseId, out, attachMedia: true });
  const check = (pdf: string) => {
    const work = mkdtempSync(path.join(dir, 'recipient-'));
    const files = detachAll(pdf, work);
    for (const [name, bytes] of files) writeFileSync(path.join(work, name), bytes);
    const manifest = JSON.parse(files.get('manifest.json')!.toString('utf8')) as { attachments: Array<{ name: string; sha256: string }> };
    writeFileSync(path.join(work, 'SHA256SUMS'), manifest.attachments.map((a) => `${a.sha256}  ${a.name}\n`).join(''));
    writeFileSync(path.join(work, 'key.der'), Buffer.from(`302a300506032b6570032100${archive.publicKey}`, 'hex'));
    const run = (command: string, args: string[]) => spawnSync(command, args, { cwd: work, encoding: 'utf8' });
    const signature = run('openssl', [
      'pkeyutl',
      '-verify',
      '-pubin',
      '-inkey',
      'key.der',
      '-keyform',
      'DER',
      '-rawin',
      '-in',
      'manifest.json',
      '-sigfile',
      'manifest.sig',
    ]);
    const sums = run('sha256sum', ['-c', 'SHA256SUMS']);
    return {
      signature: signature.status === 0 && /Signature Verified Successfully/.test(signature.stdout),
      sums: sums.status === 0,
      sumsOutput: sums.stdout,
    };
  };
  assert.deepEqual(check(out), { signature: true, sums: true, sumsOutput: check(out).sumsOutput });
  const bytes = readFileSync(out);
  const tampered = Buffer.from(bytes);
  const at = tampered.indexOf(originals.get('hearing.mp4')!.subarray(5000, 5064));
  tampered[at] = tampered[at]! ^ 0x80;
  writeFileSync(path.join(dir, 'tampered-media.pdf'), tampered);
  const afterMedia = check(path.join(dir, 'tampered-media.pdf'));
  assert.equal(afterMedia.signature, true, 'the manifest is untouched');
  assert.equal(afterMedia.sums, false);
  assert.match(afterMedia.sumsOutput, /exhibit-004-hearing\.mp4: FAILED/);
  const manifestAt = bytes.indexOf(Buffer.from('"kind": "case-dossier"'));
  const tamperedManifest = Buffer.from(bytes);
  tamperedManifest[manifestAt + 9] = 'K'.charCodeAt(0);
  writeFileSync(path.join(dir, 'tampered-manifest.pdf'), tamperedManifest);
  assert.equal(check(path.join(dir, 'tampered-manifest.pdf')).signature, false);
});
