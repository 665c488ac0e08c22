import { randomUUID } from 'node:crypto';
import type { ExternalSource, PowerOfAttorney, TimelineEntry } from '../../../shared/model.ts';
import type { PowerOfAttorneyInput, SourceInput, TimelineEventInput } from '../../../shared/schemas.ts';
import { ArchiveError } from '../errors.ts';
import type { Database } from './database.ts';
import { prepared } from './statements.ts';

/** Timeline events, powers of attorney and external sources of a case. */
export class CaseRecordQueries {
  private readonly db: Database;
  constructor(db: Database) {
    this.db = db;
  }

  addTimelineEvent(input: TimelineEventInput): string {
    const id = randomUUID();
    prepared(
      this.db,
      'INSERT INTO timeline_events (id, case_id, date, approximate, kind, description, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ).run(id, input.caseId, input.date, input.approximate ? 1 : 0, input.kind, input.description, new Date().toISOString());
    const link = prepared(this.db, 'INSERT INTO timeline_links (event_id, item_id, person_id) VALUES (?, ?, ?)');
    for (const itemId of input.itemIds) link.run(id, itemId, null);
    for (const personId of input.personIds) link.run(id, null, personId);
    return id;
  }

  timeline(caseId: string): TimelineEntry[] {
    const rows = prepared(
      this.db,
      'SELECT id, date, approximate, kind, description FROM timeline_events WHERE case_id = ? ORDER BY date, created_at',
    ).all(caseId) as Array<{
      id: string;
      date: string;
      approximate: number;
      kind: string;
      description: string;
    }>;
    const links = prepared(this.db, 'SELECT item_id, person_id FROM timeline_links WHERE event_id = ?');
    return rows.map((row) => {
      const linked = links.all(row.id) as Array<{ item_id: string | null; person_id: string | null }>;
      return {
        id: row.id,
        date: row.date,
        approximate: row.approximate === 1,
        kind: row.kind,
        description: row.description,
        itemIds: linked.flatMap((l) => (l.item_id ? [l.item_id] : [])),
        personIds: linked.flatMap((l) => (l.person_id ? [l.person_id] : [])),
      };
    });
  }

  addPowerOfAttorney(input: PowerOfAttorneyInput): string {
    const id = randomUUID();
    prepared(
      this.db,
      `INSERT INTO powers_of_attorney (id, case_id, grantor_person_id, representative, scope, issued, valid_until, item_id, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      id,
      input.caseId,
      input.grantorPersonId,
      input.representative,
      JSON.stringify(input.scope),
      input.issued,
      input.validUntil ?? null,
      input.itemId ?? null,
      new Date().toISOString(),
    );
    return id;
  }

  revokePowerOfAttorney(id: string, revokedAt: string): void {
    const result = prepared(this.db, 'UPDATE powers_of_attorney SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL').run(revokedAt, id);
    if (result.changes === 0) throw new ArchiveError('not-found', `no unrevoked power of attorney with id ${id}`);
  }

  /** Powers of attorney of one case, or of all cases; `warnDays` decides which count as expiring. */
  powersOfAttorney(options: { caseId?: string; today: string; warnDays: number }): PowerOfAttorney[] {
    const rows = prepared(
      this.db,
      `SELECT poa.*, c.title AS case_title, p.name AS grantor_name FROM powers_of_attorney poa
         JOIN cases c ON c.id = poa.case_id JOIN persons p ON p.id = poa.grantor_person_id
         WHERE (? IS NULL OR poa.case_id = ?) ORDER BY coalesce(poa.valid_until, '9999'), poa.issued`,
    ).all(options.caseId ?? null, options.caseId ?? null) as Array<Record<string, string | null>>;
    const horizon = addDays(options.today, options.warnDays);
    return rows.map((row) => {
      const validUntil = row.valid_until ?? null;
      const state: PowerOfAttorney['state'] = row.revoked_at
        ? 'revoked'
        : validUntil && validUntil < options.today
          ? 'expired'
          : validUntil && validUntil <= horizon
            ? 'expiring'
            : 'valid';
      return {
        id: row.id!,
        caseId: row.case_id!,
        caseTitle: row.case_title!,
        grantorPersonId: row.grantor_person_id!,
        grantorName: row.grantor_name!,
        representative: row.representative!,
        scope: JSON.parse(row.scope!) as string[],
        issued: row.issued!,
        validUntil,
        revokedAt: row.revoked_at ?? null,
        itemId: row.item_id ?? null,
        state,
      };
    });
  }

  addSource(input: SourceInput): string {
    const id = randomUUID();
    prepared(
      this.db,
      'INSERT INTO sources (id, case_id, url, title, publisher, accessed_at, archived_item_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    ).run(
      id,
      input.caseId,
      input.url,
      input.title,
      input.publisher ?? null,
      input.accessedAt,
      input.archivedItemId ?? null,
      new Date().toISOString(),
    );
    return id;
  }

  sources(caseId: string): ExternalSource[] {
    return (
      prepared(
        this.db,
        'SELECT id, url, title, publisher, accessed_at, archived_item_id FROM sources WHERE case_id = ? ORDER BY accessed_at, created_at',
      ).all(caseId) as Array<{
        id: string;
        url: string;
        title: string;
        publisher: string | null;
        accessed_at: string;
        archived_item_id: string | null;
      }>
    ).map((row) => ({
      id: row.id,
      url: row.url,
      title: row.title,
      publisher: row.publisher,
      accessedAt: row.accessed_at,
      archivedItemId: row.archived_item_id,
    }));
  }
}

export function addDays(isoDate: string, days: number): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}
