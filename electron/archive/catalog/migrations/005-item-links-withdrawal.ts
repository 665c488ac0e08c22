import type { Migration } from './migration.ts';

export const itemLinksAndWithdrawal: Migration = {
  version: 5,
  description: 'items linked to more cases and to persons; withdrawal from view',
  up(db) {
    db.exec(`
      CREATE TABLE item_cases (
        item_id TEXT NOT NULL REFERENCES items(id),
        case_id TEXT NOT NULL REFERENCES cases(id),
        PRIMARY KEY (item_id, case_id)
      ) STRICT;
      CREATE INDEX item_cases_by_case ON item_cases(case_id);
      CREATE TABLE item_persons (
        item_id TEXT NOT NULL REFERENCES items(id),
        person_id TEXT NOT NULL REFERENCES persons(id),
        PRIMARY KEY (item_id, person_id)
      ) STRICT;
      CREATE INDEX item_persons_by_person ON item_persons(person_id);
      -- Withdrawn items leave the working views; the record and its custody history stay.
      ALTER TABLE items ADD COLUMN withdrawn_at TEXT;
      ALTER TABLE items ADD COLUMN withdrawn_reason TEXT;
    `);
  },
};
