// Bates numbers that never repeat across dossiers of one prefix, stamps that never cover an exhibit's
// text, and a verifier that notices a manifest re-signed with another key than the one printed.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFString, StandardFonts } from 'pdf-lib';
import { type Archive, exportCaseDossier, verifyDossier } from '../../../electron/archive/index.ts';
import { verifyDossierBytes } from '../../../electron/archive/dossier/verify.ts';
import { nativePrimitives } from '../../../electron/archive/crypto/index.ts';
import { assertQpdfCheck, detachAll } from '../../helpers/dossier-fixtures.ts';
import { openSeededSession, type SeededSession } from '../../helpers/seeded-session.ts';

let seeded: SeededSession;
let dir: string;
let archive: Archive;
let caseId: string;

after(() => seeded?.close());

/** A court document with text printed to the very bottom and right edges, one page turned. */
async function edgePdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (const rotate of [0, 90]) {
    const page = doc.addPage([595, 842]);
    if (rotate) page.setRotation({ type: 'degrees', angle: rotate } as never);
    page.drawText('EDGEBOTTOM words at the foot of the page', { x: 300, y: 4, size: 9, font });
    page.drawText('EDGELEFT', { x: 2, y: 4, size: 9, font });
  }
  return doc.save();
}

before(async () => {
  seeded = await openSeededSession({
    prefix: 'custodia-dossier-stamps-',
    case: { title: 'Edge of the page', status: 'sentenced' },
    person: false,
    item: { name: 'edge.pdf', content: await edgePdf(), metadata: { type: 'court-decision', title: 'Edge' } },
  });
  ({ dir, archive, caseId } = seeded);
});

/** Word boxes from pdftotext -bbox on one page: word → [xMin, yMin, xMax, yMax] (top-down coordinates). */
function words(file: string, page: number): Array<{ word: string; box: number[] }> {
  const html = spawnSync('pdftotext', ['-bbox', '-f', String(page), '-l', String(page), file, '-'], { encoding: 'utf8' }).stdout;
  return [...html.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((m) => ({
    word: m[5]!,
    box: [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4])],
  }));
}

const overlaps = (a: number[], b: number[]) => a[0]! < b[2]! && b[0]! < a[2]! && a[1]! < b[3]! && b[1]! < a[3]!;

test('Bates numbers continue across dossiers of one prefix, --bates-start sets them, and the custody log records each range', async () => {
  const first = await exportCaseDossier(archive, { caseId, out: path.join(dir, 'a.pdf'), batesPrefix: 'KZ' });
  const second = await exportCaseDossier(archive, { caseId, out: path.join(dir, 'b.pdf'), batesPrefix: 'KZ' });
  assert.equal(first.manifest.bates.first, 'KZ-000001');
  assert.equal(second.manifest.bates.first, `KZ-${String(first.pages + 1).padStart(6, '0')}`);
  const other = await exportCaseDossier(archive, { caseId, out: path.join(dir, 'c.pdf'), batesPrefix: 'UN' });
  assert.equal(other.manifest.bates.first, 'UN-000001', 'each prefix has its own counter');
  const chosen = await exportCaseDossier(archive, { caseId, out: path.join(dir, 'd.pdf'), batesPrefix: 'KZ', batesStart: 500 });
  assert.equal(chosen.manifest.bates.first, 'KZ-000500');
  const after500 = await exportCaseDossier(archive, { caseId, out: path.join(dir, 'e.pdf'), batesPrefix: 'KZ' });
  assert.equal(after500.manifest.bates.first, `KZ-${String(500 + chosen.pages).padStart(6, '0')}`);
  for (const name of ['b.pdf', 'd.pdf']) {
    const report = await verifyDossier(path.join(dir, name));
    assert.equal(report.intact, true, JSON.stringify(report.problems));
  }
  const ranges = archive
    .custodyEvents()
    .filter((e) => e.action === 'exported' && e.subject.kind === 'case')
    .map((e) => e.details.bates as { prefix: string; first: number; last: number });
  assert.deepEqual(ranges[1], { prefix: 'KZ', first: first.pages + 1, last: first.pages + second.pages });
  await assert.rejects(
    exportCaseDossier(archive, { caseId, out: path.join(dir, 'x.pdf'), batesStart: 0 }),
    /the first Bates number must be/,
  );
});

test('the stamps never cover text printed at the edge of an exhibit page, upright or turned', async () => {
  const out = path.join(dir, 'edge-dossier.pdf');
  const result = await exportCaseDossier(archive, { caseId, out, batesPrefix: 'EDGE' });
  assertQpdfCheck(out);
  const exhibit = result.manifest.exhibits[0]!;
  const firstPage = Number(exhibit.bates!.first.split('-').pop());
  for (const page of [firstPage, firstPage + 1]) {
    const all = words(out, page);
    const content = all.filter((w) => w.word.startsWith('EDGE') && !w.word.startsWith('EDGE-'));
    const stamps = all.filter((w) => /^EDGE-\d{6}$/.test(w.word) || w.word === 'Dossier' || /^\d+$/.test(w.word) || w.word === 'page');
    assert.ok(content.length >= 2 && stamps.length >= 3, `page ${page}: ${JSON.stringify(all.map((w) => w.word))}`);
    for (const c of content) for (const s of stamps) assert.ok(!overlaps(c.box, s.box), `page ${page}: "${s.word}" covers "${c.word}"`);
  }
  assert.equal((await verifyDossier(out)).intact, true);
});

test('verify-dossier compares the signing key with the fingerprint printed on the pages', async () => {
  const out = path.join(dir, 'keys.pdf');
  await exportCaseDossier(archive, { caseId, out });
  const fresh = await verifyDossier(out);
  assert.equal(fresh.keyStatus, 'printed');
  assert.equal((await verifyDossier(out, { expectedPublicKey: archive.publicKey })).keyStatus, 'pinned');

  // Someone re-signs the manifest with a key of their own (every page left as it was).
  const stranger = nativePrimitives.signKeypairFromSeed(Buffer.alloc(32, 9));
  const files = detachAll(out, dir);
  const manifest = JSON.parse(files.get('manifest.json')!.toString('utf8'));
  manifest.publicKey = Buffer.from(stranger.publicKey).toString('hex');
  const json = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`);
  const signature = nativePrimitives.signDetached(json, stranger.secretKey);
  const doc = await PDFDocument.load(readFileSync(out));
  const names = doc.catalog
    .lookup(PDFName.of('Names'), PDFDict)
    .lookup(PDFName.of('EmbeddedFiles'), PDFDict)
    .lookup(PDFName.of('Names'), PDFArray);
  for (let i = 0; i < names.size(); i += 2) {
    const key = names.lookup(i) as PDFHexString | PDFString;
    const replacement = key.decodeText() === 'manifest.json' ? json : key.decodeText() === 'manifest.sig' ? signature : null;
    if (!replacement) continue;
    const spec = names.lookup(i + 1, PDFDict);
    spec
      .lookup(PDFName.of('EF'), PDFDict)
      .set(PDFName.of('F'), doc.context.register(doc.context.stream(replacement, { Type: 'EmbeddedFile' })));
  }
  const resigned = await verifyDossierBytes(await doc.save({ useObjectStreams: false }));
  assert.equal(resigned.signatureValid, true, 'the stranger’s signature itself is valid');
  assert.equal(resigned.intact, false);
  assert.equal(resigned.keyStatus, 'differs');
  assert.ok(
    resigned.problems.some((p) => p.kind === 'printed-key-differs'),
    JSON.stringify(resigned.problems),
  );
});
