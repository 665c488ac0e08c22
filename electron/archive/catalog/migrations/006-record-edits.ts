import type { Migration } from './migration.ts';

/** What the app's case-record forms need beyond the CLI's first model: places, page citations, source notes, merged persons. */
export const recordEdits: Migration = {
  version: 6,
  description: 'timeline places and page citations, source notes, persons merged into another',
  up(db) {
    db.exec(`
      ALTER TABLE timeline_events ADD COLUMN place TEXT;
      -- The page of a cited item (1-based), carried into the dossier as a pin cite.
      ALTER TABLE timeline_links ADD COLUMN page INTEGER;
      ALTER TABLE sources ADD COLUMN note TEXT;
      -- A person record found to be the same person as another: kept (with its history), pointing at the one kept.
      ALTER TABLE persons ADD COLUMN merged_into TEXT REFERENCES persons(id);
    `);
  },
};
