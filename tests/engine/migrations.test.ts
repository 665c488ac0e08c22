import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { after, test } from 'node:test';
import { openCatalog } from '../../electron/archive/catalog/database.ts';
import { migrations } from '../../electron/archive/catalog/migrations/index.ts';
import { nativePrimitives } from '../../electron/archive/crypto/index.ts';
import { tempDir } from '../helpers/files.ts';

const dir = tempDir();
after(() => rmSync(dir, { recursive: true, force: true }));
const key = nativePrimitives.randomBytes(32);

test('migrations are numbered 1, 2, … with no gaps', () => {
  migrations.forEach((migration, index) => assert.equal(migration.version, index + 1));
});

test('001 creates cases, blobs and items with their constraints', () => {
  const db = openCatalog(path.join(dir, '001.db'), key, migrations.slice(0, 1));
  try {
    assert.equal(db.pragma('user_version', { simple: true }), 1);
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all();
    assert.deepEqual(tables, ['blobs', 'cases', 'items', 'meta']);
    db.prepare("INSERT INTO cases VALUES ('c1', 'Title', NULL, '2022-01-05')").run();
    assert.throws(() => db.prepare("INSERT INTO blobs VALUES ('b1', 'f1', -1, 'x', 'now')").run(), /CHECK constraint/);
    assert.throws(() => db.prepare("INSERT INTO items VALUES ('i1', 'nope', 'nope', 'a', 'b', 'c')").run(), /FOREIGN KEY/);
    assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
    assert.equal(db.pragma('synchronous', { simple: true }), 2, 'synchronous = FULL');
    assert.equal(db.pragma('temp_store', { simple: true }), 2, 'temp_store = MEMORY');
  } finally {
    db.close();
  }
});

test('reopening applies nothing twice, and a catalog from a newer version is refused', () => {
  const file = path.join(dir, 'newer.db');
  openCatalog(file, key).close();
  const db = openCatalog(file, key);
  db.pragma('user_version = 999');
  db.close();
  assert.throws(() => openCatalog(file, key), /newer Custodia/);
});

test('the wrong key cannot open the catalog', () => {
  const file = path.join(dir, 'keyed.db');
  openCatalog(file, key).close();
  assert.throws(() => openCatalog(file, nativePrimitives.randomBytes(32)), /cannot be decrypted/);
});
