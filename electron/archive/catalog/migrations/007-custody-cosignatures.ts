import type { Migration } from './migration.ts';

/**
 * Each named user's countersignature of the events recorded while they were at the keyboard. Kept
 * beside the log (not in the hashed event body), so the log format and every verifier of it stay
 * as they are; append-only like the log.
 */
export const custodyCosignatures: Migration = {
  version: 7,
  description: "named users' countersignatures of custody events",
  up(db) {
    db.exec(`
      CREATE TABLE custody_cosignatures (
        seq INTEGER PRIMARY KEY REFERENCES custody_events(seq),
        user_id TEXT NOT NULL,
        public_key TEXT NOT NULL CHECK (length(public_key) = 64),
        signature TEXT NOT NULL CHECK (length(signature) = 128)
      ) STRICT;
      CREATE TRIGGER custody_cosignatures_no_update BEFORE UPDATE ON custody_cosignatures
        BEGIN SELECT RAISE(ABORT, 'the custody log is append-only'); END;
      CREATE TRIGGER custody_cosignatures_no_delete BEFORE DELETE ON custody_cosignatures
        BEGIN SELECT RAISE(ABORT, 'the custody log is append-only'); END;
    `);
  },
};
