import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PDFDocument } from 'pdf-lib';
import { embedFonts, printable, Typesetter } from '../../electron/archive/dossier/typesetter.ts';
import { readPageLabels, writeBatesPageLabels } from '../../electron/archive/dossier/structure.ts';

async function typesetter() {
  const doc = await PDFDocument.create();
  return new Typesetter(doc, await embedFonts(doc, 'test'));
}

test('wrap keeps every character, never exceeds the width, and breaks words longer than a line', async () => {
  const ts = await typesetter();
  const text = `Қасымұлы Әлібек ғалым, ңөұүһі. ${'f'.repeat(300)} 0123456789abcdef${'0123456789abcdef'.repeat(10)} end`;
  for (const width of [40, 120, 483]) {
    const lines = ts.wrap(text, 10, width);
    for (const line of lines) assert.ok(ts.measure(line, 10) <= width + 0.001, `"${line}" is wider than ${width}`);
    assert.equal(lines.join('').replace(/\s/g, ''), text.replace(/\s/g, ''), 'no character lost');
  }
  assert.deepEqual(ts.wrap('one\n\ntwo', 10, 483), ['one', '', 'two']);
});

test('printable drops control characters and lone surrogates but keeps Kazakh and Russian text', () => {
  assert.equal(printable('ә\u0000ғ\tқ\r\nЖ\u0007\ud800!'), 'әғ    қ\nЖ\ufffd!');
});

test('text flows onto new pages and the Bates page labels read back in order', async () => {
  const ts = await typesetter();
  ts.text('Строка текста. '.repeat(5000), { size: 10 });
  const pages = ts.doc.getPageCount();
  assert.ok(pages > 5, `${pages} pages`);
  writeBatesPageLabels(ts.doc, 'ДЕЛО', 1);
  const reloaded = await PDFDocument.load(await ts.doc.save());
  assert.deepEqual(
    readPageLabels(reloaded),
    Array.from({ length: pages }, (_, i) => `ДЕЛО-${String(i + 1).padStart(6, '0')}`),
  );
});
