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
      'INSERT INTO timeline_events (id, case_id, date, approximate, kind, description, place, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    ).run(
      id,
      input.caseId,
      input.date,
      input.approximate ? 1 : 0,
      input.kind,
      input.description,
      input.place ?? null,
      new Date().toISOString(),
    );
    const cited = new Map(input.itemIds.map((itemId) => [itemId, null as number | null]));
    for (const citation of input.citations ?? []) cited.set(citation.itemId, citation.page ?? null);
    this.setCitations(
      id,
      [...cited].map(([itemId, page]) => ({ itemId, page })),
    );
    this.setEventPersons(id, input.personIds);
    return id;
  }

  timelineEvent(id: string): TimelineEntry & { caseId: string } {
    const row = prepared(this.db, 'SELECT case_id FROM timeline_events WHERE id = ?').get(id) as { case_id: string } | undefined;
    if (!row) throw new ArchiveError('not-found', `no timeline event with id ${id}`);
    return { ...this.timeline(row.case_id).find((event) => event.id === id)!, caseId: row.case_id };
  }

  updateTimelineEvent(id: string, fields: Pick<TimelineEntry, 'date' | 'approximate' | 'kind' | 'description' | 'place'>): void {
    prepared(this.db, 'UPDATE timeline_events SET date = ?, approximate = ?, kind = ?, description = ?, place = ? WHERE id = ?').run(
      fields.date,
      fields.approximate ? 1 : 0,
      fields.kind,
      fields.description,
      fields.place,
      id,
    );
  }

  /** Replaces the items an event cites (with their pages). */
  setCitations(eventId: string, citations: Array<{ itemId: string; page: number | null }>): void {
    prepared(this.db, 'DELETE FROM timeline_links WHERE event_id = ? AND item_id IS NOT NULL').run(eventId);
    const link = prepared(this.db, 'INSERT INTO timeline_links (event_id, item_id, person_id, page) VALUES (?, ?, NULL, ?)');
    for (const { itemId, page } of citations) link.run(eventId, itemId, page);
  }

  setEventPersons(eventId: string, personIds: string[]): void {
    prepared(this.db, 'DELETE FROM timeline_links WHERE event_id = ? AND person_id IS NOT NULL').run(eventId);
    const link = prepared(this.db, 'INSERT INTO timeline_links (event_id, item_id, person_id) VALUES (?, NULL, ?)');
    for (const personId of new Set(personIds)) link.run(eventId, personId);
  }

  timeline(caseId: string): TimelineEntry[] {
    const rows = prepared(
      this.db,
      'SELECT id, date, approximate, kind, description, place FROM timeline_events WHERE case_id = ? ORDER BY date, created_at',
    ).all(caseId) as Array<{
      id: string;
      date: string;
      approximate: number;
      kind: string;
      description: string;
      place: string | null;
    }>;
    const links = prepared(this.db, 'SELECT item_id, person_id, page FROM timeline_links WHERE event_id = ? ORDER BY rowid');
    return rows.map((row) => {
      const linked = links.all(row.id) as Array<{ item_id: string | null; person_id: string | null; page: number | null }>;
      return {
        id: row.id,
        date: row.date,
        approximate: row.approximate === 1,
        kind: row.kind,
        description: row.description,
        itemIds: linked.flatMap((l) => (l.item_id ? [l.item_id] : [])),
        personIds: linked.flatMap((l) => (l.person_id ? [l.person_id] : [])),
        place: row.place,
        citations: linked.flatMap((l) => (l.item_id ? [{ itemId: l.item_id, page: l.page }] : [])),
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
      'INSERT INTO sources (id, case_id, url, title, publisher, accessed_at, archived_item_id, note, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    ).run(
      id,
      input.caseId,
      input.url,
      input.title,
      input.publisher ?? null,
      input.accessedAt,
      input.archivedItemId ?? null,
      input.note ?? null,
      new Date().toISOString(),
    );
    return id;
  }

  sources(caseId: string): ExternalSource[] {
    return (
      prepared(
        this.db,
        'SELECT id, url, title, publisher, accessed_at, archived_item_id, note FROM sources WHERE case_id = ? ORDER BY accessed_at, created_at',
      ).all(caseId) as Array<{
        id: string;
        url: string;
        title: string;
        publisher: string | null;
        accessed_at: string;
        archived_item_id: string | null;
        note: string | null;
      }>
    ).map((row) => ({
      id: row.id,
      url: row.url,
      title: row.title,
      publisher: row.publisher,
      accessedAt: row.accessed_at,
      archivedItemId: row.archived_item_id,
      note: row.note,
    }));
  }
}

export function addDays(isoDate: string, days: number): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}
