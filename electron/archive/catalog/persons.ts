import { randomUUID } from 'node:crypto';
import type { PersonDetail } from '../../../shared/model.ts';
import type { PersonInput } from '../../../shared/schemas.ts';
import { ArchiveError } from '../errors.ts';
import type { Database } from './database.ts';
import { prepared } from './statements.ts';

interface PersonRow {
  id: string;
  name: string;
  birth_date: string | null;
  notes: string | null;
  confidentiality: string;
}

export class PersonQueries {
  private readonly db: Database;
  constructor(db: Database) {
    this.db = db;
  }

  add(input: PersonInput): string {
    const id = randomUUID();
    prepared(this.db, 'INSERT INTO persons (id, name, birth_date, notes, confidentiality, created_at) VALUES (?, ?, ?, ?, ?, ?)').run(
      id,
      input.name,
      input.birthDate ?? null,
      input.notes ?? null,
      input.confidentiality,
      new Date().toISOString(),
    );
    const alias = prepared(this.db, 'INSERT INTO person_aliases (person_id, alias) VALUES (?, ?)');
    for (const name of new Set(input.aliases)) if (name !== input.name) alias.run(id, name);
    return id;
  }

  link(caseId: string, personId: string, role: string): boolean {
    return (
      prepared(this.db, 'INSERT OR IGNORE INTO case_persons (case_id, person_id, role) VALUES (?, ?, ?)').run(caseId, personId, role)
        .changes > 0
    );
  }

  get(id: string): PersonDetail {
    const row = prepared(this.db, 'SELECT id, name, birth_date, notes, confidentiality FROM persons WHERE id = ?').get(id) as
      PersonRow | undefined;
    if (!row) throw new ArchiveError('not-found', `no person with id ${id}`);
    const aliases = prepared(this.db, 'SELECT alias FROM person_aliases WHERE person_id = ? ORDER BY rowid').pluck().all(id) as string[];
    const cases = prepared(
      this.db,
      'SELECT cp.case_id AS caseId, c.title AS title, cp.role AS role FROM case_persons cp JOIN cases c ON c.id = cp.case_id WHERE cp.person_id = ? ORDER BY c.created_at',
    ).all(id) as PersonDetail['cases'];
    return {
      id: row.id,
      name: row.name,
      aliases,
      birthDate: row.birth_date,
      notes: row.notes,
      confidentiality: row.confidentiality,
      cases,
    };
  }

  list(): Array<{ id: string; name: string }> {
    return prepared(this.db, 'SELECT id, name FROM persons ORDER BY name, id').all() as Array<{ id: string; name: string }>;
  }
}
