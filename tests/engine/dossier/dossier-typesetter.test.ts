import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { PDFDocument } from 'pdf-lib';
import { embedFonts, MAX_BLOCK_CHARS, MAX_CELL_CHARS, printable, Typesetter } from '../../../electron/archive/dossier/typesetter.ts';
import { readPageLabels, writeBatesPageLabels } from '../../../electron/archive/dossier/structure.ts';

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

test('table columns widen to their longest word when the others can spare the room, and still fill the page', async () => {
  const ts = await typesetter();
  // The submission's list of persons concerned, where "Потерпевший" and "Қызылорда" used to break.
  const columns = [
    { title: '№', width: 0.6 },
    { title: 'Имя', width: 2.6 },
    { title: 'Роль', width: 1.5 },
    { title: 'Дело', width: 2.2 },
    { title: 'Статус', width: 1.6 },
    { title: 'Регион', width: 1.3 },
    { title: 'SHA-256', width: 1.7 },
  ];
  const rows = [['1', 'Алпамыс Нұрболат', 'Обвиняемый, Потерпевший', 'Дело Алпамыса', 'осуждён', 'Қызылорда облысы', 'ab'.repeat(32)]];
  const widths = ts.columnWidths(columns, rows, 8.5);
  assert.ok(Math.abs(widths.reduce((a, b) => a + b, 0) - ts.width) < 0.01, 'the table is as wide as the text');
  for (const [column, word] of [
    [2, 'Потерпевший'],
    [5, 'Қызылорда'],
  ] as const) {
    assert.ok(widths[column]! - 6 >= ts.measure(word, 8.5), `"${word}" fits its column`);
    const lines = ts.wrap(rows[0]![column]!, 8.5, widths[column]! - 6);
    for (const whole of rows[0]![column]!.split(' '))
      assert.ok(
        lines.some((line) => line.split(' ').includes(whole)),
        `${whole} in ${lines}`,
      );
  }
  // A hash is never the reason to squeeze the prose: its column keeps its share and the hash breaks.
  assert.ok(ts.wrap(rows[0]![6]!, 8.5, widths[6]! - 6).length > 1);
  // Words wider than the page together: plain proportions.
  const wide = ts.columnWidths(columns, [Array.from({ length: 7 }, () => 'Ж'.repeat(20))], 8.5);
  assert.ok(Math.abs(wide[1]! / wide[0]! - 2.6 / 0.6) < 0.01);
});

test('a table across pages repeats its header above the rows of each new page and never ends a page with it', async () => {
  const ts = await typesetter();
  ts.newPage();
  ts.text('Перечень приложений', { size: 10 });
  const rows = Array.from({ length: 140 }, (_, i) => [`${i + 1}`, i % 7 === 0 ? 'Постановление\nо санкционировании\nареста' : 'Фото']);
  ts.table(
    [
      { title: 'Номер', width: 1 },
      { title: 'Название', width: 4 },
    ],
    rows,
  );
  ts.endPage();
  const dir = mkdtempSync(path.join(tmpdir(), 'custodia-table-'));
  try {
    const file = path.join(dir, 'table.pdf');
    writeFileSync(file, await ts.doc.save());
    const pages = ts.doc.getPageCount();
    assert.ok(pages >= 3, `${pages} pages`);
    for (let page = 1; page <= pages; page++) {
      const text = spawnSync('pdftotext', ['-layout', '-f', String(page), '-l', String(page), file, '-'], { encoding: 'utf8' }).stdout;
      const lines = text.split('\n').filter((line) => line.trim());
      assert.match(lines.at(-1)!, /\d|Фото|ареста/, `page ${page} does not end with the header`);
      if (page > 1) assert.match(lines[0]!, /Номер\s+Название/, `page ${page} starts with the header`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('an oversized field, cell or block is cut to its cap with the mark, so a 2 MB value cannot make a dossier of hundreds of pages', async () => {
  const doc = await PDFDocument.create();
  const ts = new Typesetter(doc, await embedFonts(doc, 'test'), { truncation: (n) => ` […обрезано: не показано ещё ${n} симв.]` });
  ts.newPage();
  const huge = 'Идентификатор '.repeat(150_000); // 2.1 M characters, as a hostile bag once carried
  ts.fields([['External-Identifier', huge]]);
  ts.table([{ title: 'Подробности', width: 1 }], [[huge]]);
  ts.heading(huge, 3);
  ts.text('😀'.repeat(MAX_BLOCK_CHARS)); // a cut never splits a surrogate pair
  ts.endPage();
  const pages = doc.getPageCount();
  assert.ok(pages < 400, `${pages} pages`);
  const dir = mkdtempSync(path.join(tmpdir(), 'custodia-cap-'));
  try {
    const file = path.join(dir, 'cap.pdf');
    writeFileSync(file, await doc.save());
    const text = spawnSync('pdftotext', [file, '-'], { encoding: 'utf8', maxBuffer: 64 << 20 }).stdout;
    const marks = [...text.replace(/\s+/g, ' ').matchAll(/обрезано: не показано ещё (\d+) симв\./g)].map((m) => Number(m[1]));
    assert.deepEqual(marks.slice(0, 3), [huge.length - MAX_CELL_CHARS, huge.length - MAX_CELL_CHARS, huge.length - MAX_CELL_CHARS]);
    assert.equal(marks.length, 4, 'the block is cut too');
    assert.ok(!text.includes('\ufffd'), 'no broken character at a cut');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
