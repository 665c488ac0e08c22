import type { Migration } from './migration.ts';

export const initialSchema: Migration = {
  version: 1,
  description: 'cases, blobs and items',
  up(db) {
    db.exec(`
      CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
      CREATE TABLE cases (
        id TEXT PRIMARY KEY,
        title TEXT NOT NULL,
        reference TEXT,
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE TABLE blobs (
        blob_id TEXT PRIMARY KEY,
        file_name TEXT NOT NULL UNIQUE,
        size INTEGER NOT NULL CHECK (size >= 0),
        sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX blobs_by_sha256 ON blobs(sha256);
      CREATE TABLE items (
        id TEXT PRIMARY KEY,
        case_id TEXT NOT NULL REFERENCES cases(id),
        blob_id TEXT NOT NULL REFERENCES blobs(blob_id),
        original_name TEXT NOT NULL,
        mime_type TEXT NOT NULL,
        imported_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX items_by_case ON items(case_id);
    `);
  },
};
