// Hostile PDFs through the real import: 200 deterministic mutants of PDFs made here (makePdf and
// pdf-lib, with and without object streams and an embedded font), each imported into a real vault,
// where text extraction runs pdf.js in a worker. Nothing may crash the process, hang past the
// extraction timeout, or damage the vault; every failure must end up as the item's extraction error.
import assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { after, before, test } from 'node:test';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { Archive } from '../../electron/archive/index.ts';
import { makePdf } from '../helpers/documents.ts';
import { PASSPHRASE, tempDir } from '../helpers/files.ts';
import { mutatePdf, seededRandom, type MutationKind } from '../helpers/pdf-mutator.ts';

const MUTANTS = Number(process.env.CUSTODIA_PDF_MUTANTS ?? 200);
const SEED = 0x5eed_4367;
/** Two imports at a time: the machine has two cores and each extraction is its own worker thread. */
const CONCURRENCY = 2;
/** extract.ts stops a PDF worker after 20 s; an import may add a little for hashing and the catalog. */
const PER_FILE_LIMIT_MS = 30_000;
const MARKER = 'quokkafuzz';

const require = createRequire(import.meta.url);
const root = tempDir('custodia-hostile-pdf-');
let archive: Archive;
let caseId: string;

before(async () => {
  ({ archive } = await Archive.create(path.join(root, 'vault'), PASSPHRASE));
  caseId = archive.addCase({ title: 'Hostile PDFs' });
});

after(() => {
  archive?.lock();
  rmSync(root, { recursive: true, force: true });
});

/** The PDFs that are mutated: hand-written objects and xref, pdf-lib with and without object streams, an embedded TrueType font. */
async function basePdfs(): Promise<Array<{ name: string; bytes: Uint8Array }>> {
  const lines = (n: number) => Array.from({ length: n }, (_, i) => `${MARKER} line ${i} (court record) 12345`);
  const simple = makePdf([lines(3), lines(2), ['last page']]);

  const standard = await PDFDocument.create();
  const helvetica = await standard.embedFont(StandardFonts.Helvetica);
  for (let p = 0; p < 2; p++) standard.addPage([300, 300]).drawText(`${MARKER} page ${p}`, { x: 20, y: 200, size: 12, font: helvetica });
  const withObjectStreams = await standard.save({ useObjectStreams: true });
  const withoutObjectStreams = await standard.save({ useObjectStreams: false });

  const embedded = await PDFDocument.create();
  embedded.registerFontkit(fontkit);
  const dejavu = await embedded.embedFont(readFileSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf')), { subset: true });
  embedded.addPage([300, 300]).drawText(`${MARKER} Қамауда`, { x: 20, y: 200, size: 12, font: dejavu });
  const embeddedFont = await embedded.save({ useObjectStreams: false });

  return [
    { name: 'makePdf', bytes: simple },
    { name: 'pdf-lib object streams', bytes: withObjectStreams },
    { name: 'pdf-lib classic xref', bytes: withoutObjectStreams },
    { name: 'pdf-lib embedded font', bytes: embeddedFont },
  ];
}

interface Outcome {
  index: number;
  base: string;
  kinds: MutationKind[];
  size: number;
  ms: number;
  itemId?: string;
  duplicate?: boolean;
  mimeType?: string;
  thrown?: string;
}

test(`${MUTANTS} mutated PDFs import without crash or hang; failures become extraction errors; the vault verifies`, async (t) => {
  const bases = await basePdfs();
  for (const base of bases) {
    const result = await archive.importFile(caseId, writeTemp(`base-${base.name.replace(/\W+/g, '-')}.pdf`, base.bytes));
    assert.equal(result.mimeType, 'application/pdf');
    assert.equal(archive.getItem(result.id).extractionError, null, `the unmutated ${base.name} extracts cleanly`);
  }
  const eventsBefore = archive.custodyEvents().length;

  const outcomes: Outcome[] = [];
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);
  const started = Date.now();
  let next = 0;
  const runOne = async (index: number) => {
    const random = seededRandom(SEED + index);
    const base = bases[index % bases.length]!;
    const { kinds, bytes } = mutatePdf(base.bytes, random);
    const file = writeTemp(`mutant-${String(index).padStart(3, '0')}.pdf`, bytes);
    const outcome: Outcome = { index, base: base.name, kinds, size: bytes.length, ms: 0 };
    const t0 = Date.now();
    try {
      const result = await archive.importFile(caseId, file);
      Object.assign(outcome, { itemId: result.id, duplicate: result.duplicate, mimeType: result.mimeType });
    } catch (error) {
      outcome.thrown = error instanceof Error ? error.message : String(error);
    }
    outcome.ms = Date.now() - t0;
    rmSync(file);
    outcomes.push(outcome);
  };
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < MUTANTS) await runOne(next++);
    }),
  );
  clearInterval(sampler);
  const totalMs = Date.now() - started;

  assert.equal(outcomes.length, MUTANTS);
  const thrown = outcomes.filter((o) => o.thrown);
  assert.deepEqual(
    thrown.map((o) => `#${o.index} ${o.kinds.join('+')}: ${o.thrown}`),
    [],
    'an import of a damaged PDF must not fail: the damage belongs in the extraction error',
  );
  const slowest = outcomes.reduce((a, b) => (b.ms > a.ms ? b : a));
  assert.ok(slowest.ms < PER_FILE_LIMIT_MS, `mutant #${slowest.index} took ${slowest.ms} ms`);

  const stored = outcomes.filter((o) => !o.duplicate);
  const items = stored.map((o) => ({ outcome: o, item: archive.getItem(o.itemId!) }));
  const asPdf = items.filter(({ item }) => item.mimeType === 'application/pdf');
  const failed = asPdf.filter(({ item }) => item.extractionError !== null);
  for (const { outcome, item } of failed) {
    assert.ok(item.extractionError!.length > 0 && item.extractionError!.length <= 200, `#${outcome.index}: ${item.extractionError}`);
  }
  for (const { item } of items.filter(({ item }) => item.mimeType !== 'application/pdf')) {
    assert.equal(item.extractionError, null, 'no PDF signature left: not extracted, so no error either');
  }
  const withText = new Set(archive.searchAll({ query: MARKER, kinds: ['item'], limit: 10_000 }).map((hit) => hit.id));
  const extracted = asPdf.filter(({ item }) => withText.has(item.id));

  // The vault is whole: catalog, every blob re-hashed, every custody link and signature.
  assert.equal(archive.catalogIntegrity(), 'ok');
  assert.equal(archive.getCase(caseId).items.length, bases.length + stored.length);
  const report = await archive.verify({ allSignatures: true });
  assert.deepEqual(report.problems, []);
  assert.equal(report.ok, true);
  // One 'imported' event per stored item (a duplicate in the same case records nothing), one for the audit.
  assert.equal(archive.custodyEvents().length, eventsBefore + stored.length + 1);

  const errorKinds = new Map<string, number>();
  for (const { item } of failed) {
    const kind = item.extractionError!.replace(/:.*$/, '').replace(/\d+/g, 'N');
    errorKinds.set(kind, (errorKinds.get(kind) ?? 0) + 1);
  }
  const summary = {
    mutants: MUTANTS,
    imported: stored.length,
    duplicates: outcomes.length - stored.length,
    sniffedAsPdf: asPdf.length,
    extractedText: extracted.length,
    failedExtraction: failed.length,
    partial: failed.filter(({ item }) => withText.has(item.id)).length,
    neitherTextNorError: asPdf.filter(({ item }) => !withText.has(item.id) && item.extractionError === null).length,
    errorKinds: Object.fromEntries(errorKinds),
    slowest: {
      index: slowest.index,
      base: slowest.base,
      kinds: slowest.kinds,
      ms: slowest.ms,
      error: archive.getItem(slowest.itemId!).extractionError,
    },
    totalMs,
    peakRssMB: Math.round(peakRss / 1e6),
  };
  t.diagnostic(JSON.stringify(summary));
  assert.ok(extracted.length > 0 && failed.length > 0, 'the mutants cover both readable and broken PDFs');
});

function writeTemp(name: string, bytes: Uint8Array): string {
  const file = path.join(root, name);
  writeFileSync(file, bytes);
  return file;
}
