// Text extraction for full-text search. Every fixture is built here, byte by byte: a PDF with a
// Type1 Helvetica font, DOCX zips, windows-1251 text, and hostile variants of each.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { extractText } from '../../electron/archive/ingest/extract.ts';
import { DOCUMENT_XML, docxFiles, encodeWindows1251, makeEncryptedPdf, makePdf, makeZip } from '../helpers/documents.ts';

const MARKER = 'CUSTODIA-MARKER-5e81c0';

test('a PDF yields the text of every page, joined by newlines', async () => {
  const pdf = makePdf([[`First page ${MARKER}`, 'second line (with parentheses)'], ['Page two']]);
  const result = await extractText(pdf, 'application/pdf');
  assert.equal(result.error, null);
  assert.equal(result.text, `First page ${MARKER}\nsecond line (with parentheses)\nPage two`);
});

test('a PDF given as a Buffer, with a mime parameter, is read the same', async () => {
  const result = await extractText(Buffer.from(makePdf([[MARKER]])), 'Application/PDF; charset=binary');
  assert.deepEqual(result, { text: MARKER, error: null });
});

test('PDF output is capped at maxChars', async () => {
  const result = await extractText(makePdf([[MARKER, MARKER], [MARKER]]), 'application/pdf', { maxChars: 10 });
  assert.deepEqual(result, { text: MARKER.slice(0, 10), error: null });
});

test('damaged, fake and encrypted PDFs return a reason instead of throwing', async () => {
  const pdf = makePdf([[MARKER]]);
  const cases: Array<[string, Uint8Array]> = [
    ['truncated', pdf.subarray(0, Math.floor(pdf.length / 2))],
    ['header only', pdf.subarray(0, 16)],
    ['not a PDF', Buffer.from('MZ\x90\x00 this is an executable, not a PDF', 'latin1')],
    ['empty', new Uint8Array(0)],
    ['encrypted', makeEncryptedPdf('user-password')],
  ];
  for (const [label, bytes] of cases) {
    const result = await extractText(bytes, 'application/pdf');
    assert.equal(result.text, '', label);
    assert.equal(typeof result.error, 'string', label);
    assert.ok(result.error!.length > 0 && result.error!.length <= 200, `${label}: ${result.error}`);
  }
  assert.match((await extractText(makeEncryptedPdf('user-password'), 'application/pdf')).error!, /encrypted/);
});

test('a PDF that takes longer than timeoutMs is abandoned with an error', async () => {
  const result = await extractText(makePdf([[MARKER]]), 'application/pdf', { timeoutMs: 1 });
  assert.deepEqual(result, { text: '', error: 'timed out after 1 ms' });
});

test('UTF-8 text is decoded as is', async () => {
  const text = `Қамауда ${MARKER}\nёлка 🌲`;
  assert.deepEqual(await extractText(Buffer.from(text, 'utf8'), 'text/plain'), { text, error: null });
});

test('text that is not UTF-8 is read as windows-1251', async () => {
  const text = 'Приговор Жанаозенского городского суда: Ёлкин осуждён.\r\n';
  const result = await extractText(encodeWindows1251(text), 'text/plain');
  assert.deepEqual(result, { text, error: null });
});

test('UTF-8 with a few damaged bytes stays UTF-8, with replacement characters', async () => {
  const bytes = Buffer.concat([Buffer.from('Подсудимый находился ', 'utf8'), Buffer.from([0xff]), Buffer.from(' в Қамауда', 'utf8')]);
  assert.deepEqual(await extractText(bytes, 'text/plain'), { text: 'Подсудимый находился \ufffd в Қамауда', error: null });
});

test('plain text is capped at maxChars', async () => {
  assert.equal((await extractText(Buffer.from('Қамауда'.repeat(1000), 'utf8'), 'text/plain', { maxChars: 9 })).text, 'ҚамаудаҚа');
  assert.equal((await extractText(encodeWindows1251('Приговор'.repeat(1000)), 'text/plain', { maxChars: 5 })).text, 'Приго');
  assert.equal((await extractText(Buffer.from('ab🌲', 'utf8'), 'text/plain', { maxChars: 3 })).text, 'ab');
});

test('a DOCX (sniffed as application/zip) yields its paragraphs, with entities decoded', async () => {
  const expected = 'Подсудимый находился в Қамауда\nSmith & Sons <ltd> ЁЖ\tend';
  for (const deflate of [false, true]) {
    const docx = makeZip(docxFiles(DOCUMENT_XML, deflate));
    assert.deepEqual(await extractText(docx, 'application/zip'), { text: expected, error: null }, `deflate: ${deflate}`);
  }
  const officeMime = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
  assert.equal((await extractText(makeZip(docxFiles(DOCUMENT_XML)), officeMime)).text, expected);
  assert.equal((await extractText(makeZip(docxFiles(DOCUMENT_XML)), 'application/zip', { maxChars: 10 })).text, expected.slice(0, 10));
});

test('a zip that is not a DOCX has no text and no error', async () => {
  const zip = makeZip([{ name: 'notes.txt', data: Buffer.from('hello', 'utf8') }]);
  assert.deepEqual(await extractText(zip, 'application/zip'), { text: '', error: null });
});

test('damaged zips and zip bombs return a reason instead of throwing', async () => {
  const docx = makeZip(docxFiles(DOCUMENT_XML, true));
  const zeros = new Uint8Array(8 * 1024 * 1024);
  const corrupt = Uint8Array.from(docx);
  corrupt[Buffer.from(docx).indexOf('word/document.xml') + 'word/document.xml'.length + 40]! ^= 0xff; // inside the deflated body
  const cases: Array<[string, Uint8Array]> = [
    ['truncated', docx.subarray(0, docx.length - 30)],
    ['no zip at all', Buffer.from('PK\x03\x04 and nothing else', 'latin1')],
    ['claims 4 GB', makeZip([{ name: 'word/document.xml', data: Buffer.from('<w:t>x</w:t>'), declaredSize: 0xfffffff0 }])],
    [
      'claims 60 MB',
      makeZip([{ name: 'word/document.xml', data: Buffer.from('<w:t>x</w:t>'), deflate: true, declaredSize: 60 * 1024 * 1024 }]),
    ],
    ['inflates past its claim', makeZip([{ name: 'word/document.xml', data: zeros, deflate: true, declaredSize: 1000 }])],
    ['corrupted', corrupt],
    ['empty', new Uint8Array(0)],
  ];
  for (const [label, bytes] of cases) {
    const result = await extractText(bytes, 'application/zip');
    assert.equal(result.text, '', label);
    assert.equal(typeof result.error, 'string', label);
    assert.ok(result.error!.length > 0 && result.error!.length <= 200, `${label}: ${result.error}`);
  }
  const bomb = await extractText(
    makeZip([{ name: 'word/document.xml', data: zeros, deflate: true, declaredSize: 1000 }]),
    'application/zip',
  );
  assert.match(bomb.error!, /inflates past/);
});

test('a DOCX body is refused when it would inflate over 200 times its size, or fails its CRC-32', async () => {
  // 8 MB of zeros deflates to about 8 KB: an honest header, but the ratio of a bomb.
  const ratio = await extractText(
    makeZip([{ name: 'word/document.xml', data: new Uint8Array(8 * 1024 * 1024), deflate: true }]),
    'application/zip',
  );
  assert.deepEqual(ratio, { text: '', error: 'unreadable DOCX: the entry claims to inflate more than 200 times its size' });
  const body = Buffer.from(DOCUMENT_XML, 'utf8');
  const wrongCrc = await extractText(
    makeZip([{ name: 'word/document.xml', data: body, deflate: true, declaredCrc: 1 }]),
    'application/zip',
  );
  assert.deepEqual(wrongCrc, { text: '', error: 'unreadable DOCX: the entry checksum does not match' });
});

test('a DOCX written with backslashes in its entry names is still read', async () => {
  const files = docxFiles(DOCUMENT_XML).map((file) => ({ ...file, name: file.name.replaceAll('/', '\\') }));
  assert.match((await extractText(makeZip(files), 'application/zip')).text, /Қамауда/);
});

test('other types have no text and no error', async () => {
  for (const mime of ['image/png', 'application/octet-stream', 'application/x-msdownload', 'video/mp4', '']) {
    assert.deepEqual(await extractText(Buffer.from('%PDF-1.4 looks like a PDF'), mime), { text: '', error: null }, mime);
  }
});
