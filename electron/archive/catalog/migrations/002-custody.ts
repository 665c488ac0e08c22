import type { Migration } from './migration.ts';

export const custodyLog: Migration = {
  version: 2,
  description: 'append-only custody log and its signed checkpoints',
  up(db) {
    db.exec(`
      CREATE TABLE custody_events (
        seq INTEGER PRIMARY KEY CHECK (seq >= 1),
        time TEXT NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        subject_kind TEXT NOT NULL,
        subject_id TEXT,
        details TEXT NOT NULL,
        prev_hash TEXT NOT NULL CHECK (length(prev_hash) = 64),
        hash TEXT NOT NULL UNIQUE CHECK (length(hash) = 64),
        signature TEXT NOT NULL CHECK (length(signature) = 128)
      ) STRICT;
      CREATE INDEX custody_by_subject ON custody_events(subject_kind, subject_id, seq);
      -- Append-only in the catalog itself: an UPDATE or DELETE is refused by SQLite.
      CREATE TRIGGER custody_events_no_update BEFORE UPDATE ON custody_events
        BEGIN SELECT RAISE(ABORT, 'the custody log is append-only'); END;
      CREATE TRIGGER custody_events_no_delete BEFORE DELETE ON custody_events
        BEGIN SELECT RAISE(ABORT, 'the custody log is append-only'); END;
      CREATE TABLE custody_checkpoints (
        seq INTEGER NOT NULL,
        head_hash TEXT NOT NULL,
        time TEXT NOT NULL,
        reason TEXT NOT NULL,
        signature TEXT NOT NULL
      ) STRICT;
    `);
  },
};
