import type { Migration } from './migration.ts';

export const timelinePoaSources: Migration = {
  version: 4,
  description: 'timeline events, powers of attorney, external sources, derived items',
  up(db) {
    db.exec(`
      CREATE TABLE timeline_events (
        id TEXT PRIMARY KEY,
        case_id TEXT NOT NULL REFERENCES cases(id),
        date TEXT NOT NULL,
        approximate INTEGER NOT NULL DEFAULT 0,
        kind TEXT NOT NULL,
        description TEXT NOT NULL,
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX timeline_by_case ON timeline_events(case_id, date);
      CREATE TABLE timeline_links (
        event_id TEXT NOT NULL REFERENCES timeline_events(id),
        item_id TEXT REFERENCES items(id),
        person_id TEXT REFERENCES persons(id),
        CHECK ((item_id IS NULL) <> (person_id IS NULL))
      ) STRICT;
      CREATE INDEX timeline_links_by_event ON timeline_links(event_id);

      CREATE TABLE powers_of_attorney (
        id TEXT PRIMARY KEY,
        case_id TEXT NOT NULL REFERENCES cases(id),
        grantor_person_id TEXT NOT NULL REFERENCES persons(id),
        representative TEXT NOT NULL,
        scope TEXT NOT NULL,
        issued TEXT NOT NULL,
        valid_until TEXT,
        revoked_at TEXT,
        item_id TEXT REFERENCES items(id),
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX poa_by_case ON powers_of_attorney(case_id);
      CREATE INDEX poa_by_expiry ON powers_of_attorney(valid_until);

      CREATE TABLE sources (
        id TEXT PRIMARY KEY,
        case_id TEXT NOT NULL REFERENCES cases(id),
        url TEXT NOT NULL,
        title TEXT NOT NULL,
        publisher TEXT,
        accessed_at TEXT NOT NULL,
        archived_item_id TEXT REFERENCES items(id),
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX sources_by_case ON sources(case_id);

      -- A redaction, transcript or translation is its own item; the original is never modified.
      ALTER TABLE items ADD COLUMN derived_from TEXT REFERENCES items(id);
      ALTER TABLE items ADD COLUMN derivation TEXT;
      -- Text extracted for search, and why extraction failed (never fatal).
      ALTER TABLE items ADD COLUMN extraction_error TEXT;
    `);
  },
};
