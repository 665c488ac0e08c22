import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { after, test } from 'node:test';
import { openCatalog } from '../../../electron/archive/catalog/database.ts';
import { migrations } from '../../../electron/archive/catalog/migrations/index.ts';
import { nativePrimitives } from '../../../electron/archive/crypto/index.ts';
import { tempDir } from '../../helpers/files.ts';

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

/** Opens a catalog migrated up to `version`, seeded by `seed` at the version before it, then migrated on. */
function migrateThrough(name: string, version: number, seed: (db: ReturnType<typeof openCatalog>) => void) {
  const file = path.join(dir, `${name}.db`);
  const before = openCatalog(file, key, migrations.slice(0, version - 1));
  seed(before);
  before.close();
  return openCatalog(file, key, migrations.slice(0, version));
}
const columns = (db: ReturnType<typeof openCatalog>, table: string) =>
  db.prepare(`SELECT name FROM pragma_table_info('${table}')`).pluck().all() as string[];

test('002 adds the custody log, which refuses updates and deletes', () => {
  const db = migrateThrough('002', 2, (old) => old.prepare("INSERT INTO cases VALUES ('c1', 'Kept', NULL, '2022')").run());
  try {
    assert.equal(db.prepare("SELECT title FROM cases WHERE id = 'c1'").pluck().get(), 'Kept');
    db.prepare("INSERT INTO custody_events VALUES (1, 't', 'a', 'case-created', 'case', 'c1', '{}', ?, ?, ?)").run(
      '0'.repeat(64),
      '1'.repeat(64),
      '2'.repeat(128),
    );
    assert.throws(() => db.prepare('UPDATE custody_events SET actor = ? WHERE seq = 1').run('x'), /append-only/);
    assert.throws(() => db.prepare('DELETE FROM custody_events').run(), /append-only/);
    assert.throws(
      () =>
        db
          .prepare("INSERT INTO custody_events VALUES (2, 't', 'a', 'x', 'case', 'c1', '{}', 'short', ?, ?)")
          .run('3'.repeat(64), '4'.repeat(128)),
      /CHECK constraint/,
    );
  } finally {
    db.close();
  }
});

test('003 adds case details, persons, item metadata, acquisitions and the search index; existing rows get defaults', () => {
  const db = migrateThrough('003', 3, (old) => {
    old.prepare("INSERT INTO cases VALUES ('c1', 'Old case', NULL, '2022')").run();
    old.prepare("INSERT INTO blobs VALUES ('b1', 'f1', 1, ?, '2022')").run('a'.repeat(64));
    old.prepare("INSERT INTO items VALUES ('i1', 'c1', 'b1', 'scan.pdf', 'application/pdf', '2022')").run();
  });
  try {
    assert.deepEqual(db.prepare("SELECT type, confidentiality FROM items WHERE id = 'i1'").get(), {
      type: 'other',
      confidentiality: 'public',
    });
    assert.deepEqual(db.prepare("SELECT tags, confidentiality FROM cases WHERE id = 'c1'").get(), {
      tags: '[]',
      confidentiality: 'public',
    });
    for (const table of ['case_statuses', 'charges', 'persons', 'person_aliases', 'case_persons', 'acquisitions', 'search_docs'])
      assert.ok(columns(db, table).length > 0, table);
    db.prepare("INSERT INTO search_docs (doc_rowid, kind, id, title, body) VALUES (7, 'case', 'c1', 'Old case', '')").run();
    db.prepare("INSERT INTO search_index (rowid, folded) VALUES (7, 'old kase')").run();
    assert.deepEqual(db.prepare("SELECT rowid FROM search_index WHERE search_index MATCH 'kase'").pluck().all(), [7]);
  } finally {
    db.close();
  }
});

test('004 adds timeline events, powers of attorney, sources and derivation columns', () => {
  const db = migrateThrough('004', 4, () => {});
  try {
    for (const table of ['timeline_events', 'timeline_links', 'powers_of_attorney', 'sources'])
      assert.ok(columns(db, table).length > 0, table);
    for (const column of ['derived_from', 'derivation', 'extraction_error']) assert.ok(columns(db, 'items').includes(column), column);
    assert.throws(() => db.prepare("INSERT INTO timeline_links VALUES ('e', NULL, NULL)").run(), /CHECK constraint|FOREIGN KEY/);
  } finally {
    db.close();
  }
});

test('005 adds item links to cases and persons and withdrawal columns', () => {
  const db = migrateThrough('005', 5, () => {});
  try {
    assert.ok(columns(db, 'item_cases').includes('case_id'));
    assert.ok(columns(db, 'item_persons').includes('person_id'));
    for (const column of ['withdrawn_at', 'withdrawn_reason']) assert.ok(columns(db, 'items').includes(column), column);
  } finally {
    db.close();
  }
});

test('006 adds timeline places and page citations, source notes and merged persons', () => {
  const db = migrateThrough('006', 6, () => {});
  try {
    assert.ok(columns(db, 'timeline_events').includes('place'));
    assert.ok(columns(db, 'timeline_links').includes('page'));
    assert.ok(columns(db, 'sources').includes('note'));
    assert.ok(columns(db, 'persons').includes('merged_into'));
  } finally {
    db.close();
  }
});

test('007 adds append-only countersignatures of custody events', () => {
  const db = migrateThrough('007', 7, () => {});
  try {
    assert.deepEqual(columns(db, 'custody_cosignatures'), ['seq', 'user_id', 'public_key', 'signature']);
    db.prepare("INSERT INTO custody_events VALUES (1, 't', 'a', 'viewed', 'vault', NULL, '{}', ?, ?, ?)").run(
      '0'.repeat(64),
      '1'.repeat(64),
      '2'.repeat(128),
    );
    db.prepare("INSERT INTO custody_cosignatures VALUES (1, 'u', ?, ?)").run('3'.repeat(64), '4'.repeat(128));
    assert.throws(() => db.prepare("UPDATE custody_cosignatures SET user_id = 'v'").run(), /append-only/);
    assert.throws(() => db.prepare('DELETE FROM custody_cosignatures').run(), /append-only/);
    assert.throws(
      () => db.prepare("INSERT INTO custody_cosignatures VALUES (2, 'u', 'short', ?)").run('4'.repeat(128)),
      /CHECK constraint/,
    );
  } finally {
    db.close();
  }
});

test('every migration has a test above', () => {
  assert.equal(migrations.length, 7, 'a new migration needs its own test in this file');
});
