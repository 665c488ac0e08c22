import { randomUUID } from 'node:crypto';
import type { CaseInput } from '../../../shared/schemas.ts';
import type { CaseSummary } from '../../../shared/model.ts';
import { ArchiveError } from '../errors.ts';
import type { Database } from './database.ts';

interface CaseRow {
  id: string;
  title: string;
  reference: string | null;
  created_at: string;
  item_count: number;
}

const toSummary = (row: CaseRow): CaseSummary => ({
  id: row.id,
  title: row.title,
  reference: row.reference,
  createdAt: row.created_at,
  itemCount: row.item_count,
});

const SELECT_CASES = `
  SELECT c.id, c.title, c.reference, c.created_at,
         (SELECT count(*) FROM items i WHERE i.case_id = c.id) AS item_count
  FROM cases c`;

export class CaseQueries {
  private readonly db: Database;
  constructor(db: Database) {
    this.db = db;
  }

  add(input: CaseInput): string {
    const id = randomUUID();
    this.db
      .prepare('INSERT INTO cases (id, title, reference, created_at) VALUES (?, ?, ?, ?)')
      .run(id, input.title, input.reference ?? null, new Date().toISOString());
    return id;
  }

  list(): CaseSummary[] {
    return (this.db.prepare(`${SELECT_CASES} ORDER BY c.created_at, c.id`).all() as CaseRow[]).map(toSummary);
  }

  get(id: string): CaseSummary {
    const row = this.db.prepare(`${SELECT_CASES} WHERE c.id = ?`).get(id) as CaseRow | undefined;
    if (!row) throw new ArchiveError('not-found', `no case with id ${id}`);
    return toSummary(row);
  }
}
