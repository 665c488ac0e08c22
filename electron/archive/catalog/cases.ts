import { randomUUID } from 'node:crypto';
import type { CaseDetail, CasePerson, CaseSummary, ChargeEntry, StatusEntry } from '../../../shared/model.ts';
import type { FullCaseInput } from '../../../shared/schemas.ts';
import { ArchiveError } from '../errors.ts';
import type { Database } from './database.ts';
import { prepared } from './statements.ts';

interface CaseRow {
  id: string;
  title: string;
  reference: string | null;
  created_at: string;
  item_count: number;
  status: string | null;
  region: string | null;
  city: string | null;
  narrative: string | null;
  tags: string;
  confidentiality: string;
  articles: string;
}

const toSummary = (row: CaseRow): CaseSummary => ({
  id: row.id,
  title: row.title,
  reference: row.reference,
  createdAt: row.created_at,
  itemCount: row.item_count,
  status: row.status,
  region: row.region,
  city: row.city,
  articles: JSON.parse(row.articles) as string[],
});

const SELECT_CASES = `
  SELECT c.id, c.title, c.reference, c.created_at, c.region, c.city, c.narrative, c.tags, c.confidentiality,
         (SELECT count(*) FROM items i WHERE i.case_id = c.id) AS item_count,
         (SELECT json_group_array(DISTINCT ch.article) FROM charges ch WHERE ch.case_id = c.id) AS articles,
         (SELECT s.status FROM case_statuses s WHERE s.case_id = c.id ORDER BY s.recorded_at DESC, s.rowid DESC LIMIT 1) AS status
  FROM cases c`;

export class CaseQueries {
  private readonly db: Database;
  constructor(db: Database) {
    this.db = db;
  }

  add(input: FullCaseInput): string {
    const id = randomUUID();
    const now = new Date().toISOString();
    prepared(
      this.db,
      'INSERT INTO cases (id, title, reference, created_at, region, city, narrative, tags, confidentiality) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    ).run(
      id,
      input.title,
      input.reference ?? null,
      now,
      input.region ?? null,
      input.city ?? null,
      input.narrative ?? null,
      JSON.stringify(input.tags ?? []),
      input.confidentiality ?? 'public',
    );
    if (input.status)
      this.addStatus(id, { status: input.status, statusOther: input.statusOther ?? null, since: input.statusSince ?? null });
    for (const charge of input.charges ?? []) this.addCharge(id, charge);
    return id;
  }

  addStatus(caseId: string, entry: { status: string; statusOther: string | null; since: string | null }): void {
    prepared(this.db, 'INSERT INTO case_statuses (case_id, status, status_other, since, recorded_at) VALUES (?, ?, ?, ?, ?)').run(
      caseId,
      entry.status,
      entry.statusOther,
      entry.since,
      new Date().toISOString(),
    );
  }

  addCharge(caseId: string, charge: { code: string; article: string; part?: string; title?: string }): void {
    prepared(this.db, 'INSERT INTO charges (case_id, code, article, part, title) VALUES (?, ?, ?, ?, ?)').run(
      caseId,
      charge.code,
      charge.article,
      charge.part ?? null,
      charge.title ?? null,
    );
  }

  /** Rewrites the editable fields of a case (the caller has merged the change into the current values). */
  update(id: string, fields: Pick<CaseDetail, 'title' | 'reference' | 'region' | 'city' | 'narrative' | 'tags' | 'confidentiality'>): void {
    prepared(
      this.db,
      'UPDATE cases SET title = ?, reference = ?, region = ?, city = ?, narrative = ?, tags = ?, confidentiality = ? WHERE id = ?',
    ).run(
      fields.title,
      fields.reference,
      fields.region,
      fields.city,
      fields.narrative,
      JSON.stringify(fields.tags),
      fields.confidentiality,
      id,
    );
  }

  replaceCharges(caseId: string, charges: Array<{ code: string; article: string; part?: string; title?: string }>): void {
    prepared(this.db, 'DELETE FROM charges WHERE case_id = ?').run(caseId);
    for (const charge of charges) this.addCharge(caseId, charge);
  }

  list(): CaseSummary[] {
    return (prepared(this.db, `${SELECT_CASES} ORDER BY c.created_at, c.id`).all() as CaseRow[]).map(toSummary);
  }

  /**
   * One stretch of the list in the same order as `list()`, and how many cases there are: the app
   * shows the first rows without waiting for all of them. The order and the stretch are chosen on
   * the bare table first, so the per-case counts are worked out only for the rows returned.
   */
  page(offset: number, limit: number): { cases: CaseSummary[]; total: number } {
    const rows = prepared(
      this.db,
      `${SELECT_CASES} JOIN (SELECT id FROM cases ORDER BY created_at, id LIMIT ? OFFSET ?) AS wanted ON wanted.id = c.id
       ORDER BY c.created_at, c.id`,
    ).all(limit, offset) as CaseRow[];
    const { total } = prepared(this.db, 'SELECT count(*) AS total FROM cases').get() as { total: number };
    return { cases: rows.map(toSummary), total };
  }

  summaries(ids: string[]): CaseSummary[] {
    const rows = prepared(this.db, `${SELECT_CASES} WHERE c.id IN (SELECT value FROM json_each(?))`).all(JSON.stringify(ids)) as CaseRow[];
    const byId = new Map(rows.map((row) => [row.id, toSummary(row)]));
    return [...new Set(ids)].flatMap((id) => byId.get(id) ?? []);
  }

  get(id: string): CaseSummary {
    return toSummary(this.row(id));
  }

  detail(id: string): Omit<CaseDetail, 'items' | 'timeline' | 'powersOfAttorney' | 'sources'> {
    const row = this.row(id);
    const statusHistory = (
      prepared(
        this.db,
        'SELECT status, status_other, since, recorded_at FROM case_statuses WHERE case_id = ? ORDER BY recorded_at, rowid',
      ).all(id) as Array<{
        status: string;
        status_other: string | null;
        since: string | null;
        recorded_at: string;
      }>
    ).map((s): StatusEntry => ({ status: s.status, statusOther: s.status_other, since: s.since, recordedAt: s.recorded_at }));
    const charges = prepared(this.db, 'SELECT code, article, part, title FROM charges WHERE case_id = ? ORDER BY rowid').all(
      id,
    ) as ChargeEntry[];
    const persons = prepared(
      this.db,
      'SELECT p.id AS personId, p.name AS name, cp.role AS role FROM case_persons cp JOIN persons p ON p.id = cp.person_id WHERE cp.case_id = ? ORDER BY cp.role, p.name',
    ).all(id) as CasePerson[];
    return {
      ...toSummary(row),
      region: row.region,
      city: row.city,
      narrative: row.narrative,
      tags: JSON.parse(row.tags) as string[],
      confidentiality: row.confidentiality,
      statusHistory,
      charges,
      persons,
    };
  }

  private row(id: string): CaseRow {
    const row = prepared(this.db, `${SELECT_CASES} WHERE c.id = ?`).get(id) as CaseRow | undefined;
    if (!row) throw new ArchiveError('not-found', `no case with id ${id}`);
    return row;
  }
}
