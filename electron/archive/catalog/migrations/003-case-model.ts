import type { Migration } from './migration.ts';

/** The case model: statuses with history, charges, persons with every spelling and their roles, item metadata and provenance, search. */
export const caseModel: Migration = {
  version: 3,
  description: 'case details, persons and roles, item metadata, acquisition, search index',
  up(db) {
    db.exec(`
      ALTER TABLE cases ADD COLUMN region TEXT;
      ALTER TABLE cases ADD COLUMN city TEXT;
      ALTER TABLE cases ADD COLUMN narrative TEXT;
      ALTER TABLE cases ADD COLUMN tags TEXT NOT NULL DEFAULT '[]';
      ALTER TABLE cases ADD COLUMN confidentiality TEXT NOT NULL DEFAULT 'public';

      CREATE TABLE case_statuses (
        case_id TEXT NOT NULL REFERENCES cases(id),
        status TEXT NOT NULL,
        status_other TEXT,
        since TEXT,
        recorded_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX case_statuses_by_case ON case_statuses(case_id, recorded_at);

      CREATE TABLE charges (
        case_id TEXT NOT NULL REFERENCES cases(id),
        code TEXT NOT NULL,
        article TEXT NOT NULL,
        part TEXT,
        title TEXT
      ) STRICT;
      CREATE INDEX charges_by_article ON charges(article);
      CREATE INDEX charges_by_case ON charges(case_id);

      CREATE TABLE persons (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        birth_date TEXT,
        notes TEXT,
        confidentiality TEXT NOT NULL DEFAULT 'public',
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE TABLE person_aliases (person_id TEXT NOT NULL REFERENCES persons(id), alias TEXT NOT NULL) STRICT;
      CREATE INDEX person_aliases_by_person ON person_aliases(person_id);
      CREATE TABLE case_persons (
        case_id TEXT NOT NULL REFERENCES cases(id),
        person_id TEXT NOT NULL REFERENCES persons(id),
        role TEXT NOT NULL,
        PRIMARY KEY (case_id, person_id, role)
      ) STRICT;
      CREATE INDEX case_persons_by_person ON case_persons(person_id);

      ALTER TABLE items ADD COLUMN type TEXT NOT NULL DEFAULT 'other';
      ALTER TABLE items ADD COLUMN title TEXT;
      ALTER TABLE items ADD COLUMN document_date TEXT;
      ALTER TABLE items ADD COLUMN issuing_body TEXT;
      ALTER TABLE items ADD COLUMN language TEXT;
      ALTER TABLE items ADD COLUMN description TEXT;
      ALTER TABLE items ADD COLUMN confidentiality TEXT NOT NULL DEFAULT 'public';
      ALTER TABLE items ADD COLUMN source_mtime TEXT;

      CREATE TABLE acquisitions (
        item_id TEXT PRIMARY KEY REFERENCES items(id),
        obtained_from TEXT NOT NULL,
        method TEXT NOT NULL,
        obtained_at TEXT,
        obtained_by TEXT
      ) STRICT;

      -- Search: the text as written (for titles and snippets) in an ordinary table, and a
      -- contentless FTS5 index over its folded shadow (Kazakh → Russian letters, Cyrillic → Latin,
      -- no marks, lower case) that both documents and queries go through. Ranking reads only the
      -- index; the text is fetched for the few hits shown.
      CREATE TABLE search_docs (
        doc_rowid INTEGER PRIMARY KEY,
        kind TEXT NOT NULL,
        id TEXT NOT NULL,
        title TEXT NOT NULL,
        body TEXT NOT NULL,
        UNIQUE (kind, id)
      ) STRICT;
      CREATE VIRTUAL TABLE search_index USING fts5(
        folded, content = '', contentless_delete = 1,
        tokenize = 'unicode61 remove_diacritics 2'
      );
      -- How many documents hold each indexed word: tells a rare query from a very common one cheaply.
      CREATE VIRTUAL TABLE search_vocab USING fts5vocab(search_index, row);
    `);
  },
};
