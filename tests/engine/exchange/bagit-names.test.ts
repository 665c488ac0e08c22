import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { resolveInside, safeFileName, UniqueNames } from '../../../electron/archive/exchange/safe-names.ts';

const root = path.resolve('/tmp/bag-root');

test('../ and absolute paths collapse to one harmless component', () => {
  for (const name of ['../../etc/passwd', '/etc/passwd', '..\\..\\boot.ini', 'C:\\Windows\\win.ini', '\\\\server\\share\\x']) {
    const safe = safeFileName(name);
    assert.doesNotMatch(safe, /[/\\:]/, name);
    assert.doesNotMatch(safe, /^\./, name);
    assert.equal(path.basename(safe), safe);
  }
  assert.equal(safeFileName('..'), 'file');
  assert.equal(safeFileName('.'), 'file');
  assert.equal(safeFileName(''), 'file');
});

test('NUL and control characters are removed', () => {
  assert.equal(safeFileName('a\u0000b.txt'), 'ab.txt');
  assert.equal(safeFileName('line\nbreak\r.txt'), 'linebreak.txt');
  assert.equal(safeFileName('bell\u0007\u009b.txt'), 'bell.txt');
});

test('Windows device names get a prefix, with or without an extension, in any case', () => {
  for (const name of ['CON', 'con.txt', 'NUL', 'nul.tar.gz', 'Aux', 'PRN.pdf', 'COM1', 'com9.log', 'LPT1', 'lpt3.doc', 'COM¹', 'CONIN$']) {
    assert.equal(safeFileName(name), `_${name}`, name);
  }
  for (const name of ['CONTRACT.pdf', 'console.log', 'nullable.txt', 'COM10']) assert.equal(safeFileName(name), name, name);
});

test('right-to-left overrides and other invisible format characters are removed', () => {
  assert.equal(safeFileName('invoice\u202Efdp.exe'), 'invoicefdp.exe');
  assert.equal(safeFileName('a\u2066b\u2069\u200f\u061c.pdf'), 'ab.pdf');
  assert.equal(safeFileName('\ufeffbom.txt'), 'bom.txt');
});

test('over-long names are cut to 200 UTF-8 bytes, keeping the extension and whole characters', () => {
  const safe = safeFileName(`${'ж'.repeat(400)}.pdf`);
  assert.ok(Buffer.byteLength(safe) <= 200);
  assert.ok(safe.endsWith('.pdf'));
  assert.ok(safe.isWellFormed());
  assert.ok(safeFileName('😀'.repeat(100)).isWellFormed());
});

test('trailing dots and spaces go (Windows would drop them silently), and names are NFC', () => {
  assert.equal(safeFileName('report.pdf. . '), 'report.pdf');
  assert.equal(safeFileName('e\u0301.txt'), '\u00e9.txt');
  assert.equal(safeFileName('a<b>c:d"e|f?g*h.txt'), 'a_b_c_d_e_f_g_h.txt');
});

test('unique names differ also where case and Unicode normalisation are ignored', () => {
  const names = new UniqueNames();
  const taken = ['Report.pdf', 'report.PDF', 'REPORT.pdf', 'r\u00e9sum\u00e9.txt', 're\u0301sume\u0301.txt', 'CON', 'con'].map((n) =>
    names.take(n),
  );
  assert.deepEqual(taken, ['Report.pdf', 'report (2).PDF', 'REPORT (3).pdf', 'résumé.txt', 'résumé (2).txt', '_CON', '_con (2)']);
  const long = new UniqueNames();
  const first = long.take(`${'x'.repeat(300)}.txt`);
  const second = long.take(`${'x'.repeat(300)}.txt`);
  assert.notEqual(first, second);
  assert.ok(Buffer.byteLength(second) <= 200);
});

test('paths read from a bag resolve inside it or are refused', () => {
  assert.equal(resolveInside(root, 'data/a/b.txt'), path.join(root, 'data', 'a', 'b.txt'));
  for (const bad of ['../x', 'data/../../x', '/etc/passwd', 'C:/x', 'data\\..\\x', 'data/a\0b', 'data//x', 'data/./x', '']) {
    assert.throws(() => resolveInside(root, bad), /refused the path/, JSON.stringify(bad));
  }
});
