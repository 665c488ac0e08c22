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
  merged_into: string | null;
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
    this.setAliases(id, input.name, input.aliases);
    return id;
  }

  /** Replaces the other spellings of a person's name (the name itself is not repeated among them). */
  setAliases(id: string, name: string, aliases: string[]): void {
    prepared(this.db, 'DELETE FROM person_aliases WHERE person_id = ?').run(id);
    const alias = prepared(this.db, 'INSERT INTO person_aliases (person_id, alias) VALUES (?, ?)');
    for (const spelling of new Set(aliases)) if (spelling !== name) alias.run(id, spelling);
  }

  update(id: string, fields: { name: string; birthDate: string | null; notes: string | null; confidentiality: string }): void {
    prepared(this.db, 'UPDATE persons SET name = ?, birth_date = ?, notes = ?, confidentiality = ? WHERE id = ?').run(
      fields.name,
      fields.birthDate,
      fields.notes,
      fields.confidentiality,
      id,
    );
  }

  unlink(caseId: string, personId: string, role: string): boolean {
    return (
      prepared(this.db, 'DELETE FROM case_persons WHERE case_id = ? AND person_id = ? AND role = ?').run(caseId, personId, role).changes > 0
    );
  }

  /**
   * Moves every role, item link, timeline mention and power of attorney of `mergeId` to `keepId`
   * and marks `mergeId` as merged. The merged record stays (its custody history is under its id).
   */
  merge(keepId: string, mergeId: string): void {
    for (const table of ['case_persons', 'item_persons']) {
      prepared(this.db, `UPDATE OR IGNORE ${table} SET person_id = ? WHERE person_id = ?`).run(keepId, mergeId);
      // What is left already existed for the kept person (the same role in the same case).
      prepared(this.db, `DELETE FROM ${table} WHERE person_id = ?`).run(mergeId);
    }
    prepared(this.db, 'UPDATE timeline_links SET person_id = ? WHERE person_id = ?').run(keepId, mergeId);
    prepared(this.db, 'UPDATE powers_of_attorney SET grantor_person_id = ? WHERE grantor_person_id = ?').run(keepId, mergeId);
    prepared(this.db, 'UPDATE persons SET merged_into = ? WHERE id = ?').run(keepId, mergeId);
  }

  link(caseId: string, personId: string, role: string): boolean {
    return (
      prepared(this.db, 'INSERT OR IGNORE INTO case_persons (case_id, person_id, role) VALUES (?, ?, ?)').run(caseId, personId, role)
        .changes > 0
    );
  }

  get(id: string): PersonDetail {
    const row = prepared(this.db, 'SELECT id, name, birth_date, notes, confidentiality, merged_into FROM persons WHERE id = ?').get(id) as
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
      mergedInto: row.merged_into,
      mergedFrom: prepared(this.db, 'SELECT id, name FROM persons WHERE merged_into = ? ORDER BY name').all(
        id,
      ) as PersonDetail['mergedFrom'],
    };
  }

  list(): Array<{ id: string; name: string }> {
    return prepared(this.db, 'SELECT id, name FROM persons WHERE merged_into IS NULL ORDER BY name, id').all() as Array<{
      id: string;
      name: string;
    }>;
  }
}
