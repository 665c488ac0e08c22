import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, test } from 'node:test';
import { Archive } from '../../electron/archive/index.ts';
import { filesContaining, listFiles, PASSPHRASE, tempDir } from '../helpers/files.ts';

const dir = tempDir();
after(() => rmSync(dir, { recursive: true, force: true }));

test('the vault folder holds no case title, file name or file content, WAL included', async () => {
  const title = 'Іс Жаңаөзен Қасымұлы ӘҒҚӨҰҮҺ 7731';
  const reference = 'REF-Ключ-Ұ-99812';
  const marker = 'EVIDENCE-MARKER-3f9c1d2e-unique';
  const fileName = 'Показания_Әлібек_8841.txt';
  const source = path.join(dir, fileName);
  writeFileSync(source, `${marker}\n${'Свидетель показал, что '.repeat(2000)}\n`);
  const vault = path.join(dir, 'vault');
  const { archive } = await Archive.create(vault, PASSPHRASE);
  const caseId = archive.addCase({ title, reference });
  await archive.importFile(caseId, source);

  const needles = [title, reference, marker, fileName, 'Свидетель показал', 'Жаңаөзен'];
  // While unlocked: the WAL holds the freshest pages.
  assert.ok(
    listFiles(vault).some((file) => file.endsWith('-wal')),
    'the catalog runs in WAL mode',
  );
  for (const needle of needles) assert.deepEqual(filesContaining(vault, needle), [], `"${needle}" found while unlocked`);
  archive.lock();
  for (const needle of needles) assert.deepEqual(filesContaining(vault, needle), [], `"${needle}" found after lock`);
});

test('every file and folder of the vault is private to its owner', async () => {
  const { statSync } = await import('node:fs');
  const vault = path.join(dir, 'vault');
  for (const file of listFiles(vault)) assert.equal(statSync(file).mode & 0o077, 0, `${file} is readable by others`);
  for (const folder of [vault, path.join(vault, 'blobs'), path.join(vault, 'tmp')]) assert.equal(statSync(folder).mode & 0o077, 0, folder);
});

test('a blob file name says nothing about its content: the same file gets unrelated names in two vaults', async () => {
  const source = path.join(dir, 'known-leak.txt');
  writeFileSync(source, 'a document an adversary already holds');
  const digest = createHash('sha256').update(readFileSync(source)).digest('hex');
  const names: string[] = [];
  for (const name of ['first', 'second']) {
    const { archive } = await Archive.create(path.join(dir, `names-${name}`), PASSPHRASE);
    const { id } = await archive.importFile(archive.addCase({ title: 'x' }), source);
    names.push(archive.getItem(id).blob.fileName);
    archive.lock();
  }
  assert.notEqual(names[0], names[1]);
  for (const fileName of names) {
    assert.doesNotMatch(fileName, new RegExp(digest.slice(0, 16)));
    assert.ok(!digest.includes(fileName.slice(0, 16)));
  }
});
